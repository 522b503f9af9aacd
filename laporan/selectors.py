"""Reads for the LAKIP: everything one report prints, gathered in a fixed number of queries.

The capaian come from kinerja.capaian.tabel_capaian (the engine's answers); budget,
SAKIP, logistics and the narrative texts are read here. The analysis of each sasaran is
built in laporan.analisis, the logistics tables in laporan.logistik, the printed scales in
laporan.skala; laporan.konsistensi checks the result. Nothing in this module writes.
The number of queries depends on the number of units and agreements, never on the number of
indicators, programs or rows.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Q, Sum

from anggaran.selectors import RealisasiAnggaran, realisasi_anggaran
from evaluasi.selectors import HasilEvaluasi, evaluasi_selesai_terakhir
from inti import grafik
from kinerja.capaian import (
    BarisCapaian,
    TabelCapaian,
    perjanjian_berlaku,
    skala_renstra,
    tabel_capaian,
)
from kinerja.models import PerjanjianKinerja, SkalaPenilaian
from kinerja.perjanjian.dokumen import (
    DokumenPerjanjian,
    DokumenRkt,
    dokumen_perjanjian,
    dokumen_rkt,
    perjanjian_awal,
)
from laporan import kalimat
from laporan.analisis import (
    AnalisisLakip,
    KegiatanPendukung,
    Rekonsiliasi,
    analisis_lakip,
    kegiatan_pendukung,
    rekonsiliasi_kegiatan,
)
from laporan.bawaan import teks_bawaan
from laporan.logistik import DataLogistik, logistik_tahun
from laporan.models import (
    AnalisisSasaran,
    AngkaTercetak,
    CapaianLain,
    LaporanFinal,
    LaporanKinerja,
    ProdukHukum,
)
from laporan.skala import BarisSkala, baris_skala
from organisasi.models import JumlahPegawai, Organisasi, Pejabat, UnitKerja, UraianTugas
from renstra.models import IndikatorKinerja, Misi, Renstra, TargetRenstra, Tujuan

SERATUS = Decimal(100)
WARNA_CAPAIAN = "#2f5d8a"
WARNA_REALISASI = "#4f8a3c"

# The report's own narrative fields, in the order they print.
FIELD_NARASI: tuple[str, ...] = (
    "kata_pengantar",
    "ringkasan_eksekutif",
    "latar_belakang",
    "kedudukan_tugas_fungsi",
    "pengantar_tabel_tugas",
    "struktur_organisasi",
    "pengantar_bagan",
    "pengantar_tabel_subbagian",
    "pengantar_tabel_pegawai",
    "sistematika",
    "pengantar_renstra",
    "setelah_visi_misi",
    "pengantar_tabel_tujuan",
    "pengantar_tabel_renstra",
    "pengantar_perjanjian",
    "pengantar_tabel_perjanjian",
    "pengantar_anggaran",
    "pengantar_akuntabilitas",
    "pengantar_tabel_skala",
    "capaian_lain",
    "pengantar_realisasi_anggaran",
    "rencana_tindak_lanjut",
)
# Texts with a place but no duty: a generated "... disajikan pada Tabel n" (or nothing, after
# the visi and misi) stands where they are empty, so the panel does not ask for them.
NARASI_PILIHAN = frozenset(
    {
        "pengantar_tabel_tugas",
        "pengantar_bagan",
        "pengantar_tabel_subbagian",
        "pengantar_tabel_pegawai",
        "setelah_visi_misi",
        "pengantar_tabel_tujuan",
        "pengantar_tabel_renstra",
        "pengantar_tabel_perjanjian",
        "pengantar_tabel_skala",
    }
)


# ---------------------------------------------------------------- the report


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
        if not any(b.persen is not None for a in self.analisis for b in a.capaian.baris):
            return ""  # nothing measured: no verdict, not "all reached their targets"
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


def _analisis_tersimpan(laporan: LaporanKinerja) -> dict[int, str]:
    """The typed analysis of each sasaran, by sasaran id."""
    return dict(AnalisisSasaran.objects.filter(laporan=laporan).values_list("sasaran_id", "teks"))


class _Organisasi(NamedTuple):
    unit: list[UnitKerja]
    bagan: str
    uraian_tugas: dict[str, list[UraianTugas]]
    pegawai: list[JumlahPegawai]
    total_pegawai: int


def _organisasi(organisasi: Organisasi, tahun: int) -> _Organisasi:
    """Units, their chart with each head, tasks and staff (BAB I)."""
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
    return _Organisasi(
        unit=unit,
        bagan=bagan,
        uraian_tugas={jenis: daftar for jenis, daftar in uraian.items() if daftar},
        pegawai=list(pegawai_qs),
        total_pegawai=pegawai_qs.aggregate(t=Sum("jumlah"))["t"] or 0,
    )


class _Rencana(NamedTuple):
    misi: list[Misi]
    tujuan: list[Tujuan]
    tahun_renstra: list[int]
    matriks: list[tuple[int, str, list[BarisMatriks]]]


def _rencana(renstra: Renstra | None) -> _Rencana:
    """The Renstra's missions, goals and five-year target matrix (BAB II A)."""
    if renstra is None:
        return _Rencana([], [], [], [])
    tahun_renstra = list(renstra.tahun)
    return _Rencana(
        misi=list(Misi.objects.filter(renstra=renstra)),
        tujuan=list(Tujuan.objects.filter(renstra=renstra).prefetch_related("sasaran")),
        tahun_renstra=tahun_renstra,
        matriks=_matriks(renstra, tahun_renstra),
    )


def _matriks(
    renstra: Renstra, tahun_renstra: list[int]
) -> list[tuple[int, str, list[BarisMatriks]]]:
    """Each sasaran's strategic indicators with their target per Renstra year (two queries)."""
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
    return list(per_sasaran.values())


class _Perjanjian(NamedTuple):
    berlaku: DokumenPerjanjian | None
    semula: DokumenPerjanjian | None
    unit: list[DokumenPerjanjian]


def _perjanjian(
    capaian: TabelCapaian, *, unit: list[UnitKerja], alamat_situs: str | None
) -> _Perjanjian:
    """The organisation's agreement in force (the one the capaian were measured by), the
    original of an amended one, and each unit's agreement in force."""
    organisasi, tahun, berlaku = capaian.organisasi, capaian.tahun, capaian.perjanjian
    perjanjian = dokumen_perjanjian(berlaku, alamat_situs=alamat_situs) if berlaku else None
    # An amended year prints the original as signed beside the amendment it was measured by.
    awal = perjanjian_awal(organisasi=organisasi, tahun=tahun)
    perjanjian_semula = (
        dokumen_perjanjian(awal, alamat_situs=alamat_situs)
        if awal is not None
        and berlaku is not None
        and awal.pk != berlaku.pk
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
    return _Perjanjian(perjanjian, perjanjian_semula, perjanjian_unit)


def _grafik_capaian(analisis: list[AnalisisLakip], tahun: int) -> str:
    # The target (100 %) is one reference line, not a bar per sasaran; each sasaran named.
    rata_rata = [a.rata_rata for a in analisis]
    return grafik.grafik_batang(
        baris=[(f"{a.sasaran.nomor}. {a.sasaran.nama}", [a.rata_rata]) for a in analisis],
        seri=[grafik.Seri("Rata-rata capaian", WARNA_CAPAIAN)],
        judul=f"Rata-rata capaian per sasaran strategis tahun {tahun} terhadap target",
        acuan=SERATUS,
        mulai=grafik.awal_sumbu(rata_rata),
    )


def _grafik_anggaran(anggaran: RealisasiAnggaran, tahun: int) -> str:
    serapan = [p.serapan for p in anggaran.program]
    return grafik.grafik_batang(
        baris=[
            *((f"{p.program.kode} {p.program.nama}", [p.serapan]) for p in anggaran.program),
            *([("Jumlah", [anggaran.serapan])] if anggaran.program else []),
        ],
        seri=[grafik.Seri("Serapan anggaran", WARNA_REALISASI)],
        judul=f"Serapan anggaran per program tahun {tahun}",
        maks=SERATUS,
        mulai=grafik.awal_sumbu(serapan),
    )


def _kalimat_ringkasan(capaian: TabelCapaian) -> str:
    return kalimat.kalimat_ringkasan(
        tahun=capaian.tahun,
        jumlah_sasaran=len(capaian.sasaran),
        ringkasan=capaian.ringkasan,
        singkatan=capaian.organisasi.nama_singkat,
    )


def _kalimat_anggaran(anggaran: RealisasiAnggaran, tahun: int) -> str:
    return kalimat.kalimat_anggaran(
        tahun=tahun,
        pagu=anggaran.pagu,
        realisasi=anggaran.realisasi,
        serapan=anggaran.serapan,
        kategori=anggaran.kategori.nama if anggaran.kategori else None,
        jumlah_program=len(anggaran.program),
    )


def _kalimat_standar(capaian: TabelCapaian) -> str:
    semua_baris = [b for s in capaian.sasaran for b in (*s.baris, *s.outcome)]
    return kalimat.kalimat_standar_nasional(
        tahun=capaian.tahun,
        jumlah_indikator=len(semua_baris),
        dengan_standar=sum(1 for b in semua_baris if b.standar_nasional.ada),
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
    analisis_teks = _analisis_tersimpan(laporan) if tersimpan else {}
    org = _organisasi(organisasi, tahun)
    rencana = _rencana(renstra)
    pk = _perjanjian(capaian, unit=org.unit, alamat_situs=alamat_situs)
    pendukung, kegiatan_tanpa_sasaran = kegiatan_pendukung([d.perjanjian for d in pk.unit])
    skala_anggaran = skala_renstra(renstra, SkalaPenilaian.Jenis.ANGGARAN)
    anggaran = realisasi_anggaran(organisasi=organisasi, tahun=tahun, skala=skala_anggaran)
    analisis = analisis_lakip(capaian, teks=analisis_teks, pendukung=pendukung, anggaran=anggaran)
    semua_kegiatan = [k for daftar in pendukung.values() for k in daftar] + kegiatan_tanpa_sasaran
    return DataLakip(
        organisasi=organisasi,
        tahun=tahun,
        pratinjau=pratinjau,
        laporan=laporan,
        laporan_tersimpan=tersimpan,
        analisis_tersimpan=analisis_teks,
        capaian=capaian,
        kalimat_ringkasan=_kalimat_ringkasan(capaian),
        analisis=analisis,
        skala_capaian=baris_skala(capaian.skala),
        uraian_tugas=org.uraian_tugas,
        unit=org.unit,
        subbagian=[u for u in org.unit if u.jenis == UnitKerja.Jenis.SUBBAGIAN],
        bagan=org.bagan,
        pegawai=org.pegawai,
        total_pegawai=org.total_pegawai,
        renstra=renstra,
        misi=rencana.misi,
        tujuan=rencana.tujuan,
        tahun_renstra=rencana.tahun_renstra,
        matriks=rencana.matriks,
        perjanjian=pk.berlaku,
        perjanjian_unit=pk.unit,
        rkt=dokumen_rkt(organisasi=organisasi, tahun=tahun),
        anggaran=anggaran,
        skala_anggaran=baris_skala(skala_anggaran),
        kalimat_anggaran=_kalimat_anggaran(anggaran, tahun),
        sakip=evaluasi_selesai_terakhir(organisasi=organisasi, tahun=tahun),
        logistik=logistik_tahun(organisasi=organisasi, tahun=tahun),
        produk_hukum=list(ProdukHukum.objects.filter(organisasi=organisasi, tahun=tahun)),
        capaian_lain=list(CapaianLain.objects.filter(organisasi=organisasi, tahun=tahun)),
        grafik_capaian=_grafik_capaian(analisis, tahun),
        grafik_anggaran=_grafik_anggaran(anggaran, tahun),
        semua_perjanjian=[d for d in [pk.semula, pk.berlaku, *pk.unit] if d is not None],
        kegiatan_tanpa_sasaran=kegiatan_tanpa_sasaran,
        rekonsiliasi=rekonsiliasi_kegiatan(semua_kegiatan, anggaran=anggaran, tahun=tahun),
        kalimat_standar=_kalimat_standar(capaian),
        angka_tercetak=angka_tercetak(organisasi=organisasi, tahun=tahun),
    )


def angka_tercetak(*, organisasi: Organisasi, tahun: int) -> dict[str, str]:
    """The source document's printed figures of the year, by cell key."""
    return dict(
        AngkaTercetak.objects.filter(organisasi=organisasi, tahun=tahun).values_list(
            "kunci", "teks"
        )
    )
