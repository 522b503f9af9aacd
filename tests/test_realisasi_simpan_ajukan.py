"""The entry form's Ajukan button saves what was typed first, then submits: both or neither,
with the form's own validation; nothing typed is lost on the way."""

from decimal import Decimal

import pytest

from inti.galat import TidakBerwenang
from kinerja.models import Realisasi
from kinerja.realisasi.services.isian import IsianBaris, realisasi_simpan_formulir
from organisasi.models import UnitKerja
from renstra.models import IndikatorKinerja
from tests.isian import data_formulir, isi, prefix, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]


def _r(kode: str) -> Realisasi:
    return Realisasi.objects.get(indikator__kode=kode, tahun=2024, periode="tw1")


def _tw1() -> list[tuple]:
    return sorted(
        Realisasi.objects.filter(tahun=2024, periode="tw1").values_list(
            "indikator__kode", "nilai", "status", "versi"
        )
    )


@pytest.fixture
def draf_bmn(client, org, staf_keuangan):
    """s9-bmn saved at 90 %, a draft; the staff member is logged in."""
    client.force_login(staf_keuangan)
    respons = client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="90"), follow=True)
    assert "Tersimpan: 1 nilai baru" in respons.content.decode()


def test_it_saves_what_was_typed_then_submits_it(client, org, draf_bmn):
    data = isi(data_formulir(org), "s9-bmn", nilai="96,7", kendala="Aset tersebar di PPK")
    isi(data, "s3-sarana-ti", nilai="88")
    respons = client.post(url(), {**data, "ajukan": "1"}, follow=True)
    html = respons.content.decode()
    assert "Tersimpan: 1 nilai baru, 1 nilai diubah, 0 bukti dukung." in html
    assert "2 nilai diajukan untuk diverifikasi." in html
    assert _tw1() == [
        ("s3-sarana-ti", Decimal("88.0000"), "diajukan", 2),
        ("s9-bmn", Decimal("96.7000"), "diajukan", 3),
    ]
    assert _r("s9-bmn").kendala == "Aset tersebar di PPK"
    alasan = list(
        _r("s9-bmn")
        .history.order_by("history_date")
        .values_list("history_change_reason", flat=True)
    )
    assert alasan == ["Diisi", "Diubah", "Diajukan untuk verifikasi"]


def test_it_saves_and_submits_nothing_when_a_row_is_invalid(client, org, draf_bmn):
    sebelum = _tw1()
    data = isi(data_formulir(org), "s3-sarana-ti", nilai="88")
    isi(data, "s9-bmn", nilai="sembilan puluh")
    respons = client.post(url(), {**data, "ajukan": "1"})
    assert respons.status_code == 400
    html = respons.content.decode()
    assert "Tidak ada yang disimpan: perbaiki isian yang ditandai merah." in html
    assert "diajukan untuk diverifikasi." not in html
    assert _tw1() == sebelum == [("s9-bmn", Decimal("90.0000"), "draf", 1)]
    # The page holds what was typed, marked as not saved for the leave warning.
    assert 'value="88"' in html
    assert "data-belum-tersimpan" in html


def test_it_submits_the_saved_drafts_when_nothing_was_typed(client, org, draf_bmn):
    respons = client.post(url(), {**data_formulir(org), "ajukan": "1"}, follow=True)
    html = respons.content.decode()
    assert "1 nilai diajukan untuk diverifikasi." in html
    assert "nilai baru" not in html
    assert "Tidak ada perubahan." not in html
    assert _tw1() == [("s9-bmn", Decimal("90.0000"), "diajukan", 2)]


def test_it_says_so_when_there_is_nothing_to_submit(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    respons = client.post(url(), {**data_formulir(org), "ajukan": "1"})
    assert respons.status_code == 400
    assert "Belum ada nilai baru yang dapat diajukan." in respons.content.decode()
    assert _tw1() == []


def test_it_keeps_a_confirmed_implausible_value_confirmed(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    data = isi(data_formulir(org), "s9-bmn", nilai="1.000,5")
    data[f"{prefix('s9-bmn')}-konfirmasi"] = "on"
    assert client.post(url(), data).status_code == 302
    # Submitting later, the stored value posted again unchanged needs no second confirmation.
    respons = client.post(url(), {**data_formulir(org), "ajukan": "1"}, follow=True)
    assert "1 nilai diajukan untuk diverifikasi." in respons.content.decode()
    assert _r("s9-bmn").status == "diajukan"


def test_it_keeps_the_form_and_its_submit_to_the_units_staff(
    client, org, staf_teknis, kepala_keuangan, draf_bmn
):
    data = {**isi(data_formulir(org), "s9-bmn", nilai="95"), "ajukan": "1"}
    client.force_login(staf_teknis)
    assert client.post(url(), data).status_code == 404
    client.force_login(kepala_keuangan)
    assert client.post(url(), data).status_code == 403
    assert _tw1() == [("s9-bmn", Decimal("90.0000"), "draf", 1)]


def test_it_checks_the_permission_in_the_service(org, kepala_keuangan):
    keuangan = UnitKerja.objects.get(organisasi=org, slug="keuangan")
    with pytest.raises(TidakBerwenang, match="yang dapat mengajukan realisasi"):
        realisasi_simpan_formulir(
            pengguna=kepala_keuangan,
            unit_kerja=keuangan,
            tahun=2024,
            periode="tw1",
            isian=[
                IsianBaris(
                    indikator=IndikatorKinerja.objects.get(kode="s9-bmn"),
                    versi=0,
                    nilai=Decimal("90"),
                )
            ],
            ajukan=True,
        )
    assert _tw1() == []


def test_it_offers_both_buttons_in_the_one_form_with_the_leave_warning(client, draf_bmn):
    html = client.get(url()).content.decode()
    assert '<button type="submit" name="ajukan" value="1"' in html
    assert "Ajukan 1 nilai untuk diverifikasi" in html
    assert "data-jaga-perubahan" in html
    assert "data-belum-tersimpan" not in html
    assert "js/jaga_perubahan" in html
    assert "/ajukan/" not in html  # no second form that would leave the typing behind
