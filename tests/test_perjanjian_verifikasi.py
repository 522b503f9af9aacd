"""The public verification page: no login; what was signed (organisation, unit, year, version,
parties, targets), when, the SHA-256 of the frozen content and whether it still matches. The
code is read as printed on paper: any case, with dashes or spaces."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.models import PerjanjianKinerja
from kinerja.perjanjian.dokumen import dokumen_perjanjian
from kinerja.perjanjian.services import perjanjian_tandatangani
from kinerja.perjanjian.sidik import sha256_isi
from tests.pembuat import PASSWORD, tandatangani

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandi_cepat")]


def test_it_confirms_a_signed_agreement_without_login(client, ditandatangani):
    response = client.get(reverse("verifikasi", args=[ditandatangani.kode_verifikasi]))
    assert response.status_code == 200
    teks = response.content.decode()
    assert "Asli dan utuh." in teks
    assert "Perjanjian Kinerja tahun 2025, versi 1" in teks
    assert "Umar Yasin, SH" in teks and "Samsul Bahri, S.Sos" in teks
    waktu = [
        timezone.localtime(t.waktu).strftime("%H.%M")
        for t in ditandatangani.tanda_tangan.order_by("waktu")
    ]
    assert teks.count("Ditandatangani pihak") == 2
    for w in waktu:
        assert f"{w} WIB" in teks


def test_it_shows_what_was_signed_from_the_frozen_content(client, ditandatangani):
    teks = client.get(reverse("verifikasi", args=[ditandatangani.kode_verifikasi])).content.decode()
    assert "Komisi Pemilihan Umum Kabupaten Bengkulu Utara" in teks
    assert "Subbagian Keuangan, Umum dan Logistik" in teks
    # A target of the Keuangan agreement copied from 2024, as the document prints it.
    assert "Persentase BMN yang dikelola sesuai dengan peraturan perundang-undangan" in teks
    assert teks.count("100\u00a0%") == 10
    sha256 = sha256_isi(json.loads(ditandatangani.isi_beku))
    assert {t.sha256 for t in ditandatangani.tanda_tangan.all()} == {sha256}
    assert f">{sha256}</code>" in teks


def test_it_shows_nothing_beyond_that(client, ditandatangani):
    teks = client.get(reverse("verifikasi", args=[ditandatangani.kode_verifikasi])).content.decode()
    for rahasia in (
        "197112291993031003",  # NIP
        "Rp",
        "19.599.520.000",  # the anggaran of a kegiatan
        "Keluar",  # no menu of a signed-in user
    ):
        assert rahasia not in teks


def test_it_issues_a_code_to_read_off_paper(ditandatangani):
    kode = ditandatangani.kode_verifikasi
    assert len(kode) == 20 and kode == kode.upper() and "-" not in kode
    dokumen = dokumen_perjanjian(ditandatangani, alamat_situs="https://sakip.example.go.id")
    assert dokumen.kode_verifikasi == "-".join(kode[i : i + 4] for i in range(0, 20, 4))
    # The QR code leads to the canonical address.
    assert dokumen.url_verifikasi == f"https://sakip.example.go.id/verifikasi/{kode}/"


@pytest.mark.parametrize(
    "ketik",
    [
        lambda k: k.lower(),
        lambda k: "-".join(k[i : i + 4] for i in range(0, 20, 4)).lower(),
        lambda k: " ".join(k[i : i + 4] for i in range(0, 20, 4)),
        lambda k: f" {k[:10].lower()} - {k[10:]} ",
    ],
)
def test_it_accepts_the_code_as_typed_from_paper(client, ditandatangani, ketik):
    kode = ditandatangani.kode_verifikasi
    response = client.get(reverse("verifikasi", args=[ketik(kode)]))
    assert response.status_code == 302
    assert response["Location"] == reverse("verifikasi", args=[kode])
    teks = client.get(response["Location"]).content.decode()
    assert "Asli dan utuh." in teks


def _ditandatangani_dengan_kode(monkeypatch, kode, draf, *penandatangan):
    monkeypatch.setattr("kinerja.perjanjian.services.kode_baru", lambda: kode)
    return tandatangani(draf, *penandatangan)


def test_it_reads_the_letters_mistaken_for_digits(
    client, monkeypatch, draf_keuangan, kasubbag_keuangan, sekretaris
):
    _ditandatangani_dengan_kode(
        monkeypatch, "0111QM9XPA2BCDEFGHJK", draf_keuangan, kasubbag_keuangan, sekretaris
    )
    response = client.get(reverse("verifikasi", args=["oIl1-qm9x-pa2b-cdef-ghjk"]), follow=True)
    assert response.redirect_chain == [(reverse("verifikasi", args=["0111QM9XPA2BCDEFGHJK"]), 302)]
    assert "Asli dan utuh." in response.content.decode()


def test_it_still_answers_a_code_issued_in_the_earlier_format(
    client, monkeypatch, draf_keuangan, kasubbag_keuangan, sekretaris
):
    # Codes were token_urlsafe(16) before: case matters in them, and so do their dashes.
    lama = "Qx-7_aB3kLm9-ZpQ2rT_vW"
    _ditandatangani_dengan_kode(monkeypatch, lama, draf_keuangan, kasubbag_keuangan, sekretaris)
    response = client.get(reverse("verifikasi", args=[lama]))
    assert response.status_code == 200
    assert "Asli dan utuh." in response.content.decode()
    assert f"<code>{lama}</code>" in response.content.decode()
    assert client.get(reverse("verifikasi", args=[lama.lower()])).status_code == 404


def test_it_offers_a_form_to_type_the_code(client, ditandatangani):
    halaman = client.get(reverse("verifikasi_cari"))
    assert halaman.status_code == 200
    assert 'name="kode"' in halaman.content.decode()
    kode = ditandatangani.kode_verifikasi
    response = client.get(reverse("verifikasi_cari"), {"kode": kode.lower()}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("verifikasi", args=[kode])
    assert "Asli dan utuh." in response.content.decode()


def test_it_still_confirms_after_a_name_changed(client, ditandatangani):
    # The agreement prints its frozen content: a later typo fix is no forgery.
    pejabat = ditandatangani.pihak_pertama
    pejabat.nama = "Umar Yasin, S.H., M.H."
    pejabat.save(update_fields=["nama"])
    teks = client.get(reverse("verifikasi", args=[ditandatangani.kode_verifikasi])).content.decode()
    assert "Asli dan utuh." in teks and "Umar Yasin, SH" in teks


def test_it_answers_404_to_an_unknown_code(client, org):
    response = client.get(reverse("verifikasi", args=["bukan-kode-yang-ada"]))
    assert response.status_code == 404
    teks = response.content.decode()
    assert "Kode verifikasi tidak dikenal." in teks
    assert 'name="kode"' in teks  # to type it again
    # Paper-signed reference agreements have no code to verify.
    assert not PerjanjianKinerja.objects.filter(kode_verifikasi__isnull=False).exists()


def test_it_gives_no_code_before_both_parties_signed(draf_keuangan, kasubbag_keuangan):
    perjanjian_tandatangani(
        perjanjian=draf_keuangan,
        pengguna=kasubbag_keuangan,
        password=PASSWORD,
        abaikan_peringatan=True,
    )
    draf_keuangan.refresh_from_db()
    assert draf_keuangan.kode_verifikasi is None
