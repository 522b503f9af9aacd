"""The login lockout counts the real client, behind the documented reverse proxy or not."""

import pytest
from django.test import RequestFactory

from organisasi.alamat import alamat_klien
from tests.pembuat import PASSWORD, django_setup_terpisah

pytestmark = pytest.mark.django_db

PROKSI = "127.0.0.1"
PENYERANG = "203.0.113.66"
KORBAN = "198.51.100.7"


def _masuk(client, *, dari: str, diteruskan: str | None = None, sandi: str = "salah"):
    header = {"REMOTE_ADDR": dari}
    if diteruskan is not None:
        header["HTTP_X_FORWARDED_FOR"] = diteruskan
    return client.post(
        "/akun/login/", {"username": "staf-keuangan-uji", "password": sandi}, **header
    )


def _kunci(client, **kwargs) -> None:
    for _ in range(5):
        respons = _masuk(client, **kwargs)
    assert respons.status_code == 429


def test_it_ignores_a_spoofed_forwarded_for_without_a_trusted_proxy(client, staf_keuangan):
    # a different made-up address on every attempt does not escape the lockout
    for i in range(4):
        assert _masuk(client, dari=PENYERANG, diteruskan=f"10.9.9.{i}").status_code == 200
    assert _masuk(client, dari=PENYERANG, diteruskan="10.9.9.99").status_code == 429


def test_it_ignores_forwarded_for_from_a_client_that_is_not_the_proxy(
    client, staf_keuangan, settings
):
    settings.TRUSTED_PROXIES = [PROKSI]
    for i in range(4):
        assert _masuk(client, dari=PENYERANG, diteruskan=f"10.9.9.{i}").status_code == 200
    assert _masuk(client, dari=PENYERANG, diteruskan="10.9.9.99").status_code == 429


def test_it_does_not_let_one_client_behind_the_proxy_lock_out_another(
    client, staf_keuangan, settings
):
    settings.TRUSTED_PROXIES = [PROKSI]
    _kunci(client, dari=PROKSI, diteruskan=PENYERANG)
    # the account's owner, through the same proxy, still logs in
    respons = _masuk(client, dari=PROKSI, diteruskan=KORBAN, sandi=PASSWORD)
    assert respons.status_code == 302
    assert client.session["_auth_user_id"] == str(staf_keuangan.pk)


def test_it_still_locks_out_the_attacker_behind_the_proxy_who_prepends_addresses(
    client, staf_keuangan, settings
):
    # nginx appends the peer's address: "<what the client sent>, <client>"
    settings.TRUSTED_PROXIES = [PROKSI]
    for i in range(5):
        _masuk(client, dari=PROKSI, diteruskan=f"{KORBAN}, 10.0.0.{i}, {PENYERANG}")
    respons = _masuk(client, dari=PROKSI, diteruskan=f"{KORBAN}, {PENYERANG}", sandi=PASSWORD)
    assert respons.status_code == 429


@pytest.mark.parametrize(
    ("terpercaya", "remote", "diteruskan", "klien"),
    [
        ([], "203.0.113.66", "10.0.0.1", "203.0.113.66"),
        (["127.0.0.1"], "203.0.113.66", "10.0.0.1", "203.0.113.66"),
        (["127.0.0.1"], "127.0.0.1", "198.51.100.7", "198.51.100.7"),
        (["127.0.0.1"], "127.0.0.1", "10.0.0.1, 198.51.100.7", "198.51.100.7"),
        (["127.0.0.1"], "127.0.0.1", None, "127.0.0.1"),
        (["127.0.0.1"], "127.0.0.1", "bukan-alamat", "127.0.0.1"),
        # two proxies: the load balancer 10.1.0.5 in front of nginx on the same host
        (
            ["127.0.0.1", "10.1.0.0/24"],
            "127.0.0.1",
            "1.2.3.4, 198.51.100.7, 10.1.0.5",
            "198.51.100.7",
        ),
        (["::1"], "::1", "2001:db8::7", "2001:db8::7"),
    ],
)
def test_it_finds_the_client_address(settings, terpercaya, remote, diteruskan, klien):
    settings.TRUSTED_PROXIES = terpercaya
    meta = {"REMOTE_ADDR": remote}
    if diteruskan is not None:
        meta["HTTP_X_FORWARDED_FOR"] = diteruskan
    assert alamat_klien(RequestFactory().get("/", **meta)) == klien


def test_it_refuses_to_start_with_a_wrong_trusted_proxy():
    hasil = django_setup_terpisah(TRUSTED_PROXIES="127.0.0.1,nginx")
    assert hasil.returncode != 0
    assert "TRUSTED_PROXIES tidak valid" in hasil.stderr
