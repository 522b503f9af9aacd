"""Reads for realisasi entry: a unit's indicators and form, progress, waiting work, history."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Count

from inti.capaian import (
    HasilCapaian,
    Rentang,
    klasifikasi,
)
from inti.tampilan import format_nilai
from kinerja.capaian import KOSONG, Nilai, hitung, perjanjian_berlaku, renstra_tahun, skala_renstra
from kinerja.models import (
    BuktiDukung,
    KunciTahun,
    PembukaanPeriode,
    Periode,
    Realisasi,
    SkalaPenilaian,
    TargetKinerja,
)
from kinerja.realisasi.periode import (
    PERIODE_URUT,
    STATUS_DAPAT_DIUBAH,
    StatusPeriode,
    status_periode,
)
from organisasi.models import Organisasi, Pengguna, UnitKerja
from renstra.models import (
    IndikatorKinerja,
    TargetRenstra,
    TingkatSkala,
)


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
    skala = skala_renstra(
        renstra_tahun(organisasi=organisasi, tahun=tahun), SkalaPenilaian.Jenis.CAPAIAN
    )
    per_indikator = _realisasi_tahun([d.indikator.pk for d in daftar], tahun=tahun)
    pilihan = _pilihan_tingkat({d.indikator.skala_id for d in daftar if d.indikator.skala_id})
    baris = [
        _baris_isian(d, per_indikator.get(d.indikator.pk, {}), periode=periode, skala=skala)
        for d in daftar
    ]
    return FormulirRealisasi(
        organisasi=organisasi,
        unit_kerja=unit_kerja,
        tahun=tahun,
        periode=periode,
        status=semua_status[periode],
        semua_status=semua_status,
        baris=baris,
        pilihan_tingkat=pilihan,
    )


def _realisasi_tahun(id_indikator: list[int], *, tahun: int) -> dict[int, dict[str, Realisasi]]:
    """The year's values of the indicators, per indicator and period, with their evidence."""
    per_indikator: dict[int, dict[str, Realisasi]] = defaultdict(dict)
    for r in (
        Realisasi.objects.filter(indikator_id__in=id_indikator, tahun=tahun)
        .select_related("tingkat", "diubah_oleh")
        .prefetch_related("bukti")
    ):
        per_indikator[r.indikator_id][r.periode] = r
    return per_indikator


def _pilihan_tingkat(id_skala: set[int]) -> dict[int, list[TingkatSkala]]:
    """The levels of each ordinal scale, in rank order."""
    pilihan: dict[int, list[TingkatSkala]] = defaultdict(list)
    for t in TingkatSkala.objects.filter(skala_id__in=id_skala).order_by("skala", "peringkat"):
        pilihan[t.skala_id].append(t)
    return dict(pilihan)


def _baris_isian(
    d: IndikatorUnit,
    per_periode: dict[str, Realisasi],
    *,
    periode: Periode,
    skala: tuple[Rentang, ...],
) -> BarisIsian:
    """One indicator's row: this period's value with its capaian, and the earlier ones."""
    for r in per_periode.values():
        r.indikator = d.indikator  # already loaded: no query per row in templates
    ini = per_periode.get(periode)
    urutan = PERIODE_URUT.index(periode)
    sebelumnya = [(p, per_periode[p]) for p in PERIODE_URUT[:urutan] if p in per_periode]
    hasil = hitung(d.indikator, d.target, nilai_realisasi(ini)) if ini else None
    return BarisIsian(
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
    unit_dari: dict[int, int] = {}
    for d in daftar:
        unit_id = d.indikator.unit_kerja_id
        if unit_id is None:  # indikator_unit lists units' indicators only
            continue
        unit_dari[d.indikator.pk] = unit_id
        progres[unit_id].jumlah_indikator += 1
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


# What staff enter; a deletion empties these.
_KOLOM_ISI = ("nilai", "tingkat", "kendala", "tindak_lanjut", "faktor_pendorong")
_KOLOM_RIWAYAT = (*_KOLOM_ISI, "status", "catatan_verifikasi")


def _siapa(user: Pengguna | None) -> str:
    return user.nama_tampilan if user else "sistem"


def riwayat_realisasi(realisasi: Realisasi) -> list[CatatanRiwayat]:
    """Every change of a value, its evidence, and the reopenings and lock of its period,
    newest first. Five queries."""
    hasil = _riwayat_nilai(realisasi) + _riwayat_bukti(realisasi) + _riwayat_periode(realisasi)
    hasil.sort(key=lambda c: c.waktu, reverse=True)
    return hasil


def _riwayat_nilai(realisasi: Realisasi) -> list[CatatanRiwayat]:
    """The value's own records, each with what changed since the one before. Two queries."""
    rekaman = list(
        realisasi.history.select_related("history_user").order_by("history_date", "history_id")
    )
    teks = _teks_riwayat(realisasi.indikator, {r.tingkat_id for r in rekaman if r.tingkat_id})
    # The columns named are concrete fields; get_field is typed for relations too.
    label = {k: str(Realisasi._meta.get_field(k).verbose_name) for k in _KOLOM_RIWAYAT}  # type: ignore[union-attr]
    hasil = []
    sebelumnya = None
    for r in rekaman:
        if r.history_type == "-":  # what was deleted, emptied
            perubahan = [Perubahan(label[k], teks(k, r), "") for k in _KOLOM_ISI]
        else:
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
    return hasil


def _teks_riwayat(indikator: IndikatorKinerja, id_tingkat: set[int]) -> Callable[[str, Any], str]:
    """How a column of a historical record reads on the history page. One query."""
    tingkat = TingkatSkala.objects.in_bulk(id_tingkat)
    status_label = dict(Realisasi.Status.choices)

    def teks(kolom: str, r: Any) -> str:  # a historical record: simple_history is untyped
        if kolom == "nilai":
            return format_nilai(tipe=indikator.tipe, angka=r.nilai) if r.nilai is not None else ""
        if kolom == "tingkat":
            return tingkat[r.tingkat_id].kode if r.tingkat_id in tingkat else ""
        if kolom == "status":
            return str(status_label.get(r.status, r.status))
        isi: str = getattr(r, kolom)  # the remaining columns are text
        return isi

    return teks


def _riwayat_bukti(realisasi: Realisasi) -> list[CatatanRiwayat]:
    """Evidence uploaded to the value, or removed from it. One query."""
    return [
        CatatanRiwayat(
            waktu=b.history_date,
            oleh=_siapa(b.history_user),
            peristiwa={"+": "Bukti dukung diunggah", "~": "Bukti dukung diubah"}.get(
                b.history_type, "Bukti dukung dihapus"
            ),
            alasan=b.history_change_reason or "",
            perubahan=[Perubahan("Bukti dukung", "", b.nama_asli)],
        )
        for b in BuktiDukung.history.filter(realisasi_id=realisasi.pk).select_related(
            "history_user"
        )
    ]


def _riwayat_periode(realisasi: Realisasi) -> list[CatatanRiwayat]:
    """The reopenings of the value's period for its unit, and the lock of its year. Two
    queries."""
    indikator = realisasi.indikator
    hasil = []
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
    # From the lock's history: reopening the report lifts the lock, and both stay on record.
    for k in (
        KunciTahun.history.filter(
            organisasi_id=indikator.sasaran.renstra.organisasi_id, tahun=realisasi.tahun
        )
        .exclude(history_type="~")
        .select_related("dikunci_oleh", "history_user")
    ):
        dibuka = k.history_type == "-"
        hasil.append(
            CatatanRiwayat(
                waktu=k.history_date if dibuka else k.dikunci_pada,
                oleh=_siapa(k.history_user if dibuka else k.dikunci_oleh),
                peristiwa=f"Kunci tahun {k.tahun} dibuka" if dibuka else f"Tahun {k.tahun} dikunci",
                alasan=(k.history_change_reason or "") if dibuka else k.alasan,
            )
        )
    return hasil
