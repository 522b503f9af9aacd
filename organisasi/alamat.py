"""The client's address for the login lockout (django-axes), behind a reverse proxy or not.

Without a proxy the address is REMOTE_ADDR and X-Forwarded-For is ignored: anyone can send
that header. Behind the documented reverse proxy every request comes from the proxy's address,
so the lockout (per username and address) would let anyone lock anyone out; the proxies listed
in settings.TRUSTED_PROXIES (environment TRUSTED_PROXIES) are therefore looked through: walking
X-Forwarded-For from the right, the first address that is not a trusted proxy is the client.
Entries to its left were written by the client and are never believed.

Own code rather than django-ipware: ipware matches trusted proxies against the header's own
entries, while what we know to trust is the peer that connected (REMOTE_ADDR).
"""

from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network

from django.conf import settings
from django.http import HttpRequest


@lru_cache(maxsize=8)
def _jaringan(daftar: tuple[str, ...]) -> tuple[IPv4Network | IPv6Network, ...]:
    return tuple(ip_network(item, strict=False) for item in daftar)


def proksi_terpercaya(daftar) -> tuple[IPv4Network | IPv6Network, ...]:
    """Parses TRUSTED_PROXIES (addresses or networks); a wrong entry raises ValueError."""
    return _jaringan(tuple(str(item).strip() for item in daftar))


def _terpercaya(alamat: str, jaringan) -> bool:
    try:
        ip = ip_address(alamat)
    except ValueError:
        return False
    return any(ip in j for j in jaringan)


def alamat_klien(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the address a lockout counts against."""
    alamat = request.META.get("REMOTE_ADDR")
    jaringan = proksi_terpercaya(getattr(settings, "TRUSTED_PROXIES", ()))
    if not alamat or not _terpercaya(alamat, jaringan):
        return alamat
    diteruskan = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entri in reversed([e.strip() for e in diteruskan.split(",")]):
        try:
            ip_address(entri)
        except ValueError:
            # a trusted proxy passed on something that is not an address: stop at that proxy
            return alamat
        if not _terpercaya(entri, jaringan):
            return entri
        alamat = entri
    return alamat
