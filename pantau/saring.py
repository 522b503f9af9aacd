"""The monitoring rows as the page shows them: filtered and sorted by the GET parameters
(provinsi, kategori, status, urut). The page, its XLSX and CSV and the background XLSX read
the rows through `baris_pantau`, so an export holds exactly the rows on screen."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from organisasi.models import Organisasi
from pantau.selectors import LABEL_LAKIP, BarisPantau, anak_langsung, pantau_organisasi

KECIL = Decimal("-1")
URUTAN = {
    "nama": lambda b: (b.organisasi.nama,),
    "provinsi": lambda b: (b.organisasi.provinsi, b.organisasi.nama),
    "capaian": lambda b: (b.rata_capaian if b.rata_capaian is not None else KECIL,),
    "serapan": lambda b: (b.serapan if b.serapan is not None else KECIL,),
    "terisi": lambda b: (b.terisi,),
    "terlambat": lambda b: (len(b.terlambat),),
}
PARAMETER = ("provinsi", "kategori", "status", "urut")
BATAS_CUCU = 100


@dataclass
class HasilPantau:
    semua: list[BarisPantau]  # every organisation directly below, unfiltered
    baris: list[BarisPantau]  # those shown, filtered and sorted
    urut: str  # the sort applied ("" when none or unknown)


def _saring(baris: list[BarisPantau], get: Mapping[str, str]) -> list[BarisPantau]:
    if provinsi := get.get("provinsi"):
        baris = [b for b in baris if b.organisasi.provinsi == provinsi]
    if kategori := get.get("kategori"):
        baris = [b for b in baris if b.kategori is not None and b.kategori.nama == kategori]
    if (status := get.get("status")) in LABEL_LAKIP:
        baris = [b for b in baris if b.lakip == status]
    return baris


def _urut(baris: list[BarisPantau], urut: str) -> tuple[list[BarisPantau], str]:
    kunci = urut.removeprefix("-")
    if kunci not in URUTAN:
        return baris, ""
    return sorted(baris, key=URUTAN[kunci], reverse=urut.startswith("-")), urut


def baris_pantau(*, organisasi: Organisasi, tahun: int, get: Mapping[str, str]) -> HasilPantau:
    """The rows of the organisations directly below, filtered and sorted; each with the rows
    of its own children (unfiltered, by name) when there are at most BATAS_CUCU of those in
    all, read in the same bulk pass (one query more, whatever their number). Above that
    (the KPU RI's 500-odd kab/kota) a child's row links to its own monitoring page instead."""
    anak = anak_langsung(organisasi)
    cucu = list(Organisasi.objects.filter(induk__in=anak).order_by("nama")[: BATAS_CUCU + 1])
    if len(cucu) > BATAS_CUCU:
        cucu = []
    semua_baris = pantau_organisasi(daftar=anak + cucu, tahun=tahun)
    semua, per_induk = semua_baris[: len(anak)], {b.organisasi.pk: b for b in semua_baris}
    for b in semua_baris[len(anak) :]:
        if (induk := per_induk.get(b.organisasi.induk_id or 0)) is not None:
            induk.bawah.append(b)
    baris, urut = _urut(_saring(semua, get), get.get("urut", ""))
    return HasilPantau(semua=semua, baris=baris, urut=urut)


def parameter(get: Mapping[str, str]) -> dict[str, str]:
    """The filter and sort parameters of a request, as plain data for a task."""
    return {k: str(get[k]) for k in PARAMETER if get.get(k)}
