"""Configurations of third-party apps whose admin section needs an Indonesian name."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    """django-axes (login lockout) names its admin section "Axes"."""

    verbose_name = _("Pembatasan login")
