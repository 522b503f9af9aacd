"""The `<tahun:...>` URL converter: every URL with a year takes it through here.

A year outside 2000-2100 (0, 99999, thirty digits) never reaches a view: the URL does not match
and the answer is 404, instead of a 500 from date arithmetic or an integer the database cannot
hold. Registered once, in OrganisasiConfig.ready(), before any URLconf is loaded.
"""

from django.urls import register_converter

TAHUN_MIN = 2000
TAHUN_MAKS = 2100


class TahunConverter:
    # Four digits 2000-2099, or 2100: the regex alone bounds the range, so reverse() agrees.
    regex = "20[0-9]{2}|2100"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        tahun = int(value)
        if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
            raise ValueError(f"tahun di luar {TAHUN_MIN}-{TAHUN_MAKS}: {value}")
        return str(tahun)


def daftarkan() -> None:
    register_converter(TahunConverter, "tahun")
