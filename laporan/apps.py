from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = "Laporan"

    def ready(self) -> None:
        from evaluasi.sumber import daftarkan
        from laporan import checks  # noqa: F401 - registers the deploy check
        from laporan.lke import dokumen_laporan, saran_laporan

        daftarkan(saran=saran_laporan, dokumen=dokumen_laporan)
