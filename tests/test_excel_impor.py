"""Importing a filled template from the command line: real files, written by the export
command, typed into with openpyxl and read back. All rows or none, every bad row named."""

import math
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.models import PANJANG_TEKS_MAKS, KunciTahun, Realisasi, TargetKinerja
from kinerja.realisasi.impor import realisasi_impor
from kinerja.realisasi.services.isian import IsianBaris, realisasi_simpan_formulir
from kinerja.realisasi.services.terjaga import BARIS_PER_UPDATE
from organisasi.models import UnitKerja
from renstra.models import IndikatorKinerja
from tests.lembar import baris_kode, isi_templat, kolom
from tests.pembuat import sahkan, versi_baru

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]

ORG = "kpu-bengkulu-utara"


def _ekspor(tmp_path, *argumen, nama="templat.xlsx"):
    berkas = tmp_path / nama
    call_command(
        "export_realisasi_template",
        "--org",
        ORG,
        "--year",
        "2024",
        "--output",
        str(berkas),
        *argumen,
    )
    return berkas


def _impor(berkas, *argumen, tahun="2024", capsys=None):
    call_command("import_realisasi", "--org", ORG, "--year", tahun, str(berkas), *argumen)
    return capsys.readouterr().out if capsys else None


def _semua() -> dict:
    """Every stored value with everything an import could touch."""
    return {
        (r.indikator.kode, r.tahun, r.periode): (
            r.nilai,
            r.tingkat_id,
            r.kendala,
            r.tindak_lanjut,
            r.faktor_pendorong,
            r.status,
            r.versi,
        )
        for r in Realisasi.objects.select_related("indikator")
    }


def _nilai(kode: str, periode: str = "tahunan") -> Realisasi:
    return Realisasi.objects.get(indikator__kode=kode, tahun=2024, periode=periode)


def test_it_changes_exactly_the_values_that_were_filled(tmp_path, capsys):
    berkas = _ekspor(tmp_path)
    sebelum = _semua()
    isi_templat(
        berkas,
        {
            # a number typed as a number, text typed the Indonesian way, a level
            "s3-sarana-ti": {
                "Realisasi": 95,
                "Kendala": "Jaringan putus",
                "Tindak Lanjut": "Ganti",
                "Faktor Pendorong": "Dukungan teknisi",
            },
            "s1-penyusunan-program": {"Realisasi": "97, 5 %"},
            "s4-predikat-akip": {"Realisasi": "A"},
            # a cleared cell means: no change
            "s9-bmn": {"Realisasi": None},
        },
    )
    keluaran = _impor(berkas, capsys=capsys)
    sesudah = _semua()
    berubah = {k for k in sesudah if sesudah[k] != sebelum.get(k)}
    assert berubah == {
        ("s3-sarana-ti", 2024, "tahunan"),
        ("s1-penyusunan-program", 2024, "tahunan"),
        ("s4-predikat-akip", 2024, "tahunan"),
    }
    ti = _nilai("s3-sarana-ti")
    assert (ti.nilai, ti.kendala, ti.tindak_lanjut, ti.faktor_pendorong) == (
        Decimal("95"),
        "Jaringan putus",
        "Ganti",
        "Dukungan teknisi",
    )
    assert _nilai("s1-penyusunan-program").nilai == Decimal("97.5")
    assert _nilai("s4-predikat-akip").tingkat.kode == "A"
    # An admin's import from the command line counts as verified, with its source recorded.
    assert {_nilai(k).status for k in ("s3-sarana-ti", "s4-predikat-akip")} == {"diverifikasi"}
    assert ti.versi == sebelum[("s3-sarana-ti", 2024, "tahunan")][6] + 1
    riwayat = ti.history.order_by("-history_date", "-history_id").first()
    assert riwayat.history_change_reason == "Impor dari templat.xlsx oleh admin (baris perintah)"
    assert riwayat.nilai == Decimal("95")
    assert "0 nilai baru, 3 nilai diubah, 36 baris tanpa perubahan" in keluaran
    assert "s1-penyusunan-program: 96,7 % → 97,5 % (capaian 97,50 %, Berhasil)" in keluaran


def test_it_creates_new_values_of_a_quarter_and_names_the_admin(tmp_path, admin_org, capsys):
    berkas = _ekspor(tmp_path, "--unit", "keuangan", "--period", "tw1", nama="tw1.xlsx")
    isi_templat(berkas, {"s9-bmn": {"Realisasi": 40}, "s8-barang-jasa": {"Realisasi": "25,5"}})
    _impor(berkas, "--pengguna", admin_org.username, capsys=capsys)
    bmn = _nilai("s9-bmn", "tw1")
    assert (bmn.nilai, bmn.status, bmn.versi, bmn.diubah_oleh) == (
        Decimal("40"),
        "diverifikasi",
        1,
        admin_org,
    )
    catatan = bmn.history.get()
    assert (catatan.history_type, catatan.history_user) == ("+", admin_org)
    assert catatan.history_change_reason == "Impor dari tw1.xlsx oleh admin (baris perintah)"
    assert Realisasi.objects.filter(tahun=2024, periode="tw1").count() == 2


def test_it_changes_nothing_when_one_row_is_bad_and_names_that_row(tmp_path):
    berkas = _ekspor(tmp_path)
    sebelum = _semua()
    nomor = isi_templat(
        berkas,
        {"s3-sarana-ti": {"Realisasi": 95}, "s9-bmn": {"Realisasi": "sembilan puluh"}},
    )
    with pytest.raises(CommandError) as galat:
        _impor(berkas)
    pesan = str(galat.value)
    assert pesan.startswith("Tidak ada yang disimpan: 1 kesalahan.")
    assert (
        f'baris {nomor["s9-bmn"]}: "sembilan puluh" bukan angka. Tulis angka seperti 96,7 atau '
        "1.234,5." in pesan
    )
    assert _semua() == sebelum


@pytest.mark.parametrize(
    ("kode", "isian", "pesan"),
    [
        ("s9-bmn", {"Realisasi": -5}, "Persentase tidak boleh negatif."),
        ("s9-bmn", {"Realisasi": "12,34567"}, "Paling banyak 4 angka di belakang koma."),
        ("s9-bmn", {"Realisasi": "96,7,1"}, "koma desimal hanya boleh satu"),
        ("s4-predikat-akip", {"Realisasi": "Z"}, '"Z" bukan tingkat skala Predikat AKIP'),
        ("s9-bmn", {"Realisasi": "=95+1"}, "sel Realisasi berisi rumus"),
        ("s9-bmn", {"Kode": "s9-tidak-ada"}, 'indikator dengan kode "s9-tidak-ada" tidak ada'),
        ("s9-bmn", {"Kode": "s3-sarana-ti"}, "indikator ini sudah ada pada baris"),
        ("s9-bmn", {"Kode": None}, "kode indikator (kolom tersembunyi) kosong"),
        (
            "s9-bmn",
            {"Realisasi": 95, "Kendala": "k" * (PANJANG_TEKS_MAKS + 1)},
            f"kendala, tindak lanjut dan faktor pendorong paling panjang {PANJANG_TEKS_MAKS} "
            "huruf.",
        ),
        (
            "s9-bmn",
            {"Realisasi": 95, "Faktor Pendorong": "f" * (PANJANG_TEKS_MAKS + 1)},
            f"kendala, tindak lanjut dan faktor pendorong paling panjang {PANJANG_TEKS_MAKS} "
            "huruf.",
        ),
        (
            "s9-bmn",
            {"Realisasi": 1001},
            "Nilai ini lebih dari sepuluh kali target (100\u00a0%). Periksa lagi",
        ),
    ],
)
def test_it_refuses_a_bad_row_with_the_reason_in_indonesian(tmp_path, kode, isian, pesan):
    berkas = _ekspor(tmp_path)
    sebelum = _semua()
    nomor = isi_templat(berkas, {kode: isian, "s1-diklat-teknis": {"Realisasi": 90}})
    with pytest.raises(CommandError) as galat:
        _impor(berkas)
    assert f"baris {nomor[kode]}: " in str(galat.value)
    assert pesan in str(galat.value)
    assert _semua() == sebelum


def test_it_takes_a_value_above_ten_times_the_target_only_when_confirmed(tmp_path, capsys):
    berkas = _ekspor(tmp_path)
    isi_templat(berkas, {"s9-bmn": {"Realisasi": "1.250"}})
    with pytest.raises(CommandError, match="jalankan ulang dengan --konfirmasi-melebihi"):
        _impor(berkas)
    _impor(berkas, "--konfirmasi-melebihi", capsys=capsys)
    assert _nilai("s9-bmn").nilai == Decimal("1250")


def test_it_reports_every_bad_row_at_once(tmp_path):
    berkas = _ekspor(tmp_path)
    nomor = isi_templat(
        berkas,
        {
            "s9-bmn": {"Realisasi": "sembilan puluh"},
            "s3-sarana-ti": {"Realisasi": -1},
            "s4-opini-bpk": {"Realisasi": "WTB"},
        },
    )
    with pytest.raises(CommandError) as galat:
        _impor(berkas)
    baris = str(galat.value).splitlines()
    assert baris[0] == "Tidak ada yang disimpan: 3 kesalahan."
    assert sorted(int(b.split(":")[0].split()[1]) for b in baris[1:]) == sorted(
        nomor[k] for k in ("s9-bmn", "s3-sarana-ti", "s4-opini-bpk")
    )


def test_it_reads_a_percentage_typed_with_its_sign_into_excel(tmp_path):
    """Excel stores "96,7%" typed into a cell as 0.967 with a percentage format."""
    berkas = _ekspor(tmp_path)
    wb = openpyxl.load_workbook(berkas)
    ws = wb.worksheets[0]
    sel = ws.cell(row=baris_kode(ws)["s9-bmn"], column=kolom("Realisasi"))
    sel.value, sel.number_format = 0.967, "0.0%"
    wb.save(berkas)
    _impor(berkas)
    assert _nilai("s9-bmn").nilai == Decimal("96.7")


@pytest.mark.parametrize(
    ("tahun", "pesan"),
    [("2025", "Berkas ini templat tahun 2024, bukan tahun 2025.")],
)
def test_it_refuses_a_file_made_for_another_year(tmp_path, tahun, pesan):
    berkas = _ekspor(tmp_path)
    isi_templat(berkas, {"s9-bmn": {"Realisasi": 90}})
    with pytest.raises(CommandError, match=pesan):
        _impor(berkas, tahun=tahun)


def test_it_refuses_a_file_made_for_another_organisation(tmp_path, org_lain):
    berkas = _ekspor(tmp_path)
    with pytest.raises(CommandError, match="templat untuk organisasi lain"):
        call_command("import_realisasi", "--org", org_lain.slug, "--year", "2024", str(berkas))


def test_it_refuses_a_workbook_that_is_not_a_template_and_a_file_that_is_no_workbook(tmp_path):
    biasa = tmp_path / "biasa.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Indikator Kinerja", "Realisasi"])
    wb.save(biasa)
    with pytest.raises(CommandError, match="bukan templat realisasi dari aplikasi"):
        _impor(biasa)
    teks = tmp_path / "palsu.xlsx"
    teks.write_text("bukan excel", encoding="utf-8")
    with pytest.raises(CommandError, match="tidak dapat dibaca sebagai lembar kerja Excel"):
        _impor(teks)


def test_it_refuses_values_of_a_locked_year(tmp_path, org):
    berkas = _ekspor(tmp_path)
    nomor = isi_templat(berkas, {"s9-bmn": {"Realisasi": 90}})
    KunciTahun.objects.create(
        organisasi=org, tahun=2024, alasan="LAKIP final", dikunci_pada="2025-01-31T00:00Z"
    )
    with pytest.raises(CommandError) as galat:
        _impor(berkas)
    assert (
        f"baris {nomor['s9-bmn']}: Tahunan 2024 sudah ditutup untuk Subbagian Keuangan, Umum "
        "dan Logistik; hanya admin yang dapat membukanya kembali."
    ) in str(galat.value)


def test_it_refuses_a_row_whose_value_changed_after_the_download(tmp_path, org, staf_keuangan):
    berkas = _ekspor(tmp_path, "--unit", "keuangan", "--period", "tw1")
    indikator = IndikatorKinerja.objects.get(kode="s9-bmn")
    # The template was downloaded before anyone entered the quarter; then staff saved 70.
    unit = UnitKerja.objects.get(organisasi=org, slug="keuangan")
    realisasi_simpan_formulir(
        pengguna=staf_keuangan,
        unit_kerja=unit,
        tahun=2024,
        periode="tw1",
        isian=[IsianBaris(indikator=indikator, versi=0, nilai=Decimal("70"))],
    )
    staf_keuangan.first_name = "Sari"
    staf_keuangan.save()
    nomor = isi_templat(
        berkas, {"s9-bmn": {"Realisasi": 80}, "s9-gaji-tunjangan": {"Realisasi": 90}}
    )
    with pytest.raises(CommandError) as galat:
        _impor(berkas)
    assert (
        f"baris {nomor['s9-bmn']}: Persentase BMN yang dikelola sesuai dengan peraturan "
        "perundang-undangan sudah diubah oleh Sari; nilai sekarang 70\u00a0%. Unduh templat "
        "baru, atau kosongkan sel Realisasi baris ini."
    ) in str(galat.value)
    assert _nilai("s9-bmn", "tw1").nilai == Decimal("70")
    assert not Realisasi.objects.filter(indikator__kode="s9-gaji-tunjangan", periode="tw1")


def test_it_refuses_kendala_typed_next_to_a_blank_value(tmp_path):
    berkas = _ekspor(tmp_path, "--period", "tw3")
    nomor = isi_templat(berkas, {"s9-bmn": {"Kendala": "Belum ada data"}})
    with pytest.raises(CommandError) as galat:
        _impor(berkas)
    assert (
        f"baris {nomor['s9-bmn']}: Isi realisasi lebih dulu; kendala, tindak lanjut dan bukti "
        "dukung melekat pada nilai realisasi."
    ) in str(galat.value)


def test_it_reimports_an_untouched_template_without_changing_anything(tmp_path, capsys):
    berkas = _ekspor(tmp_path)
    sebelum = _semua()
    keluaran = _impor(berkas, capsys=capsys)
    assert "0 nilai baru, 0 nilai diubah, 39 baris tanpa perubahan" in keluaran
    assert _semua() == sebelum


def _banyak_indikator(org, jumlah: int) -> None:
    """A signed next version of the agreement with `jumlah` more Keuangan indicators."""
    perjanjian = versi_baru(org)
    unit = UnitKerja.objects.get(organisasi=org, slug="keuangan")
    asal = IndikatorKinerja.objects.get(kode="s9-bmn")
    baru = IndikatorKinerja.objects.bulk_create(
        IndikatorKinerja(
            sasaran=asal.sasaran,
            kode=f"s9-tambahan-{n}",
            nama=f"Indikator tambahan {n}",
            tipe=asal.tipe,
            unit_kerja=unit,
            urutan=100 + n,
        )
        for n in range(jumlah)
    )
    TargetKinerja.objects.bulk_create(
        TargetKinerja(perjanjian=perjanjian, indikator=i, nilai=Decimal("100"), urutan=100)
        for i in baru
    )
    sahkan(perjanjian)


def _impor_terhitung(berkas, org, admin_org) -> tuple[list[str], list[str]]:
    """Import as the command does; the INSERT statements and every other query, apart."""
    with CaptureQueriesContext(connection) as q:
        realisasi_impor(
            isi=berkas.read_bytes(),
            nama_berkas="banyak.xlsx",
            organisasi=org,
            tahun=2024,
            pengguna=admin_org,
            baris_perintah=True,
        )
    sql = [x["sql"] for x in q.captured_queries]
    return [s for s in sql if s.startswith("INSERT")], [
        s for s in sql if not s.startswith("INSERT")
    ]


@pytest.mark.parametrize("jumlah", [35, 350])
def test_it_imports_in_a_number_of_queries_that_does_not_grow_with_the_rows(
    tmp_path, org, admin_org, jumlah
):
    _banyak_indikator(org, jumlah)
    berkas = _ekspor(tmp_path, "--unit", "keuangan", "--period", "tw2")
    isi_templat(berkas, {f"s9-tambahan-{n}": {"Realisasi": n % 90} for n in range(jumlah)})
    insert, lain = _impor_terhitung(berkas, org, admin_org)
    # Lookups, checks and transaction statements: the same twenty for 35 or 350 rows.
    assert len(lain) == 20
    # New values and their history go in bulk: one INSERT each on PostgreSQL, one per batch
    # of rows that fits SQLite's 999 parameters.
    assert len(insert) <= 2 * math.ceil(jumlah / 50)
    assert Realisasi.objects.filter(tahun=2024, periode="tw2", status="diverifikasi").count() == (
        jumlah
    )

    # Changing them all again: one guarded UPDATE per 250 rows, history in bulk.
    berkas = _ekspor(tmp_path, "--unit", "keuangan", "--period", "tw2")
    isi_templat(berkas, {f"s9-tambahan-{n}": {"Realisasi": n % 90 + 1} for n in range(jumlah)})
    insert, lain = _impor_terhitung(berkas, org, admin_org)
    update = math.ceil(jumlah / BARIS_PER_UPDATE)
    assert sum(s.startswith("UPDATE") for s in lain) == update
    assert len(lain) == 20 + update
    assert len(insert) <= math.ceil(jumlah / 50)


def test_it_records_only_an_admin_of_the_organisation_as_the_importer(
    tmp_path, staf_keuangan, orang_luar
):
    berkas = _ekspor(tmp_path)
    isi_templat(berkas, {"s9-bmn": {"Realisasi": 90}})
    with pytest.raises(CommandError, match="'staf-keuangan-uji' bukan akun admin"):
        _impor(berkas, "--pengguna", staf_keuangan.username)
    orang_luar.peran = "admin"
    orang_luar.save()
    with pytest.raises(CommandError, match="bukan admin KPU Kabupaten Bengkulu Utara"):
        _impor(berkas, "--pengguna", orang_luar.username)
    assert _nilai("s9-bmn").nilai != Decimal("90")
