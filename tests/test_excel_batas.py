"""Hostile workbooks on the upload page: files that unpack to far more than a realisasi
template can need (a declared dimension of the whole sheet, a million rows, a shared-strings
bomb) are refused quickly with an Indonesian message, and change nothing; malformed cells are
refused row by row ("baris N: ..."), never with a server error. The preview page works from
what was read at the upload, not from a fresh parse."""

import io
import re
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl.utils import get_column_letter

from kinerja.models import Realisasi, penyimpanan_pribadi
from kinerja.realisasi.baca import BATAS_TEMPLAT
from tests.isian import url
from tests.lembar import isi_templat, kolom

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]

LEMBAR = "xl/worksheets/sheet1.xml"
TEKS = "xl/sharedStrings.xml"
SST = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _templat(client, tmp_path, isian=None) -> tuple[bytes, dict[str, int]]:
    respons = client.get(url("keuangan", periode="tw1", aksi="templat.xlsx").rstrip("/"))
    berkas = tmp_path / "realisasi-keuangan-2024-tw1.xlsx"
    berkas.write_bytes(respons.content)
    nomor = isi_templat(berkas, isian or {"s9-bmn": {"Realisasi": 90}})
    return berkas.read_bytes(), nomor


def _ganti(isi: bytes, tambah: dict[str, bytes] | None = None, **bagian) -> bytes:
    """The same workbook with some parts replaced ({"nama": lambda lama: baru}) or added."""
    keluaran = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(isi)) as lama,
        zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as baru,
    ):
        for info in lama.infolist():
            data = lama.read(info.filename)
            ubah = bagian.get(info.filename)
            baru.writestr(info.filename, ubah(data) if ubah else data)
        for nama, data in (tambah or {}).items():
            baru.writestr(nama, data)
    return keluaran.getvalue()


def _sel(isi_lembar: bytes, koordinat: str, xml: str) -> bytes:
    """Replace one cell of the sheet's XML."""
    pola = re.compile(rb'<c r="' + koordinat.encode() + rb'"[^>]*?(/>|>.*?</c>)', re.S)
    assert pola.search(isi_lembar), koordinat
    return pola.sub(xml.encode(), isi_lembar, count=1)


def _unggah(client, isi: bytes):
    mulai = time.perf_counter()
    respons = client.post(
        url(periode="tw1", aksi="impor"),
        {"berkas": SimpleUploadedFile("realisasi-keuangan-2024-tw1.xlsx", isi)},
    )
    return respons, time.perf_counter() - mulai


def _tidak_berubah(sebelum):
    assert list(Realisasi.objects.order_by("pk").values()) == sebelum
    assert (
        not penyimpanan_pribadi().exists("impor") or not penyimpanan_pribadi().listdir("impor")[1]
    )


@pytest.fixture
def sebelum(org):
    return list(Realisasi.objects.order_by("pk").values())


def test_it_refuses_a_sheet_declaring_the_whole_grid(client, staf_keuangan, tmp_path, sebelum):
    client.force_login(staf_keuangan)
    isi, _nomor = _templat(client, tmp_path)
    bom = _ganti(
        isi,
        **{
            LEMBAR: lambda x: re.sub(
                rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', x
            )
        },
    )
    respons, detik = _unggah(client, bom)
    print(f"\ndimension bomb ({len(bom)} bytes): refused in {detik:.2f} s")
    assert respons.status_code == 400
    assert (
        "Lembar kerja dalam berkas terlalu besar (1048576 baris × 16384 kolom); templat "
        f"realisasi paling banyak {BATAS_TEMPLAT.baris_maks} baris dan 26 kolom"
    ) in respons.content.decode()
    _tidak_berubah(sebelum)


def test_it_refuses_a_million_rows(client, staf_keuangan, tmp_path, sebelum):
    client.force_login(staf_keuangan)
    isi, _nomor = _templat(client, tmp_path)
    # Raw XML, written the cheap way: 1,048,000 rows of one number each.
    baris = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(100, 1_048_100)
    )

    def sejuta(x: bytes) -> bytes:
        # with a dimension that says so: openpyxl's read-only mode stops at the dimension
        x = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:I1048099"', x)
        return x.replace(b"</sheetData>", baris + b"</sheetData>")

    bom = _ganti(isi, **{LEMBAR: sejuta})
    assert len(bom) < 5 * 1024 * 1024  # passes the upload form's size limit
    respons, detik = _unggah(client, bom)
    print(f"\nmillion rows ({len(bom)} bytes): refused in {detik:.2f} s")
    assert respons.status_code == 400
    assert "Isi berkas terlalu besar setelah dibuka: bagian xl/worksheets/sheet1.xml" in (
        respons.content.decode()
    )
    _tidak_berubah(sebelum)


def test_it_refuses_one_row_more_than_a_template_can_have(client, staf_keuangan, tmp_path, sebelum):
    """Rows small enough to pass the size checks are still counted."""
    client.force_login(staf_keuangan)
    isi, _nomor = _templat(client, tmp_path)
    lebih = BATAS_TEMPLAT.baris_maks + 1
    baris = b"".join(b"<row><c><v>1</v></c></row>" for _ in range(lebih))
    bom = _ganti(isi, **{LEMBAR: lambda x: x.replace(b"</sheetData>", baris + b"</sheetData>")})
    respons, detik = _unggah(client, bom)
    print(f"\n{lebih} rows: refused in {detik:.2f} s")
    assert respons.status_code == 400
    assert "Lembar kerja dalam berkas terlalu besar" in respons.content.decode()
    _tidak_berubah(sebelum)


@pytest.mark.parametrize(
    ("jumlah", "teks", "pesan"),
    [
        # The bomb: millions of tiny entries, a ratio of about a thousand.
        (10_000_000, b"<si><t>a</t></si>", "Isi berkas terlalu besar setelah dibuka"),
        # Distinct entries, small enough for the size checks, still too many.
        (
            BATAS_TEMPLAT.teks_maks + 1,
            None,
            f"Berkas memuat lebih dari {BATAS_TEMPLAT.teks_maks} teks berbeda",
        ),
    ],
    ids=["bom", "banyak"],
)
def test_it_refuses_a_shared_strings_bomb(
    client, staf_keuangan, tmp_path, sebelum, jumlah, teks, pesan
):
    client.force_login(staf_keuangan)
    isi, _nomor = _templat(client, tmp_path)
    entri = teks * jumlah if teks else b"".join(b"<si><t>%d</t></si>" % n for n in range(jumlah))
    # openpyxl writes inline strings; Excel writes a shared-strings part, found through
    # [Content_Types].xml as openpyxl reads it.
    jenis = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    bom = _ganti(
        isi,
        tambah={TEKS: SST + entri + b"</sst>"},
        **{"[Content_Types].xml": lambda x: x.replace(b"</Types>", jenis)},
    )
    respons, detik = _unggah(client, bom)
    print(f"\nshared strings {jumlah} ({len(bom)} bytes): refused in {detik:.2f} s")
    assert respons.status_code == 400
    assert pesan in respons.content.decode()
    _tidak_berubah(sebelum)


@pytest.mark.parametrize(
    ("xml", "tampil"),
    [
        ('<c r="{k}"><v>NaN</v></c>', "NaN"),
        ('<c r="{k}"><v>INF</v></c>', "INF"),
        ('<c r="{k}" t="n"><v>-inf</v></c>', "-inf"),
        ('<c r="{k}"><v>abc</v></c>', "abc"),
        ('<c r="{k}" t="s"><v>99999</v></c>', "teks nomor 99999 tidak ada"),
    ],
    ids=["nan", "inf", "-inf", "abc", "teks-tidak-ada"],
)
def test_it_refuses_a_malformed_cell_by_its_row(
    client, staf_keuangan, tmp_path, sebelum, xml, tampil
):
    client.force_login(staf_keuangan)
    isi, nomor = _templat(client, tmp_path)
    koordinat = f"{get_column_letter(kolom('Realisasi'))}{nomor['s9-bmn']}"
    rusak = _ganti(isi, **{LEMBAR: lambda x: _sel(x, koordinat, xml.format(k=koordinat))})
    respons, _detik = _unggah(client, rusak)
    assert respons.status_code == 400
    assert (
        f"baris {nomor['s9-bmn']}: sel Realisasi (&quot;{tampil}&quot;) tidak dapat dibaca "
        "sebagai nilai; ketik ulang nilainya."
    ) in respons.content.decode()
    _tidak_berubah(sebelum)


def test_it_shows_the_preview_from_what_was_read_at_the_upload(client, staf_keuangan, tmp_path):
    client.force_login(staf_keuangan)
    isi, _nomor = _templat(client, tmp_path)
    respons, _detik = _unggah(client, isi)
    pratinjau = respons["Location"]
    # The stored workbook is not parsed again by the preview: spoil it and look.
    penyimpanan = penyimpanan_pribadi()
    (xlsx,) = [b for b in penyimpanan.listdir("impor")[1] if b.endswith(".xlsx")]
    with open(penyimpanan.path(f"impor/{xlsx}"), "wb") as berkas:
        berkas.write(b"PK\x03\x04 rusak")
    halaman = client.get(pratinjau)
    assert halaman.status_code == 200
    assert [p.indikator.kode for p in halaman.context["rencana"].perubahan] == ["s9-bmn"]
    # Saving reads and checks the stored file again.
    simpan = client.post(pratinjau, {})
    assert simpan.status_code == 400
    assert "Berkas tidak dapat dibaca sebagai lembar kerja Excel (.xlsx)." in (
        simpan.content.decode()
    )
    assert not Realisasi.objects.filter(tahun=2024, periode="tw1").exists()
