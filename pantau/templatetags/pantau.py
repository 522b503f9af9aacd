from django import template

from organisasi.akses import melihat_semua_unit
from organisasi.models import Organisasi

register = template.Library()


@register.filter
def boleh_pantau(user) -> bool:
    """The menu's Pemantauan: for pimpinan and admins of an organisation with others below
    it. One query, only for them."""
    return (
        melihat_semua_unit(user)
        and user.organisasi_id is not None
        and Organisasi.objects.filter(induk_id=user.organisasi_id).exists()
    )
