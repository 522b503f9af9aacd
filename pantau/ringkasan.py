"""The totals the monitoring page charts (and tabulates beside each chart), over the rows
shown: organisations per category of their average capaian, entry per quarter."""

from dataclasses import dataclass

from inti.capaian import SKALA_CAPAIAN_BAKU, Rentang, Status
from pantau.selectors import BarisPantau
from pantau.tabel import kategori_semua

BELUM_ADA = str(Status.BELUM_ADA_REALISASI.label)
TANPA_CAPAIAN = "Belum ada capaian"


def sebaran_kategori(baris: list[BarisPantau]) -> list[tuple[str, int, Rentang | None]]:
    """How many organisations fall in each category of their average capaian, in scale
    order, those without one last (the numbers the chart and its table show)."""
    hitungan: dict[str, int] = dict.fromkeys(kategori_semua(baris), 0)
    hitungan.pop(BELUM_ADA, None)
    # A band no organisation falls in still shows the mark of the standard band of its name.
    rentang: dict[str, Rentang] = {r.nama: r for r in SKALA_CAPAIAN_BAKU}
    for b in baris:
        if b.kategori is not None:
            hitungan[b.kategori.nama] = hitungan.get(b.kategori.nama, 0) + 1
            rentang[b.kategori.nama] = b.kategori
    hasil = [(nama, n, rentang.get(nama)) for nama, n in hitungan.items()]
    tanpa = sum(b.kategori is None for b in baris)
    return [*hasil, (TANPA_CAPAIAN, tanpa, None)]


@dataclass(frozen=True)
class IsianTriwulan:
    label: str
    diharapkan: int
    diverifikasi: int
    belum_diverifikasi: int  # entered, not (yet) verified
    belum_diisi: int


def isian_triwulan(baris: list[BarisPantau]) -> list[IsianTriwulan]:
    """Entry per quarter summed over the organisations shown."""
    if not baris:
        return []
    hasil = []
    for i, t in enumerate(baris[0].triwulan):
        diharapkan = sum(b.triwulan[i].diharapkan for b in baris)
        terisi = sum(b.triwulan[i].terisi for b in baris)
        diverifikasi = sum(b.triwulan[i].diverifikasi for b in baris)
        hasil.append(
            IsianTriwulan(
                label=str(t.periode.label),
                diharapkan=diharapkan,
                diverifikasi=diverifikasi,
                belum_diverifikasi=terisi - diverifikasi,
                belum_diisi=max(diharapkan - terisi, 0),
            )
        )
    return hasil
