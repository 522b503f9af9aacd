"""Pemantauan: one row per organisation below another, for its pimpinan and admins.

Every figure of every row comes from a fixed number of bulk queries (about a dozen),
whatever the number of organisations: agreements, targets, realisasi, scales, budgets,
reports and deadlines are each read once for all of them and grouped in Python, and the
capaian of each indicator is the engine's (kinerja.capaian.hitung), as in the LAKIP.

Choices where the brief was silent:
- expected entries per quarter: the indicators of the organisation's agreement in force,
  each due every quarter;
- capaian: verified values only, the year's value by each indicator's rule, averaged over
  the indicators that have one; its category on the organisation's Renstra scale;
- overdue: an entry deadline passed with values missing, the signing deadline passed with
  the agreement unsigned, the LAKIP deadline passed without a final version.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Max, Sum
from django.utils import timezone

from anggaran.models import AnggaranKegiatan, RealisasiProgram
from inti.angka import bulatkan
from inti.capaian import (
    SKALA_CAPAIAN_BAKU,
    HasilCapaian,
    Rentang,
    Status,
    hitung_ringkasan,
    klasifikasi,
    serapan_anggaran,
)
from kinerja.capaian import Nilai, hitung, realisasi_tahun
from kinerja.kalender import tenggat_baku
from kinerja.models import (
    PERIODE_TRIWULAN,
    JadwalPeriode,
    Periode,
    PerjanjianKinerja,
    Realisasi,
    RentangPenilaian,
    SkalaPenilaian,
    TargetKinerja,
    TenggatWaktu,
)
from kinerja.realisasi.periode import tanggal_tutup_baku
from laporan.models import LaporanFinal, LaporanKinerja
from organisasi.models import Organisasi
from renstra.models import Renstra

NOL = Decimal(0)
BELUM, DRAF, FINAL = "belum", "draf", "final"
LABEL_LAKIP = {BELUM: "Belum disusun", DRAF: "Draf", FINAL: "Final"}


@dataclass
class Triwulan:
    periode: Periode
    diharapkan: int = 0
    terisi: int = 0
    diverifikasi: int = 0
    tutup: date | None = None


@dataclass
class BarisPantau:
    organisasi: Organisasi
    jumlah_anak: int = 0
    triwulan: list[Triwulan] = field(default_factory=list)
    rata_capaian: Decimal | None = None
    kategori: Rentang | None = None
    ringkasan: dict[str, int] = field(default_factory=dict)
    pagu: Decimal = NOL
    realisasi_anggaran: Decimal | None = None
    serapan: Decimal | None = None
    perjanjian: PerjanjianKinerja | None = None
    ditandatangani_pada: datetime | date | None = None
    lakip: str = BELUM
    final: LaporanFinal | None = None
    terlambat: list[str] = field(default_factory=list)
    bawah: list["BarisPantau"] = field(default_factory=list)  # its own children's rows, if read

    @property
    def status_lakip(self) -> str:
        return LABEL_LAKIP[self.lakip]

    @property
    def terisi(self) -> int:
        return sum(t.terisi for t in self.triwulan)

    @property
    def ditandatangani(self) -> bool:
        return (
            self.perjanjian is not None
            and self.perjanjian.status == PerjanjianKinerja.Status.DITANDATANGANI
        )


def anak_langsung(organisasi: Organisasi) -> list[Organisasi]:
    return list(Organisasi.objects.filter(induk=organisasi).order_by("provinsi", "nama"))


def pantau_organisasi(
    *, daftar: list[Organisasi], tahun: int, hari_ini: date | None = None
) -> list[BarisPantau]:
    """The monitoring rows of these organisations for a year, in the order given."""
    hari_ini = hari_ini or timezone.localdate()
    baris = {o.pk: BarisPantau(organisasi=o) for o in daftar}
    ids = list(baris)
    for induk_id, jumlah in (
        Organisasi.objects.filter(induk_id__in=ids)
        .values("induk_id")
        .annotate(n=Count("pk"))
        .values_list("induk_id", "n")
    ):
        baris[induk_id].jumlah_anak = jumlah
    _perjanjian(baris, ids, tahun)
    _capaian_dan_isian(baris, ids, tahun)
    _anggaran(baris, ids, tahun)
    _lakip(baris, ids, tahun)
    _terlambat(baris, ids, tahun, hari_ini)
    return list(baris.values())


def perjanjian_berlaku(*, ids: list[int], tahun: int) -> dict[int, PerjanjianKinerja]:
    """Each organisation's agreement in force (signed before draft, then the highest
    version, as kinerja.capaian.perjanjian_berlaku), annotated with when its last signature
    fell (ttd_terakhir). One query."""
    berlaku: dict[int, PerjanjianKinerja] = {}
    for p in PerjanjianKinerja.objects.filter(
        organisasi_id__in=ids, tahun=tahun, unit_kerja__isnull=True
    ).annotate(ttd_terakhir=Max("tanda_tangan__waktu")):
        lama = berlaku.get(p.organisasi_id)
        if lama is None or _kunci_berlaku(p) > _kunci_berlaku(lama):
            berlaku[p.organisasi_id] = p
    return berlaku


def _perjanjian(baris: dict[int, BarisPantau], ids: list[int], tahun: int) -> None:
    for o, perjanjian in perjanjian_berlaku(ids=ids, tahun=tahun).items():
        b = baris[o]
        b.perjanjian = perjanjian
        if b.ditandatangani:
            b.ditandatangani_pada = getattr(perjanjian, "ttd_terakhir", None) or perjanjian.tanggal


def _kunci_berlaku(p: PerjanjianKinerja) -> tuple[int, int]:
    return (int(p.status == PerjanjianKinerja.Status.DITANDATANGANI), p.versi)


def _skala(ids: list[int], tahun: int) -> dict[int, tuple[Rentang, ...]]:
    """Each organisation's capaian scale: that of its Renstra covering the year (the latest
    starting one, as kinerja.capaian.renstra_tahun), else the engine's default. Two queries."""
    renstra: dict[int, int] = {}
    for o, pk in (
        Renstra.objects.filter(
            organisasi_id__in=ids, tahun_mulai__lte=tahun, tahun_selesai__gte=tahun
        )
        .order_by("tahun_mulai")
        .values_list("organisasi_id", "pk")
    ):
        renstra[o] = pk
    rentang: dict[int, list[Rentang]] = defaultdict(list)
    for r in RentangPenilaian.objects.filter(
        skala__renstra_id__in=list(renstra.values()), skala__jenis=SkalaPenilaian.Jenis.CAPAIAN
    ).select_related("skala"):
        rentang[r.skala.renstra_id].append(Rentang(r.nama, r.batas_bawah, r.inklusif, r.keterangan))
    return {o: tuple(rentang.get(renstra.get(o, 0), ())) or SKALA_CAPAIAN_BAKU for o in ids}


@dataclass(frozen=True)
class CapaianTarget:
    """One indicator of an organisation's agreement in force and its capaian by the engine."""

    organisasi_id: int
    target: TargetKinerja
    hasil: HasilCapaian


def capaian_target(
    *, berlaku: dict[int, PerjanjianKinerja], tahun: int
) -> tuple[list[CapaianTarget], dict[tuple[int, str], list[str]]]:
    """The capaian of every indicator of these agreements (verified values only, the year's
    value by each indicator's rule, as the LAKIP) and the statuses of the values entered per
    organisation and period. Two queries, whatever the number of organisations."""
    milik_pk = {p.pk: o for o, p in berlaku.items()}
    target = list(
        TargetKinerja.objects.filter(perjanjian_id__in=list(milik_pk)).select_related(
            "indikator", "tingkat"
        )
    )
    milik = {t.indikator_id: milik_pk[t.perjanjian_id] for t in target}
    isian: dict[int, dict[str, Realisasi]] = defaultdict(dict)
    terisi: dict[tuple[int, str], list[str]] = defaultdict(list)
    for r in Realisasi.objects.filter(indikator_id__in=list(milik), tahun=tahun).select_related(
        "tingkat"
    ):
        terisi[milik[r.indikator_id], r.periode].append(r.status)
        if r.status == Realisasi.Status.DIVERIFIKASI:
            isian[r.indikator_id][r.periode] = r
    hasil = [
        CapaianTarget(
            organisasi_id=milik[t.indikator_id],
            target=t,
            hasil=hitung(
                t.indikator,
                Nilai.dari_target(t),
                realisasi_tahun(t.indikator, isian[t.indikator_id]),
            ),
        )
        for t in target
    ]
    return hasil, terisi


def _capaian_dan_isian(baris: dict[int, BarisPantau], ids: list[int], tahun: int) -> None:
    """Entry progress per quarter and the capaian of the agreement's indicators."""
    berlaku = {o: b.perjanjian for o, b in baris.items() if b.perjanjian is not None}
    semua, terisi = capaian_target(berlaku=berlaku, tahun=tahun)
    per_org: dict[int, list[HasilCapaian]] = defaultdict(list)
    for c in semua:
        per_org[c.organisasi_id].append(c.hasil)
    skala = _skala(ids, tahun)
    for o, b in baris.items():
        hasil = per_org.get(o, [])
        for p in PERIODE_TRIWULAN:
            status = terisi.get((o, p), [])
            b.triwulan.append(
                Triwulan(
                    periode=p,
                    diharapkan=len(hasil),
                    terisi=len(status),
                    diverifikasi=status.count(Realisasi.Status.DIVERIFIKASI),
                )
            )
        persen = [h.persen for h in hasil if h.persen is not None]
        if persen:
            b.rata_capaian = bulatkan(sum(persen, NOL) / len(persen))
            b.kategori = klasifikasi(b.rata_capaian, skala[o])
        kategori: list[str | None] = [klasifikasi(x, skala[o]).nama for x in persen]
        kategori += [None for h in hasil if h.status == Status.BELUM_ADA_REALISASI]
        b.ringkasan = hitung_ringkasan(kategori, skala[o])


def _anggaran(baris: dict[int, BarisPantau], ids: list[int], tahun: int) -> None:
    """Pagu and realisasi as anggaran.selectors.realisasi_anggaran counts them (a program's
    reported realisasi, else the sum of its kegiatan), summed per organisation."""
    dilaporkan = {
        (o, p): nilai
        for o, p, nilai in RealisasiProgram.objects.filter(
            program__organisasi_id__in=ids, tahun=tahun
        ).values_list("program__organisasi_id", "program_id", "realisasi")
    }
    diketahui: dict[int, list[Decimal]] = defaultdict(list)
    for r in (
        AnggaranKegiatan.objects.filter(kegiatan__program__organisasi_id__in=ids, tahun=tahun)
        .values("kegiatan__program__organisasi_id", "kegiatan__program_id")
        .annotate(pagu_total=Sum("pagu"), realisasi_total=Sum("realisasi"), ada=Count("realisasi"))
    ):
        o = r["kegiatan__program__organisasi_id"]
        baris[o].pagu += r["pagu_total"] or NOL
        nilai = dilaporkan.get((o, r["kegiatan__program_id"]))
        if nilai is None and r["ada"]:
            nilai = r["realisasi_total"]
        if nilai is not None:
            diketahui[o].append(nilai)
    for o, b in baris.items():
        if diketahui.get(o):
            b.realisasi_anggaran = sum(diketahui[o], NOL)
        b.serapan = (
            serapan_anggaran(pagu=b.pagu, realisasi=b.realisasi_anggaran) if b.pagu else None
        )


def _lakip(baris: dict[int, BarisPantau], ids: list[int], tahun: int) -> None:
    for o in LaporanKinerja.objects.filter(organisasi_id__in=ids, tahun=tahun).values_list(
        "organisasi_id", flat=True
    ):
        baris[o].lakip = DRAF
    for f in LaporanFinal.objects.filter(
        laporan__organisasi_id__in=ids, laporan__tahun=tahun, dibuka_pada__isnull=True
    ).select_related("laporan"):
        b = baris[f.laporan.organisasi_id]
        b.lakip, b.final = FINAL, f


def _terlambat(baris: dict[int, BarisPantau], ids: list[int], tahun: int, hari_ini: date) -> None:
    """Deadlines passed with the work not done: each quarter's entry, the signing, the LAKIP."""
    jadwal = {
        (j.organisasi_id, j.periode): j.tanggal_tutup
        for j in JadwalPeriode.objects.filter(organisasi_id__in=ids, tahun=tahun)
    }
    tenggat = {
        (t.organisasi_id, t.jenis): t.tanggal
        for t in TenggatWaktu.objects.filter(
            organisasi_id__in=ids,
            tahun=tahun,
            jenis__in=[TenggatWaktu.Jenis.TANDA_TANGAN, TenggatWaktu.Jenis.LAKIP],
        )
    }
    for o, b in baris.items():
        for t in b.triwulan:
            t.tutup = jadwal.get((o, t.periode)) or tanggal_tutup_baku(
                tahun=tahun, periode=t.periode, hari=b.organisasi.hari_tutup_baku
            )
            if t.tutup < hari_ini and t.terisi < t.diharapkan:
                b.terlambat.append(f"Pengisian {t.periode.label}")
        for jenis, selesai in (
            (TenggatWaktu.Jenis.TANDA_TANGAN, b.ditandatangani),
            (TenggatWaktu.Jenis.LAKIP, b.lakip == FINAL),
        ):
            batas = tenggat.get((o, jenis)) or tenggat_baku(jenis=jenis, tahun=tahun)
            if batas < hari_ini and not selesai:
                b.terlambat.append(str(TenggatWaktu.Jenis(jenis).label))
