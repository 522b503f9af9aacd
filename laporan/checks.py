"""System checks of the LAKIP: the address printed in QR codes must be the site's own."""

from django.conf import settings
from django.core.checks import Error, Tags, register

_SETEMPAT = ("://127.0.0.1", "://localhost", "://0.0.0.0")


@register(Tags.security, deploy=True)
def periksa_site_url(app_configs, **kwargs):
    """`check --deploy` fails while SITE_URL is unset or local: every QR code and verification
    link printed outside a request (PDF exports, finalised reports) would point nowhere."""
    alamat = getattr(settings, "SITE_URL", "") or ""
    if not alamat or any(s in alamat for s in _SETEMPAT):
        return [
            Error(
                "SITE_URL belum diatur ke alamat situs yang sebenarnya.",
                hint="Atur variabel lingkungan SITE_URL, mis. https://sakip.example.go.id.",
                id="laporan.E001",
            )
        ]
    return []
