"""Reads of the budget: pagu, realisasi and absorption per program of a year.

One implementation for every page that shows them (the LAKIP's chapters and Beranda's chart).
Absorption and its category come from the pure engine (inti.capaian); the category's
scale is passed in, so this module does not need to know where a Renstra keeps it.
Four queries, whatever the number of programs and kegiatan.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from anggaran.models import AnggaranKegiatan, Program, RealisasiAnggaranBulanan, RealisasiProgram
from inti.capaian import Rentang, klasifikasi, serapan_anggaran
from organisasi.models import Organisasi

NOL = Decimal(0)


@dataclass
class AnggaranProgram:
    program: Program
    pagu: Decimal
    realisasi: Decimal | None
    serapan: Decimal | None
    kategori: Rentang | None
    kegiatan: list[AnggaranKegiatan]


@dataclass
class RealisasiAnggaran:
    program: list[AnggaranProgram]
    pagu: Decimal
    realisasi: Decimal | None
    serapan: Decimal | None
    kategori: Rentang | None
    lengkap: bool  # every program has a realisasi

    @property
    def program_tanpa_realisasi(self) -> list[AnggaranProgram]:
        return [p for p in self.program if p.realisasi is None]


def realisasi_anggaran(
    *, organisasi: Organisasi, tahun: int, skala: tuple[Rentang, ...]
) -> RealisasiAnggaran:
    """Pagu per program (the sum of its kegiatan, in the database), realisasi per program
    (reported for the program, else the sum of its kegiatan), absorption and its category on
    `skala` (the Renstra's budget-effectiveness scale)."""
    qs = AnggaranKegiatan.objects.filter(kegiatan__program__organisasi=organisasi, tahun=tahun)
    kegiatan = list(
        qs.select_related("kegiatan__program").order_by(
            "kegiatan__program__urutan",
            "kegiatan__program__kode",
            "kegiatan__urutan",
            "kegiatan__kode",
        )
    )
    per_program = {
        r["kegiatan__program"]: r
        for r in qs.values("kegiatan__program").annotate(
            pagu_total=Sum("pagu"), realisasi_total=Sum("realisasi"), ada=Count("realisasi")
        )
    }
    dilaporkan = dict(
        RealisasiProgram.objects.filter(program__organisasi=organisasi, tahun=tahun).values_list(
            "program_id", "realisasi"
        )
    )
    total_pagu = qs.aggregate(t=Sum("pagu"))["t"] or NOL

    program: dict[int, AnggaranProgram] = {}
    for ak in kegiatan:
        p = ak.kegiatan.program
        if p.pk not in program:
            jumlah = per_program[p.pk]
            realisasi = dilaporkan.get(p.pk)
            if realisasi is None and jumlah["ada"]:
                realisasi = jumlah["realisasi_total"]
            serapan = serapan_anggaran(pagu=jumlah["pagu_total"], realisasi=realisasi)
            program[p.pk] = AnggaranProgram(
                program=p,
                pagu=jumlah["pagu_total"],
                realisasi=realisasi,
                serapan=serapan,
                kategori=klasifikasi(serapan, skala) if serapan is not None else None,
                kegiatan=[],
            )
        program[p.pk].kegiatan.append(ak)

    daftar = list(program.values())
    diketahui = [p.realisasi for p in daftar if p.realisasi is not None]
    total_realisasi = sum(diketahui, NOL) if diketahui else None
    serapan = serapan_anggaran(pagu=total_pagu, realisasi=total_realisasi)
    return RealisasiAnggaran(
        program=daftar,
        pagu=total_pagu,
        realisasi=total_realisasi,
        serapan=serapan,
        kategori=klasifikasi(serapan, skala) if serapan is not None else None,
        lengkap=len(diketahui) == len(daftar),
    )


@dataclass
class BarisBulanan:
    """A kegiatan's months of one year, its quarters (TW I-IV) and the share of its pagu
    absorbed by the end of each quarter."""

    anggaran: AnggaranKegiatan
    bulan: dict[int, Decimal]
    triwulan: list[Decimal | None]
    serapan_kumulatif: list[Decimal | None]

    @property
    def per_triwulan(self) -> list[tuple[str, Decimal | None, Decimal | None]]:
        """(TW I, its total, absorption by its end), ... for the page."""
        nama = ("TW I", "TW II", "TW III", "TW IV")
        return list(zip(nama, self.triwulan, self.serapan_kumulatif, strict=True))


def realisasi_bulanan(*, organisasi: Organisasi, tahun: int) -> list[BarisBulanan]:
    """Every kegiatan with a pagu in `tahun`, in the budget's order, with its monthly
    realisasi. Two queries."""
    anggaran = list(
        AnggaranKegiatan.objects.filter(kegiatan__program__organisasi=organisasi, tahun=tahun)
        .select_related("kegiatan__program")
        .order_by(
            "kegiatan__program__urutan",
            "kegiatan__program__kode",
            "kegiatan__urutan",
            "kegiatan__kode",
        )
    )
    bulan: dict[int, dict[int, Decimal]] = {}
    for b in RealisasiAnggaranBulanan.objects.filter(anggaran_kegiatan__in=anggaran):
        bulan.setdefault(b.anggaran_kegiatan_id, {})[b.bulan] = b.jumlah
    hasil = []
    for ak in anggaran:
        isi = bulan.get(ak.pk, {})
        triwulan: list[Decimal | None] = []
        serapan: list[Decimal | None] = []
        kumulatif = NOL
        for tw in range(4):
            nilai = [isi[m] for m in range(tw * 3 + 1, tw * 3 + 4) if m in isi]
            triwulan.append(sum(nilai, NOL) if nilai else None)
            kumulatif += sum(nilai, NOL)
            serapan.append(serapan_anggaran(pagu=ak.pagu, realisasi=kumulatif) if isi else None)
        hasil.append(BarisBulanan(ak, isi, triwulan, serapan))
    return hasil
