"""The verifier's writes: verifying submitted values, or returning them to the staff."""

from datetime import date

from inti.galat import Ditolak
from kinerja.models import KunciTahun, Realisasi
from kinerja.realisasi.aturan import konflik_versi
from kinerja.realisasi.services.terjaga import (
    KonflikVersi,
    atomik,
    pastikan_boleh_memverifikasi,
    pastikan_unit_terbuka,
    realisasi_periode,
    ubah_status,
)
from organisasi.models import Pengguna, UnitKerja


def _dipilih(
    *, unit_kerja: UnitKerja, tahun: int, periode: str, versi: dict[int, int], status: list[str]
) -> list[Realisasi]:
    """The chosen values at the version the verifier saw (checked again in the UPDATE)."""
    if not versi:
        raise Ditolak("Pilih paling sedikit satu nilai.")
    baris = list(
        realisasi_periode(unit_kerja=unit_kerja, tahun=tahun, periode=periode)
        .filter(pk__in=list(versi), status__in=status)
        .select_related("indikator", "tingkat", "diubah_oleh")
    )
    if len(baris) != len(versi):
        raise Ditolak("Sebagian nilai yang dipilih sudah berubah statusnya. Muat ulang halaman.")
    konflik = [
        k
        for r in baris
        if (k := konflik_versi(r, indikator=r.indikator, versi_dilihat=versi[r.pk]))
    ]
    if konflik:
        raise KonflikVersi(konflik)
    return baris


@atomik()
def realisasi_verifikasi(
    *, pengguna: Pengguna, unit_kerja: UnitKerja, tahun: int, periode: str, versi: dict[int, int]
) -> int:
    """Verify submitted values (realisasi pk → the version the verifier saw)."""
    pastikan_boleh_memverifikasi(pengguna, unit_kerja, "memverifikasi")
    if KunciTahun.objects.filter(organisasi_id=unit_kerja.organisasi_id, tahun=tahun).exists():
        pastikan_unit_terbuka(unit_kerja=unit_kerja, tahun=tahun, periode=periode)
    baris = _dipilih(
        unit_kerja=unit_kerja,
        tahun=tahun,
        periode=periode,
        versi=versi,
        status=[Realisasi.Status.DIAJUKAN],
    )
    ubah_status(
        baris,
        pengguna=pengguna,
        status=Realisasi.Status.DIVERIFIKASI,
        alasan="Diverifikasi",
        tahun=tahun,
        periode=periode,
        catatan="",
    )
    return len(baris)


@atomik()
def realisasi_kembalikan(
    *,
    pengguna: Pengguna,
    unit_kerja: UnitKerja,
    tahun: int,
    periode: str,
    versi: dict[int, int],
    catatan: str,
    hari_ini: date | None = None,
) -> int:
    """Return submitted (or verified) values to the staff with a comment; editable again."""
    pastikan_boleh_memverifikasi(pengguna, unit_kerja, "mengembalikan")
    catatan = catatan.strip()
    if not catatan:
        raise Ditolak("Tulis alasan pengembalian.")
    pastikan_unit_terbuka(unit_kerja=unit_kerja, tahun=tahun, periode=periode, hari_ini=hari_ini)
    baris = _dipilih(
        unit_kerja=unit_kerja,
        tahun=tahun,
        periode=periode,
        versi=versi,
        status=[Realisasi.Status.DIAJUKAN, Realisasi.Status.DIVERIFIKASI],
    )
    ubah_status(
        baris,
        pengguna=pengguna,
        status=Realisasi.Status.DIKEMBALIKAN,
        alasan=f"Dikembalikan: {catatan}",
        tahun=tahun,
        periode=periode,
        catatan=catatan,
    )
    return len(baris)
