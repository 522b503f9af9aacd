"""Writes of the LKE. Every write checks who asks (evaluasi.akses): someone who may not do
it gets TidakBerwenang, every other refusal is inti.galat.Ditolak, each with an Indonesian
message. A submitted self-assessment and a completed evaluation are frozen."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from typing import ClassVar

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from evaluasi.akses import boleh_membaca, boleh_mengevaluasi, boleh_mengisi_mandiri, boleh_menulis
from evaluasi.models import (
    Evaluasi,
    Jawaban,
    KerangkaLke,
    KriteriaLke,
    NilaiSubKomponen,
    Rekomendasi,
    SubKomponenLke,
)
from evaluasi.struktur import kerangka_untuk_tahun
from inti.berkas import JenisBerkas
from inti.galat import Ditolak, TidakBerwenang
from inti.lke import NILAI_JAWABAN, JenisJawaban
from kinerja.models import penyimpanan_pribadi
from organisasi.models import Organisasi, Pengguna, UnitKerja


@dataclass(frozen=True)
class IsianMandiri:
    kriteria: KriteriaLke
    jawaban: str
    penjelasan: str = ""
    bukti_tautan: str = ""
    berkas: tuple[UploadedFile, JenisBerkas] | None = None  # checked by the form

    def kolom(self) -> dict[str, str]:
        """The answer's columns this side writes."""
        return {
            "jawaban_mandiri": self.jawaban,
            "penjelasan": self.penjelasan.strip(),
            "bukti_tautan": self.bukti_tautan,
        }


@dataclass(frozen=True)
class IsianEvaluator:
    kriteria: KriteriaLke
    jawaban: str
    catatan: str = ""
    berkas: ClassVar[None] = None  # the evaluator attaches no evidence

    def kolom(self) -> dict[str, str]:
        """The answer's columns this side writes."""
        return {"jawaban_evaluator": self.jawaban, "catatan_evaluator": self.catatan.strip()}


def _periksa_jawaban(kriteria: KriteriaLke, jawaban: str) -> None:
    if jawaban and jawaban not in NILAI_JAWABAN[JenisJawaban(kriteria.jenis)]:
        raise Ditolak(f"Jawaban {jawaban!r} tidak berlaku untuk kriteria {kriteria.kode}.")


def _periksa_kriteria(evaluasi: Evaluasi, kriteria: KriteriaLke) -> None:
    if kriteria.sub_komponen.komponen.kerangka_id != evaluasi.kerangka_id:
        raise Ditolak(f"Kriteria {kriteria.kode} bukan bagian dari LKE evaluasi ini.")


@transaction.atomic
def evaluasi_buka(*, pengguna: Pengguna, organisasi: Organisasi, tahun: int) -> Evaluasi:
    """The evaluation of a year, created on first use by someone who may write it."""
    ada = Evaluasi.objects.filter(organisasi=organisasi, tahun=tahun).first()
    if ada is not None:
        if not boleh_membaca(pengguna, organisasi):
            raise TidakBerwenang("Anda tidak berhak membuka evaluasi ini.")
        return ada
    if not boleh_menulis(pengguna, organisasi):
        raise TidakBerwenang("Evaluasi LKE tahun ini belum dibuat.")
    kerangka = kerangka_untuk_tahun(tahun)
    if kerangka is None:
        raise Ditolak(f"Belum ada struktur LKE yang berlaku untuk tahun {tahun}.")
    return Evaluasi.objects.create(organisasi=organisasi, tahun=tahun, kerangka=kerangka)


def _kunci(evaluasi_pk: int) -> Evaluasi:
    """The evaluation re-read under a row lock, so that a submission cannot race a save."""
    return Evaluasi.objects.select_for_update().get(pk=evaluasi_pk)


def _jawaban_tulis(
    *,
    pengguna: Pengguna,
    evaluasi: Evaluasi,
    isian: Sequence[IsianMandiri | IsianEvaluator],
    alasan: str,
) -> int:
    """Write one side's answers (and the evidence files that come with them); a row is saved,
    with `alasan` in its history, only when something changed. Returns how many changed."""
    diubah = 0
    for b in isian:
        _periksa_kriteria(evaluasi, b.kriteria)
        _periksa_jawaban(b.kriteria, b.jawaban)
        jawaban, _ = Jawaban.objects.get_or_create(evaluasi=evaluasi, kriteria=b.kriteria)
        baru = b.kolom()
        berubah = [k for k, v in baru.items() if getattr(jawaban, k) != v]
        for k in berubah:
            setattr(jawaban, k, baru[k])
        if b.berkas is not None:
            berubah += _bukti_ganti(jawaban, *b.berkas)
        if berubah:
            jawaban.diubah_oleh = pengguna
            jawaban._change_reason = alasan  # type: ignore[attr-defined]
            jawaban.save()
            diubah += 1
    return diubah


def _bukti_ganti(jawaban: Jawaban, unggahan: UploadedFile, jenis: JenisBerkas) -> list[str]:
    """Store a new evidence file; the one it replaces goes once the transaction commits.
    Returns the columns that changed."""
    lama = jawaban.bukti_berkas.name
    jawaban.bukti_berkas.save(f"bukti{jenis.akhiran}", unggahan, save=False)
    jawaban.bukti_nama_asli = (unggahan.name or "")[:255]
    jawaban.bukti_jenis_konten = jenis.jenis_konten
    if lama:
        transaction.on_commit(partial(penyimpanan_pribadi().delete, lama))
    return ["bukti_berkas", "bukti_nama_asli", "bukti_jenis_konten"]


@transaction.atomic
def jawaban_mandiri_simpan(
    *, pengguna: Pengguna, evaluasi: Evaluasi, isian: list[IsianMandiri]
) -> int:
    """The organisation's answers, justifications and evidence. Returns how many changed."""
    evaluasi = _kunci(evaluasi.pk)
    if not boleh_mengisi_mandiri(pengguna, evaluasi.organisasi):
        raise TidakBerwenang("Penilaian mandiri hanya diisi oleh admin atau pimpinan organisasi.")
    if evaluasi.diimpor:
        raise Ditolak("Evaluasi ini diimpor dari LHE dan tidak dapat diisi.")
    if evaluasi.mandiri_terkunci:
        raise Ditolak("Penilaian mandiri sudah diajukan dan tidak dapat diubah lagi.")
    return _jawaban_tulis(
        pengguna=pengguna, evaluasi=evaluasi, isian=isian, alasan="Penilaian mandiri"
    )


@transaction.atomic
def mandiri_ajukan(*, pengguna: Pengguna, evaluasi: Evaluasi) -> Evaluasi:
    """Submit the self-assessment: every criterion answered, then frozen."""
    evaluasi = _kunci(evaluasi.pk)
    if not boleh_mengisi_mandiri(pengguna, evaluasi.organisasi):
        raise TidakBerwenang(
            "Penilaian mandiri hanya diajukan oleh admin atau pimpinan organisasi."
        )
    if evaluasi.mandiri_terkunci:
        raise Ditolak("Penilaian mandiri sudah diajukan.")
    kosong = _belum_dijawab(evaluasi, "jawaban_mandiri")
    if kosong:
        raise Ditolak(f"Masih ada {len(kosong)} kriteria tanpa jawaban mandiri: {_daftar(kosong)}.")
    evaluasi.mandiri_diajukan_pada = timezone.now()
    evaluasi.mandiri_diajukan_oleh = pengguna
    evaluasi._change_reason = "Penilaian mandiri diajukan"  # type: ignore[attr-defined]
    evaluasi.save()
    return evaluasi


def _belum_dijawab(evaluasi: Evaluasi, kolom: str) -> list[str]:
    terjawab = set(
        Jawaban.objects.filter(evaluasi=evaluasi)
        .exclude(**{kolom: ""})
        .values_list("kriteria_id", flat=True)
    )
    return [
        kode
        for pk, kode in KriteriaLke.objects.filter(
            sub_komponen__komponen__kerangka=evaluasi.kerangka_id
        )
        .order_by("sub_komponen__komponen__urutan", "sub_komponen__urutan", "nomor")
        .values_list("pk", "kode")
        if pk not in terjawab
    ]


def _daftar(kode: list[str]) -> str:
    return ", ".join(kode[:5]) + (" …" if len(kode) > 5 else "")


@transaction.atomic
def jawaban_evaluator_simpan(
    *, pengguna: Pengguna, evaluasi: Evaluasi, isian: list[IsianEvaluator]
) -> int:
    """The evaluator's answers and notes. Returns how many changed."""
    evaluasi = _kunci(evaluasi.pk)
    if not boleh_mengevaluasi(pengguna, evaluasi.organisasi):
        raise TidakBerwenang("Hanya evaluator (Inspektorat) yang dapat mengisi nilai evaluasi.")
    if evaluasi.selesai:
        raise Ditolak("Evaluasi sudah diselesaikan dan tidak dapat diubah lagi.")
    return _jawaban_tulis(pengguna=pengguna, evaluasi=evaluasi, isian=isian, alasan="Evaluasi")


@transaction.atomic
def evaluasi_selesaikan(*, pengguna: Pengguna, evaluasi: Evaluasi, nomor_lhe: str = "") -> Evaluasi:
    """Complete the evaluation: every criterion has the evaluator's answer; then frozen, and
    the LAKIP and Beranda show its result."""
    evaluasi = _kunci(evaluasi.pk)
    if not boleh_mengevaluasi(pengguna, evaluasi.organisasi):
        raise TidakBerwenang("Hanya evaluator (Inspektorat) yang dapat menyelesaikan evaluasi.")
    if evaluasi.selesai:
        raise Ditolak("Evaluasi sudah diselesaikan.")
    kosong = _belum_dijawab(evaluasi, "jawaban_evaluator")
    if kosong:
        raise Ditolak(f"Masih ada {len(kosong)} kriteria tanpa nilai evaluator: {_daftar(kosong)}.")
    evaluasi.selesai_pada = timezone.now()
    evaluasi.selesai_oleh = pengguna
    evaluasi.nama_evaluator = pengguna.organisasi.nama if pengguna.organisasi else ""
    evaluasi.nomor_lhe = nomor_lhe.strip()
    evaluasi._change_reason = "Evaluasi diselesaikan"  # type: ignore[attr-defined]
    evaluasi.save()
    return evaluasi


@transaction.atomic
def rekomendasi_tambah(
    *,
    pengguna: Pengguna,
    evaluasi: Evaluasi,
    uraian: str,
    batas_waktu: date,
    penanggung_jawab: UnitKerja | None = None,
) -> Rekomendasi:
    if not boleh_mengevaluasi(pengguna, evaluasi.organisasi):
        raise TidakBerwenang("Rekomendasi hanya diberikan oleh evaluator (Inspektorat).")
    if not uraian.strip():
        raise Ditolak("Uraian rekomendasi wajib diisi.")
    if penanggung_jawab is not None and penanggung_jawab.organisasi_id != evaluasi.organisasi_id:
        raise Ditolak("Penanggung jawab harus unit kerja organisasi yang dievaluasi.")
    return Rekomendasi.objects.create(
        evaluasi=evaluasi,
        uraian=uraian.strip(),
        batas_waktu=batas_waktu,
        penanggung_jawab=penanggung_jawab,
        dibuat_oleh=pengguna,
    )


@transaction.atomic
def rekomendasi_tindak_lanjut(
    *, pengguna: Pengguna, rekomendasi: Rekomendasi, status: str, tindak_lanjut: str
) -> Rekomendasi:
    """The organisation reports its follow-up; the evaluator may also close or reopen."""
    organisasi = rekomendasi.evaluasi.organisasi
    if not boleh_menulis(pengguna, organisasi):
        raise TidakBerwenang(
            "Tindak lanjut rekomendasi dicatat oleh admin atau pimpinan organisasi."
        )
    if status not in Rekomendasi.Status.values:
        raise Ditolak(f"Status {status!r} tidak dikenal.")
    rekomendasi.status = status
    rekomendasi.tindak_lanjut = tindak_lanjut.strip()
    rekomendasi._change_reason = "Tindak lanjut"  # type: ignore[attr-defined]
    rekomendasi.save(update_fields=["status", "tindak_lanjut"])
    return rekomendasi


@transaction.atomic
def evaluasi_impor(
    *,
    organisasi: Organisasi,
    tahun: int,
    kerangka: KerangkaLke,
    nilai: dict[str, Decimal],
    nomor_lhe: str = "",
    nama_evaluator: str = "",
) -> tuple[Evaluasi, str]:
    """A completed evaluation from a printed LHE: sub-component scores by code (e.g. "1.a"),
    no criterion answers. Used by the reference loader; idempotent. Returns the evaluation
    and what happened: "dibuat", "diubah" or "" (nothing)."""
    sub = {s.kode: s for s in SubKomponenLke.objects.filter(komponen__kerangka=kerangka)}
    if set(nilai) != set(sub):
        raise Ditolak(
            f"Nilai impor harus memuat tepat sub-komponen {', '.join(sorted(sub))} "
            f"(diterima: {', '.join(sorted(nilai))})."
        )
    for kode, n in nilai.items():
        if not Decimal(0) <= n <= sub[kode].bobot:
            raise Ditolak(f"Nilai {kode} = {n} harus antara 0 dan {sub[kode].bobot}.")
    evaluasi = Evaluasi.objects.filter(organisasi=organisasi, tahun=tahun).first()
    berubah = ""
    if evaluasi is None:
        evaluasi = Evaluasi.objects.create(
            organisasi=organisasi,
            tahun=tahun,
            kerangka=kerangka,
            diimpor=True,
            selesai_pada=timezone.now(),
            nomor_lhe=nomor_lhe,
            nama_evaluator=nama_evaluator,
        )
        berubah = "dibuat"
    elif not evaluasi.diimpor:
        raise Ditolak(f"Evaluasi {tahun} sudah diisi di aplikasi; tidak ditimpa oleh impor.")
    elif (evaluasi.nomor_lhe, evaluasi.nama_evaluator) != (nomor_lhe, nama_evaluator):
        evaluasi.nomor_lhe, evaluasi.nama_evaluator = nomor_lhe, nama_evaluator
        evaluasi.save(update_fields=["nomor_lhe", "nama_evaluator"])
        berubah = "diubah"
    for kode, n in nilai.items():
        obj, dibuat = NilaiSubKomponen.objects.get_or_create(
            evaluasi=evaluasi, sub_komponen=sub[kode], defaults={"nilai": n}
        )
        if dibuat:
            berubah = berubah or "diubah"
        elif obj.nilai != n:
            obj.nilai = n
            obj.save(update_fields=["nilai"])
            berubah = berubah or "diubah"
    return evaluasi, berubah
