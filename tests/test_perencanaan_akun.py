"""Accounts kept by the organisation's own admin on Profil → Akun, without the Django admin:
a new account logs in and works in its unit; nobody gets more than the organisation's roles;
pimpinan read the list, staff get 403, other organisations 404."""

import pytest

from inti.galat import Ditolak, TidakBerwenang
from organisasi.models import Pejabat, Pengguna, UnitKerja
from perencanaan.profil import akun as services
from perencanaan.profil.forms import PejabatForm
from tests.pembuat import PASSWORD, pengguna

pytestmark = pytest.mark.django_db

ORG = "kpu-bengkulu-utara"
AKUN = f"/perencanaan/{ORG}/profil/akun/"
SANDI = "Rahasia-Bengkulu-2024"


def _baru(unit: UnitKerja | None, **ubah) -> dict:
    data = {
        "username": "bendahara",
        "first_name": "Rina",
        "last_name": "Marlina",
        "email": "rina@example.org",
        "peran": "staf",
        "unit_kerja": unit.pk if unit else "",
        "sandi": SANDI,
        "sandi_ulang": SANDI,
    }
    data.update(ubah)
    return data


def _ubah(akun: Pengguna, **ubah) -> dict:
    data = {
        "first_name": akun.first_name,
        "last_name": akun.last_name,
        "email": akun.email,
        "peran": akun.peran,
        "unit_kerja": akun.unit_kerja_id or "",
        "is_active": "on" if akun.is_active else "",
    }
    data.update(ubah)
    if not data["is_active"]:
        del data["is_active"]  # an unticked checkbox is not sent
    return data


def _masuk(client, username: str, sandi: str) -> bool:
    # A real login through the login page: django-axes needs the request client.login lacks.
    respons = client.post("/akun/login/", {"username": username, "password": sandi})
    return respons.status_code == 302


@pytest.fixture
def keuangan(org) -> UnitKerja:
    return UnitKerja.objects.get(organisasi=org, slug="keuangan")


def test_it_creates_an_account_that_logs_in_and_opens_its_units_entry_page(
    client, admin_org, org, keuangan
):
    client.force_login(admin_org)
    respons = client.post(f"{AKUN}baru/", _baru(keuangan))
    assert respons.status_code == 302
    akun = Pengguna.objects.get(username="bendahara")
    assert (akun.organisasi, akun.unit_kerja, akun.peran) == (org, keuangan, "staf")
    assert akun.get_full_name() == "Rina Marlina"
    assert not akun.is_staff and not akun.is_superuser and akun.is_active
    html = client.get(AKUN).content.decode()
    assert "<td>bendahara</td>" in html and "<td>Rina Marlina</td>" in html
    assert "belum pernah" in html

    client.post("/akun/logout/")
    assert _masuk(client, "bendahara", SANDI)
    assert client.get(f"/kinerja/{ORG}/keuangan/2024/tw1/").status_code == 200
    assert client.get(f"/kinerja/{ORG}/teknis/2024/tw1/").status_code == 404
    # the official form's account list offers it
    pilihan = PejabatForm(organisasi=org).fields["pengguna"].queryset
    assert akun in pilihan


def test_it_refuses_a_weak_password_with_the_validators_message(client, admin_org, keuangan):
    client.force_login(admin_org)
    respons = client.post(f"{AKUN}baru/", _baru(keuangan, sandi="12345", sandi_ulang="12345"))
    assert respons.status_code == 200
    html = respons.content.decode()
    assert "Kata sandi terlalu pendek. Harus mengandung setidaknya 8 karakter." in html
    assert "Kata sandi ini seluruhnya terdiri dari angka." in html
    assert not Pengguna.objects.filter(username="bendahara").exists()


def test_it_refuses_a_username_taken_in_another_case(client, admin_org, staf_keuangan, keuangan):
    client.force_login(admin_org)
    respons = client.post(f"{AKUN}baru/", _baru(keuangan, username="STAF-Keuangan-Uji"))
    assert "Nama pengguna STAF-Keuangan-Uji sudah dipakai; pilih nama lain." in (
        respons.content.decode()
    )
    assert Pengguna.objects.filter(username__iexact="staf-keuangan-uji").count() == 1


def test_it_ignores_superuser_and_staff_flags_slipped_into_the_post(client, admin_org, keuangan):
    client.force_login(admin_org)
    data = _baru(keuangan, is_superuser="on", is_staff="on", organisasi="999")
    assert client.post(f"{AKUN}baru/", data).status_code == 302
    akun = Pengguna.objects.get(username="bendahara")
    assert (akun.is_superuser, akun.is_staff, akun.organisasi_id) == (
        False,
        False,
        admin_org.organisasi_id,
    )
    client.post(f"{AKUN}{akun.pk}/", _ubah(akun, is_superuser="on", is_staff="on"))
    akun.refresh_from_db()
    assert (akun.is_superuser, akun.is_staff) == (False, False)


def test_it_refuses_a_unit_of_another_organisation(client, admin_org, org, org_lain):
    unit_lain = org_lain.unit.get(slug="keuangan")
    client.force_login(admin_org)
    respons = client.post(f"{AKUN}baru/", _baru(unit_lain))
    assert respons.status_code == 200
    assert not Pengguna.objects.filter(username="bendahara").exists()
    with pytest.raises(Ditolak, match="Unit kerja harus unit organisasi ini."):
        services.akun_buat(
            organisasi=org,
            username="bendahara",
            sandi=SANDI,
            nilai={"peran": "staf", "unit_kerja": unit_lain},
            oleh=admin_org,
        )
    assert not Pengguna.objects.filter(username="bendahara").exists()


def test_it_refuses_staff_without_a_unit(client, admin_org):
    client.force_login(admin_org)
    respons = client.post(f"{AKUN}baru/", _baru(None))
    assert "Kepala subbagian dan staf harus mempunyai unit kerja." in respons.content.decode()
    assert not Pengguna.objects.filter(username="bendahara").exists()


def test_it_deactivates_an_account_which_then_cannot_log_in(client, admin_org, staf_keuangan):
    client.force_login(admin_org)
    respons = client.post(f"{AKUN}{staf_keuangan.pk}/", _ubah(staf_keuangan, is_active=""))
    assert respons.status_code == 302
    staf_keuangan.refresh_from_db()
    assert staf_keuangan.is_active is False
    assert "Nonaktif" in client.get(AKUN).content.decode()
    client.post("/akun/logout/")
    assert not _masuk(client, "staf-keuangan-uji", PASSWORD)


def test_it_refuses_to_deactivate_or_demote_oneself(client, admin_org):
    client.force_login(admin_org)
    respons = client.post(f"{AKUN}{admin_org.pk}/", _ubah(admin_org, is_active=""))
    assert "Anda tidak dapat menonaktifkan akun Anda sendiri." in respons.content.decode()
    respons = client.post(f"{AKUN}{admin_org.pk}/", _ubah(admin_org, peran="pimpinan"))
    assert "Anda tidak dapat menurunkan peran akun Anda sendiri." in respons.content.decode()
    admin_org.refresh_from_db()
    assert (admin_org.is_active, admin_org.peran) == (True, "admin")


def test_it_changes_role_and_unit(client, admin_org, staf_keuangan, org):
    teknis = UnitKerja.objects.get(organisasi=org, slug="teknis")
    client.force_login(admin_org)
    data = _ubah(staf_keuangan, peran="kepala", unit_kerja=teknis.pk, first_name="Budi")
    assert client.post(f"{AKUN}{staf_keuangan.pk}/", data).status_code == 302
    staf_keuangan.refresh_from_db()
    assert (staf_keuangan.peran, staf_keuangan.unit_kerja, staf_keuangan.first_name) == (
        "kepala",
        teknis,
        "Budi",
    )


def test_it_sets_a_new_password_and_the_old_one_stops_working(client, admin_org, staf_keuangan):
    client.force_login(admin_org)
    url = f"{AKUN}{staf_keuangan.pk}/sandi/"
    lemah = client.post(url, {"sandi": "staf-keuangan", "sandi_ulang": "staf-keuangan"})
    assert "Kata sandi terlalu mirip dengan nama pengguna." in lemah.content.decode()
    respons = client.post(url, {"sandi": SANDI, "sandi_ulang": SANDI})
    assert respons.status_code == 302
    client.post("/akun/logout/")
    assert not _masuk(client, "staf-keuangan-uji", PASSWORD)
    assert _masuk(client, "staf-keuangan-uji", SANDI)


def test_it_keeps_django_admin_accounts_out_of_an_org_admins_reach(admin_org, org, keuangan):
    rekan = pengguna("rekan-admin", organisasi=org, peran="admin", is_staff=True)
    with pytest.raises(TidakBerwenang):
        services.akun_atur_sandi(organisasi=org, akun=rekan, sandi=SANDI, oleh=admin_org)
    with pytest.raises(TidakBerwenang):
        services.akun_ubah(
            organisasi=org,
            akun=rekan,
            nilai={"peran": "staf", "unit_kerja": keuangan},
            oleh=admin_org,
        )
    rekan.refresh_from_db()
    assert rekan.check_password(PASSWORD) and rekan.peran == "admin"


def test_it_lets_pimpinan_read_the_list_but_not_write(client, pimpinan, keuangan):
    client.force_login(pimpinan)
    html = client.get(AKUN).content.decode()
    assert "<td>pimpinan-uji</td>" in html
    assert "Tambah akun" not in html
    assert client.get(f"{AKUN}baru/").status_code == 403
    assert client.post(f"{AKUN}baru/", _baru(keuangan)).status_code == 403
    assert not Pengguna.objects.filter(username="bendahara").exists()


def test_it_answers_staff_with_403(client, staf_keuangan, keuangan):
    client.force_login(staf_keuangan)
    assert client.get(AKUN).status_code == 403
    assert client.post(f"{AKUN}baru/", _baru(keuangan)).status_code == 403
    url = f"{AKUN}{staf_keuangan.pk}/sandi/"
    assert client.post(url, {"sandi": SANDI, "sandi_ulang": SANDI}).status_code == 403
    assert not Pengguna.objects.filter(username="bendahara").exists()


def test_it_answers_a_sibling_organisations_admin_with_404(
    client, org_lain, staf_keuangan, keuangan
):
    admin_lain = pengguna("admin-lebong", organisasi=org_lain, peran="admin")
    client.force_login(admin_lain)
    assert client.get(AKUN).status_code == 404
    assert client.post(f"{AKUN}baru/", _baru(keuangan)).status_code == 404
    url = f"{AKUN}{staf_keuangan.pk}/sandi/"
    assert client.post(url, {"sandi": SANDI, "sandi_ulang": SANDI}).status_code == 404
    # nor may it reach an account of this organisation from its own pages
    assert client.get(f"/perencanaan/kpu-lebong/profil/akun/{staf_keuangan.pk}/").status_code == 404
    staf_keuangan.refresh_from_db()
    assert staf_keuangan.check_password(PASSWORD)


def test_it_links_the_accounts_from_the_profile_and_the_index(client, admin_org, staf_keuangan):
    client.force_login(admin_org)
    href = f'href="{AKUN}"'
    assert href in client.get(f"/perencanaan/{ORG}/profil/").content.decode()
    assert href in client.get(f"/perencanaan/{ORG}/").content.decode()
    client.force_login(staf_keuangan)
    assert href not in client.get(f"/perencanaan/{ORG}/profil/").content.decode()


def test_it_lets_an_official_be_linked_to_a_new_account(admin_org, org, keuangan):
    akun = services.akun_buat(
        organisasi=org,
        username="kasubbag-baru",
        sandi=SANDI,
        nilai={"peran": "kepala", "unit_kerja": keuangan},
        oleh=admin_org,
    )
    pejabat = Pejabat.objects.filter(organisasi=org, unit_kerja=keuangan).latest("mulai")
    form = PejabatForm(organisasi=org, instance=pejabat)
    assert list(form.fields["pengguna"].queryset.filter(username="kasubbag-baru")) == [akun]


def test_it_leaves_evaluators_to_superusers(client, admin_org, org, keuangan):
    client.force_login(admin_org)
    respons = client.post(f"{AKUN}baru/", _baru(None, peran="evaluator"))
    assert respons.status_code == 200
    assert "Evaluator (Inspektorat)" not in respons.content.decode()
    assert not Pengguna.objects.filter(username="bendahara").exists()
    with pytest.raises(Ditolak, match="hanya dapat diberikan oleh superuser"):
        services.akun_buat(
            organisasi=org,
            username="bendahara",
            sandi=SANDI,
            nilai={"peran": "evaluator"},
            oleh=admin_org,
        )
    # an evaluator made by a superuser: no buttons, and its password stays out of reach
    evaluator = pengguna("evaluator-uji", organisasi=org, peran="evaluator")
    html = client.get(AKUN).content.decode()
    assert f"{AKUN}{evaluator.pk}/sandi/" not in html
    assert f"{AKUN}{admin_org.pk}/sandi/" in html
    url = f"{AKUN}{evaluator.pk}/sandi/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"sandi": SANDI, "sandi_ulang": SANDI}).status_code == 403
    evaluator.refresh_from_db()
    assert evaluator.check_password(PASSWORD)


def test_it_lets_a_superuser_appoint_an_evaluator(client, org):
    akar = Pengguna.objects.create_superuser("akar-uji", password=PASSWORD)
    client.force_login(akar)
    assert client.post(f"{AKUN}baru/", _baru(None, peran="evaluator")).status_code == 302
    akun = Pengguna.objects.get(username="bendahara")
    assert (akun.peran, akun.organisasi, akun.is_superuser) == ("evaluator", org, False)
