"""Who may open and do what, checked on the server for every page and action.

Each permission is tried with the named people: an admin, pimpinan, the head of the own
unit, a staff member of the own unit, a staff member of another unit, and someone of
another organisation. What a user may not read answers 404; what they may read but not
do answers 403.
"""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inti.berkas import PDF
from kinerja.models import BuktiDukung, Realisasi
from kinerja.realisasi.services.isian import IsianBaris, realisasi_simpan_formulir
from renstra.models import IndikatorKinerja
from tests.isian import data_formulir, isi, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]

ORANG = ["admin_org", "pimpinan", "kepala_keuangan", "staf_keuangan", "staf_teknis", "orang_luar"]


def _masuk(client, request, siapa):
    user = request.getfixturevalue(siapa)
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    ("siapa", "kode"),
    list(zip(ORANG, [200, 200, 200, 200, 404, 404], strict=True)),
)
def test_it_lets_only_readers_of_the_unit_open_its_form(client, request, siapa, kode):
    _masuk(client, request, siapa)
    assert client.get(url("keuangan")).status_code == kode


@pytest.mark.parametrize(
    ("siapa", "kode"),
    list(zip(ORANG, [302, 403, 403, 302, 404, 404], strict=True)),
)
def test_it_lets_only_the_units_staff_and_admins_save(client, request, org, siapa, kode):
    _masuk(client, request, siapa)
    respons = client.post(url("keuangan"), isi(data_formulir(org), "s9-bmn", nilai="90"))
    assert respons.status_code == kode
    tersimpan = Realisasi.objects.filter(indikator__kode="s9-bmn", tahun=2024, periode="tw1")
    assert tersimpan.exists() == (kode == 302)


@pytest.mark.parametrize(
    ("siapa", "kode"),
    list(zip(ORANG, [302, 403, 403, 302, 404, 404], strict=True)),
)
def test_it_lets_only_the_units_staff_and_admins_submit(
    client, request, org, staf_keuangan, siapa, kode
):
    client.force_login(staf_keuangan)
    client.post(url("keuangan"), isi(data_formulir(org), "s9-bmn", nilai="90"))
    _masuk(client, request, siapa)
    assert client.post(url("keuangan", aksi="ajukan")).status_code == kode
    status = Realisasi.objects.get(indikator__kode="s9-bmn", tahun=2024, periode="tw1").status
    assert status == ("diajukan" if kode == 302 else "draf")


@pytest.mark.parametrize(
    ("siapa", "kode"),
    list(zip(ORANG, [200, 200, 200, 403, 404, 404], strict=True)),
)
def test_it_lets_only_heads_pimpinan_and_admins_verify(client, request, siapa, kode):
    _masuk(client, request, siapa)
    assert client.get(url("keuangan", aksi="verifikasi")).status_code == kode
    assert client.post(url("keuangan", aksi="verifikasi"), {}).status_code in (kode, 400)


def test_it_does_not_let_a_head_verify_another_unit(client, kepala_teknis):
    client.force_login(kepala_teknis)
    assert client.get(url("keuangan", aksi="verifikasi")).status_code == 404
    assert client.get(url("teknis", aksi="verifikasi")).status_code == 200


@pytest.mark.parametrize(
    ("siapa", "kode"),
    list(zip(ORANG, [200, 403, 403, 403, 404, 404], strict=True)),
)
def test_it_lets_only_admins_reopen_a_period(client, request, siapa, kode):
    _masuk(client, request, siapa)
    assert client.get(url("keuangan", aksi="buka")).status_code == kode


@pytest.fixture
def realisasi_keuangan(org, staf_keuangan) -> Realisasi:
    indikator = IndikatorKinerja.objects.get(kode="s9-bmn")
    realisasi_simpan_formulir(
        pengguna=staf_keuangan,
        unit_kerja=indikator.unit_kerja,
        tahun=2024,
        periode="tw1",
        isian=[
            IsianBaris(
                indikator=indikator,
                versi=0,
                nilai=Decimal("90"),
                berkas=[(SimpleUploadedFile("ba.pdf", b"%PDF-1.4 isi"), PDF)],
            )
        ],
    )
    return Realisasi.objects.get(indikator=indikator, tahun=2024, periode="tw1")


@pytest.mark.parametrize(
    ("siapa", "kode"),
    list(zip(ORANG, [200, 200, 200, 200, 404, 404], strict=True)),
)
def test_it_shows_history_and_evidence_only_to_readers_of_the_unit(
    client, request, realisasi_keuangan, siapa, kode
):
    _masuk(client, request, siapa)
    bukti = BuktiDukung.objects.get(realisasi=realisasi_keuangan)
    assert client.get(f"/kinerja/realisasi/{realisasi_keuangan.pk}/riwayat/").status_code == kode
    respons = client.get(f"/kinerja/bukti/{bukti.pk}/")
    assert respons.status_code == kode
    if kode == 200:
        assert b"".join(respons.streaming_content) == b"%PDF-1.4 isi"


@pytest.mark.parametrize(
    "alamat",
    [
        "/",
        url("keuangan"),
        url("keuangan", aksi="verifikasi"),
        url("keuangan", aksi="buka"),
        "/kinerja/realisasi/1/riwayat/",
        "/kinerja/bukti/1/",
    ],
)
def test_it_sends_anonymous_visitors_to_the_login_page(client, alamat):
    respons = client.get(alamat)
    assert respons.status_code == 302
    assert respons["Location"].startswith("/akun/login/")


def test_it_answers_404_for_unknown_units_periods_and_objects(client, admin_org):
    client.force_login(admin_org)
    assert client.get(url("tidak-ada")).status_code == 404
    assert client.get(url(periode="tw5")).status_code == 404
    assert client.get("/kinerja/kpu-lain/keuangan/2024/tw1/").status_code == 404
    assert client.get("/kinerja/realisasi/999999/riwayat/").status_code == 404
    assert client.get("/kinerja/bukti/999999/").status_code == 404


def test_it_answers_in_indonesian(client, kepala_keuangan, staf_teknis):
    client.force_login(kepala_keuangan)
    assert "Tidak diizinkan" in client.post(url("keuangan"), {}).content.decode()
    client.force_login(staf_teknis)
    assert "Halaman tidak ditemukan" in client.get(url("keuangan")).content.decode()
