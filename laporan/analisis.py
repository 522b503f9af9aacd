"""The analysis of each sasaran (BAB III C): its tables, generated sentences and the
kegiatan of the unit agreements that support it, reconciled with the DIPA pagu.

Built from the capaian table and the budget realisasi that laporan.selectors.data_lakip has
already read; only kegiatan_pendukung queries (once).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from anggaran.models import SumberDana
from anggaran.selectors import RealisasiAnggaran
from inti.angka import bulatkan
from inti.capaian import Arah, Status, serapan_anggaran, tercapai
from kinerja.capaian import BarisCapaian, SasaranCapaian, TabelCapaian
from kinerja.models import KegiatanPerjanjian, PemetaanKegiatan, PerjanjianKinerja
from laporan import kalimat
from organisasi.models import UnitKerja

NOL = Decimal(0)


@dataclass(frozen=True)
class KegiatanPendukung:
    unit: UnitKerja
    kegiatan: KegiatanPerjanjian
    pemetaan: PemetaanKegiatan | None = None


@dataclass(frozen=True)
class SumberDanaKegiatan:
    label: str
    jumlah: Decimal
    banyak: int


@dataclass
class Rekonsiliasi:
    """The unit agreements' kegiatan against the DIPA pagu, by source of funds."""

    sumber: list[SumberDanaKegiatan]
    total: Decimal
    pagu: Decimal
    kalimat: str


@dataclass
class AnalisisLakip:
    """One sasaran in BAB III C: its tables, generated sentences and the typed analysis."""

    capaian: SasaranCapaian
    teks: str
    baris_lalu: list[BarisCapaian]
    baris_renstra: list[BarisCapaian]
    baris_kendala: list[BarisCapaian]
    kegiatan: list[KegiatanPendukung]
    total_kegiatan: Decimal
    rata_rata: Decimal | None
    kalimat: str
    kalimat_lalu: str
    kalimat_renstra: str
    kesimpulan: str
    tahun_riwayat: list[int] = field(default_factory=list)
    baris_standar: list[BarisCapaian] = field(default_factory=list)
    baris_sebab: list[BarisCapaian] = field(default_factory=list)
    kalimat_efisiensi: str = ""
    tercapai: int = 0
    terukur: int = 0

    @property
    def baris_di_bawah(self) -> list[BarisCapaian]:
        return [b for b in self.capaian.baris if b.persen is not None and not tercapai(b.persen)]

    @property
    def baris_tercapai(self) -> list[BarisCapaian]:
        return [b for b in self.capaian.baris if tercapai(b.persen)]

    @property
    def sasaran(self):
        return self.capaian.sasaran


def analisis_lakip(
    capaian: TabelCapaian,
    *,
    teks: dict[int, str],
    pendukung: dict[int, list[KegiatanPendukung]],
    anggaran: RealisasiAnggaran,
) -> list[AnalisisLakip]:
    """BAB III C: every sasaran of the capaian table, in its order, with its typed analysis
    (`teks`) and supporting kegiatan (`pendukung`), both by sasaran id. Progress is measured
    against the Renstra's last year."""
    renstra = capaian.renstra
    return [
        analisis_sasaran(
            s,
            tahun=capaian.tahun,
            tahun_akhir=renstra.tahun_selesai if renstra else capaian.tahun,
            teks=teks.get(s.sasaran.pk, ""),
            kegiatan=pendukung.get(s.sasaran.pk, []),
            anggaran=anggaran,
        )
        for s in capaian.sasaran
    ]


def analisis_sasaran(
    s: SasaranCapaian,
    *,
    tahun: int,
    tahun_akhir: int,
    teks: str,
    kegiatan: list[KegiatanPendukung],
    anggaran: RealisasiAnggaran,
) -> AnalisisLakip:
    semua = [*s.baris, *s.outcome]
    # An indicator new with this Renstra period stays in the table, saying it is not comparable.
    baris_lalu = [b for b in semua if b.riwayat or b.tidak_dapat_dibandingkan]
    baru = {tahun - 1} if any(b.tidak_dapat_dibandingkan for b in baris_lalu) else set()
    tahun_riwayat = sorted({th for b in baris_lalu for th in b.riwayat} | baru | {tahun})
    baris_renstra = [b for b in semua if b.target_renstra_tahunan or b.target_renstra_akhir.ada]
    terukur = [b for b in s.baris if b.persen is not None]
    persen = [(b.indikator.nama, b.persen) for b in s.baris if b.persen is not None]
    rata_rata = bulatkan(sum((p for _, p in persen), NOL) / len(persen)) if persen else None
    terendah = min(persen, key=lambda nama_persen: nama_persen[1]) if persen else None
    jumlah_tercapai = sum(1 for b in terukur if tercapai(b.persen))
    total_kegiatan = sum((k.kegiatan.anggaran for k in kegiatan), NOL)
    return AnalisisLakip(
        capaian=s,
        teks=teks,
        baris_lalu=baris_lalu,
        baris_renstra=baris_renstra,
        baris_kendala=[b for b in semua if b.kendala or b.tindak_lanjut],
        kegiatan=kegiatan,
        total_kegiatan=total_kegiatan,
        rata_rata=rata_rata,
        kalimat=kalimat.kalimat_sasaran(
            ringkasan=s.ringkasan, rata_rata=rata_rata, terendah=terendah
        ),
        kalimat_lalu=_kalimat_lalu(baris_lalu, tahun=tahun, tahun_riwayat=tahun_riwayat),
        kalimat_renstra=_kalimat_renstra(baris_renstra, tahun_akhir=tahun_akhir),
        kesimpulan=kalimat.kalimat_kesimpulan(
            nomor=s.sasaran.nomor,
            nama_sasaran=s.sasaran.nama,
            tahun=tahun,
            tercapai=jumlah_tercapai,
            terukur=len(terukur),
            belum=s.ringkasan.get(Status.BELUM_ADA_REALISASI.label, 0),
        ),
        tahun_riwayat=tahun_riwayat,
        baris_standar=[b for b in semua if b.standar_nasional.ada],
        baris_sebab=terukur,
        kalimat_efisiensi=_kalimat_efisiensi(
            kegiatan, total=total_kegiatan, rata_rata=rata_rata, anggaran=anggaran
        ),
        tercapai=jumlah_tercapai,
        terukur=len(terukur),
    )


def _kalimat_lalu(baris_lalu: list[BarisCapaian], *, tahun: int, tahun_riwayat: list[int]) -> str:
    arah = [b.arah_lalu for b in baris_lalu]
    return kalimat.kalimat_tahun_lalu(
        tahun=tahun,
        naik=arah.count(Arah.NAIK),
        turun=arah.count(Arah.TURUN),
        tetap=arah.count(Arah.TETAP),
        tahun_data=tahun_riwayat,
    )


def _kalimat_renstra(baris_renstra: list[BarisCapaian], *, tahun_akhir: int) -> str:
    progres = [b for b in baris_renstra if b.target_renstra_akhir.ada]
    return kalimat.kalimat_renstra(
        tahun_akhir=tahun_akhir,
        jumlah_indikator=len(progres),
        tercapai=sum(1 for b in progres if b.progres_akhir and tercapai(b.progres_akhir.persen)),
        belum_terukur=sum(
            1 for b in progres if not b.progres_akhir or b.progres_akhir.persen is None
        ),
    )


def _kalimat_efisiensi(
    kegiatan: list[KegiatanPendukung],
    *,
    total: Decimal,
    rata_rata: Decimal | None,
    anggaran: RealisasiAnggaran,
) -> str:
    # The sasaran's budget realisasi is known only when every one of its kegiatan has one.
    realisasi_kegiatan = [k.pemetaan.realisasi if k.pemetaan else None for k in kegiatan]
    realisasi = (
        sum((r for r in realisasi_kegiatan if r is not None), NOL)
        if kegiatan and all(r is not None for r in realisasi_kegiatan)
        else None
    )
    return kalimat.kalimat_efisiensi(
        rata_rata=rata_rata,
        jumlah_kegiatan=len(kegiatan),
        anggaran=total,
        realisasi=realisasi,
        serapan=(
            serapan_anggaran(pagu=total, realisasi=realisasi) if realisasi is not None else None
        ),
        serapan_total=anggaran.serapan,
    )


def kegiatan_pendukung(
    perjanjian_unit: list[PerjanjianKinerja],
) -> tuple[dict[int, list[KegiatanPendukung]], list[KegiatanPendukung]]:
    """The unit agreements' kegiatan per sasaran they serve (their PemetaanKegiatan), each
    line under exactly one sasaran, and the lines not linked to any. One query."""
    per_sasaran: dict[int, list[KegiatanPendukung]] = defaultdict(list)
    tanpa: list[KegiatanPendukung] = []
    for k in (
        KegiatanPerjanjian.objects.filter(perjanjian__in=perjanjian_unit)
        .select_related("perjanjian__unit_kerja", "kegiatan", "pemetaan")
        .order_by("perjanjian__unit_kerja__urutan", "perjanjian_id", "urutan")
    ):
        unit = k.perjanjian.unit_kerja
        assert unit is not None  # unit agreements only
        pemetaan = getattr(k, "pemetaan", None)
        baris = KegiatanPendukung(unit, k, pemetaan)
        if pemetaan is None:
            tanpa.append(baris)
        else:
            per_sasaran[pemetaan.sasaran_id].append(baris)
    return per_sasaran, tanpa


def rekonsiliasi_kegiatan(
    kegiatan: list[KegiatanPendukung], *, anggaran: RealisasiAnggaran, tahun: int
) -> Rekonsiliasi | None:
    if not kegiatan:
        return None
    label = dict(SumberDana.choices)
    jumlah: dict[str, list[Decimal]] = defaultdict(list)
    for k in kegiatan:
        kunci = k.pemetaan.sumber_dana if k.pemetaan else ""
        jumlah[kunci].append(k.kegiatan.anggaran)
    urutan = [*SumberDana.values, ""]
    sumber = [
        SumberDanaKegiatan(
            str(label.get(kunci, "sumber dana tidak tercantum")),
            sum(jumlah[kunci], NOL),
            len(jumlah[kunci]),
        )
        for kunci in urutan
        if kunci in jumlah
    ]
    total = sum((x.jumlah for x in sumber), NOL)
    apbd = sum(jumlah.get(SumberDana.APBD, []), NOL)
    return Rekonsiliasi(
        sumber=sumber,
        total=total,
        pagu=anggaran.pagu,
        kalimat=kalimat.kalimat_rekonsiliasi(
            tahun=tahun,
            total=total,
            pagu=anggaran.pagu,
            apbd=apbd,
            rincian=[(x.label, x.jumlah) for x in sumber],
        ),
    )
