"""The LAKIP's tables as XLSX from the report page: real workbooks read back with openpyxl,
numbers as numbers, the same figures as the PDF of the reference year."""

import io
from decimal import Decimal

import openpyxl
import pytest

from kinerja.models import Realisasi
from laporan.selectors import data_lakip
from laporan.xlsx import daftar_tabel, lakip_xlsx

pytestmark = pytest.mark.django_db

URL = "/laporan/kpu-bengkulu-utara/2024/"
KATEGORI = {
    "Sangat Berhasil",
    "Berhasil",
    "Cukup Berhasil",
    "Kurang Berhasil",
    "Tidak Berhasil",
    "Belum ada realisasi",
}


def _unduh(client, jalur: str = "xlsx/") -> openpyxl.Workbook:
    respons = client.get(URL + jalur)
    assert respons.status_code == 200
    assert respons["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(respons.content))


def _baris(ws, teks: str) -> list:
    """The cells of the first row whose text cells contain `teks`."""
    for baris in ws.iter_rows():
        if any(isinstance(c.value, str) and teks in c.value for c in baris):
            return baris
    raise LookupError(teks)


def _angka(sel) -> Decimal:
    assert sel.data_type == "n", (sel.coordinate, sel.value)
    return Decimal(str(sel.value))


@pytest.fixture
def wb(client, pimpinan):
    client.force_login(pimpinan)
    return _unduh(client)


def test_it_has_a_sheet_for_every_table_of_the_report(wb):
    assert wb.sheetnames == [
        "Tugas dan Fungsi",
        "Pegawai",
        "Tujuan",
        "Target Renstra",
        "Target PK",
        "Pagu",
        "Skala Capaian",
        "Capaian",
        *(f"Sasaran {n}" for n in range(1, 10)),
        "SAKIP",
        "Logistik",
        "Produk Hukum",
        "Realisasi Anggaran",
        "Efektivitas Anggaran",
    ]


def test_it_gives_budget_absorption_as_the_pdf_prints_it(wb):
    ws = wb["Realisasi Anggaran"]
    program = _baris(ws, "Penyelenggaraan Pemilu dalam Proses Konsolidasi Demokrasi")
    assert program[0].value == "CQ"
    assert [_angka(c) for c in program[2:5]] == [
        Decimal("54559031000"),
        Decimal("49792963636"),
        Decimal("91.26"),
    ]
    assert program[4].number_format == '#,##0.00"\u00a0%"'
    assert program[2].number_format == "#,##0"
    assert program[5].value == "Cukup Efektif"
    jumlah = _baris(ws, "Jumlah")
    assert [_angka(c) for c in jumlah[2:5]] == [
        Decimal("57487073000"),
        Decimal("52641937382"),
        Decimal("91.57"),
    ]


def test_it_gives_the_sakip_column_totals_and_predikat(wb):
    ws = wb["SAKIP"]
    total = _baris(ws, "Nilai Akuntabilitas Kinerja")
    assert [_angka(c) for c in total[1:6]] == [
        Decimal("100"),
        Decimal("16.00"),
        Decimal("21.45"),
        Decimal("33.25"),
        Decimal("70.70"),
    ]
    assert _baris(ws, "Predikat")[5].value == "BB"


def test_it_gives_capaian_and_category_of_every_indicator(wb):
    ws = wb["Capaian"]
    judul = [c.value for c in ws[2]]
    assert judul == [
        "NO",
        "SASARAN STRATEGIS",
        "INDIKATOR KINERJA",
        "SATUAN",
        "TARGET",
        "REALISASI",
        "CAPAIAN (%)",
        "KATEGORI",
    ]
    pencalonan = _baris(ws, "Persentase Kegiatan pencalonan")
    assert [_angka(c) for c in pencalonan[4:7]] == [
        Decimal("100"),
        Decimal("67.13"),
        Decimal("67.13"),
    ]
    assert pencalonan[7].value == "Kurang Berhasil"
    penyusunan = _baris(ws, "Penyusunan Program, Kegiatan, dan Anggaran KPU")
    assert _angka(penyusunan[5]) == Decimal("96.7") and _angka(penyusunan[6]) == Decimal("96.70")
    akip = _baris(ws, "berpredikat BB")
    assert [c.value for c in akip[4:6]] == ["BB", "BB"]
    assert _angka(akip[6]) == Decimal("100.00")
    rb = _baris(ws, "reformasi birokrasi")
    assert rb[5].value is None and rb[6].value is None
    assert rb[7].value == "Belum ada realisasi"
    # 35 indicators, then the count per category.
    assert sum(1 for r in ws.iter_rows(min_row=3) if isinstance(r[0].value, int)) == 35
    ringkasan = {r[0].value: r[1].value for r in ws.iter_rows() if r[0].value in KATEGORI}
    assert ringkasan == {
        "Sangat Berhasil": 0,
        "Berhasil": 23,
        "Cukup Berhasil": 10,
        "Kurang Berhasil": 1,
        "Tidak Berhasil": 0,
        "Belum ada realisasi": 1,
    }


def test_it_gives_the_tables_of_each_sasaran_one_under_the_other(wb):
    ws = wb["Sasaran 3"]
    judul = [r[0].value for r in ws.iter_rows() if r[0].font.bold and r[1].value is None]
    assert judul[0] == "Capaian Kinerja Sasaran Strategis 3"
    assert "Realisasi Tahun 2023–2024, Sasaran Strategis 3" in judul
    ti = _baris(ws, "Sarana Bidang Teknologi dan Informasi")
    assert _angka(ti[3]) == Decimal("99.87")
    assert _angka(ti[4]) == Decimal("99.87")


def test_it_gives_logistics_with_counts_as_numbers(wb):
    pasangan = _baris(wb["Logistik"], "Daftar pasangan calon")
    assert [c.value for c in pasangan[:3]] == [13, "Daftar pasangan calon", "buah"]
    assert [_angka(c) for c in pasangan[3:9]] == [503, 503, 503, 0, 0, Decimal("0.00")]


def test_it_downloads_a_single_table(client, pimpinan):
    client.force_login(pimpinan)
    wb = _unduh(client, "xlsx/sakip/")
    assert wb.sheetnames == ["SAKIP"]
    assert client.get(URL + "xlsx/tidak-ada/").status_code == 404


def test_it_links_every_table_from_the_report_page(client, pimpinan):
    client.force_login(pimpinan)
    html = client.get(URL).content.decode()
    assert f'href="{URL}xlsx/"' in html
    for kunci in ("capaian", "sasaran-1", "pagu", "realisasi-anggaran", "logistik-1", "sakip"):
        assert f'href="{URL}xlsx/{kunci}/"' in html


def test_it_keeps_unverified_values_out_unless_previewing(client, pimpinan):
    Realisasi.objects.filter(indikator__kode="s9-bmn", tahun=2024).update(
        status="draf", nilai=Decimal("50")
    )
    client.force_login(pimpinan)
    capaian = _unduh(client, "xlsx/capaian/")["Capaian"]
    assert _baris(capaian, "Persentase BMN")[5].value is None
    pratinjau = _unduh(client, "xlsx/capaian/?pratinjau=1")["Capaian"]
    assert _angka(_baris(pratinjau, "Persentase BMN")[5]) == Decimal("50")


def test_it_neutralises_formulas_in_report_cells(client, pimpinan):
    Realisasi.objects.filter(indikator__kode="s9-bmn", tahun=2024).update(
        kendala="=1+1", tindak_lanjut="@cmd"
    )
    client.force_login(pimpinan)
    ws = _unduh(client, "xlsx/sasaran-9/")["Sasaran 9"]
    # Text as typed, in a text cell marked quotePrefix: shown without an apostrophe, never
    # evaluated (nor when edited in Excel).
    sel = {c.value: c for r in ws.iter_rows() for c in r if isinstance(c.value, str)}
    assert "Kendala: =1+1" in sel  # the Penyebab column, as the report prints it
    assert sel["@cmd"].data_type == "s" and sel["@cmd"].quotePrefix
    assert not any(c.data_type == "f" for r in ws.iter_rows() for c in r)
    efektivitas = _unduh(client, "xlsx/efektivitas/")["Efektivitas Anggaran"]
    band = _baris(efektivitas, "= 100")[1]
    assert band.value == "= 100" and band.data_type == "s" and band.quotePrefix


def test_it_keeps_the_tables_of_an_organisation_from_outsiders(client, orang_luar):
    client.force_login(orang_luar)
    assert client.get(URL + "xlsx/").status_code == 404


def test_it_gives_the_change_of_an_ordinal_level_as_the_report_prints_it(wb):
    ws = wb["Sasaran 4"]
    baris = list(ws.iter_rows())
    awal = next(
        i
        for i, r in enumerate(baris)
        if r[0].value == "Realisasi Tahun 2023–2024, Sasaran Strategis 4"
    )
    akip = next(
        r for r in baris[awal:] if r[0].value and str(r[0].value).startswith("Akuntabilitas")
    )
    # BB in both years, target raised from B to BB: a level that stayed, not -25 points.
    assert [c.value for c in akip[1:4]] == ["BB", "BB", "tetap BB"]


def _tabel(ws, judul: str) -> list[list]:
    """The cells of the table captioned `judul`: its heading row and its rows, up to the
    blank row under it."""
    baris = list(ws.iter_rows())
    awal = next(i for i, r in enumerate(baris) if r[0].value == judul)
    assert baris[awal][0].font.bold
    hasil = []
    for r in baris[awal + 1 :]:
        if all(c.value is None for c in r):
            break
        hasil.append(r)
    return hasil


def test_it_gives_the_pagu_of_each_program_in_bold_above_its_kegiatan(wb):
    kepala, *isi = _tabel(wb["Pagu"], "Program, Kegiatan dan Pagu Anggaran Tahun 2024")
    assert [c.value for c in kepala] == ["KODE", "PROGRAM / KEGIATAN", "PAGU (Rp)"]
    program = [r for r in isi if r[0].font.bold]
    assert [(r[0].value, _angka(r[2])) for r in program] == [
        ("CQ", Decimal("54559031000")),
        ("WA", Decimal("2928042000")),
        (None, Decimal("57487073000")),  # the total
    ]
    assert program[-1][1].value == "Jumlah" and isi[-1] == program[-1]
    teknis = _baris(wb["Pagu"], "Teknis Penyelenggaraan Pemilu/Pemilihan")
    assert teknis[0].value == "CQ.6639" and not teknis[0].font.bold
    assert _angka(teknis[2]) == Decimal("28829406000") and teknis[2].number_format == "#,##0"
    assert sum(1 for r in isi if not r[0].font.bold) == 10


def test_it_gives_the_staff_and_their_total(wb):
    kepala, *isi = _tabel(wb["Pegawai"], "Jumlah Pegawai Tahun 2024")
    assert [c.value for c in kepala] == ["NO", "STATUS KEPEGAWAIAN", "JUMLAH PEGAWAI"]
    assert [[c.value for c in r] for r in isi] == [
        [1, "PNS", 11],
        [2, "PPPK", 5],
        [3, "Tenaga Administrasi", 8],
        [None, "Jumlah", 24],
    ]
    assert isi[-1][2].font.bold and not isi[0][2].font.bold
    # Excel shows "11 orang" as the report prints it, and keeps the number.
    assert {r[2].number_format for r in isi} == {'#,##0" orang"'}


def test_it_gives_the_renstra_target_of_every_year(wb):
    ws = wb["Target Renstra"]
    kepala, *_ = _tabel(ws, "Target Kinerja Jangka Menengah Rencana Strategis 2020–2024")
    assert [c.value for c in kepala][3:] == ["2020", "2021", "2022", "2023", "2024"]
    diklat = _baris(ws, "Persentase keikutsertaan pegawai yang telah mengikuti pendidikan")
    assert diklat[0].value == 2
    assert [_angka(c) for c in diklat[3:8]] == [90, 95, 95, 100, 100]
    assert diklat[3].number_format == '#,##0"\u00a0%"'  # whole numbers, as the report


def test_it_gives_each_sasaran_its_average_and_its_kegiatan_with_their_total(wb):
    ws = wb["Sasaran 3"]
    assert ws["A1"].value == "Capaian Kinerja Sasaran Strategis 3"
    kepala, *capaian = _tabel(ws, ws["A1"].value)
    assert [c.value for c in kepala if c.value is not None] == [
        "INDIKATOR KINERJA",
        "SATUAN",
        "TARGET",
        "REALISASI",
        "CAPAIAN (%)",
        "KATEGORI",
    ]
    rata_rata = capaian[-1]
    assert rata_rata[0].value == "Rata-rata capaian" and rata_rata[0].font.bold
    assert _angka(rata_rata[4]) == Decimal("99.21")
    assert rata_rata[4].number_format == '#,##0.00"\u00a0%"'
    kepala, *kegiatan = _tabel(ws, "Kegiatan Pendukung Sasaran Strategis 3")
    assert [c.value for c in kepala[:4]] == ["UNIT KERJA", "KEGIATAN", "ANGGARAN (Rp)", None]
    assert [(r[1].value, _angka(r[2])) for r in kegiatan] == [
        ("Layanan Perkantoran", Decimal("2764680000")),
        ("Sarana Bidang Teknologi dan Informasi Pemilu", Decimal("87025000")),
        (None, Decimal("2851705000")),
    ]
    assert kegiatan[-1][0].value == "Jumlah" and kegiatan[-1][2].font.bold
    assert {r[2].number_format for r in kegiatan} == {"#,##0"}


def test_it_gives_no_sheet_for_a_part_the_year_has_nothing_for(org_lain):
    # A new organisation with one subbagian: no Renstra, agreement, budget or SAKIP yet.
    d = data_lakip(organisasi=org_lain, tahun=2024)
    assert [t.kunci for t in daftar_tabel(d)] == ["tugas", "skala", "capaian"]
    wb = openpyxl.load_workbook(io.BytesIO(lakip_xlsx(d, "tugas")))
    kepala, *isi = _tabel(wb["Tugas dan Fungsi"], "Uraian Tugas Subbagian")
    assert [[c.value for c in r] for r in isi] == [[1, None, "Subbagian Keuangan"]]
