"""One rule for every write to a realisasi outside the entry services (the Django admin's
change, add, delete and history pages, and its import): the value's period must be open for
the indicator's unit.

A final report locks its year (KunciTahun), which closes every period; so a value printed in
a final LAKIP cannot change behind it. To correct one, an admin reopens the unit's period
with a reason (kinerja.services.periode_buka_kembali), and the report page then says that the
data changed since finalisation. The entry form and the Excel import check the same through
kinerja.selectors.status_periode.
"""

from django.core.exceptions import ValidationError

from kinerja.models import Periode
from kinerja.selectors import status_periode


def pesan_periode_tertutup(*, indikator, tahun: int, periode: str) -> str | None:
    """Why a realisasi of this indicator, year and period may not be written now (None: it may)."""
    unit = indikator.unit_kerja
    organisasi = indikator.sasaran.renstra.organisasi
    status = status_periode(organisasi=organisasi, tahun=tahun, unit_kerja=unit)[Periode(periode)]
    if status.terbuka:
        return None
    sebab = " (laporan tahun ini sudah final)" if status.kunci_tahun else ""
    return (
        f"{Periode(periode).label} {tahun} sudah ditutup"
        + (f" untuk {unit.nama}" if unit else "")
        + f"{sebab}; buka kembali periodenya lebih dulu."
    )


def pastikan_periode_terbuka(*, indikator, tahun: int, periode: str) -> None:
    pesan = pesan_periode_tertutup(indikator=indikator, tahun=tahun, periode=periode)
    if pesan:
        raise ValidationError(pesan)
