from django.apps import AppConfig


class PublikConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publik"
    verbose_name = "Publikasi"
