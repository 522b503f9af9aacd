from django.apps import AppConfig


class PublikConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publik"
    verbose_name = "Publikasi"

    def ready(self) -> None:
        from evaluasi.sumber import daftarkan
        from publik.lke import dokumen_renstra

        daftarkan(dokumen=dokumen_renstra)
