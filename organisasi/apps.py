from django.apps import AppConfig


class OrganisasiConfig(AppConfig):
    name = "organisasi"
    verbose_name = "Organisasi"

    def ready(self):
        from organisasi.tahun import daftarkan

        daftarkan()
