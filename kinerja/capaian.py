"""Reads that span tables: the capaian table of an organisation and year.

A fixed number of queries, however many indicators: everything is fetched in bulk and the
engine (inti.capaian) is asked once per indicator in Python.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, When

from inti.angka import bulatkan
from inti.capaian import (
    SKALA_CAPAIAN_BAKU,
    SKALA_EFEKTIVITAS_BAKU,
    Agregasi,
    Arah,
    HasilCapaian,
    Polaritas,
    Rentang,
    Status,
    arah_perubahan,
    hitung_capaian,
    hitung_capaian_ordinal,
    hitung_ringkasan,
    kategori_menurut_urutan,
    klasifikasi,
    realisasi_tahunan,
    selisih,
)
from kinerja.models import (
    PERIODE_TRIWULAN,
    Periode,
    PerjanjianKinerja,
    Realisasi,
    RentangPenilaian,
    SkalaPenilaian,
    StandarNasional,
    TargetKinerja,
)
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
        polaritas=Polaritas(indikator.polaritas),
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
    faktor_pendorong: str = ""
    belum_diverifikasi: bool = False
    # Previous year (the agreement in force then, else the Renstra's target for that year).
    target_lalu: Nilai = KOSONG
    realisasi_lalu: Nilai = KOSONG
    hasil_lalu: HasilCapaian | None = None
    # The Renstra: this year's target, the final year's target and progress toward it.
    target_renstra: Nilai = KOSONG
    target_renstra_akhir: Nilai = KOSONG
    progres_akhir: HasilCapaian | None = None
    # Every earlier year of the Renstra period with a realisasi, oldest first, and the
    # Renstra's target for each year of the period.
    riwayat: dict[int, Nilai] = field(default_factory=dict)
    target_renstra_tahunan: dict[int, Nilai] = field(default_factory=dict)
    standar_nasional: Nilai = KOSONG
    sumber_standar: str = ""
    # New with this year's Renstra period, with no predecessor linked: earlier years measured
    # something else, so the report says "tidak dapat dibandingkan" instead of comparing.
    tidak_dapat_dibandingkan: bool = False

    @property
    def persen(self) -> Decimal | None:
        return self.hasil.persen

    @property
    def arah_lalu(self) -> Arah | None:
        """Direction against the previous year: levels compare by rank, numbers by value."""
        if self.indikator.is_ordinal:
            sekarang, lalu = self.realisasi.tingkat, self.realisasi_lalu.tingkat
            if sekarang is None or lalu is None:
                return None
            return arah_perubahan(
                sekarang=Decimal(sekarang.peringkat), sebelumnya=Decimal(lalu.peringkat)
            )
        if self.indikator.polaritas == Polaritas.RENTANG:
            return arah_perubahan(
                sekarang=self.hasil.persen,
                sebelumnya=self.hasil_lalu.persen if self.hasil_lalu else None,
            )
        return arah_perubahan(
            sekarang=self.realisasi.angka,
            sebelumnya=self.realisasi_lalu.angka,
            polaritas=Polaritas(self.indikator.polaritas),
        )

    @property
    def perubahan(self) -> Decimal | None:
        """Change of capaian against the previous year, in percentage points; none for a
        level, whose percent of target moves with the target (see arah_lalu)."""
        if self.indikator.is_ordinal:
            return None
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
    skala = tuple(Rentang(r.nama, r.batas_bawah, r.inklusif, r.keterangan) for r in rentang)
    if not skala:
        return baku
    # Each band of a capaian scale stands for a standard category by its place: badges and
    # charts colour by that, whatever the Renstra named the band.
    return kategori_menurut_urutan(skala) if jenis == SkalaPenilaian.Jenis.CAPAIAN else skala


@dataclass(frozen=True)
class _Sumber:
    """What the rows of one year's table are built from, fetched in bulk."""

    tahun: int
    tahun_awal: int  # the first year of the Renstra period (at least the previous year)
    tahun_akhir: int  # the Renstra's final year
    tahun_periode: list[int]
    skala: tuple[Rentang, ...]
    target_lalu: dict[int, Nilai]  # indicator -> last year's agreement target
    realisasi: dict[tuple[int, int], dict[str, Realisasi]]  # (indicator, year) -> period
    target_renstra: dict[tuple[int, int], Nilai]  # (indicator, year)
    standar: dict[int, StandarNasional]
    # Whether the year before this Renstra's first year had another Renstra: only then is
    # an indicator without a predecessor "not comparable" rather than merely without data.
    ada_periode_lalu: bool = False


def tabel_capaian(
    *, organisasi: Organisasi, tahun: int, termasuk_belum_diverifikasi: bool = False
) -> TabelCapaian:
    """Sasaran → indicators of the agreement in force, with target, realisasi, capaian,
    category, the earlier years and the Renstra. Ten queries, whatever the size (eleven in
    the first year of a Renstra period). Years before an indicator's Renstra period are read
    from its predecessor (IndikatorKinerja.pendahulu), the same measure in the old period."""
    renstra = renstra_tahun(organisasi=organisasi, tahun=tahun)
    perjanjian = perjanjian_berlaku(organisasi=organisasi, tahun=tahun)
    perjanjian_lalu = perjanjian_berlaku(organisasi=organisasi, tahun=tahun - 1)
    skala = skala_renstra(renstra, SkalaPenilaian.Jenis.CAPAIAN)
    target = _target_perjanjian(perjanjian)
    target_lalu = _target_lalu(perjanjian_lalu)
    outcome = _indikator_outcome(renstra)
    indikator = [t.indikator for t in target.values()] + outcome
    id_indikator = [i.pk for i in indikator] + [i.pendahulu_id for i in indikator if i.pendahulu_id]
    tahun_awal = min(renstra.tahun_mulai, tahun - 1) if renstra else tahun - 1
    sumber = _Sumber(
        tahun=tahun,
        tahun_awal=tahun_awal,
        tahun_akhir=renstra.tahun_selesai if renstra else tahun,
        tahun_periode=list(renstra.tahun) if renstra else [tahun],
        skala=skala,
        target_lalu=target_lalu,
        realisasi=_realisasi_per_tahun(
            id_indikator, tahun_awal, tahun, termasuk_belum_diverifikasi
        ),
        target_renstra={
            (t.indikator_id, t.tahun): Nilai.dari_target(t)
            for t in TargetRenstra.objects.filter(indikator_id__in=id_indikator).select_related(
                "tingkat"
            )
        },
        standar={
            s.indikator_id: s
            for s in StandarNasional.objects.filter(
                indikator_id__in=id_indikator, tahun=tahun
            ).select_related("tingkat")
        },
        ada_periode_lalu=renstra is not None
        and renstra.tahun_mulai == tahun
        and renstra_tahun(organisasi=organisasi, tahun=tahun - 1) is not None,
    )
    daftar = _per_sasaran(target, outcome, sumber)
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


def _target_perjanjian(perjanjian: PerjanjianKinerja | None) -> dict[int, TargetKinerja]:
    """The agreement's targets by indicator, in the table's order; no query without one."""
    if perjanjian is None:
        return {}
    return {
        t.indikator_id: t
        for t in TargetKinerja.objects.filter(perjanjian=perjanjian)
        .select_related(
            "indikator__sasaran__renstra", "indikator__skala", "indikator__unit_kerja", "tingkat"
        )
        .order_by("indikator__sasaran__nomor", "urutan", "indikator__urutan")
    }


def _target_lalu(perjanjian_lalu: PerjanjianKinerja | None) -> dict[int, Nilai]:
    """Last year's agreement targets by indicator; no query without one."""
    if perjanjian_lalu is None:
        return {}
    return {
        t.indikator_id: Nilai.dari_target(t)
        for t in TargetKinerja.objects.filter(perjanjian=perjanjian_lalu).select_related("tingkat")
    }


def _indikator_outcome(renstra: Renstra | None) -> list[IndikatorKinerja]:
    if renstra is None:
        return []
    return list(
        IndikatorKinerja.objects.filter(
            sasaran__renstra=renstra, tingkat=IndikatorKinerja.Tingkat.SASARAN_PROGRAM
        ).select_related("sasaran__renstra", "skala", "unit_kerja")
    )


def _realisasi_per_tahun(
    id_indikator: list[int], tahun_awal: int, tahun: int, termasuk_belum_diverifikasi: bool
) -> dict[tuple[int, int], dict[str, Realisasi]]:
    """(indicator, year) -> period -> value, for every year from tahun_awal to tahun."""
    realisasi: dict[tuple[int, int], dict[str, Realisasi]] = defaultdict(dict)
    qs = Realisasi.objects.filter(
        indikator_id__in=id_indikator, tahun__gte=tahun_awal, tahun__lte=tahun
    )
    if not termasuk_belum_diverifikasi:
        qs = qs.filter(status=Realisasi.Status.DIVERIFIKASI)
    for r in qs.select_related("tingkat"):
        realisasi[r.indikator_id, r.tahun][r.periode] = r
    return realisasi


def _per_sasaran(
    target: dict[int, TargetKinerja], outcome: list[IndikatorKinerja], sumber: _Sumber
) -> list[SasaranCapaian]:
    """The agreement's rows grouped by sasaran, each with its outcome indicators, by number."""
    per_sasaran: dict[int, SasaranCapaian] = {}
    for t in target.values():
        sasaran = t.indikator.sasaran
        if sasaran.pk not in per_sasaran:
            per_sasaran[sasaran.pk] = SasaranCapaian(sasaran=sasaran, baris=[], ringkasan={})
        per_sasaran[sasaran.pk].baris.append(_baris(t.indikator, Nilai.dari_target(t), sumber))
    for indikator in outcome:
        if indikator.sasaran_id in per_sasaran:
            target_ini = sumber.target_renstra.get((indikator.pk, sumber.tahun), KOSONG)
            per_sasaran[indikator.sasaran_id].outcome.append(_baris(indikator, target_ini, sumber))
    daftar = sorted(per_sasaran.values(), key=lambda s: s.sasaran.nomor)
    for s in daftar:
        s.ringkasan = ringkasan_kategori(s.baris, sumber.skala)
    return daftar


def _id_pada(indikator: IndikatorKinerja, tahun: int) -> int | None:
    """The indicator whose values stand for this one in a year: itself within its Renstra
    period, its predecessor before it, none when it has no predecessor."""
    if tahun >= indikator.sasaran.renstra.tahun_mulai:
        return indikator.pk
    return indikator.pendahulu_id


def _baris(indikator: IndikatorKinerja, target_ini: Nilai, sumber: _Sumber) -> BarisCapaian:
    """One indicator's row: this year against its target, last year, the Renstra."""
    tahun, pk = sumber.tahun, indikator.pk
    per_periode = sumber.realisasi.get((pk, tahun), {})
    nilai = realisasi_tahun(indikator, per_periode)
    hasil = hitung(indikator, target_ini, nilai)
    id_lalu = _id_pada(indikator, tahun - 1)
    lalu = realisasi_tahun(indikator, sumber.realisasi.get((id_lalu or 0, tahun - 1), {}))
    t_lalu = sumber.target_lalu.get(id_lalu or 0) or sumber.target_renstra.get(
        (id_lalu or 0, tahun - 1), KOSONG
    )
    t_akhir = sumber.target_renstra.get((pk, sumber.tahun_akhir), KOSONG)
    # Kendala and follow-up come from the yearly entry, else the latest quarter.
    yang_dipakai = per_periode.get(Periode.TAHUNAN) or next(
        (per_periode[p] for p in reversed(PERIODE_TRIWULAN) if p in per_periode), None
    )
    sn = sumber.standar.get(pk)
    return BarisCapaian(
        indikator=indikator,
        target=target_ini,
        realisasi=nilai,
        hasil=hasil,
        kategori=klasifikasi(hasil.persen, sumber.skala) if hasil.persen is not None else None,
        kendala=yang_dipakai.kendala if yang_dipakai else "",
        tindak_lanjut=yang_dipakai.tindak_lanjut if yang_dipakai else "",
        faktor_pendorong=yang_dipakai.faktor_pendorong if yang_dipakai else "",
        belum_diverifikasi=any(
            r.status != Realisasi.Status.DIVERIFIKASI for r in per_periode.values()
        ),
        target_lalu=t_lalu,
        realisasi_lalu=lalu,
        hasil_lalu=hitung(indikator, t_lalu, lalu) if lalu.ada else None,
        target_renstra=sumber.target_renstra.get((pk, tahun), KOSONG),
        target_renstra_akhir=t_akhir,
        progres_akhir=hitung(indikator, t_akhir, nilai) if t_akhir.ada else None,
        riwayat=_riwayat(indikator, sumber),
        target_renstra_tahunan={
            th: sumber.target_renstra[pk, th]
            for th in sumber.tahun_periode
            if (pk, th) in sumber.target_renstra
        },
        standar_nasional=Nilai(angka=sn.nilai, tingkat=sn.tingkat) if sn is not None else KOSONG,
        sumber_standar=sn.sumber if sn is not None else "",
        tidak_dapat_dibandingkan=sumber.ada_periode_lalu and id_lalu is None,
    )


def _riwayat(indikator: IndikatorKinerja, sumber: _Sumber) -> dict[int, Nilai]:
    """Every earlier year of the period with a realisasi, oldest first."""
    riwayat = {}
    for th in range(sumber.tahun_awal, sumber.tahun):
        per_periode = sumber.realisasi.get((_id_pada(indikator, th) or 0, th), {})
        nilai = realisasi_tahun(indikator, per_periode)
        if nilai.ada:
            riwayat[th] = nilai
    return riwayat


def ringkasan_kategori(baris: list[BarisCapaian], skala: tuple[Rentang, ...]) -> dict[str, int]:
    """Count per category, plus indicators without realisasi and those not targeted."""
    ringkasan = hitung_ringkasan(
        [b.kategori.nama for b in baris if b.kategori is not None]
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
        rata = bulatkan(sum(persen, Decimal(0)) / len(persen)) if persen else None
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
