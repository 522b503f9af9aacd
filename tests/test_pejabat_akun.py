"""Nobody signs as another official: the account that signs for an official
cannot be re-pointed while an agreement waits for their signature, through the admin, the ORM
or raw SQL; every change of it is in the official's history, and a signature records both the
official and the account that signed."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from inti.galat import TidakBerwenang
from kinerja.perjanjian.akses import pesan_ganti_akun
from kinerja.perjanjian.services import perjanjian_tandatangani
from organisasi.models import Pejabat, Pengguna
from tests.pembuat import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandi_cepat")]

TRIGGER = "tidak dapat diganti selama ada perjanjian kinerja yang menunggu"


@pytest.fixture
def superadmin(org) -> Pengguna:
    return Pengguna.objects.create_superuser(
        username="super-uji", password=PASSWORD, email="", organisasi=org, peran="admin"
    )


def _data_form(pejabat: Pejabat, **ubah) -> dict:
    data = {
        "organisasi": pejabat.organisasi_id,
        "unit_kerja": pejabat.unit_kerja_id or "",
        "peran": pejabat.peran,
        "nama": pejabat.nama,
        "nip": pejabat.nip,
        "jabatan": pejabat.jabatan,
        "jabatan_ttd": pejabat.jabatan_ttd,
        "mulai": pejabat.mulai.isoformat(),
        "selesai": pejabat.selesai.isoformat() if pejabat.selesai else "",
        "pengguna": pejabat.pengguna_id or "",
    }
    return {**data, **ubah}


def test_it_refuses_the_takeover_through_the_admin(
    client, draf_keuangan, kasubbag_keuangan, superadmin
):
    pejabat = draf_keuangan.pihak_pertama
    client.force_login(superadmin)
    url = reverse("admin:organisasi_pejabat_change", args=[pejabat.pk])
    response = client.post(url, _data_form(pejabat, pengguna=superadmin.pk))
    assert response.status_code == 200  # the form again, with the error
    assert "tidak dapat diganti atau dilepas" in response.content.decode()
    pejabat.refresh_from_db()
    assert pejabat.pengguna == kasubbag_keuangan
    # So the admin's own password does not sign for the official.
    with pytest.raises(TidakBerwenang):
        perjanjian_tandatangani(perjanjian=draf_keuangan, pengguna=superadmin, password=PASSWORD)


def test_it_refuses_the_takeover_through_the_orm(draf_keuangan, kasubbag_keuangan, admin_org):
    pejabat = draf_keuangan.pihak_pertama
    assert "menunggu tanda tangannya" in pesan_ganti_akun(pejabat, admin_org)
    assert "tidak dapat diganti atau dilepas" in pesan_ganti_akun(pejabat, None)
    pejabat.pengguna = admin_org
    with pytest.raises(IntegrityError, match=TRIGGER), transaction.atomic():
        pejabat.save()
    pejabat.pengguna = None
    with pytest.raises(IntegrityError, match=TRIGGER), transaction.atomic():
        pejabat.save()
    with pytest.raises(IntegrityError, match=TRIGGER), transaction.atomic():
        Pejabat.objects.filter(pk=pejabat.pk).update(pengguna=admin_org)
    assert Pejabat.objects.get(pk=pejabat.pk).pengguna == kasubbag_keuangan


def test_it_guards_pihak_kedua_until_they_signed(
    draf_keuangan, kasubbag_keuangan, sekretaris, admin_org
):
    perjanjian_tandatangani(
        perjanjian=draf_keuangan, pengguna=kasubbag_keuangan, password=PASSWORD,
        abaikan_peringatan=True,
    )  # fmt: skip
    kedua = Pejabat.objects.get(pk=draf_keuangan.pihak_kedua_id)
    kedua.pengguna = admin_org
    with pytest.raises(IntegrityError, match=TRIGGER), transaction.atomic():
        kedua.save()
    # Pihak pertama has signed: their account may change again.
    pertama = Pejabat.objects.get(pk=draf_keuangan.pihak_pertama_id)
    pertama.pengguna = admin_org
    pertama.save()


def test_it_records_who_signed_and_every_account_change(
    org, draf_keuangan, kasubbag_keuangan, sekretaris
):
    pejabat = Pejabat.objects.get(pk=draf_keuangan.pihak_pertama_id)
    # The fixture linked the account (from none): allowed, and in the history.
    assert [h.pengguna_id for h in pejabat.history.order_by("history_date")][-1] == (
        kasubbag_keuangan.pk
    )
    ttd = perjanjian_tandatangani(
        perjanjian=draf_keuangan, pengguna=kasubbag_keuangan, password=PASSWORD,
        abaikan_peringatan=True,
    )  # fmt: skip
    assert (ttd.pejabat, ttd.pengguna) == (pejabat, kasubbag_keuangan)


def test_it_links_an_official_without_an_account(draf_keuangan, admin_org):
    pejabat = Pejabat.objects.get(pk=draf_keuangan.pihak_pertama_id)
    assert pejabat.pengguna_id is None
    pejabat.pengguna = admin_org
    pejabat.save()
    assert pejabat.history.first().pengguna_id == admin_org.pk
