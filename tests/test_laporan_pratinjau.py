"""The report preview (unverified values included) is for pimpinan and admins: a unit's
drafts never reach staff of another unit through it."""

import pytest

from kinerja.models import Realisasi

pytestmark = pytest.mark.django_db

URL = "/laporan/kpu-bengkulu-utara/2024/"
DRAF = "Kendala draf unit teknis yang belum diverifikasi"


@pytest.fixture
def draf_teknis(db):
    # s6-pencalonan belongs to the Teknis unit.
    Realisasi.objects.filter(indikator__kode="s6-pencalonan", tahun=2024).update(
        status=Realisasi.Status.DRAF, kendala=DRAF
    )


@pytest.mark.parametrize("jalur", ["", "xlsx/", "xlsx/sasaran-6/", "pdf/"])
def test_it_refuses_the_preview_to_staff_of_another_unit(client, staf_keuangan, draf_teknis, jalur):
    client.force_login(staf_keuangan)
    response = client.get(f"{URL}{jalur}?pratinjau=1")
    assert response.status_code == 403
    assert DRAF.encode() not in response.content


def test_it_shows_staff_the_verified_report_without_the_draft_or_a_preview_link(
    client, staf_keuangan, draf_teknis
):
    client.force_login(staf_keuangan)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert DRAF not in html
    assert "?pratinjau=1" not in html


def test_it_refuses_the_preview_to_staff_of_the_own_unit_too(client, staf_teknis, draf_teknis):
    client.force_login(staf_teknis)
    assert client.get(URL + "?pratinjau=1").status_code == 403


@pytest.mark.parametrize("peran", ["pimpinan", "admin_org"])
def test_it_shows_the_preview_to_pimpinan_and_admins(client, request, peran, draf_teknis):
    client.force_login(request.getfixturevalue(peran))
    response = client.get(URL + "?pratinjau=1")
    assert response.status_code == 200
    assert DRAF in response.content.decode()
    assert client.get(URL + "xlsx/sasaran-6/?pratinjau=1").status_code == 200
