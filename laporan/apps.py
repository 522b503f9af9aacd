from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = "Laporan"

    def ready(self) -> None:
        from laporan import checks  # noqa: F401 - registers the deploy check
