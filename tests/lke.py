"""Helpers for the LKE tests: an evaluator of a parent organisation and a filled worksheet."""

from evaluasi.models import Evaluasi, KriteriaLke
from evaluasi.services import (
    IsianEvaluator,
    IsianMandiri,
    evaluasi_buka,
    jawaban_evaluator_simpan,
    jawaban_mandiri_simpan,
)
from organisasi.models import Organisasi, Pengguna
from tests.pembuat import PASSWORD


def evaluator_induk(org: Organisasi, username: str = "inspektorat-uji") -> Pengguna:
    """An Inspektorat account of KPU Provinsi Bengkulu, made the reference office's parent."""
    induk, _ = Organisasi.objects.get_or_create(
        slug="kpu-provinsi-bengkulu",
        defaults={"nama": "KPU Provinsi Bengkulu", "nama_singkat": "KPU Provinsi Bengkulu"},
    )
    org.induk = induk
    org.save(update_fields=["induk"])
    return Pengguna.objects.create_user(
        username=username, password=PASSWORD, organisasi=induk, peran=Pengguna.Peran.EVALUATOR
    )


def kriteria(evaluasi: Evaluasi) -> dict[str, list[KriteriaLke]]:
    hasil: dict[str, list[KriteriaLke]] = {}
    for k in (
        KriteriaLke.objects.filter(sub_komponen__komponen__kerangka=evaluasi.kerangka)
        .select_related("sub_komponen__komponen__kerangka")
        .order_by("sub_komponen__komponen__urutan", "sub_komponen__urutan", "nomor")
    ):
        hasil.setdefault(k.sub_komponen.kode, []).append(k)
    return hasil


def _jawab(k: KriteriaLke, ya: bool) -> str:
    if k.jenis == KriteriaLke.Jenis.ABCDE:
        return "A" if ya else "E"
    return "Y" if ya else "T"


def isi(evaluasi: Evaluasi, pengguna: Pengguna, ya: dict[str, int], sisi: str = "evaluator"):
    """Answer the first `ya[sub]` criteria of each sub-component yes (A), the rest no (E)."""
    isian = []
    for kode, daftar in kriteria(evaluasi).items():
        for i, k in enumerate(daftar):
            jawaban = _jawab(k, i < ya.get(kode, 0))
            if sisi == "evaluator":
                isian.append(IsianEvaluator(kriteria=k, jawaban=jawaban, catatan="Diperiksa."))
            else:
                isian.append(IsianMandiri(kriteria=k, jawaban=jawaban, penjelasan="Ada."))
    if sisi == "evaluator":
        return jawaban_evaluator_simpan(pengguna=pengguna, evaluasi=evaluasi, isian=isian)
    return jawaban_mandiri_simpan(pengguna=pengguna, evaluasi=evaluasi, isian=isian)


SEMUA = {"1.a": 6, "1.b": 11, "1.c": 8, "2.a": 3, "2.b": 7, "2.c": 10}
SEMUA |= {"3.a": 6, "3.b": 9, "3.c": 7, "4.a": 3, "4.b": 5, "4.c": 5}


def buka(org: Organisasi, pengguna: Pengguna, tahun: int = 2024) -> Evaluasi:
    return evaluasi_buka(pengguna=pengguna, organisasi=org, tahun=tahun)
