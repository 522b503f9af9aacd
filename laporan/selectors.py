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
    analisis_sasaran,
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
        analisis_sasaran(
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
