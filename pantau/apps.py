from django.apps import AppConfig


class PantauConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pantau"
    verbose_name = "Pemantauan"
