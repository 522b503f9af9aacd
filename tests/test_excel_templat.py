"""The realisasi template: a real .xlsx written by the command and the entry page, opened
again with openpyxl as a spreadsheet program would."""

from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl.utils import get_column_letter

from kinerja.models import Realisasi
from kinerja.realisasi.templat import JUDUL
from renstra.models import IndikatorKinerja
from tests.isian import url
from tests.lembar import baris_kode, kolom

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]

KEUANGAN = [
    "s3-sarana-transportasi",
    "s3-sarana-ti",
    "s3-operasional-perkantoran",
    "s8-penyiapan-logistik",
    "s8-barang-jasa",
    "s8-dokumentasi-logistik",
    "s8-distribusi-logistik",
    "s9-gaji-tunjangan",
    "s9-laporan-keuangan",
    "s9-bmn",
    "s3-outcome-sarana-prasarana",
    "s8-outcome-distribusi-logistik",
]


def _ekspor(tmp_path, *argumen) -> openpyxl.Workbook:
    berkas = tmp_path / "templat.xlsx"
    call_command(
        "export_realisasi_template",
        "--org",
        "kpu-bengkulu-utara",
        "--year",
        "2024",
        "--output",
        str(berkas),
        *argumen,
    )
    return openpyxl.load_workbook(berkas)


def test_it_writes_one_row_per_indicator_of_the_unit_with_the_agreed_columns(tmp_path):
    wb = _ekspor(tmp_path, "--unit", "keuangan")
    ws = wb.worksheets[0]
    assert [c.value for c in ws[3]] == JUDUL
    assert JUDUL[:8] == [
        "Sasaran Strategis",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "Realisasi",
        "Kendala",
        "Tindak Lanjut",
        "Faktor Pendorong",
    ]
    assert list(baris_kode(ws)) == KEUANGAN
    tersembunyi = {
        nama: ws.column_dimensions[get_column_letter(kolom(nama))].hidden
        for nama in ("Faktor Pendorong", "Kode", "Versi")
    }
    assert tersembunyi == {"Faktor Pendorong": False, "Kode": True, "Versi": True}
    assert ws.freeze_panes == "A4"
    assert ws["A1"].value == "Realisasi Tahunan 2024 — Subbagian Keuangan, Umum dan Logistik"


def test_it_prefills_the_stored_values_as_real_numbers_formatted_the_indonesian_way(tmp_path):
    ws = _ekspor(tmp_path, "--unit", "keuangan").worksheets[0]
    nomor = baris_kode(ws)
    ti = ws.cell(row=nomor["s3-sarana-ti"], column=kolom("Realisasi"))
    assert ti.value == 99.87 and ti.data_type == "n"
    assert ti.number_format == '#,##0.00"\u00a0%"'  # shown as 99,87 % by an Indonesian Excel
    target = ws.cell(row=nomor["s3-sarana-ti"], column=kolom("Target"))
    assert (target.value, target.data_type) == (100, "n")
    versi = Realisasi.objects.get(indikator__kode="s3-sarana-ti", tahun=2024, periode="tahunan")
    assert ws.cell(row=nomor["s3-sarana-ti"], column=kolom("Versi")).value == versi.versi
    assert ws.cell(row=nomor["s3-sarana-ti"], column=kolom("Satuan")).value == "%"


def test_it_unlocks_only_realisasi_kendala_tindak_lanjut_and_faktor_pendorong(tmp_path):
    ws = _ekspor(tmp_path, "--unit", "keuangan").worksheets[0]
    assert ws.protection.sheet
    r = baris_kode(ws)["s9-bmn"]
    terbuka = {
        JUDUL[c - 1]
        for c in range(1, len(JUDUL) + 1)
        if not ws.cell(row=r, column=c).protection.locked
    }
    assert terbuka == {"Realisasi", "Kendala", "Tindak Lanjut", "Faktor Pendorong"}
    assert ws.cell(row=3, column=kolom("Realisasi")).protection.locked


def test_it_offers_the_levels_of_an_ordinal_scale_as_a_drop_down(tmp_path):
    ws = _ekspor(tmp_path, "--unit", "perencanaan").worksheets[0]
    nomor = baris_kode(ws)
    sel = ws.cell(row=nomor["s4-predikat-akip"], column=kolom("Realisasi"))
    assert sel.value == "BB"
    assert ws.cell(row=nomor["s4-predikat-akip"], column=kolom("Target")).value == "BB"
    daftar = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert daftar['"D,C,CC,B,BB,A,AA"'] == sel.coordinate
    realisasi = get_column_letter(kolom("Realisasi"))
    assert daftar['"TMP,TW,WDP,WTP"'] == f"{realisasi}{nomor['s4-opini-bpk']}"


def test_it_records_organisation_year_period_and_unit_in_a_very_hidden_sheet(tmp_path):
    wb = _ekspor(tmp_path, "--unit", "keuangan", "--period", "tw2")
    info = wb["info"]
    assert info.sheet_state == "veryHidden"
    nilai = {r[0]: r[1] for r in info.iter_rows(values_only=True)}
    assert nilai["organisasi"] == "kpu-bengkulu-utara"
    assert (nilai["tahun"], nilai["periode"], nilai["unit"]) == (2024, "tw2", "keuangan")
    assert wb.security.lockStructure
    # Nothing stored for the second quarter: the input cells are empty.
    ws = wb.worksheets[0]
    assert ws.cell(row=4, column=kolom("Realisasi")).value is None
    assert ws.cell(row=4, column=kolom("Versi")).value == 0


def test_it_writes_every_unit_without_a_unit_and_defaults_to_the_yearly_period(tmp_path):
    wb = _ekspor(tmp_path)
    ws = wb.worksheets[0]
    kode = list(baris_kode(ws))
    dimasukkan = IndikatorKinerja.objects.filter(unit_kerja__isnull=False, kode__in=kode)
    # The 35 indicators of the agreement in force and four outcome-level indicators.
    assert len(kode) == len(set(kode)) == dimasukkan.count() == 39
    assert {r[0]: r[1] for r in wb["info"].iter_rows(values_only=True)}["periode"] == "tahunan"
    assert {r[0]: r[1] for r in wb["info"].iter_rows(values_only=True)}["unit"] is None


def test_it_neutralises_text_that_a_spreadsheet_would_run_as_a_formula(tmp_path):
    Realisasi.objects.filter(indikator__kode="s9-bmn", tahun=2024, periode="tahunan").update(
        kendala='=HYPERLINK("http://contoh.invalid","klik")', tindak_lanjut="@SUM(A1)"
    )
    ws = _ekspor(tmp_path, "--unit", "keuangan").worksheets[0]
    r = baris_kode(ws)["s9-bmn"]
    kendala = ws.cell(row=r, column=kolom("Kendala"))
    assert kendala.data_type == "s"
    assert kendala.value == '\'=HYPERLINK("http://contoh.invalid","klik")'
    assert ws.cell(row=r, column=kolom("Tindak Lanjut")).value == "'@SUM(A1)"


def test_it_names_an_unknown_organisation_or_unit(tmp_path):
    with pytest.raises(CommandError, match="Unit kerja 'gudang' tidak ditemukan"):
        _ekspor(tmp_path, "--unit", "gudang")


def test_it_downloads_from_the_entry_page(client, staf_keuangan, tmp_path):
    client.force_login(staf_keuangan)
    halaman = client.get(url(periode="tw1")).content.decode()
    assert 'href="/kinerja/kpu-bengkulu-utara/keuangan/2024/tw1/templat.xlsx"' in halaman
    assert 'href="/kinerja/kpu-bengkulu-utara/keuangan/2024/tw1/impor/"' in halaman
    respons = client.get(url(periode="tw1", aksi="templat.xlsx").rstrip("/"))
    assert respons.status_code == 200
    assert respons["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="realisasi-keuangan-2024-tw1.xlsx"' in respons["Content-Disposition"]
    berkas = tmp_path / "unduhan.xlsx"
    berkas.write_bytes(respons.content)
    assert list(baris_kode(openpyxl.load_workbook(berkas).worksheets[0])) == KEUANGAN


def test_it_keeps_the_template_of_a_unit_from_outsiders(client, orang_luar, staf_teknis):
    alamat = url(periode="tw1", aksi="templat.xlsx").rstrip("/")
    client.force_login(orang_luar)
    assert client.get(alamat).status_code == 404
    client.force_login(staf_teknis)
    assert client.get(alamat).status_code == 404


def test_it_keeps_the_target_of_a_quarter_as_a_number(tmp_path):
    ws = _ekspor(tmp_path, "--unit", "keuangan", "--period", "tw1").worksheets[0]
    nilai = ws.cell(row=baris_kode(ws)["s9-bmn"], column=kolom("Target")).value
    assert Decimal(str(nilai)) == Decimal("100")
