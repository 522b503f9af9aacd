"""Evidence files: checked by content, stored privately under random names, served only
to users who may see the indicator."""

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from inti.berkas import UKURAN_MAKS, BerkasTidakValid, periksa_berkas
from kinerja.models import BuktiDukung, Realisasi
from organisasi.models import Pengguna
from tests.isian import data_formulir, isi, prefix, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _gambar(format_: str) -> bytes:
    keluaran = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(keluaran, format=format_)
    return keluaran.getvalue()


def _xlsx() -> bytes:
    buku = openpyxl.Workbook()
    buku.active["A1"] = "Realisasi BMN"
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _zip(content_types: str | None, **bagian: str) -> bytes:
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w") as arsip:
        if content_types is not None:
            arsip.writestr("[Content_Types].xml", content_types)
        for nama, isi_ in bagian.items():
            arsip.writestr(nama, isi_)
    return keluaran.getvalue()


def _docx() -> bytes:
    return _zip(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        **{"word/document.xml": "<w:document/>"},
    )


@pytest.mark.parametrize(
    ("isi_berkas", "nama", "jenis"),
    [
        (PDF, "berita-acara.pdf", "application/pdf"),
        (_gambar("PNG"), "foto.png", "image/png"),
        (_gambar("JPEG"), "foto.jpeg", "image/jpeg"),
        (
            _xlsx(),
            "rekap.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            _docx(),
            "laporan.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        # the name does not matter, the content does
        (_gambar("PNG"), "scan.pdf", "image/png"),
    ],
)
def test_it_recognises_the_accepted_kinds_by_content(isi_berkas, nama, jenis):
    assert (
        periksa_berkas(io.BytesIO(isi_berkas), nama=nama, ukuran=len(isi_berkas)).jenis_konten
        == jenis
    )


@pytest.mark.parametrize(
    ("isi_berkas", "nama", "pesan"),
    [
        (b"MZ\x90\x00 program", "laporan.pdf", "Isi berkas laporan.pdf tidak dikenali"),
        (b"<html><script>", "foto.png", "Isi berkas foto.png tidak dikenali"),
        (_zip(None, **{"a.txt": "x"}), "rekap.xlsx", "Isi berkas rekap.xlsx tidak dikenali"),
        (
            _zip(
                '<Types><Default Extension="bin" ContentType="application/'
                'vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>'
            ),
            "makro.xlsx",
            "tidak dikenali",
        ),
        (b"PK\x03\x04rusak", "rusak.docx", "tidak dikenali"),
        (b"", "kosong.pdf", "Berkas kosong.pdf kosong."),
    ],
)
def test_it_refuses_other_content_whatever_the_name(isi_berkas, nama, pesan):
    with pytest.raises(BerkasTidakValid, match=pesan):
        periksa_berkas(io.BytesIO(isi_berkas), nama=nama, ukuran=len(isi_berkas))


def test_it_refuses_files_above_ten_megabytes():
    besar = PDF + b"0" * (UKURAN_MAKS - len(PDF))
    assert periksa_berkas(io.BytesIO(besar), nama="pas.pdf", ukuran=len(besar))
    besar += b"0"
    with pytest.raises(BerkasTidakValid, match="terlalu besar; paling besar 10 MB"):
        periksa_berkas(io.BytesIO(besar), nama="besar.pdf", ukuran=len(besar))


def test_it_stores_evidence_privately_under_random_names(client, org, staf_keuangan, ruang_pribadi):
    client.force_login(staf_keuangan)
    data = isi(data_formulir(org), "s9-bmn", nilai="90")
    data[f"{prefix('s9-bmn')}-bukti"] = [
        SimpleUploadedFile("Berita Acara BMN.pdf", PDF),
        SimpleUploadedFile("foto gudang.jpg", _gambar("JPEG")),
    ]
    respons = client.post(url(), data, follow=True)
    assert "Tersimpan: 1 nilai baru, 0 nilai diubah, 2 bukti dukung." in respons.content.decode()
    bukti = list(BuktiDukung.objects.order_by("pk"))
    assert [(b.nama_asli, b.jenis_konten, b.ukuran) for b in bukti] == [
        ("Berita Acara BMN.pdf", "application/pdf", len(PDF)),
        ("foto gudang.jpg", "image/jpeg", len(_gambar("JPEG"))),
    ]
    assert bukti[0].realisasi == Realisasi.objects.get(indikator__kode="s9-bmn", periode="tw1")
    assert bukti[0].diunggah_oleh == staf_keuangan
    for b in bukti:
        berkas = Path(ruang_pribadi) / b.berkas.name
        assert berkas.is_file()
        assert "Berita" not in b.berkas.name and "gudang" not in b.berkas.name
        assert len(Path(b.berkas.name).stem) == 32
    assert Path(ruang_pribadi / bukti[0].berkas.name).read_bytes() == PDF
    # outside the public paths
    for publik in (
        settings.STATIC_ROOT,
        settings.MEDIA_ROOT,
        *[p for p in settings.STATICFILES_DIRS if isinstance(p, Path)],
    ):
        assert not str(ruang_pribadi / bukti[0].berkas.name).startswith(str(publik))
    # served as a download with its original name
    respons = client.get(f"/kinerja/bukti/{bukti[0].pk}/")
    assert respons["Content-Type"] == "application/pdf"
    assert 'filename="Berita Acara BMN.pdf"' in respons["Content-Disposition"]
    assert respons["X-Content-Type-Options"] == "nosniff"
    assert b"".join(respons.streaming_content) == PDF
    html = client.get(url()).content.decode()
    assert "Berita Acara BMN.pdf" in html


def test_it_adds_evidence_to_a_saved_value_without_changing_it(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="90"))
    data = data_formulir(org)
    data[f"{prefix('s9-bmn')}-bukti"] = SimpleUploadedFile("rekap.xlsx", _xlsx())
    respons = client.post(url(), data, follow=True)
    assert "Tersimpan: 0 nilai baru, 0 nilai diubah, 1 bukti dukung." in respons.content.decode()
    r = Realisasi.objects.get(indikator__kode="s9-bmn", periode="tw1")
    assert (r.versi, r.bukti.count()) == (1, 1)


def test_it_refuses_a_wrong_file_and_saves_nothing(client, org, staf_keuangan, ruang_pribadi):
    client.force_login(staf_keuangan)
    data = isi(data_formulir(org), "s9-bmn", nilai="90")
    isi(data, "s3-sarana-ti", nilai="95")
    data[f"{prefix('s9-bmn')}-bukti"] = [
        SimpleUploadedFile("ok.pdf", PDF),
        SimpleUploadedFile("virus.pdf", b"MZ\x90\x00"),
    ]
    respons = client.post(url(), data)
    assert respons.status_code == 400
    html = respons.content.decode()
    assert (
        "Isi berkas virus.pdf tidak dikenali: hanya PDF, JPG, PNG, Excel (xlsx) atau Word" in html
    )
    assert "Berkas bukti dukung perlu dipilih ulang." in html
    assert not Realisasi.objects.filter(periode="tw1").exists()
    assert not BuktiDukung.objects.exists()
    assert not list(Path(ruang_pribadi).rglob("*.*"))


def test_it_removes_written_files_when_the_save_is_refused(
    client, org, staf_keuangan, admin_org, ruang_pribadi
):
    client.force_login(staf_keuangan)
    client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="80"))
    basi = data_formulir(org)
    client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="81"))
    client.force_login(admin_org)
    isi(basi, "s9-bmn", nilai="82")
    isi(basi, "s3-sarana-ti", nilai="95")
    basi[f"{prefix('s3-sarana-ti')}-bukti"] = SimpleUploadedFile("ba.pdf", PDF)
    assert client.post(url(), basi).status_code == 409
    assert not BuktiDukung.objects.exists()
    assert not list(Path(ruang_pribadi).rglob("*.*"))


@pytest.mark.parametrize(
    ("nama", "isi_berkas", "unduhan"),
    [
        ("laporan.bat", PDF, "laporan.pdf"),
        ("laporan.hta", PDF, "laporan.pdf"),
        ("laporan.html", PDF, "laporan.pdf"),
        ("foto.jpeg", _gambar("JPEG"), "foto.jpeg"),
        ("rekap", _xlsx(), "rekap.xlsx"),
    ],
    ids=["bat", "hta", "html", "jpeg", "tanpa-akhiran"],
)
def test_it_names_the_download_by_the_kind_found_in_the_content(
    client, org, staf_keuangan, nama, isi_berkas, unduhan
):
    client.force_login(staf_keuangan)
    data = isi(data_formulir(org), "s9-bmn", nilai="90")
    data[f"{prefix('s9-bmn')}-bukti"] = SimpleUploadedFile(nama, isi_berkas)
    assert client.post(url(), data).status_code == 302
    bukti = BuktiDukung.objects.get()
    assert bukti.nama_asli == nama  # the history keeps what the user called it
    respons = client.get(f"/kinerja/bukti/{bukti.pk}/")
    assert respons["Content-Disposition"] == f'attachment; filename="{unduhan}"'
    assert b"".join(respons.streaming_content) == isi_berkas


def test_it_shows_an_evidence_file_in_the_admin_with_a_link_to_the_checked_download(
    client, org, staf_keuangan
):
    client.force_login(staf_keuangan)
    data = isi(data_formulir(org), "s9-bmn", nilai="90")
    data[f"{prefix('s9-bmn')}-bukti"] = SimpleUploadedFile("laporan.bat", PDF)
    client.post(url(), data)
    bukti = BuktiDukung.objects.get()
    superuser = Pengguna.objects.create_superuser(
        username="super-bukti", password="x", email="", organisasi=org, peran="admin"
    )
    client.force_login(superuser)
    respons = client.get(reverse("admin:kinerja_buktidukung_change", args=[bukti.pk]))
    assert respons.status_code == 200
    html = respons.content.decode()
    assert f'<a href="/kinerja/bukti/{bukti.pk}/">Unduh laporan.pdf</a>' in html
    riwayat = bukti.history.get()
    respons = client.get(
        reverse("admin:kinerja_buktidukung_simple_history", args=[bukti.pk, riwayat.pk])
    )
    assert respons.status_code == 200
    assert client.get(f"/kinerja/bukti/{bukti.pk}/").status_code == 200
