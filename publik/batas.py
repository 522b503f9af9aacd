"""A small per-client rate limit for the anonymous pages, counted in the cache.

The client is organisasi.alamat.alamat_klien's (REMOTE_ADDR, or the address behind the
TRUSTED_PROXIES): X-Forwarded-For from anyone else does not buy a fresh allowance.
A fixed one-minute window: simple, and enough to keep a scraper from rendering pages in a
loop; the cache makes repeated answers cheap anyway.
"""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from organisasi.alamat import alamat_klien

PESAN = "Terlalu banyak permintaan dari alamat Anda. Silakan coba lagi dalam satu menit."


def batas_per_klien(view):
    @wraps(view)
    def dibatasi(request, *args, **kwargs):
        batas = settings.PUBLIK_BATAS_PER_MENIT
        jendela = int(time.time() // 60)
        kunci = f"publik:batas:{alamat_klien(request) or '-'}:{jendela}"
        cache.add(kunci, 0, timeout=70)
        try:
            jumlah = cache.incr(kunci)
        except ValueError:  # expired between add and incr
            cache.set(kunci, 1, timeout=70)
            jumlah = 1
        if jumlah > batas:
            response = HttpResponse(PESAN, status=429, content_type="text/plain; charset=utf-8")
            response["Retry-After"] = "60"
            return response
        return view(request, *args, **kwargs)

    return dibatasi
