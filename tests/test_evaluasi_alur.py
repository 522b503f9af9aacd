"""The LKE worksheet: who may do what, frozen answers, recommendations on Beranda."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from evaluasi.models import Evaluasi, Jawaban, Rekomendasi
from evaluasi.services import (
    IsianEvaluator,
    IsianMandiri,
    evaluasi_selesaikan,
    jawaban_evaluator_simpan,
    jawaban_mandiri_simpan,
    mandiri_ajukan,
    rekomendasi_tambah,
)
from inti.galat import Ditolak, TidakBerwenang
from tests.lke import SEMUA, buka, evaluator_induk, isi, kriteria

URL = "/evaluasi/kpu-bengkulu-utara/2024/"


@pytest.fixture
def evaluator(org):
    return evaluator_induk(org)


def test_it_lets_the_evaluator_of_a_parent_organisation_evaluate(client, org, evaluator):
    client.force_login(evaluator)
    assert client.post(f"{URL}buka/").status_code == 302
    respons = client.get(URL)
    assert respons.status_code == 200
    assert respons.context["sisi"] == "evaluator"
    assert 'name="1.a.1-jawaban"' in respons.content.decode()
    data = {"1.a.1-jawaban": "Y", "1.a.1-catatan": "Pedoman ada."}
    assert client.post(URL, data).status_code == 302
    jawaban = Jawaban.objects.get(kriteria__kode="1.a.1", evaluasi__organisasi=org)
    assert (jawaban.jawaban_evaluator, jawaban.catatan_evaluator) == ("Y", "Pedoman ada.")


def test_it_lets_the_admin_fill_the_self_assessment_but_not_the_evaluation(client, org, admin_org):
    client.force_login(admin_org)
    client.post(f"{URL}buka/")
    respons = client.get(URL)
    assert respons.context["sisi"] == "mandiri"
    evaluasi = Evaluasi.objects.get(organisasi=org, tahun=2024)
    k = kriteria(evaluasi)["1.a"][0]
    with pytest.raises(TidakBerwenang, match="Hanya evaluator"):
        jawaban_evaluator_simpan(
            pengguna=admin_org, evaluasi=evaluasi, isian=[IsianEvaluator(kriteria=k, jawaban="Y")]
        )
    # Through the page, the service's refusal answers 403 as the views' own checks do.
    assert client.post(f"{URL}selesaikan/").status_code == 403
    assert Evaluasi.objects.get(pk=evaluasi.pk).selesai_pada is None


def test_it_lets_staff_read_but_write_nothing(client, org, admin_org, staf_keuangan):
    evaluasi = buka(org, admin_org)
    client.force_login(staf_keuangan)
    respons = client.get(URL)
    assert respons.status_code == 200 and respons.context["sisi"] == ""
    assert client.post(URL, {"1.a.1-jawaban": "Y"}).status_code == 403
    assert client.post(f"{URL}ajukan/").status_code == 403
    assert not Jawaban.objects.filter(evaluasi=evaluasi).exists()
    assert Evaluasi.objects.get(pk=evaluasi.pk).mandiri_diajukan_pada is None
    k = kriteria(evaluasi)["1.a"][0]
    with pytest.raises(TidakBerwenang, match="admin atau pimpinan"):
        jawaban_mandiri_simpan(
            pengguna=staf_keuangan, evaluasi=evaluasi, isian=[IsianMandiri(kriteria=k, jawaban="Y")]
        )


def test_it_answers_404_to_another_organisation(client, org, admin_org, orang_luar):
    buka(org, admin_org)
    client.force_login(orang_luar)
    assert client.get(URL).status_code == 404
    assert client.post(f"{URL}buka/").status_code == 404


def test_it_refuses_an_evaluator_of_an_unrelated_organisation(client, org, org_lain, admin_org):
    from organisasi.models import Pengguna
    from tests.pembuat import PASSWORD

    lain = Pengguna.objects.create_user(
        username="inspektorat-lain", password=PASSWORD, organisasi=org_lain, peran="evaluator"
    )
    buka(org, admin_org)
    client.force_login(lain)
    assert client.get(URL).status_code == 404


def test_it_freezes_the_self_assessment_once_submitted(client, org, admin_org):
    evaluasi = buka(org, admin_org)
    with pytest.raises(Ditolak, match="Masih ada 80 kriteria"):
        mandiri_ajukan(pengguna=admin_org, evaluasi=evaluasi)
    isi(evaluasi, admin_org, SEMUA, sisi="mandiri")
    mandiri_ajukan(pengguna=admin_org, evaluasi=evaluasi)
    k = kriteria(evaluasi)["1.a"][0]
    # the service
    with pytest.raises(Ditolak, match="sudah diajukan"):
        jawaban_mandiri_simpan(
            pengguna=admin_org, evaluasi=evaluasi, isian=[IsianMandiri(kriteria=k, jawaban="T")]
        )
    # the page
    client.force_login(admin_org)
    assert client.get(URL).context["sisi"] == ""
    client.post(URL, {"1.a.1-jawaban": "T"})
    # the database, for whatever slips past both
    with pytest.raises(IntegrityError), transaction.atomic():
        Jawaban.objects.filter(evaluasi=evaluasi, kriteria=k).update(jawaban_mandiri="T")
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluasi.objects.filter(pk=evaluasi.pk).update(mandiri_diajukan_pada=None)
    jawaban = Jawaban.objects.get(evaluasi=evaluasi, kriteria=k)
    assert jawaban.jawaban_mandiri == "Y"
    assert [h.history_change_reason for h in jawaban.history.order_by("history_date")] == [
        None,
        "Penilaian mandiri",
    ]


def test_it_freezes_the_evaluation_once_completed(client, org, evaluator):
    evaluasi = buka(org, evaluator)
    isi(evaluasi, evaluator, SEMUA)
    evaluasi_selesaikan(pengguna=evaluator, evaluasi=evaluasi, nomor_lhe="LHE-01")
    k = kriteria(evaluasi)["1.a"][0]
    with pytest.raises(Ditolak, match="sudah diselesaikan"):
        jawaban_evaluator_simpan(
            pengguna=evaluator, evaluasi=evaluasi, isian=[IsianEvaluator(kriteria=k, jawaban="T")]
        )
    client.force_login(evaluator)
    assert client.get(URL).context["sisi"] == ""
    with pytest.raises(IntegrityError), transaction.atomic():
        Jawaban.objects.filter(evaluasi=evaluasi).update(catatan_evaluator="diubah")
    assert Jawaban.objects.get(evaluasi=evaluasi, kriteria=k).jawaban_evaluator == "Y"


def test_it_shows_the_predikat_and_open_recommendations_on_beranda(
    client, org, evaluator, admin_org
):
    evaluasi = buka(org, evaluator)
    isi(evaluasi, evaluator, SEMUA | {"1.a": 0, "1.b": 0, "1.c": 0})
    rekomendasi = rekomendasi_tambah(
        pengguna=evaluator,
        evaluasi=evaluasi,
        uraian="Susun pedoman teknis perencanaan kinerja.",
        batas_waktu=date(2025, 6, 30),
    )
    client.force_login(admin_org)
    # not before the evaluation is completed
    assert "Susun pedoman" not in client.get("/?tahun=2024").content.decode()
    evaluasi_selesaikan(pengguna=evaluator, evaluasi=evaluasi)
    halaman = client.get("/?tahun=2024").content.decode()
    assert 'id="predikat-lke">B<' in halaman
    assert "Susun pedoman teknis perencanaan kinerja." in halaman
    # closed: gone from Beranda
    respons = client.post(
        f"/evaluasi/rekomendasi/{rekomendasi.pk}/",
        {"status": "selesai", "tindak_lanjut": "Pedoman ditetapkan."},
    )
    assert respons.status_code == 302
    assert Rekomendasi.objects.get(pk=rekomendasi.pk).status == "selesai"
    assert "Susun pedoman" not in client.get("/?tahun=2024").content.decode()


def test_it_shows_the_completed_evaluation_in_the_lakip(client, org, evaluator, admin_org):
    evaluasi = buka(org, evaluator)
    isi(evaluasi, evaluator, SEMUA | {"1.a": 0, "1.b": 0, "1.c": 0})
    evaluasi_selesaikan(pengguna=evaluator, evaluasi=evaluasi, nomor_lhe="LHE-2025/01")
    client.force_login(admin_org)
    halaman = client.get("/laporan/kpu-bengkulu-utara/2024/").content.decode()
    assert "LHE Nomor LHE-2025/01" in halaman
    assert "nilai 70,00 dengan predikat B" in halaman


def test_it_refuses_a_recommendation_from_the_organisation_itself(org, admin_org):
    evaluasi = buka(org, admin_org)
    with pytest.raises(TidakBerwenang, match="evaluator"):
        rekomendasi_tambah(
            pengguna=admin_org, evaluasi=evaluasi, uraian="x", batas_waktu=date(2025, 1, 1)
        )
