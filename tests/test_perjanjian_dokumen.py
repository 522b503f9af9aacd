"""The agreement and the RKT as HTML and PDF (real WeasyPrint), in the reference layout."""

import io
from datetime import UTC, datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from pypdf import PdfReader

from kinerja.models import PerjanjianKinerja, TandaTangan
from kinerja.perjanjian.dokumen import dokumen_perjanjian, keterangan_elektronik
from organisasi.templatetags.pejabat import nama_ttd

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandi_cepat")]


def _pk(org, unit=None, versi=1) -> PerjanjianKinerja:
    if unit:
        return PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja__slug=unit)
    return PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja=None, versi=versi)


def _halaman(response) -> list[str]:
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    return [" ".join(p.extract_text().split()) for p in pdf.pages]


@pytest.mark.parametrize(
    ("nama", "dicetak"),
    [
        ("Samsul Bahri, S.Sos", "SAMSUL BAHRI, S.Sos"),
        ("Santoso, S.Pd", "SANTOSO, S.Pd"),
        ("Martin Luther Manao, S.H., M.H.", "MARTIN LUTHER MANAO, S.H., M.H."),
        ("Aderianko", "ADERIANKO"),
        ("", ""),
    ],
)
def test_it_prints_names_in_capitals_with_titles_as_written(nama, dicetak):
    assert nama_ttd(nama) == dicetak


def test_it_writes_the_electronic_signature_note_in_local_time():
    ttd = TandaTangan(waktu=datetime(2025, 1, 6, 2, 15, tzinfo=UTC))
    assert keterangan_elektronik(ttd) == (
        "Ditandatangani secara elektronik pada 6 Januari 2025 pukul 09.15 WIB"
    )


def test_it_renders_a_paper_signed_reference_agreement_as_pdf(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    response = client.get(reverse("perjanjian_pdf", args=[_pk(org, "keuangan").pk]))
    # "Unduh PDF" downloads; the HTML document is the page to look at.
    assert response["Content-Disposition"] == (
        'attachment; filename="perjanjian-kinerja-2024-keuangan-v1.pdf"'
    )
    halaman = _halaman(response)
    assert len(halaman) == 2
    pernyataan, lampiran = halaman
    # Letterhead, title, both parties, wording, place and date, two signature blocks.
    assert pernyataan.startswith(
        "KOMISI PEMILIHAN UMUM KABUPATEN BENGKULU UTARA Alamat : Jl. Prof. M. Yamin, SH. No. 12 "
        "Arga Makmur 38612 Telp. (0737) 523062 Fax. (0737) 523062 Email: "
        "kpud.bengkuluutara@gmail.com PERJANJIAN KINERJA KEPALA SUB BAGIAN KEUANGAN, UMUM DAN "
        "LOGISTIK KOMISI PEMILIHAN UMUM KABUPATEN BENGKULU UTARA TAHUN 2024"
    )
    for teks in (
        "Nama : Umar Yasin, SH Jabatan : Kepala Sub Bagian Keuangan, Umum dan Logistik "
        "Selanjutnya disebut pihak pertama",
        "Nama : Samsul Bahri, S.Sos",
        "Selaku atasan pihak pertama, selanjutnya disebut pihak kedua",
        "Arga Makmur, 3 Januari 2024",
        "Pihak Kedua,",
        "Pihak Pertama,",
        "SAMSUL BAHRI, S.Sos",
        "NIP. 196810011989031005",
        "UMAR YASIN, SH",
        "NIP. 197112291993031003",
    ):
        assert teks in pernyataan
    # Signed on paper: no electronic signature, no verification code, no draft stamp.
    assert "elektronik" not in pernyataan and "verifikasi" not in pernyataan
    assert "BELUM BERLAKU" not in pernyataan
    # The attachment: its title, the targets, the kegiatan table and the signature, one page.
    assert lampiran.startswith(
        "PERJANJIAN KINERJA SUBBAGIAN KEUANGAN, UMUM DAN LOGISTIK SEKRETARIAT KPU KABUPATEN "
        "BENGKULU UTARA TAHUN 2024 NO SASARAN STRATEGIS INDIKATOR KINERJA TARGET KINERJA"
    )
    assert lampiran.count("100 %") == 10
    for teks in (
        "1 Pengelolaan Barang dan Jasa Rp19.599.520.000",
        "4 Pengadaan dan Pendistribusian Logistik Pilkada 2024 Rp1.948.085.000",
        "Jumlah Rp24.327.568.000",
        "UMAR YASIN, SH NIP. 197112291993031003",
    ):
        assert teks in lampiran


def test_it_prints_the_signatures_and_the_verification_code_once_signed(
    client, ditandatangani, staf_keuangan
):
    client.force_login(staf_keuangan)
    kode = ditandatangani.kode_verifikasi
    response = client.get(reverse("perjanjian_pdf", args=[ditandatangani.pk]))
    pernyataan = _halaman(response)[0]
    assert pernyataan.count("Ditandatangani secara elektronik pada") == 2
    # Printed in groups of four, to be typed back from paper.
    tercetak = "-".join(kode[i : i + 4] for i in range(0, 20, 4))
    assert f"Kode verifikasi: {tercetak}" in pernyataan
    assert f"membuka http://testserver/verifikasi/{kode}/" in pernyataan
    html = client.get(reverse("perjanjian_dokumen", args=[ditandatangani.pk])).content.decode()
    assert '<svg viewBox="0 0' in html and 'class="segno"' in html
    assert f"http://testserver/verifikasi/{kode}/" in html


def test_it_uses_site_url_outside_a_request(ditandatangani, settings):
    settings.SITE_URL = "https://sakip.kpu-bengkuluutara.go.id/"
    dokumen = dokumen_perjanjian(ditandatangani)
    assert dokumen.url_verifikasi == (
        f"https://sakip.kpu-bengkuluutara.go.id/verifikasi/{ditandatangani.kode_verifikasi}/"
    )
    html = render_to_string("kinerja/perjanjian/dokumen.html", {"dokumen": dokumen})
    assert dokumen.url_verifikasi in html


def test_it_stamps_a_draft(client, draf_keuangan, admin_org):
    client.force_login(admin_org)
    html = client.get(reverse("perjanjian_dokumen", args=[draf_keuangan.pk])).content.decode()
    assert "DRAF — BELUM BERLAKU" in html
    assert "Kode verifikasi" not in html


def test_it_renders_the_organisations_amendment(client, org, sekretaris):
    client.force_login(sekretaris)
    halaman = _halaman(client.get(reverse("perjanjian_pdf", args=[_pk(org, versi=2).pk])))
    assert "PERUBAHAN PERJANJIAN KINERJA SEKRETARIS KOMISI PEMILIHAN UMUM" in halaman[0]
    assert "Arga Makmur, tanggal tidak tercantum" in halaman[0]  # not printed in the source
    assert "SANTOSO, S.Pd" in halaman[0]
    lampiran = " ".join(halaman[1:])
    assert "CQ Penyelenggaraan Pemilu dalam Proses Konsolidasi Demokrasi Rp54.559.031.000" in (
        lampiran
    )
    assert "Jumlah Rp57.487.073.000" in lampiran


def test_it_renders_the_rkt_from_the_organisations_agreement(client, org, staf_teknis):
    client.force_login(staf_teknis)
    html = client.get(reverse("rkt_dokumen", args=[org.slug, 2024])).content.decode()
    assert "RENCANA KINERJA TAHUNAN" in html
    response = client.get(reverse("rkt_pdf", args=[org.slug, 2024]))
    assert response["Content-Disposition"] == (
        'attachment; filename="rencana-kinerja-tahunan-2024.pdf"'
    )
    teks = " ".join(_halaman(response))
    assert "Nama Unit Organisasi : Sekretariat KPU Kabupaten Bengkulu Utara Tahun : 2024" in teks
    # The plan set at the start of the year: version 1 (34 indicators), not the amendment.
    assert "Persentase Pelaksanaan Pemungutan dan Penghitungan Suara" in teks
    assert "Pengelolaan Sarana IT Pemilu" not in teks
    assert "WA Program Dukungan Manajemen Rp2.928.042.000" in teks
    assert "SAMSUL BAHRI, S.Sos NIP. 196810011989031005" in teks
    assert client.get(reverse("rkt_pdf", args=[org.slug, 2030])).status_code == 404


def test_it_keeps_documents_within_reach(client, org, staf_teknis, orang_luar):
    keuangan = _pk(org, "keuangan")
    client.force_login(staf_teknis)
    assert client.get(reverse("perjanjian_pdf", args=[keuangan.pk])).status_code == 404
    assert client.get(reverse("perjanjian_dokumen", args=[keuangan.pk])).status_code == 404
    client.force_login(orang_luar)
    assert client.get(reverse("rkt_pdf", args=[org.slug, 2024])).status_code == 404
    client.logout()
    response = client.get(reverse("perjanjian_pdf", args=[keuangan.pk]))
    assert response.status_code == 302 and "/akun/login/" in response["Location"]
