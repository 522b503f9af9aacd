"""Reads that span tables: the capaian table of an organisation and year.

A fixed number of queries, however many indicators: everything is fetched in bulk and the
engine (kinerja.capaian) is asked once per indicator in Python.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, Sum, When
from django.utils import timezone

from anggaran.models import AnggaranKegiatan
from kinerja.capaian import (
    SKALA_CAPAIAN_BAKU,
    SKALA_EFEKTIVITAS_BAKU,
    Agregasi,
    HasilCapaian,
    Rentang,
    Status,
    hitung_capaian,
    hitung_capaian_ordinal,
    hitung_ringkasan,
    klasifikasi,
    realisasi_tahunan,
    selisih,
)
from kinerja.models import (
    PERIODE_TRIWULAN,
    BuktiDukung,
    JadwalPeriode,
    KegiatanPerjanjian,
    KunciTahun,
    PembukaanPeriode,
    Periode,
    PerjanjianKinerja,
    Realisasi,
    RentangPenilaian,
    SkalaPenilaian,
    TandaTangan,
    TargetKinerja,
)
from kinerja.sidik import sha256_perjanjian
from kinerja.tampilan import format_nilai
from organisasi.angka import format_rupiah
from organisasi.models import Organisasi, UnitKerja
from renstra.models import (
    IndikatorKinerja,
    NilaiTarget,
    Renstra,
    SasaranStrategis,
    TargetRenstra,
    TingkatSkala,
)


@dataclass(frozen=True)
class Nilai:
    """A target or realisasi in the indicator's kind of value: a number or a level."""

    angka: Decimal | None = None
    angka_atas: Decimal | None = None
    tingkat: TingkatSkala | None = None

    @property
    def ada(self) -> bool:
        return self.angka is not None or self.tingkat is not None

    @classmethod
    def dari_target(cls, target: NilaiTarget | None) -> "Nilai":
        if target is None:
            return cls()
        return cls(target.nilai, target.nilai_atas, target.tingkat)


KOSONG = Nilai()


def hitung(indikator: IndikatorKinerja, target: Nilai, realisasi: Nilai) -> HasilCapaian:
    """The engine's answer for one indicator, whatever its kind of value."""
    if indikator.is_ordinal:
        return hitung_capaian_ordinal(
            peringkat_target=target.tingkat.peringkat if target.tingkat else None,
            peringkat_realisasi=realisasi.tingkat.peringkat if realisasi.tingkat else None,
        )
    return hitung_capaian(
        target=target.angka,
        realisasi=realisasi.angka,
        polaritas=indikator.polaritas,
        target_atas=target.angka_atas,
    )


def realisasi_tahun(indikator: IndikatorKinerja, per_periode: dict[str, Realisasi]) -> Nilai:
    """The year's value: the yearly entry, else the quarters by the indicator's rule."""
    tahunan = per_periode.get(Periode.TAHUNAN)
    if indikator.is_ordinal:
        # A level cannot be summed or averaged: the latest one stands for the year.
        for periode in (Periode.TAHUNAN, *reversed(PERIODE_TRIWULAN)):
            if periode in per_periode:
                return Nilai(tingkat=per_periode[periode].tingkat)
        return KOSONG
    angka = realisasi_tahunan(
        tahunan=tahunan.nilai if tahunan else None,
        triwulan=[per_periode[p].nilai if p in per_periode else None for p in PERIODE_TRIWULAN],
        agregasi=Agregasi(indikator.agregasi),
    )
    return Nilai(angka=angka)


@dataclass
class BarisCapaian:
    indikator: IndikatorKinerja
    target: Nilai
    realisasi: Nilai
    hasil: HasilCapaian
    kategori: Rentang | None
    kendala: str = ""
    tindak_lanjut: str = ""
    belum_diverifikasi: bool = False
    # Previous year (the agreement in force then, else the Renstra's target for that year).
    target_lalu: Nilai = KOSONG
    realisasi_lalu: Nilai = KOSONG
    hasil_lalu: HasilCapaian | None = None
    # The Renstra: this year's target, the final year's target and progress toward it.
    target_renstra: Nilai = KOSONG
    target_renstra_akhir: Nilai = KOSONG
    progres_akhir: HasilCapaian | None = None

    @property
    def persen(self) -> Decimal | None:
        return self.hasil.persen

    @property
    def perubahan(self) -> Decimal | None:
        """Change of capaian against the previous year, in percentage points."""
        return selisih(self.hasil.persen, self.hasil_lalu.persen if self.hasil_lalu else None)


@dataclass
class SasaranCapaian:
    sasaran: SasaranStrategis
    baris: list[BarisCapaian]
    ringkasan: dict[str, int]
    # Outcome-level indicators of this sasaran, compared with the Renstra (no agreement target).
    outcome: list[BarisCapaian] = field(default_factory=list)


@dataclass
class TabelCapaian:
    organisasi: Organisasi
    tahun: int
    renstra: Renstra | None
    perjanjian: PerjanjianKinerja | None
    skala: tuple[Rentang, ...]
    sasaran: list[SasaranCapaian]
    ringkasan: dict[str, int]
    termasuk_belum_diverifikasi: bool = False

    @property
    def baris(self) -> list[BarisCapaian]:
        return [b for s in self.sasaran for b in s.baris]

    @property
    def jumlah_indikator(self) -> int:
        return sum(len(s.baris) for s in self.sasaran)


def perjanjian_berlaku(
    *, organisasi: Organisasi, tahun: int, unit_kerja: UnitKerja | None = None
) -> PerjanjianKinerja | None:
    """The agreement in force: the latest signed version of the year, else the latest draft."""
    return (
        PerjanjianKinerja.objects.filter(organisasi=organisasi, tahun=tahun, unit_kerja=unit_kerja)
        .select_related("pihak_pertama", "pihak_kedua", "unit_kerja", "organisasi")
        .order_by(
            # Signed before draft, then the highest version.
            Case(When(status=PerjanjianKinerja.Status.DITANDATANGANI, then=0), default=1),
            "-versi",
        )
        .first()
    )


def renstra_tahun(*, organisasi: Organisasi, tahun: int) -> Renstra | None:
    return (
        Renstra.objects.filter(
            organisasi=organisasi, tahun_mulai__lte=tahun, tahun_selesai__gte=tahun
        )
        .order_by("-tahun_mulai")
        .first()
    )


def skala_renstra(renstra: Renstra | None, jenis: str) -> tuple[Rentang, ...]:
    """The Renstra's scale as engine bands; the engine's default when none is defined."""
    baku = SKALA_CAPAIAN_BAKU if jenis == SkalaPenilaian.Jenis.CAPAIAN else SKALA_EFEKTIVITAS_BAKU
    if renstra is None:
        return baku
    rentang = RentangPenilaian.objects.filter(skala__renstra=renstra, skala__jenis=jenis)
    return tuple(Rentang(r.nama, r.batas_bawah, r.inklusif, r.keterangan) for r in rentang) or baku


def tabel_capaian(
    *, organisasi: Organisasi, tahun: int, termasuk_belum_diverifikasi: bool = False
) -> TabelCapaian:
    """Sasaran → indicators of the agreement in force, with target, realisasi, capaian,
    category, the previous year and the Renstra. Nine queries, whatever the size."""
    renstra = renstra_tahun(organisasi=organisasi, tahun=tahun)
    perjanjian = perjanjian_berlaku(organisasi=organisasi, tahun=tahun)
    perjanjian_lalu = perjanjian_berlaku(organisasi=organisasi, tahun=tahun - 1)
    skala = skala_renstra(renstra, SkalaPenilaian.Jenis.CAPAIAN)

    target = (
        {
            t.indikator_id: t
            for t in TargetKinerja.objects.filter(perjanjian=perjanjian)
            .select_related(
                "indikator__sasaran", "indikator__skala", "indikator__unit_kerja", "tingkat"
            )
            .order_by("indikator__sasaran__nomor", "urutan", "indikator__urutan")
        }
        if perjanjian
        else {}
    )
    target_lalu = (
        {
            t.indikator_id: Nilai.dari_target(t)
            for t in TargetKinerja.objects.filter(perjanjian=perjanjian_lalu).select_related(
                "tingkat"
            )
        }
        if perjanjian_lalu
        else {}
    )

    outcome = (
        list(
            IndikatorKinerja.objects.filter(
                sasaran__renstra=renstra, tingkat=IndikatorKinerja.Tingkat.SASARAN_PROGRAM
            ).select_related("sasaran", "skala", "unit_kerja")
        )
        if renstra
        else []
    )
    semua_indikator = [t.indikator for t in target.values()] + outcome
    id_indikator = [i.pk for i in semua_indikator]

    realisasi: dict[tuple[int, int], dict[str, Realisasi]] = defaultdict(dict)
    qs = Realisasi.objects.filter(indikator_id__in=id_indikator, tahun__in=[tahun - 1, tahun])
    if not termasuk_belum_diverifikasi:
        qs = qs.filter(status=Realisasi.Status.DIVERIFIKASI)
    for r in qs.select_related("tingkat"):
        realisasi[r.indikator_id, r.tahun][r.periode] = r

    target_renstra: dict[tuple[int, int], Nilai] = {
        (t.indikator_id, t.tahun): Nilai.dari_target(t)
        for t in TargetRenstra.objects.filter(indikator_id__in=id_indikator).select_related(
            "tingkat"
        )
    }
    tahun_akhir = renstra.tahun_selesai if renstra else tahun

    def baris(indikator: IndikatorKinerja, target_ini: Nilai) -> BarisCapaian:
        per_periode = realisasi.get((indikator.pk, tahun), {})
        nilai = realisasi_tahun(indikator, per_periode)
        hasil = hitung(indikator, target_ini, nilai)
        lalu = realisasi_tahun(indikator, realisasi.get((indikator.pk, tahun - 1), {}))
        t_lalu = target_lalu.get(indikator.pk) or target_renstra.get(
            (indikator.pk, tahun - 1), KOSONG
        )
        t_akhir = target_renstra.get((indikator.pk, tahun_akhir), KOSONG)
        yang_dipakai = per_periode.get(Periode.TAHUNAN) or next(
            (per_periode[p] for p in reversed(PERIODE_TRIWULAN) if p in per_periode), None
        )
        return BarisCapaian(
            indikator=indikator,
            target=target_ini,
            realisasi=nilai,
            hasil=hasil,
            kategori=klasifikasi(hasil.persen, skala) if hasil.persen is not None else None,
            kendala=yang_dipakai.kendala if yang_dipakai else "",
            tindak_lanjut=yang_dipakai.tindak_lanjut if yang_dipakai else "",
            belum_diverifikasi=any(
                r.status != Realisasi.Status.DIVERIFIKASI for r in per_periode.values()
            ),
            target_lalu=t_lalu,
            realisasi_lalu=lalu,
            hasil_lalu=hitung(indikator, t_lalu, lalu) if lalu.ada else None,
            target_renstra=target_renstra.get((indikator.pk, tahun), KOSONG),
            target_renstra_akhir=t_akhir,
            progres_akhir=hitung(indikator, t_akhir, nilai) if t_akhir.ada else None,
        )

    per_sasaran: dict[int, SasaranCapaian] = {}
    for t in target.values():
        sasaran = t.indikator.sasaran
        if sasaran.pk not in per_sasaran:
            per_sasaran[sasaran.pk] = SasaranCapaian(sasaran=sasaran, baris=[], ringkasan={})
        per_sasaran[sasaran.pk].baris.append(baris(t.indikator, Nilai.dari_target(t)))
    for indikator in outcome:
        if indikator.sasaran_id in per_sasaran:
            target_ini = target_renstra.get((indikator.pk, tahun), KOSONG)
            per_sasaran[indikator.sasaran_id].outcome.append(baris(indikator, target_ini))

    daftar = sorted(per_sasaran.values(), key=lambda s: s.sasaran.nomor)
    for s in daftar:
        s.ringkasan = ringkasan_kategori(s.baris, skala)
    return TabelCapaian(
        organisasi=organisasi,
        tahun=tahun,
        renstra=renstra,
        perjanjian=perjanjian,
        skala=skala,
        sasaran=daftar,
        ringkasan=ringkasan_kategori([b for s in daftar for b in s.baris], skala),
        termasuk_belum_diverifikasi=termasuk_belum_diverifikasi,
    )


def ringkasan_kategori(baris: list[BarisCapaian], skala: tuple[Rentang, ...]) -> dict[str, int]:
    """Count per category, plus indicators without realisasi and those not targeted."""
    dihitung = [b for b in baris if b.kategori is not None]
    ringkasan = hitung_ringkasan(
        [b.kategori.nama for b in dihitung]
        + [None for b in baris if b.hasil.status == Status.BELUM_ADA_REALISASI],
        skala,
    )
    lain = [b for b in baris if b.hasil.status in (Status.TIDAK_DITARGETKAN, Status.TANPA_TARGET)]
    if lain:
        ringkasan[Status.TIDAK_DITARGETKAN.label] = len(lain)
    return ringkasan


def target_tahun(indikator: IndikatorKinerja, tahun: int) -> Nilai:
    """The target an indicator is measured against in a year: the agreement in force,
    else the Renstra's target for that year."""
    organisasi = indikator.sasaran.renstra.organisasi
    perjanjian = perjanjian_berlaku(organisasi=organisasi, tahun=tahun)
    target = (
        TargetKinerja.objects.filter(perjanjian=perjanjian, indikator=indikator)
        .select_related("tingkat")
        .first()
        if perjanjian
        else None
    ) or TargetRenstra.objects.filter(indikator=indikator, tahun=tahun).select_related(
        "tingkat"
    ).first()
    return Nilai.dari_target(target)


def capaian_realisasi(realisasi: Realisasi) -> tuple[HasilCapaian, Rentang | None]:
    """Capaian and category of one stored value (a quarter's value against the year's target)."""
    indikator = realisasi.indikator
    hasil = hitung(
        indikator,
        target_tahun(indikator, realisasi.tahun),
        Nilai(angka=realisasi.nilai, tingkat=realisasi.tingkat),
    )
    if hasil.persen is None:
        return hasil, None
    skala = skala_renstra(indikator.sasaran.renstra, SkalaPenilaian.Jenis.CAPAIAN)
    return hasil, klasifikasi(hasil.persen, skala)


# ---------------------------------------------------------------- the agreement's lifecycle


def teks_target(target: NilaiTarget, indikator: IndikatorKinerja) -> str:
    """A target as the document prints it: "100 %", "80", "BB"."""
    return format_nilai(
        tipe=indikator.tipe,
        angka=target.nilai,
        kode_tingkat=target.tingkat.kode if target.tingkat_id else None,
        angka_atas=target.nilai_atas,
    )


def _sama_target(a: NilaiTarget, b: NilaiTarget) -> bool:
    return (a.nilai, a.nilai_atas, a.tingkat_id) == (b.nilai, b.nilai_atas, b.tingkat_id)


def perjanjian_unit_tahun(
    *, organisasi: Organisasi, tahun: int, kecuali: PerjanjianKinerja | None = None
) -> list[PerjanjianKinerja]:
    """The unit agreements of the year, one per unit: the one being checked stands for its
    own unit, every other unit is represented by its agreement in force."""
    unit_ids = (
        PerjanjianKinerja.objects.filter(
            organisasi=organisasi, tahun=tahun, unit_kerja__isnull=False
        )
        .values_list("unit_kerja", flat=True)
        .distinct()
    )
    daftar = []
    for unit in UnitKerja.objects.filter(pk__in=unit_ids).order_by("urutan"):
        if kecuali is not None and kecuali.unit_kerja_id == unit.pk:
            daftar.append(kecuali)
        else:
            daftar.append(perjanjian_berlaku(organisasi=organisasi, tahun=tahun, unit_kerja=unit))
    return daftar


def perjanjian_kesalahan(perjanjian: PerjanjianKinerja) -> list[str]:
    """What stops an agreement from being signed at all."""
    if not perjanjian.target.exists():
        return ["Perjanjian belum memuat target kinerja."]
    return []


def perjanjian_periksa(perjanjian: PerjanjianKinerja) -> list[str]:
    """Inconsistencies to look at before signing (signing past them needs a confirmation):
    organisation indicators no unit carries, unit targets that differ from the organisation's,
    and kegiatan budgets that do not add up to the pagu of the year."""
    return _periksa_target(perjanjian) + _periksa_anggaran(perjanjian)


def _periksa_target(perjanjian: PerjanjianKinerja) -> list[str]:
    organisasi, tahun = perjanjian.organisasi, perjanjian.tahun
    target = list(perjanjian.target.select_related("indikator", "tingkat"))
    peringatan = []
    if perjanjian.unit_kerja_id is None:
        per_indikator: dict[int, list[tuple[PerjanjianKinerja, TargetKinerja]]] = defaultdict(list)
        unit_pk = perjanjian_unit_tahun(organisasi=organisasi, tahun=tahun)
        for t in TargetKinerja.objects.filter(perjanjian__in=unit_pk).select_related(
            "tingkat", "perjanjian__unit_kerja"
        ):
            per_indikator[t.indikator_id].append((t.perjanjian, t))
        for t in target:
            if t.indikator_id not in per_indikator:
                peringatan.append(
                    f'Indikator "{t.indikator.nama}" tidak dimuat dalam perjanjian kinerja '
                    "unit mana pun."
                )
            for pk_unit, tu in per_indikator.get(t.indikator_id, []):
                if not _sama_target(t, tu):
                    peringatan.append(
                        f'Target "{t.indikator.nama}" pada perjanjian kinerja '
                        f"{pk_unit.unit_kerja.nama} ({teks_target(tu, t.indikator)}) berbeda "
                        f"dengan target organisasi ({teks_target(t, t.indikator)})."
                    )
        return peringatan
    induk = perjanjian_berlaku(organisasi=organisasi, tahun=tahun)
    if induk is None:
        return [f"Perjanjian kinerja organisasi tahun {tahun} belum ada."]
    target_induk = {
        t.indikator_id: t
        for t in TargetKinerja.objects.filter(perjanjian=induk).select_related("tingkat")
    }
    for t in target:
        ti = target_induk.get(t.indikator_id)
        if ti is not None and not _sama_target(t, ti):
            peringatan.append(
                f'Target "{t.indikator.nama}" ({teks_target(t, t.indikator)}) berbeda dengan '
                f"target perjanjian kinerja organisasi ({teks_target(ti, t.indikator)})."
            )
    return peringatan


def _periksa_anggaran(perjanjian: PerjanjianKinerja) -> list[str]:
    organisasi, tahun = perjanjian.organisasi, perjanjian.tahun
    pagu = AnggaranKegiatan.objects.filter(kegiatan__program__organisasi=organisasi, tahun=tahun)
    pagu_kegiatan = dict(pagu.values_list("kegiatan", "pagu"))
    pagu_program = {
        baris["kegiatan__program"]: baris["jumlah"]
        for baris in pagu.values("kegiatan__program").annotate(jumlah=Sum("pagu"))
    }
    peringatan = []
    for k in perjanjian.kegiatan.select_related("program", "kegiatan"):
        if k.program_id:
            nama, seharusnya = f"program {k.program.kode}", pagu_program.get(k.program_id)
        elif k.kegiatan_id:
            nama, seharusnya = f"kegiatan {k.kegiatan.kode}", pagu_kegiatan.get(k.kegiatan_id)
        else:
            continue
        if seharusnya is None:
            peringatan.append(f"Pagu {nama} tahun {tahun} belum tercatat.")
        elif k.anggaran != seharusnya:
            peringatan.append(
                f'Anggaran "{k.uraian}" ({format_rupiah(k.anggaran)}) tidak sama dengan pagu '
                f"{nama} tahun {tahun} ({format_rupiah(seharusnya)})."
            )
    jumlah_pagu = pagu.aggregate(jumlah=Sum("pagu"))["jumlah"]
    unit_pk = perjanjian_unit_tahun(
        organisasi=organisasi,
        tahun=tahun,
        kecuali=perjanjian if perjanjian.unit_kerja_id else None,
    )
    jumlah_kegiatan = KegiatanPerjanjian.objects.filter(perjanjian__in=unit_pk).aggregate(
        jumlah=Sum("anggaran")
    )["jumlah"]
    if jumlah_pagu is not None and jumlah_kegiatan is not None and jumlah_kegiatan != jumlah_pagu:
        peringatan.append(
            "Jumlah anggaran kegiatan pada perjanjian kinerja unit "
            f"({format_rupiah(jumlah_kegiatan)}) tidak sama dengan jumlah pagu program tahun "
            f"{tahun} ({format_rupiah(jumlah_pagu)})."
        )
    return peringatan


@dataclass
class PerubahanVersi:
    """What changed from one version of an agreement to the next."""

    indikator_ditambah: list[str] = field(default_factory=list)
    indikator_dihapus: list[str] = field(default_factory=list)
    target_berubah: list[tuple[str, str, str]] = field(default_factory=list)
    kegiatan_ditambah: list[str] = field(default_factory=list)
    kegiatan_dihapus: list[str] = field(default_factory=list)
    kegiatan_berubah: list[tuple[str, str, str]] = field(default_factory=list)
    lain: list[str] = field(default_factory=list)

    @property
    def ada(self) -> bool:
        return any(vars(self).values())

    @property
    def ringkasan(self) -> str:
        bagian = []
        for jumlah, teks in (
            (len(self.indikator_ditambah), "+{} indikator"),
            (len(self.indikator_dihapus), "\u2212{} indikator"),
            (len(self.target_berubah), "{} target berubah"),
            (len(self.kegiatan_ditambah), "+{} kegiatan"),
            (len(self.kegiatan_dihapus), "\u2212{} kegiatan"),
            (len(self.kegiatan_berubah), "{} anggaran berubah"),
        ):
            if jumlah:
                bagian.append(teks.format(jumlah))
        bagian += self.lain
        return ", ".join(bagian) or "Tidak ada perubahan isi"


@dataclass
class VersiPerjanjian:
    perjanjian: PerjanjianKinerja
    perubahan: PerubahanVersi | None  # against the previous version; None for version 1


def _isi_versi(perjanjian: PerjanjianKinerja):
    target = {
        t.indikator_id: t
        for t in perjanjian.target.select_related("indikator", "tingkat").order_by(
            "indikator__sasaran__nomor", "urutan"
        )
    }
    kegiatan: dict[str, KegiatanPerjanjian] = {}
    for k in perjanjian.kegiatan.order_by("urutan", "pk"):
        kegiatan.setdefault(k.uraian.strip().casefold(), k)
    return target, kegiatan


def bandingkan_versi(lama: PerjanjianKinerja, baru: PerjanjianKinerja) -> PerubahanVersi:
    target_lama, kegiatan_lama = _isi_versi(lama)
    target_baru, kegiatan_baru = _isi_versi(baru)
    p = PerubahanVersi()
    for ind_id, t in target_baru.items():
        if ind_id not in target_lama:
            p.indikator_ditambah.append(f"{t.indikator.nama} ({teks_target(t, t.indikator)})")
        elif not _sama_target(t, target_lama[ind_id]):
            p.target_berubah.append(
                (
                    t.indikator.nama,
                    teks_target(target_lama[ind_id], t.indikator),
                    teks_target(t, t.indikator),
                )
            )
    p.indikator_dihapus = [
        t.indikator.nama for ind_id, t in target_lama.items() if ind_id not in target_baru
    ]
    for kunci, k in kegiatan_baru.items():
        if kunci not in kegiatan_lama:
            p.kegiatan_ditambah.append(f"{k.uraian} ({format_rupiah(k.anggaran)})")
        elif k.anggaran != kegiatan_lama[kunci].anggaran:
            p.kegiatan_berubah.append(
                (
                    k.uraian,
                    format_rupiah(kegiatan_lama[kunci].anggaran),
                    format_rupiah(k.anggaran),
                )
            )
    p.kegiatan_dihapus = [
        k.uraian for kunci, k in kegiatan_lama.items() if kunci not in kegiatan_baru
    ]
    if lama.pihak_pertama_id != baru.pihak_pertama_id:
        p.lain.append(f"pihak pertama: {lama.pihak_pertama.nama} \u2192 {baru.pihak_pertama.nama}")
    if lama.pihak_kedua_id != baru.pihak_kedua_id:
        p.lain.append(f"pihak kedua: {lama.pihak_kedua.nama} \u2192 {baru.pihak_kedua.nama}")
    if lama.tempat != baru.tempat:
        p.lain.append(f"tempat: {lama.tempat} \u2192 {baru.tempat}")
    return p


def riwayat_versi(perjanjian: PerjanjianKinerja) -> list[VersiPerjanjian]:
    """Every version of this agreement (same organisation, unit and year), oldest first,
    each with what changed against the one before it."""
    semua = list(
        PerjanjianKinerja.objects.filter(
            organisasi_id=perjanjian.organisasi_id,
            unit_kerja_id=perjanjian.unit_kerja_id,
            tahun=perjanjian.tahun,
        )
        .select_related("pihak_pertama", "pihak_kedua")
        .order_by("versi")
    )
    return [
        VersiPerjanjian(pk, bandingkan_versi(semua[i - 1], pk) if i else None)
        for i, pk in enumerate(semua)
    ]


@dataclass
class BarisDaftarPerjanjian:
    """One owner's line of a year's list: the organisation or a unit, with its versions."""

    unit_kerja: UnitKerja | None
    nama: str
    versi: list[PerjanjianKinerja]
    ada_tahun_lalu: bool = False  # an agreement of the previous year to copy from

    @property
    def terakhir(self) -> PerjanjianKinerja | None:
        return self.versi[-1] if self.versi else None


def daftar_perjanjian(*, organisasi: Organisasi, tahun: int) -> list[BarisDaftarPerjanjian]:
    """The organisation's agreement and one per subbagian (and any other unit that has one)."""
    per_pemilik: dict[int | None, list[PerjanjianKinerja]] = defaultdict(list)
    for pk in (
        PerjanjianKinerja.objects.filter(organisasi=organisasi, tahun=tahun)
        .select_related("pihak_pertama", "pihak_kedua", "unit_kerja")
        .order_by("versi")
    ):
        per_pemilik[pk.unit_kerja_id].append(pk)
    lalu = set(
        PerjanjianKinerja.objects.filter(organisasi=organisasi, tahun=tahun - 1).values_list(
            "unit_kerja", flat=True
        )
    )
    nama = organisasi.nama_sekretariat or organisasi.nama
    baris = [BarisDaftarPerjanjian(None, nama, per_pemilik.get(None, []), None in lalu)]
    for unit in UnitKerja.objects.filter(organisasi=organisasi).order_by("urutan", "nama"):
        if unit.jenis == UnitKerja.Jenis.SUBBAGIAN or unit.pk in per_pemilik:
            baris.append(
                BarisDaftarPerjanjian(
                    unit, unit.nama, per_pemilik.get(unit.pk, []), unit.pk in lalu
                )
            )
    return baris


@dataclass
class HasilVerifikasi:
    perjanjian: PerjanjianKinerja
    tanda_tangan: list[TandaTangan]
    cocok: bool


def verifikasi_perjanjian(kode: str) -> HasilVerifikasi | None:
    """The agreement behind a verification code, and whether its content still hashes to
    what both parties signed."""
    perjanjian = (
        PerjanjianKinerja.objects.filter(
            kode_verifikasi=kode, status=PerjanjianKinerja.Status.DITANDATANGANI
        )
        .select_related("organisasi", "unit_kerja", "pihak_pertama", "pihak_kedua")
        .first()
    )
    if perjanjian is None:
        return None
    tanda_tangan = list(
        perjanjian.tanda_tangan.select_related("pejabat").order_by("waktu", "pihak")
    )
    sekarang = sha256_perjanjian(perjanjian)
    return HasilVerifikasi(
        perjanjian=perjanjian,
        tanda_tangan=tanda_tangan,
        cocok=len(tanda_tangan) == 2 and all(t.sha256 == sekarang for t in tanda_tangan),
    )


# ---------------------------------------------------------------- realisasi entry (issue 5)

PERIODE_URUT: tuple[Periode, ...] = (*PERIODE_TRIWULAN, Periode.TAHUNAN)
STATUS_DAPAT_DIUBAH = (Realisasi.Status.DRAF, Realisasi.Status.DIKEMBALIKAN)


@dataclass(frozen=True)
class StatusPeriode:
    """Whether a period is open for entry (for one unit, when a unit is given)."""

    periode: Periode
    tanggal_tutup: date | None
    kunci_tahun: KunciTahun | None
    pembukaan: PembukaanPeriode | None  # an admin's reopening still in force
    terbuka: bool

    @property
    def label(self) -> str:
        return self.periode.label


def status_periode(
    *,
    organisasi: Organisasi,
    tahun: int,
    unit_kerja: UnitKerja | None = None,
    hari_ini: date | None = None,
) -> dict[Periode, StatusPeriode]:
    """Every period of the year, in order. Three queries.

    A period is closed after its closing date and when the year is locked (report final);
    an admin's reopening for the unit holds until its end date unless the year was locked
    after it was made.
    """
    hari_ini = hari_ini or timezone.localdate()
    tutup, kunci = _jadwal_dan_kunci(organisasi, tahun)
    pembukaan = (
        _pembukaan_unit([unit_kerja.pk], tahun, kunci, hari_ini).get(unit_kerja.pk, {})
        if unit_kerja is not None
        else {}
    )
    return {
        periode: _status(periode, tutup, kunci, pembukaan, hari_ini) for periode in PERIODE_URUT
    }


def status_periode_unit(
    *,
    organisasi: Organisasi,
    tahun: int,
    periode: Periode,
    unit_ids: list[int],
    hari_ini: date | None = None,
) -> dict[int, StatusPeriode]:
    """One period's status for several units at once (unit pk -> status). Three queries,
    however many units: an import that spans the organisation asks this once."""
    hari_ini = hari_ini or timezone.localdate()
    tutup, kunci = _jadwal_dan_kunci(organisasi, tahun)
    pembukaan = _pembukaan_unit(unit_ids, tahun, kunci, hari_ini)
    return {
        pk: _status(Periode(periode), tutup, kunci, pembukaan.get(pk, {}), hari_ini)
        for pk in unit_ids
    }


def _jadwal_dan_kunci(organisasi: Organisasi, tahun: int):
    tutup = dict(
        JadwalPeriode.objects.filter(organisasi=organisasi, tahun=tahun).values_list(
            "periode", "tanggal_tutup"
        )
    )
    kunci = KunciTahun.objects.filter(organisasi=organisasi, tahun=tahun).first()
    return tutup, kunci


def _pembukaan_unit(
    unit_ids: list[int], tahun: int, kunci: KunciTahun | None, hari_ini: date
) -> dict[int, dict[str, PembukaanPeriode]]:
    """Reopenings in force per unit and period; those made before the year's lock lapse."""
    pembukaan: dict[int, dict[str, PembukaanPeriode]] = defaultdict(dict)
    for p in PembukaanPeriode.objects.filter(
        unit_kerja_id__in=unit_ids, tahun=tahun, sampai__gte=hari_ini
    ).order_by("dibuka_pada"):
        if kunci is None or p.dibuka_pada > kunci.dikunci_pada:
            pembukaan[p.unit_kerja_id][p.periode] = p
    return pembukaan


def _status(
    periode: Periode,
    tutup: dict[str, date],
    kunci: KunciTahun | None,
    pembukaan: dict[str, PembukaanPeriode],
    hari_ini: date,
) -> StatusPeriode:
    tanggal = tutup.get(periode)
    terbuka_jadwal = kunci is None and (tanggal is None or hari_ini <= tanggal)
    buka = pembukaan.get(periode)
    return StatusPeriode(
        periode=periode,
        tanggal_tutup=tanggal,
        kunci_tahun=kunci,
        pembukaan=buka,
        terbuka=terbuka_jadwal or buka is not None,
    )


def periode_terbuka(status: dict[Periode, StatusPeriode]) -> Periode | None:
    """The open period: the earliest one not closed yet."""
    return next((p for p, s in status.items() if s.terbuka), None)


def tahun_berjalan(*, organisasi: Organisasi, hari_ini: date | None = None) -> int | None:
    """This year when it has an agreement, else the latest year that has one."""
    hari_ini = hari_ini or timezone.localdate()
    tahun = list(
        PerjanjianKinerja.objects.filter(organisasi=organisasi, unit_kerja__isnull=True)
        .values_list("tahun", flat=True)
        .distinct()
        .order_by("-tahun")
    )
    if hari_ini.year in tahun:
        return hari_ini.year
    lampau = [t for t in tahun if t < hari_ini.year]
    return (lampau or tahun or [None])[0]


@dataclass
class IndikatorUnit:
    """An indicator a unit enters, with the target it is measured against."""

    indikator: IndikatorKinerja
    target: Nilai
    outcome: bool = False


def indikator_unit(
    *, organisasi: Organisasi, tahun: int, unit_kerja: UnitKerja | None = None
) -> list[IndikatorUnit]:
    """What a unit (or, without a unit, every unit) enters for a year. Four queries.

    The indicators of the organisation's agreement in force whose responsible unit it is,
    with the agreement's target, then the unit's outcome-level indicators of the year's
    Renstra with the Renstra's target, as the LAKIP compares them.
    """
    perjanjian = perjanjian_berlaku(organisasi=organisasi, tahun=tahun)
    renstra = renstra_tahun(organisasi=organisasi, tahun=tahun)
    daftar: list[IndikatorUnit] = []
    if perjanjian is not None:
        target = TargetKinerja.objects.filter(
            perjanjian=perjanjian, indikator__unit_kerja__isnull=False
        )
        if unit_kerja is not None:
            target = target.filter(indikator__unit_kerja=unit_kerja)
        daftar += [
            IndikatorUnit(t.indikator, Nilai.dari_target(t))
            for t in target.select_related(
                "indikator__sasaran", "indikator__skala", "indikator__unit_kerja", "tingkat"
            ).order_by("indikator__sasaran__nomor", "urutan", "indikator__urutan")
        ]
    if renstra is not None:
        outcome = TargetRenstra.objects.filter(
            tahun=tahun,
            indikator__sasaran__renstra=renstra,
            indikator__tingkat=IndikatorKinerja.Tingkat.SASARAN_PROGRAM,
            indikator__unit_kerja__isnull=False,
        )
        if unit_kerja is not None:
            outcome = outcome.filter(indikator__unit_kerja=unit_kerja)
        daftar += [
            IndikatorUnit(t.indikator, Nilai.dari_target(t), outcome=True)
            for t in outcome.select_related(
                "indikator__sasaran", "indikator__skala", "indikator__unit_kerja", "tingkat"
            ).order_by("indikator__sasaran__nomor", "indikator__urutan")
        ]
    return daftar


def nilai_realisasi(realisasi: Realisasi | None) -> Nilai:
    if realisasi is None:
        return KOSONG
    return Nilai(angka=realisasi.nilai, tingkat=realisasi.tingkat)


@dataclass
class BarisIsian:
    """One row of the entry form: an indicator, its target, this period and earlier ones."""

    indikator: IndikatorKinerja
    target: Nilai
    outcome: bool
    realisasi: Realisasi | None
    sebelumnya: list[tuple[Periode, Realisasi]]
    hasil: HasilCapaian | None
    kategori: Rentang | None

    @property
    def dapat_diubah(self) -> bool:
        return self.realisasi is None or self.realisasi.status in STATUS_DAPAT_DIUBAH

    @property
    def versi(self) -> int:
        return self.realisasi.versi if self.realisasi else 0

    @property
    def bukti(self) -> list[BuktiDukung]:
        return list(self.realisasi.bukti.all()) if self.realisasi else []


@dataclass
class FormulirRealisasi:
    organisasi: Organisasi
    unit_kerja: UnitKerja
    tahun: int
    periode: Periode
    status: StatusPeriode
    semua_status: dict[Periode, StatusPeriode]
    baris: list[BarisIsian]
    pilihan_tingkat: dict[int, list[TingkatSkala]]  # per ordinal scale

    @property
    def jumlah_terisi(self) -> int:
        return sum(1 for b in self.baris if b.realisasi is not None)

    def jumlah_status(self, status: str) -> int:
        return sum(1 for b in self.baris if b.realisasi and b.realisasi.status == status)

    @property
    def jumlah_dapat_diajukan(self) -> int:
        return sum(
            1 for b in self.baris if b.realisasi and b.realisasi.status in STATUS_DAPAT_DIUBAH
        )

    @property
    def jumlah_diajukan(self) -> int:
        return self.jumlah_status(Realisasi.Status.DIAJUKAN)

    @property
    def jumlah_diverifikasi(self) -> int:
        return self.jumlah_status(Realisasi.Status.DIVERIFIKASI)


def formulir_realisasi(
    *,
    organisasi: Organisasi,
    unit_kerja: UnitKerja,
    tahun: int,
    periode: Periode,
    hari_ini: date | None = None,
) -> FormulirRealisasi:
    """Everything the entry form shows, in a fixed number of queries (twelve)."""
    daftar = indikator_unit(organisasi=organisasi, tahun=tahun, unit_kerja=unit_kerja)
    semua_status = status_periode(
        organisasi=organisasi, tahun=tahun, unit_kerja=unit_kerja, hari_ini=hari_ini
    )
    skala = skala_renstra(renstra_tahun(organisasi=organisasi, tahun=tahun), "capaian")
    id_indikator = [d.indikator.pk for d in daftar]
    per_indikator: dict[int, dict[str, Realisasi]] = defaultdict(dict)
    for r in (
        Realisasi.objects.filter(indikator_id__in=id_indikator, tahun=tahun)
        .select_related("tingkat", "diubah_oleh")
        .prefetch_related("bukti")
    ):
        per_indikator[r.indikator_id][r.periode] = r
    id_skala = {d.indikator.skala_id for d in daftar if d.indikator.skala_id}
    pilihan: dict[int, list[TingkatSkala]] = defaultdict(list)
    for t in TingkatSkala.objects.filter(skala_id__in=id_skala).order_by("skala", "peringkat"):
        pilihan[t.skala_id].append(t)

    urutan = PERIODE_URUT.index(periode)
    baris = []
    for d in daftar:
        per_periode = per_indikator.get(d.indikator.pk, {})
        for r in per_periode.values():
            r.indikator = d.indikator  # already loaded: no query per row in templates
        ini = per_periode.get(periode)
        sebelumnya = [(p, per_periode[p]) for p in PERIODE_URUT[:urutan] if p in per_periode]
        hasil = hitung(d.indikator, d.target, nilai_realisasi(ini)) if ini else None
        baris.append(
            BarisIsian(
                indikator=d.indikator,
                target=d.target,
                outcome=d.outcome,
                realisasi=ini,
                sebelumnya=sebelumnya,
                hasil=hasil,
                kategori=klasifikasi(hasil.persen, skala)
                if hasil is not None and hasil.persen is not None
                else None,
            )
        )
    return FormulirRealisasi(
        organisasi=organisasi,
        unit_kerja=unit_kerja,
        tahun=tahun,
        periode=periode,
        status=semua_status[periode],
        semua_status=semua_status,
        baris=baris,
        pilihan_tingkat=dict(pilihan),
    )


@dataclass
class ProgresUnit:
    unit_kerja: UnitKerja
    jumlah_indikator: int = 0
    terisi: int = 0
    diajukan: int = 0
    diverifikasi: int = 0
    dikembalikan: int = 0

    @property
    def belum_diisi(self) -> int:
        return self.jumlah_indikator - self.terisi

    @property
    def draf(self) -> int:
        """Entered but neither submitted, verified nor returned."""
        return self.terisi - self.diajukan - self.diverifikasi - self.dikembalikan


def progres_unit(*, organisasi: Organisasi, tahun: int, periode: Periode) -> list[ProgresUnit]:
    """Entered, submitted and verified values of every unit for a period. Six queries."""
    daftar = indikator_unit(organisasi=organisasi, tahun=tahun)
    progres = {u.pk: ProgresUnit(u) for u in UnitKerja.objects.filter(organisasi=organisasi)}
    unit_dari = {}
    for d in daftar:
        unit_dari[d.indikator.pk] = d.indikator.unit_kerja_id
        progres[d.indikator.unit_kerja_id].jumlah_indikator += 1
    for indikator_id, status in Realisasi.objects.filter(
        indikator_id__in=list(unit_dari), tahun=tahun, periode=periode
    ).values_list("indikator_id", "status"):
        p = progres[unit_dari[indikator_id]]
        p.terisi += 1
        if status == Realisasi.Status.DIAJUKAN:
            p.diajukan += 1
        elif status == Realisasi.Status.DIVERIFIKASI:
            p.diverifikasi += 1
        elif status == Realisasi.Status.DIKEMBALIKAN:
            p.dikembalikan += 1
    return [p for p in progres.values() if p.jumlah_indikator]


def realisasi_dikembalikan(*, unit_kerja: UnitKerja, tahun: int) -> list[Realisasi]:
    """Values returned to a unit for correction, in every period of the year, so that a
    return in TW IV is not hidden behind the open TW I. One query."""
    baris = Realisasi.objects.filter(
        indikator__unit_kerja=unit_kerja, tahun=tahun, status=Realisasi.Status.DIKEMBALIKAN
    ).select_related("indikator")
    return sorted(baris, key=lambda r: (PERIODE_URUT.index(r.periode), r.indikator.urutan))


@dataclass(frozen=True)
class MenungguVerifikasi:
    unit_kerja: UnitKerja
    tahun: int
    periode: Periode
    jumlah: int


def menunggu_verifikasi(
    *, organisasi: Organisasi, unit_kerja: UnitKerja | None = None
) -> list[MenungguVerifikasi]:
    """Submitted values waiting for a decision, per unit, year and period. Two queries."""
    qs = Realisasi.objects.filter(
        status=Realisasi.Status.DIAJUKAN,
        indikator__sasaran__renstra__organisasi=organisasi,
        indikator__unit_kerja__isnull=False,
    )
    if unit_kerja is not None:
        qs = qs.filter(indikator__unit_kerja=unit_kerja)
    baris = list(
        qs.values("indikator__unit_kerja", "tahun", "periode")
        .annotate(jumlah=Count("pk"))
        .order_by("tahun", "indikator__unit_kerja", "periode")
    )
    unit = UnitKerja.objects.in_bulk({b["indikator__unit_kerja"] for b in baris})
    return [
        MenungguVerifikasi(
            unit[b["indikator__unit_kerja"]], b["tahun"], Periode(b["periode"]), b["jumlah"]
        )
        for b in sorted(baris, key=lambda b: (b["tahun"], PERIODE_URUT.index(b["periode"])))
    ]


@dataclass(frozen=True)
class CapaianSasaran:
    """The capaian so far of a sasaran: the mean of its indicators' computed capaian."""

    sasaran: SasaranStrategis
    rata_rata: Decimal | None
    kategori: Rentang | None
    dihitung: int
    jumlah: int


def capaian_per_sasaran(tabel: TabelCapaian) -> list[CapaianSasaran]:
    hasil = []
    for s in tabel.sasaran:
        persen = [b.persen for b in s.baris if b.persen is not None]
        rata = (
            (sum(persen, Decimal(0)) / len(persen)).quantize(Decimal("0.01"), ROUND_HALF_UP)
            if persen
            else None
        )
        hasil.append(
            CapaianSasaran(
                sasaran=s.sasaran,
                rata_rata=rata,
                kategori=klasifikasi(rata, tabel.skala) if rata is not None else None,
                dihitung=len(persen),
                jumlah=len(s.baris),
            )
        )
    return hasil


@dataclass(frozen=True)
class Perubahan:
    kolom: str
    dari: str
    ke: str


@dataclass
class CatatanRiwayat:
    waktu: datetime
    oleh: str
    peristiwa: str
    alasan: str
    perubahan: list[Perubahan] = field(default_factory=list)


_KOLOM_RIWAYAT = ("nilai", "tingkat", "kendala", "tindak_lanjut", "status", "catatan_verifikasi")


def _siapa(user) -> str:
    if user is None:
        return "sistem"
    return user.get_full_name() or user.username


def riwayat_realisasi(realisasi: Realisasi) -> list[CatatanRiwayat]:
    """Every change of a value, its evidence, and the reopenings and lock of its period,
    newest first. Five queries."""
    indikator = realisasi.indikator
    rekaman = list(
        realisasi.history.select_related("history_user").order_by("history_date", "history_id")
    )
    tingkat = TingkatSkala.objects.in_bulk({r.tingkat_id for r in rekaman if r.tingkat_id})
    status_label = dict(Realisasi.Status.choices)

    def teks(kolom: str, r) -> str:
        if kolom == "nilai":
            return format_nilai(tipe=indikator.tipe, angka=r.nilai) if r.nilai is not None else ""
        if kolom == "tingkat":
            return tingkat[r.tingkat_id].kode if r.tingkat_id in tingkat else ""
        if kolom == "status":
            return str(status_label.get(r.status, r.status))
        return getattr(r, kolom)

    label = {k: str(Realisasi._meta.get_field(k).verbose_name) for k in _KOLOM_RIWAYAT}
    hasil = []
    sebelumnya = None
    for r in rekaman:
        perubahan = [
            Perubahan(label[k], teks(k, sebelumnya) if sebelumnya else "", teks(k, r))
            for k in _KOLOM_RIWAYAT
            if sebelumnya is None or teks(k, sebelumnya) != teks(k, r)
        ]
        perubahan = [p for p in perubahan if p.dari or p.ke]
        hasil.append(
            CatatanRiwayat(
                waktu=r.history_date,
                oleh=_siapa(r.history_user),
                peristiwa={"+": "Dibuat", "~": "Diubah", "-": "Dihapus"}[r.history_type],
                alasan=r.history_change_reason or "",
                perubahan=perubahan,
            )
        )
        sebelumnya = r
    for b in BuktiDukung.history.filter(realisasi_id=realisasi.pk).select_related("history_user"):
        hasil.append(
            CatatanRiwayat(
                waktu=b.history_date,
                oleh=_siapa(b.history_user),
                peristiwa={"+": "Bukti dukung diunggah", "~": "Bukti dukung diubah"}.get(
                    b.history_type, "Bukti dukung dihapus"
                ),
                alasan=b.history_change_reason or "",
                perubahan=[Perubahan("Bukti dukung", "", b.nama_asli)],
            )
        )
    if indikator.unit_kerja_id:
        for p in PembukaanPeriode.objects.filter(
            unit_kerja_id=indikator.unit_kerja_id,
            tahun=realisasi.tahun,
            periode=realisasi.periode,
        ).select_related("dibuka_oleh"):
            hasil.append(
                CatatanRiwayat(
                    waktu=p.dibuka_pada,
                    oleh=_siapa(p.dibuka_oleh),
                    peristiwa=f"Periode dibuka kembali sampai {p.sampai:%d-%m-%Y}",
                    alasan=p.alasan,
                )
            )
    for k in KunciTahun.objects.filter(
        organisasi_id=indikator.sasaran.renstra.organisasi_id, tahun=realisasi.tahun
    ).select_related("dikunci_oleh"):
        hasil.append(
            CatatanRiwayat(
                waktu=k.dikunci_pada,
                oleh=_siapa(k.dikunci_oleh),
                peristiwa=f"Tahun {k.tahun} dikunci",
                alasan=k.alasan,
            )
        )
    hasil.sort(key=lambda c: c.waktu, reverse=True)
    return hasil
