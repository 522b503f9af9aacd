from django.apps import AppConfig


class LogistikConfig(AppConfig):
    name = "logistik"
    verbose_name = "Logistik"
