"""Reads of the LKE: the worksheet with both sides' scores, and the latest completed result
that the LAKIP and Beranda show."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from evaluasi.models import (
    Evaluasi,
    Jawaban,
    KerangkaLke,
    KomponenLke,
    KriteriaLke,
    NilaiSubKomponen,
    Rekomendasi,
    SubKomponenLke,
)
from evaluasi.saran import saran_semua
from evaluasi.sumber import Saran
from inti.capaian import HasilSakip
from inti.lke import HasilLke, hitung_lke, nilai_jawaban, nilai_subkomponen
from inti.lke import KomponenLke as NilaiLke
from organisasi.models import Organisasi

NOL = Decimal(0)
MANDIRI, EVALUATOR = "mandiri", "evaluator"


@dataclass
class BarisKriteria:
    kriteria: KriteriaLke
    jawaban: Jawaban | None
    saran: Saran | None

    @property
    def saran_jawaban(self) -> str:
        return self.saran.jawaban(self.kriteria.jenis) if self.saran else ""

    def nilai(self, sisi: str) -> Decimal | None:
        teks = getattr(self.jawaban, f"jawaban_{sisi}", "") if self.jawaban else ""
        return nilai_jawaban(self.kriteria.jenis, teks) if teks else None


@dataclass
class BarisSub:
    sub: SubKomponenLke
    kriteria: list[BarisKriteria]
    nilai_mandiri: Decimal = NOL
    nilai_evaluator: Decimal = NOL
    terjawab_mandiri: int = 0
    terjawab_evaluator: int = 0


@dataclass
class BarisKomponen:
    komponen: KomponenLke
    sub: list[BarisSub]

    @property
    def total_mandiri(self) -> Decimal:
        return sum((s.nilai_mandiri for s in self.sub), NOL)

    @property
    def total_evaluator(self) -> Decimal:
        return sum((s.nilai_evaluator for s in self.sub), NOL)


@dataclass
class LembarKerja:
    evaluasi: Evaluasi
    komponen: list[BarisKomponen]
    hasil_mandiri: HasilLke
    hasil_evaluator: HasilLke
    rekomendasi: list[Rekomendasi] = field(default_factory=list)

    @property
    def jumlah_kriteria(self) -> int:
        return sum(len(s.kriteria) for k in self.komponen for s in k.sub)

    @property
    def terjawab_mandiri(self) -> int:
        return sum(s.terjawab_mandiri for k in self.komponen for s in k.sub)

    @property
    def terjawab_evaluator(self) -> int:
        return sum(s.terjawab_evaluator for k in self.komponen for s in k.sub)


def struktur(kerangka: KerangkaLke) -> list[KomponenLke]:
    """Components with their sub-components and criteria prefetched. Three queries."""
    return list(
        KomponenLke.objects.filter(kerangka=kerangka).prefetch_related(
            Prefetch("sub", queryset=SubKomponenLke.objects.order_by("urutan")),
            Prefetch("sub__kriteria", queryset=KriteriaLke.objects.order_by("nomor")),
        )
    )


def _tiga(nilai: list[Decimal]) -> tuple[Decimal, Decimal, Decimal]:
    keberadaan, kualitas, pemanfaatan = nilai
    return keberadaan, kualitas, pemanfaatan


def _hasil(komponen: list[BarisKomponen], sisi: str) -> HasilLke:
    return hitung_lke(
        [
            NilaiLke(
                nama=k.komponen.nama_tabel,
                bobot=k.komponen.bobot,
                nilai=_tiga([getattr(s, f"nilai_{sisi}") for s in k.sub]),
                bobot_sub=_tiga([s.sub.bobot for s in k.sub]),
            )
            for k in komponen
        ]
    )


def lembar_kerja(evaluasi: Evaluasi, *, lengkap: bool = True) -> LembarKerja:
    """The worksheet; without `lengkap`, only the scores (no suggestions, no recommendations)."""
    jawaban = {j.kriteria_id: j for j in evaluasi.jawaban.all()}
    impor = {n.sub_komponen_id: n.nilai for n in NilaiSubKomponen.objects.filter(evaluasi=evaluasi)}
    saran = saran_semua(evaluasi.organisasi, evaluasi.tahun) if lengkap else {}
    komponen = []
    for k in struktur(evaluasi.kerangka):
        baris_sub = []
        for s in k.sub.all():
            baris = [
                BarisKriteria(kr, jawaban.get(kr.pk), saran.get(kr.saran))
                for kr in s.kriteria.all()
            ]
            bs = BarisSub(sub=s, kriteria=baris)
            for sisi in (MANDIRI, EVALUATOR):
                nilai = [b.nilai(sisi) for b in baris]
                setattr(bs, f"terjawab_{sisi}", sum(1 for n in nilai if n is not None))
                setattr(bs, f"nilai_{sisi}", nilai_subkomponen(bobot=s.bobot, nilai_kriteria=nilai))
            if evaluasi.diimpor:
                bs.nilai_evaluator = impor.get(s.pk, NOL)
            baris_sub.append(bs)
        komponen.append(BarisKomponen(k, baris_sub))
    return LembarKerja(
        evaluasi=evaluasi,
        komponen=komponen,
        hasil_mandiri=_hasil(komponen, MANDIRI),
        hasil_evaluator=_hasil(komponen, EVALUATOR),
        rekomendasi=list(evaluasi.rekomendasi.select_related("penanggung_jawab"))
        if lengkap
        else [],
    )


@dataclass(frozen=True)
class BarisSakip:
    """One row of the LAKIP's SAKIP table."""

    nama: str
    bobot: Decimal
    nilai_keberadaan: Decimal
    nilai_kualitas: Decimal
    nilai_pemanfaatan: Decimal


@dataclass
class HasilEvaluasi:
    """The evaluator's result of a completed evaluation, as the LAKIP and Beranda show it."""

    evaluasi: Evaluasi
    komponen: list[tuple[BarisSakip, Decimal]]  # with its row total
    hasil: HasilSakip
    bobot_total: Decimal
    temuan: tuple[str, ...]


def evaluasi_selesai_terakhir(*, organisasi: Organisasi, tahun: int) -> HasilEvaluasi | None:
    """The latest completed evaluation of a year up to the given one (the LAKIP 2024 shows
    the LHE on 2023)."""
    evaluasi = (
        Evaluasi.objects.filter(organisasi=organisasi, tahun__lte=tahun, selesai_pada__isnull=False)
        .select_related("kerangka", "organisasi")
        .order_by("-tahun")
        .first()
    )
    if evaluasi is None:
        return None
    lembar = lembar_kerja(evaluasi, lengkap=False)
    hasil = lembar.hasil_evaluator
    baris = [
        BarisSakip(k.komponen.nama_tabel, k.komponen.bobot, *(s.nilai_evaluator for s in k.sub))
        for k in lembar.komponen
    ]
    return HasilEvaluasi(
        evaluasi=evaluasi,
        komponen=list(zip(baris, hasil.sakip.total_komponen, strict=True)),
        hasil=hasil.sakip,
        bobot_total=sum((b.bobot for b in baris), NOL),
        temuan=hasil.temuan,
    )


def rekomendasi_terbuka(*, organisasi: Organisasi) -> list[Rekomendasi]:
    """Recommendations of completed evaluations not yet closed, nearest deadline first."""
    return list(
        Rekomendasi.objects.filter(
            evaluasi__organisasi=organisasi, evaluasi__selesai_pada__isnull=False
        )
        .exclude(status=Rekomendasi.Status.SELESAI)
        .select_related("evaluasi", "penanggung_jawab")
        .order_by("batas_waktu", "pk")
    )
