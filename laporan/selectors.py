"""Reads for the LAKIP: everything one report prints, gathered in a fixed number of queries.

The capaian come from kinerja.capaian.tabel_capaian (the engine's answers); budget,
SAKIP, logistics and the narrative texts are read here. Nothing in this module writes.
The number of queries depends on the number of units and agreements, never on the number of
indicators, programs or rows.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum

from anggaran.models import SumberDana
from anggaran.selectors import RealisasiAnggaran, realisasi_anggaran
from evaluasi.selectors import HasilEvaluasi, evaluasi_selesai_terakhir
from inti import grafik
from inti.angka import bulatkan, format_angka, format_persen
from inti.capaian import (
    Arah,
    Rentang,
    Status,
    serapan_anggaran,
    tercapai,
)
from kinerja.capaian import (
    BarisCapaian,
    SasaranCapaian,
    TabelCapaian,
    perjanjian_berlaku,
    skala_renstra,
    tabel_capaian,
)
from kinerja.models import (
    KegiatanPerjanjian,
    PemetaanKegiatan,
    PerjanjianKinerja,
    Realisasi,
    SkalaPenilaian,
)
from kinerja.perjanjian.dokumen import (
    DokumenPerjanjian,
    DokumenRkt,
    dokumen_perjanjian,
    dokumen_rkt,
    perjanjian_awal,
)
from kinerja.pohon import periksa_kaskade
from laporan import kalimat
from laporan.bawaan import teks_bawaan
from laporan.models import (
    AnalisisSasaran,
    AngkaTercetak,
    CapaianLain,
    LaporanFinal,
    LaporanKinerja,
    ProdukHukum,
)
from laporan.narasi_periksa import periksa_narasi
from logistik.models import Logistik, Pemilihan
from organisasi.models import JumlahPegawai, Organisasi, Pejabat, UnitKerja, UraianTugas
from renstra.models import IndikatorKinerja, Misi, Renstra, TargetRenstra, Tujuan

NOL = Decimal(0)
SERATUS = Decimal(100)
WARNA_CAPAIAN = "#2f5d8a"
WARNA_REALISASI = "#4f8a3c"

# The report's own narrative fields, in the order they print.
FIELD_NARASI: tuple[str, ...] = (
    "kata_pengantar",
    "ringkasan_eksekutif",
    "latar_belakang",
    "kedudukan_tugas_fungsi",
    "struktur_organisasi",
    "sistematika",
    "pengantar_renstra",
    "pengantar_perjanjian",
    "pengantar_anggaran",
    "pengantar_akuntabilitas",
    "capaian_lain",
    "pengantar_realisasi_anggaran",
    "rencana_tindak_lanjut",
)


# ---------------------------------------------------------------- scales as printed


@dataclass(frozen=True)
class BarisSkala:
    rentang: Rentang
    batas: str  # "> 90 s.d. 100"


def _teks_angka(nilai: Decimal) -> str:
    return format_angka(nilai, 0 if nilai == nilai.to_integral_value() else 2)


def _urut_skala(skala: tuple[Rentang, ...]) -> list[Rentang]:
    # The same order as inti.capaian.klasifikasi tries the bands: highest bound first.
    return sorted(
        skala,
        key=lambda r: (r.batas_bawah is not None, r.batas_bawah or NOL, not r.inklusif),
        reverse=True,
    )


def baris_skala(skala: tuple[Rentang, ...]) -> list[BarisSkala]:
    """Each band with its range written out, derived from the bounds the engine uses."""
    hasil = []
    atas: Rentang | None = None
    for r in _urut_skala(skala):
        bawah = (
            None
            if r.batas_bawah is None
            else f"{'≥' if r.inklusif else '>'} {_teks_angka(r.batas_bawah)}"
        )
        if atas is None or atas.batas_bawah is None:
            teks = bawah or "semua nilai"
        else:
            # The band above takes values beyond its bound, so this one ends at it.
            tanda_atas = "<" if atas.inklusif else "≤"
            batas_atas = _teks_angka(atas.batas_bawah)
            if bawah is None:
                teks = f"{tanda_atas} {batas_atas}"
            elif r.inklusif and tanda_atas == "≤" and r.batas_bawah == atas.batas_bawah:
                teks = f"= {batas_atas}"
            else:
                teks = f"{bawah} s.d. {tanda_atas} {batas_atas}"
        hasil.append(BarisSkala(r, teks))
        atas = r
    return hasil


# ---------------------------------------------------------------- SAKIP, logistics


@dataclass(frozen=True)
class BarisLogistik:
    logistik: Logistik

    @property
    def kurang(self) -> int:
        """Ordered but not received, plus received damaged."""
        lg = self.logistik
        return max(lg.dipesan - lg.diterima, 0) + lg.rusak

    @property
    def persen(self) -> Decimal:
        if not self.logistik.dipesan:
            return NOL
        return bulatkan(Decimal(self.kurang) * SERATUS / self.logistik.dipesan)


@dataclass
class DataLogistik:
    pemilihan: Pemilihan
    baris: list[BarisLogistik]

    @property
    def jumlah_kurang(self) -> int:
        return sum(b.kurang for b in self.baris)

    @property
    def baris_kurang(self) -> int:
        return sum(1 for b in self.baris if b.kurang)


def logistik_tahun(*, organisasi: Organisasi, tahun: int) -> list[DataLogistik]:
    pemilihan = Pemilihan.objects.filter(organisasi=organisasi, tahun=tahun).prefetch_related(
        "logistik"
    )
    return [DataLogistik(p, [BarisLogistik(lg) for lg in p.logistik.all()]) for p in pemilihan]


# ---------------------------------------------------------------- the report


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


@dataclass(frozen=True)
class BarisMatriks:
    """A row of the Renstra's five-year target matrix."""

    indikator: IndikatorKinerja
    target: list[TargetRenstra | None]


@dataclass
class DataLakip:
    organisasi: Organisasi
    tahun: int
    pratinjau: bool
    laporan: LaporanKinerja
    laporan_tersimpan: bool
    analisis_tersimpan: dict[int, str]
    capaian: TabelCapaian
    kalimat_ringkasan: str
    analisis: list[AnalisisLakip]
    skala_capaian: list[BarisSkala]
    uraian_tugas: dict[str, list[UraianTugas]]
    unit: list[UnitKerja]
    subbagian: list[UnitKerja]
    bagan: str
    pegawai: list[JumlahPegawai]
    total_pegawai: int
    renstra: Renstra | None
    misi: list[Misi]
    tujuan: list[Tujuan]
    tahun_renstra: list[int]
    matriks: list[tuple[int, str, list[BarisMatriks]]]  # sasaran nomor, nama, rows
    perjanjian: DokumenPerjanjian | None
    perjanjian_unit: list[DokumenPerjanjian]
    rkt: DokumenRkt | None
    anggaran: RealisasiAnggaran
    skala_anggaran: list[BarisSkala]
    kalimat_anggaran: str
    sakip: HasilEvaluasi | None
    logistik: list[DataLogistik]
    produk_hukum: list[ProdukHukum]
    capaian_lain: list[CapaianLain]
    grafik_capaian: str
    grafik_anggaran: str
    final: LaporanFinal | None = None
    semua_perjanjian: list[DokumenPerjanjian] = field(default_factory=list)
    kegiatan_tanpa_sasaran: list[KegiatanPendukung] = field(default_factory=list)
    rekonsiliasi: Rekonsiliasi | None = None
    kalimat_standar: str = ""
    angka_tercetak: dict[str, str] = field(default_factory=dict)

    @property
    def baris_di_bawah(self) -> list[BarisCapaian]:
        """Indicators below their target, in the order of BAB III."""
        return [b for a in self.analisis for b in a.baris_di_bawah]

    @property
    def kalimat_masalah(self) -> str:
        return kalimat.kalimat_masalah(
            di_bawah=[
                (b.indikator.nama, b.persen, b.kendala)
                for b in self.baris_di_bawah
                if b.persen is not None
            ]
        )

    @property
    def di_bawah_tanpa_sebab(self) -> list[BarisCapaian]:
        """Below target, yet neither a cause nor a follow-up was written with the value."""
        return [b for b in self.baris_di_bawah if not (b.kendala or b.tindak_lanjut)]

    @property
    def tercapai_tanpa_pendorong(self) -> list[BarisCapaian]:
        """At or above target, yet no driving factor was written with the value (the
        "Penyebab dan Solusi" table of BAB III marks these "faktor pendorong belum diisi")."""
        return [b for a in self.analisis for b in a.baris_tercapai if not b.faktor_pendorong]

    @property
    def tanpa_analisis(self) -> list[BarisCapaian]:
        """Every indicator whose cause is missing from the report: what finalising asks a
        reason for (laporan.services.laporan_finalkan)."""
        return self.di_bawah_tanpa_sebab + self.tercapai_tanpa_pendorong

    @property
    def kepala(self) -> str:
        """The running header of every page but the cover."""
        teks = f"LAKIP {self.organisasi.nama_singkat} Tahun {self.tahun}"
        return f"{teks} — PRATINJAU" if self.pratinjau else teks

    @property
    def penandatangan(self) -> Pejabat | None:
        return self.laporan.penandatangan


def laporan_kinerja(*, organisasi: Organisasi, tahun: int) -> tuple[LaporanKinerja, bool]:
    """The saved report of the year, else an unsaved one with the default texts."""
    laporan = (
        LaporanKinerja.objects.filter(organisasi=organisasi, tahun=tahun)
        .select_related("penandatangan")
        .first()
    )
    if laporan is not None:
        return laporan, True
    akhir_tahun = date(tahun, 12, 31)
    sekretaris = (
        Pejabat.objects.filter(
            organisasi=organisasi, peran=Pejabat.Peran.SEKRETARIS, mulai__lte=akhir_tahun
        )
        .order_by("-mulai")
        .first()
    )
    laporan = LaporanKinerja(
        organisasi=organisasi,
        tahun=tahun,
        tempat=organisasi.kota,
        penandatangan=sekretaris,
        **teks_bawaan(organisasi, tahun),
    )
    return laporan, False


def final_berlaku(*, organisasi: Organisasi, tahun: int) -> LaporanFinal | None:
    """The finalised version in force (not reopened), if any."""
    return (
        LaporanFinal.objects.filter(
            laporan__organisasi=organisasi, laporan__tahun=tahun, dibuka_pada__isnull=True
        )
        .select_related("difinalkan_oleh", "laporan")
        .first()
    )


def _pejabat_unit(organisasi: Organisasi, tahun: int) -> dict[int, Pejabat]:
    """The head of each unit during the year (the latest appointment)."""
    awal, akhir = date(tahun, 1, 1), date(tahun, 12, 31)
    kepala: dict[int, Pejabat] = {}
    for p in (
        Pejabat.objects.filter(organisasi=organisasi, unit_kerja__isnull=False, mulai__lte=akhir)
        .filter(Q(selesai__isnull=True) | Q(selesai__gte=awal))
        .order_by("mulai")
    ):
        if p.unit_kerja_id is not None:  # always, by the filter; says so to the type checker
            kepala[p.unit_kerja_id] = p
    return kepala


def _analisis(
    s: SasaranCapaian,
    *,
    tahun: int,
    tahun_akhir: int,
    teks: str,
    kegiatan: list[KegiatanPendukung],
    anggaran: RealisasiAnggaran,
) -> AnalisisLakip:
    semua = [*s.baris, *s.outcome]
    baris_lalu = [b for b in semua if b.riwayat]
    tahun_riwayat = sorted({th for b in baris_lalu for th in b.riwayat} | {tahun})
    baris_renstra = [b for b in semua if b.target_renstra_tahunan or b.target_renstra_akhir.ada]
    terukur = [b for b in s.baris if b.persen is not None]
    persen = [(b.indikator.nama, b.persen) for b in s.baris if b.persen is not None]
    rata_rata = bulatkan(sum((p for _, p in persen), NOL) / len(persen)) if persen else None
    terendah = min(persen, key=lambda nama_persen: nama_persen[1]) if persen else None

    arah = [b.arah_lalu for b in baris_lalu]
    progres = [b for b in baris_renstra if b.target_renstra_akhir.ada]
    tercapai_renstra = sum(
        1 for b in progres if b.progres_akhir and tercapai(b.progres_akhir.persen)
    )
    belum_renstra = sum(1 for b in progres if not b.progres_akhir or b.progres_akhir.persen is None)
    belum = s.ringkasan.get(Status.BELUM_ADA_REALISASI.label, 0)
    jumlah_tercapai = sum(1 for b in terukur if tercapai(b.persen))

    total_kegiatan = sum((k.kegiatan.anggaran for k in kegiatan), NOL)
    realisasi_kegiatan = [k.pemetaan.realisasi if k.pemetaan else None for k in kegiatan]
    realisasi_sasaran = (
        sum((r for r in realisasi_kegiatan if r is not None), NOL)
        if kegiatan and all(r is not None for r in realisasi_kegiatan)
        else None
    )
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
            ringkasan=s.ringkasan,
            rata_rata=rata_rata,
            terendah=terendah,
        ),
        kalimat_lalu=kalimat.kalimat_tahun_lalu(
            tahun=tahun,
            naik=arah.count(Arah.NAIK),
            turun=arah.count(Arah.TURUN),
            tetap=arah.count(Arah.TETAP),
            tahun_data=tahun_riwayat,
        ),
        kalimat_renstra=kalimat.kalimat_renstra(
            tahun_akhir=tahun_akhir,
            jumlah_indikator=len(progres),
            tercapai=tercapai_renstra,
            belum_terukur=belum_renstra,
        ),
        kesimpulan=kalimat.kalimat_kesimpulan(
            nomor=s.sasaran.nomor,
            nama_sasaran=s.sasaran.nama,
            tahun=tahun,
            tercapai=jumlah_tercapai,
            terukur=len(terukur),
            belum=belum,
        ),
        tahun_riwayat=tahun_riwayat,
        baris_standar=[b for b in semua if b.standar_nasional.ada],
        baris_sebab=terukur,
        kalimat_efisiensi=kalimat.kalimat_efisiensi(
            rata_rata=rata_rata,
            jumlah_kegiatan=len(kegiatan),
            anggaran=total_kegiatan,
            realisasi=realisasi_sasaran,
            serapan=(
                serapan_anggaran(pagu=total_kegiatan, realisasi=realisasi_sasaran)
                if realisasi_sasaran is not None
                else None
            ),
            serapan_total=anggaran.serapan,
        ),
        tercapai=jumlah_tercapai,
        terukur=len(terukur),
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


def data_lakip(
    *, organisasi: Organisasi, tahun: int, pratinjau: bool = False, alamat_situs: str | None = None
) -> DataLakip:
    """Everything the LAKIP of a year prints. `pratinjau` includes unverified realisasi;
    `alamat_situs` (the request's own host) goes into the agreements' QR codes."""
    capaian = tabel_capaian(
        organisasi=organisasi, tahun=tahun, termasuk_belum_diverifikasi=pratinjau
    )
    renstra = capaian.renstra
    laporan, tersimpan = laporan_kinerja(organisasi=organisasi, tahun=tahun)
    analisis_teks = (
        dict(AnalisisSasaran.objects.filter(laporan=laporan).values_list("sasaran_id", "teks"))
        if tersimpan
        else {}
    )

    # Organisation: units, their heads, tasks, staff.
    unit = list(UnitKerja.objects.filter(organisasi=organisasi))
    kepala = _pejabat_unit(organisasi, tahun)
    bagan = grafik.bagan_organisasi(
        [
            grafik.Simpul(u.pk, u.induk_id, u.nama, kepala[u.pk].nama if u.pk in kepala else "")
            for u in unit
        ],
        judul=f"Struktur organisasi {organisasi.nama_sekretariat or organisasi.nama}",
    )
    # Tugas, fungsi, wewenang in the order of the choices (the reference's Tabel 1).
    uraian: dict[str, list[UraianTugas]] = {jenis: [] for jenis in UraianTugas.Jenis.values}
    for u in UraianTugas.objects.filter(organisasi=organisasi):
        uraian[u.jenis].append(u)
    pegawai_qs = JumlahPegawai.objects.filter(organisasi=organisasi, tahun=tahun)
    pegawai = list(pegawai_qs)

    # Renstra.
    misi: list[Misi] = []
    tujuan: list[Tujuan] = []
    matriks: list[tuple[int, str, list[BarisMatriks]]] = []
    tahun_renstra: list[int] = []
    if renstra is not None:
        tahun_renstra = list(renstra.tahun)
        misi = list(Misi.objects.filter(renstra=renstra))
        tujuan = list(Tujuan.objects.filter(renstra=renstra).prefetch_related("sasaran"))
        target_renstra: dict[int, dict[int, TargetRenstra]] = defaultdict(dict)
        for t in TargetRenstra.objects.filter(
            indikator__sasaran__renstra=renstra,
            indikator__tingkat=IndikatorKinerja.Tingkat.SASARAN_STRATEGIS,
        ).select_related("tingkat", "indikator__sasaran"):
            target_renstra[t.indikator_id][t.tahun] = t
        per_sasaran: dict[int, tuple[int, str, list[BarisMatriks]]] = {}
        for ind in (
            IndikatorKinerja.objects.filter(
                sasaran__renstra=renstra,
                tingkat=IndikatorKinerja.Tingkat.SASARAN_STRATEGIS,
                target_renstra__isnull=False,
            )
            .distinct()
            .select_related("sasaran")
            .order_by("sasaran__nomor", "urutan", "pk")
        ):
            s = ind.sasaran
            per_sasaran.setdefault(s.pk, (s.nomor, s.nama, []))[2].append(
                BarisMatriks(ind, [target_renstra[ind.pk].get(th) for th in tahun_renstra])
            )
        matriks = list(per_sasaran.values())

    # Agreements: the organisation's in force, each unit's in force, the RKT.
    perjanjian = (
        dokumen_perjanjian(capaian.perjanjian, alamat_situs=alamat_situs)
        if capaian.perjanjian
        else None
    )
    # An amended year prints the original as signed beside the amendment it was measured by.
    awal = perjanjian_awal(organisasi=organisasi, tahun=tahun)
    perjanjian_semula = (
        dokumen_perjanjian(awal, alamat_situs=alamat_situs)
        if awal is not None
        and capaian.perjanjian is not None
        and awal.pk != capaian.perjanjian.pk
        and awal.status == PerjanjianKinerja.Status.DITANDATANGANI
        else None
    )
    # Kegiatan supporting a sasaran: the unit agreements' lines linked to it (PemetaanKegiatan).
    perjanjian_unit = []
    for uk in unit:
        pk = perjanjian_berlaku(organisasi=organisasi, tahun=tahun, unit_kerja=uk)
        if pk is None:
            continue
        perjanjian_unit.append(dokumen_perjanjian(pk, alamat_situs=alamat_situs))
    pendukung, kegiatan_tanpa_sasaran = kegiatan_pendukung([d.perjanjian for d in perjanjian_unit])
    rkt = dokumen_rkt(organisasi=organisasi, tahun=tahun)

    skala_anggaran = skala_renstra(renstra, SkalaPenilaian.Jenis.ANGGARAN)
    anggaran = realisasi_anggaran(organisasi=organisasi, tahun=tahun, skala=skala_anggaran)

    tahun_akhir = renstra.tahun_selesai if renstra else tahun
    analisis = [
        _analisis(
            s,
            tahun=tahun,
            tahun_akhir=tahun_akhir,
            teks=analisis_teks.get(s.sasaran.pk, ""),
            kegiatan=pendukung.get(s.sasaran.pk, []),
            anggaran=anggaran,
        )
        for s in capaian.sasaran
    ]
    semua_kegiatan = [k for daftar in pendukung.values() for k in daftar] + kegiatan_tanpa_sasaran
    semua_baris = [b for s in capaian.sasaran for b in (*s.baris, *s.outcome)]

    # The target (100 %) is one reference line, not a bar per sasaran; each sasaran named.
    rata_rata = [a.rata_rata for a in analisis]
    grafik_capaian = grafik.grafik_batang(
        baris=[(f"{a.sasaran.nomor}. {a.sasaran.nama}", [a.rata_rata]) for a in analisis],
        seri=[grafik.Seri("Rata-rata capaian", WARNA_CAPAIAN)],
        judul=f"Rata-rata capaian per sasaran strategis tahun {tahun} terhadap target",
        acuan=SERATUS,
        mulai=grafik.awal_sumbu(rata_rata),
    )
    serapan = [p.serapan for p in anggaran.program]
    grafik_anggaran = grafik.grafik_batang(
        baris=[
            *((f"{p.program.kode} {p.program.nama}", [p.serapan]) for p in anggaran.program),
            *([("Jumlah", [anggaran.serapan])] if anggaran.program else []),
        ],
        seri=[grafik.Seri("Serapan anggaran", WARNA_REALISASI)],
        judul=f"Serapan anggaran per program tahun {tahun}",
        maks=SERATUS,
        mulai=grafik.awal_sumbu(serapan),
    )

    return DataLakip(
        organisasi=organisasi,
        tahun=tahun,
        pratinjau=pratinjau,
        laporan=laporan,
        laporan_tersimpan=tersimpan,
        analisis_tersimpan=analisis_teks,
        capaian=capaian,
        kalimat_ringkasan=kalimat.kalimat_ringkasan(
            tahun=tahun,
            jumlah_sasaran=len(capaian.sasaran),
            ringkasan=capaian.ringkasan,
            singkatan=organisasi.nama_singkat,
        ),
        analisis=analisis,
        skala_capaian=baris_skala(capaian.skala),
        uraian_tugas={jenis: daftar for jenis, daftar in uraian.items() if daftar},
        unit=unit,
        subbagian=[u for u in unit if u.jenis == UnitKerja.Jenis.SUBBAGIAN],
        bagan=bagan,
        pegawai=pegawai,
        total_pegawai=pegawai_qs.aggregate(t=Sum("jumlah"))["t"] or 0,
        renstra=renstra,
        misi=misi,
        tujuan=tujuan,
        tahun_renstra=tahun_renstra,
        matriks=matriks,
        perjanjian=perjanjian,
        perjanjian_unit=perjanjian_unit,
        rkt=rkt,
        anggaran=anggaran,
        skala_anggaran=baris_skala(skala_anggaran),
        kalimat_anggaran=kalimat.kalimat_anggaran(
            tahun=tahun,
            pagu=anggaran.pagu,
            realisasi=anggaran.realisasi,
            serapan=anggaran.serapan,
            kategori=anggaran.kategori.nama if anggaran.kategori else None,
            jumlah_program=len(anggaran.program),
        ),
        sakip=evaluasi_selesai_terakhir(organisasi=organisasi, tahun=tahun),
        logistik=logistik_tahun(organisasi=organisasi, tahun=tahun),
        produk_hukum=list(ProdukHukum.objects.filter(organisasi=organisasi, tahun=tahun)),
        capaian_lain=list(CapaianLain.objects.filter(organisasi=organisasi, tahun=tahun)),
        grafik_capaian=grafik_capaian,
        grafik_anggaran=grafik_anggaran,
        semua_perjanjian=[
            d for d in [perjanjian_semula, perjanjian, *perjanjian_unit] if d is not None
        ],
        kegiatan_tanpa_sasaran=kegiatan_tanpa_sasaran,
        rekonsiliasi=rekonsiliasi_kegiatan(semua_kegiatan, anggaran=anggaran, tahun=tahun),
        kalimat_standar=kalimat.kalimat_standar_nasional(
            tahun=tahun,
            jumlah_indikator=len(semua_baris),
            dengan_standar=sum(1 for b in semua_baris if b.standar_nasional.ada),
        ),
        angka_tercetak=angka_tercetak(organisasi=organisasi, tahun=tahun),
    )


def angka_tercetak(*, organisasi: Organisasi, tahun: int) -> dict[str, str]:
    """The source document's printed figures of the year, by cell key."""
    return dict(
        AngkaTercetak.objects.filter(organisasi=organisasi, tahun=tahun).values_list(
            "kunci", "teks"
        )
    )


# ---------------------------------------------------------------- the consistency panel


@dataclass(frozen=True)
class Temuan:
    """One kind of problem that makes the report wrong or incomplete, with its items."""

    judul: str
    rincian: list[str]
    berat: bool = True  # wrong figures (True) or only incomplete text (False)


def periksa_konsistensi(data: DataLakip) -> list[Temuan]:
    """What the report of the year lacks, from the data it was built from (three queries)."""
    temuan: list[Temuan] = []
    organisasi, tahun = data.organisasi, data.tahun
    capaian = data.capaian
    if capaian.perjanjian is None:
        temuan.append(Temuan("Belum ada Perjanjian Kinerja organisasi tahun ini", []))

    tanpa = [b for b in capaian.baris if b.hasil.status == Status.BELUM_ADA_REALISASI]
    if tanpa:
        temuan.append(
            Temuan(
                "Indikator dengan target tetapi tanpa realisasi"
                + ("" if data.pratinjau else " terverifikasi"),
                [f"Sasaran {b.indikator.sasaran.nomor}: {b.indikator.nama}" for b in tanpa],
            )
        )
    id_target = [b.indikator.pk for b in capaian.baris]
    if not data.pratinjau:
        belum = (
            Realisasi.objects.filter(indikator_id__in=id_target, tahun=tahun)
            .exclude(status=Realisasi.Status.DIVERIFIKASI)
            .select_related("indikator")
            .order_by("indikator__sasaran__nomor", "indikator__urutan", "periode")
        )
        rincian = [
            f"{r.indikator.nama} ({r.get_periode_display()}, {r.get_status_display()})"
            for r in belum
        ]
        if rincian:
            temuan.append(Temuan("Realisasi yang belum diverifikasi (tidak dihitung)", rincian))

    if data.renstra is not None:
        tanpa_target = (
            Realisasi.objects.filter(
                tahun=tahun,
                indikator__sasaran__renstra=data.renstra,
                indikator__tingkat=IndikatorKinerja.Tingkat.SASARAN_STRATEGIS,
            )
            .exclude(indikator_id__in=id_target)
            .select_related("indikator__sasaran")
            .order_by("indikator__sasaran__nomor", "indikator__urutan", "periode")
        )
        rincian = sorted(
            {f"Sasaran {r.indikator.sasaran.nomor}: {r.indikator.nama}" for r in tanpa_target}
        )
        if rincian:
            temuan.append(
                Temuan("Realisasi tanpa target pada Perjanjian Kinerja yang berlaku", rincian)
            )

    belum_ttd = [
        d.perjanjian
        for d in data.semua_perjanjian
        if d.perjanjian.status != PerjanjianKinerja.Status.DITANDATANGANI
    ]
    if belum_ttd:
        temuan.append(
            Temuan("Perjanjian Kinerja belum ditandatangani", [str(p) for p in belum_ttd])
        )
    if data.anggaran.program_tanpa_realisasi:
        temuan.append(
            Temuan(
                "Program tanpa realisasi anggaran",
                [
                    f"{p.program.kode} {p.program.nama}"
                    for p in data.anggaran.program_tanpa_realisasi
                ],
            )
        )
    if not data.anggaran.program:
        temuan.append(Temuan("Belum ada pagu anggaran tahun ini", []))

    tanpa_kendala = [
        f"{b.indikator.nama} ({format_persen(b.persen)})"
        for b in data.di_bawah_tanpa_sebab
        if b.persen is not None
    ]
    if tanpa_kendala:
        temuan.append(
            Temuan(
                "Indikator di bawah target tanpa kendala dan tindak lanjut",
                tanpa_kendala,
                berat=False,
            )
        )
    tanpa_pendorong = [
        f"{b.indikator.nama} ({format_persen(b.persen)})"
        for b in data.tercapai_tanpa_pendorong
        if b.persen is not None
    ]
    if tanpa_pendorong:
        temuan.append(
            Temuan(
                "Indikator yang mencapai target tanpa faktor pendorong",
                tanpa_pendorong,
                berat=False,
            )
        )
    if data.kegiatan_tanpa_sasaran:
        temuan.append(
            Temuan(
                "Kegiatan perjanjian unit yang belum dipetakan ke sasaran (tidak dihitung "
                "pada efisiensi)",
                [
                    f"{k.unit.nama_singkat}: {k.kegiatan.uraian}"
                    for k in data.kegiatan_tanpa_sasaran
                ],
                berat=False,
            )
        )

    for judul, rincian in periksa_kaskade(
        organisasi=organisasi, tahun=tahun, tabel=capaian
    ).bagian():
        temuan.append(Temuan(judul, rincian, berat=False))
    for judul, rincian in periksa_narasi(laporan=data.laporan, analisis=data.analisis):
        temuan.append(Temuan(judul, rincian, berat=False))
    if not data.laporan_tersimpan:
        temuan.append(
            Temuan("Narasi laporan belum disimpan: teks bawaan yang dipakai", [], berat=False)
        )
    kosong = [
        # FIELD_NARASI names text columns; get_field is typed for relations too.
        str(LaporanKinerja._meta.get_field(f).verbose_name).capitalize()  # type: ignore[union-attr]
        for f in FIELD_NARASI
        if not getattr(data.laporan, f).strip()
    ]
    kosong += [f"Analisis sasaran {a.sasaran.nomor}" for a in data.analisis if not a.teks.strip()]
    if kosong:
        temuan.append(Temuan("Narasi yang masih kosong", kosong, berat=False))
    lain = []
    if not data.laporan.penandatangan_id:
        lain.append("Penandatangan laporan belum dipilih")
    if not data.laporan.tanggal:
        lain.append("Tanggal laporan belum diisi")
    if not organisasi.logo:
        lain.append("Logo organisasi belum diunggah (sampul dan kop tanpa logo)")
    if data.sakip is None:
        lain.append("Belum ada hasil evaluasi SAKIP")
    lain += [
        f"Capaian kinerja lain tanpa gambar: {c.uraian[:80]}"
        for c in data.capaian_lain
        if not c.gambar
    ]
    if lain:
        temuan.append(Temuan("Kelengkapan lain", lain, berat=False))
    return temuan
