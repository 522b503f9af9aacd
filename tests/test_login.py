"""Login in Indonesian, Argon2 hashes, throttled failures, sessions that expire."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.pembuat import PASSWORD

pytestmark = pytest.mark.django_db


def test_it_shows_the_login_page_in_indonesian(client):
    html = client.get("/akun/login/").content.decode()
    assert '<h1 class="h3 mb-3">Masuk</h1>' in html
    assert "Nama pengguna" in html
    assert "Kata sandi" in html


def test_it_logs_in_and_stores_an_argon2_hash(client, staf_keuangan):
    assert staf_keuangan.password.startswith("argon2$")
    respons = client.post("/akun/login/", {"username": "staf-keuangan-uji", "password": PASSWORD})
    assert respons.status_code == 302
    assert respons["Location"] == "/"
    assert client.get("/").status_code == 200


def test_it_refuses_a_wrong_password_in_indonesian(client, staf_keuangan):
    respons = client.post("/akun/login/", {"username": "staf-keuangan-uji", "password": "x"})
    assert respons.status_code == 200
    assert "Nama pengguna atau kata sandi salah." in respons.content.decode()


def test_it_locks_out_after_repeated_failures(client, staf_keuangan, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        respons = client.post(
            "/akun/login/", {"username": "staf-keuangan-uji", "password": "salah"}
        )
        assert respons.status_code == 200
    respons = client.post("/akun/login/", {"username": "staf-keuangan-uji", "password": "salah"})
    assert respons.status_code == 429
    # even the right password is refused during the cool-off
    respons = client.post("/akun/login/", {"username": "staf-keuangan-uji", "password": PASSWORD})
    assert respons.status_code == 429
    html = respons.content.decode()
    assert "Terlalu banyak percobaan masuk" in html
    assert "Kata sandi salah terlalu sering" in html
    assert "_auth_user_id" not in client.session
    # another person at the same office address is not locked out
    client.post("/akun/logout/")
    respons = client.post("/akun/login/", {"username": "admin-lain", "password": "salah"})
    assert respons.status_code == 200


def test_it_ends_a_session_after_an_hour_of_inactivity(client, staf_keuangan, settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST
    client.force_login(staf_keuangan)
    assert client.session.get_expiry_age() == 60 * 60
    assert client.get("/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    respons = client.get("/")
    assert respons.status_code == 302
    assert respons["Location"].startswith("/akun/login/")


def test_it_offers_no_password_reset_by_email(client, org):
    assert client.get("/akun/password_reset/").status_code == 404
    assert client.get("/akun/reset/MQ/set-password/").status_code == 404
    html = client.get("/akun/login/").content.decode()
    # Whom to ask, and how to reach them: the office of the one organisation.
    assert (
        "Lupa kata sandi? Minta admin aplikasi di KPU Kabupaten Bengkulu Utara mengatur kata "
        "sandi baru." in html
    )
    assert "Hubungi kantor: telepon (0737) 523062, email " in html
    assert 'href="mailto:kpud.bengkuluutara@gmail.com"' in html


def test_it_names_the_application_and_the_one_organisation(client, org):
    html = client.get("/akun/login/").content.decode()
    assert "<title>Masuk — SAKIP KPU Kabupaten Bengkulu Utara</title>" in html
    assert "Sistem Akuntabilitas Kinerja Instansi Pemerintah" in html
    assert "Sekretariat KPU Kabupaten Bengkulu Utara" in html
    # The reference organisation has no logo uploaded.
    assert "logo-masuk" not in html


def test_it_shows_the_logo_where_one_is_set(client, org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    org.logo.save("kpu.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
    html = client.get("/akun/login/").content.decode()
    assert f'<img class="logo-masuk mb-2" src="{org.logo.url}" alt="Logo KPU Kabupaten' in html


def test_it_names_only_the_application_when_it_serves_several(client, org, org_lain):
    html = client.get("/akun/login/").content.decode()
    assert "<title>Masuk — SAKIP</title>" in html
    assert "Bengkulu Utara" not in html and "Lebong" not in html
    assert "Lupa kata sandi? Minta admin organisasi Anda mengatur kata sandi baru." in html


def test_it_still_offers_logout_and_password_change(client, staf_keuangan):
    client.force_login(staf_keuangan)
    assert client.get("/akun/password_change/").status_code == 200
    assert client.post("/akun/logout/").status_code == 302
    assert "_auth_user_id" not in client.session
