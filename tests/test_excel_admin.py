"""The admin's import and export of master data (django-import-export): real XLSX and CSV
files through the admin pages, dry run first, all rows or none, admins only, and no
exported cell that a spreadsheet would run as a formula."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from anggaran.models import AnggaranKegiatan
from inti.xlsx import sel_aman, sel_asli
from kinerja.models import KunciTahun, Realisasi, TargetKinerja
from kinerja.resources import PESAN_TERKUNCI, TargetKinerjaResource
from logistik.models import Logistik
from organisasi.models import Pengguna
from renstra.models import TargetRenstra
from tests.lembar import CSV, XLSX, admin_ekspor, admin_impor, baris_admin, lembar_admin, ubah_sel
from tests.pembuat import pengguna

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]


@pytest.fixture
def admin_client(client, admin_org):
    client.force_login(admin_org)
    return client


# ---------------------------------------------------------------- exports


def test_it_exports_realisasi_as_xlsx_with_numbers_as_numbers(admin_client):
    isi = admin_ekspor(admin_client, "kinerja/realisasi", tahun="2024")
    _, ws, judul = lembar_admin(isi)
    assert judul == [
        "organisasi",
        "kode_indikator",
        "tahun",
        "periode",
        "nilai",
        "tingkat",
        "kendala",
        "tindak_lanjut",
        "status",
        "versi",
    ]
    r = baris_admin(ws, judul, kode_indikator="s3-sarana-ti")
    nilai = ws.cell(row=r, column=judul.index("nilai") + 1)
    assert nilai.data_type == "n" and Decimal(str(nilai.value)) == Decimal("99.87")
    r = baris_admin(ws, judul, kode_indikator="s4-predikat-akip")
    assert ws.cell(row=r, column=judul.index("tingkat") + 1).value == "BB"
    assert ws.max_row == 1 + Realisasi.objects.filter(tahun=2024).count()


def test_it_exports_csv_with_numbers_written_the_indonesian_way(admin_client):
    isi = admin_ekspor(admin_client, "anggaran/anggarankegiatan", CSV, tahun="2024")
    baris = list(csv.DictReader(io.StringIO(isi.decode("utf-8-sig"))))
    dukungan = next(b for b in baris if b["kode_kegiatan"] == "CQ.6867")
    assert dukungan["pagu"] == "19.650.212.000"
    assert dukungan["organisasi"] == "kpu-bengkulu-utara"


@pytest.mark.parametrize(
    "teks",
    [
        '=HYPERLINK("http://contoh.invalid","klik")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_it_neutralises_formulas_in_exported_cells(admin_client, teks):
    Realisasi.objects.filter(indikator__kode="s9-bmn", tahun=2024).update(kendala=teks)
    isi = admin_ekspor(admin_client, "kinerja/realisasi", tahun="2024")
    _, ws, judul = lembar_admin(isi)
    sel = ws.cell(
        row=baris_admin(ws, judul, kode_indikator="s9-bmn"), column=judul.index("kendala") + 1
    )
    assert sel.data_type == "s"
    # (XML reads a carriage return back as a line feed.)
    assert sel.value == "'" + teks.replace("\r", "\n")
    csv_isi = admin_ekspor(admin_client, "kinerja/realisasi", CSV, tahun="2024").decode("utf-8-sig")
    # The csv module would turn a quoted carriage return into a newline: read the raw line.
    baris = next(b for b in csv_isi.split("\r\n") if b.startswith("kpu-bengkulu-utara,s9-bmn,"))
    kutip = teks.replace('"', '""')
    assert f',"\'{kutip}",' in baris or f",'{kutip}," in baris


def test_it_gives_neutralised_text_back_on_import():
    for teks in ["=1+1", "+62 811", "-", "@admin", "\tx", "\rx", "biasa", "'kutip"]:
        assert sel_asli(sel_aman(teks)) == teks
    assert sel_aman(Decimal("-5")) == Decimal("-5")  # numbers are never text


# ---------------------------------------------------------------- imports


def test_it_imports_a_changed_realisasi_after_a_dry_run_with_history(admin_client, admin_org):
    isi = admin_ekspor(admin_client, "kinerja/realisasi", tahun="2024")
    isi = ubah_sel(isi, {"kode_indikator": "s9-bmn"}, {"nilai": "97,5", "kendala": "Sensus BMN"})
    lama = Realisasi.objects.get(indikator__kode="s9-bmn", tahun=2024)
    pratinjau, simpan = admin_impor(admin_client, "kinerja/realisasi", isi, "realisasi-2024.xlsx")
    hasil = pratinjau.context["result"]
    jumlah = Realisasi.objects.filter(tahun=2024).count()
    assert hasil.totals["update"] == 1 and hasil.totals["skip"] == jumlah - 1
    assert simpan.status_code == 302
    bmn = Realisasi.objects.get(pk=lama.pk)
    assert (bmn.nilai, bmn.kendala, bmn.status) == (Decimal("97.5"), "Sensus BMN", "diverifikasi")
    assert bmn.versi == lama.versi + 1 and bmn.diubah_oleh == admin_org
    catatan = bmn.history.order_by("-history_date", "-history_id").first()
    assert catatan.history_change_reason == "Impor dari realisasi-2024.xlsx (halaman administrasi)"


def test_it_imports_nothing_when_one_row_is_invalid(admin_client):
    isi = admin_ekspor(admin_client, "kinerja/realisasi", tahun="2024")
    isi = ubah_sel(isi, {"kode_indikator": "s9-bmn"}, {"nilai": 50})
    isi = ubah_sel(isi, {"kode_indikator": "s3-sarana-ti"}, {"nilai": -5})
    sebelum = list(Realisasi.objects.order_by("pk").values_list("nilai", "versi"))
    pratinjau, simpan = admin_impor(admin_client, "kinerja/realisasi", isi, "salah.xlsx")
    assert simpan is None  # no confirmation offered
    assert "Persentase tidak boleh negatif." in pratinjau.content.decode()
    assert list(Realisasi.objects.order_by("pk").values_list("nilai", "versi")) == sebelum


def test_it_rolls_back_every_row_when_a_row_fails_at_confirmation(admin_client, org):
    """The dry run passed; the year was locked before the admin confirmed."""
    isi = admin_ekspor(admin_client, "kinerja/realisasi", tahun="2024")
    isi = ubah_sel(isi, {"kode_indikator": "s9-bmn"}, {"nilai": 50})
    isi = ubah_sel(isi, {"kode_indikator": "s3-sarana-ti"}, {"nilai": 60})
    sebelum = list(Realisasi.objects.order_by("pk").values_list("nilai", "versi"))
    pratinjau = admin_client.post(
        "/admin/kinerja/realisasi/import/",
        {"import_file": SimpleUploadedFile("r.xlsx", isi), "format": XLSX, "resource": "0"},
    )
    konfirmasi = pratinjau.context["confirm_form"]
    KunciTahun.objects.create(
        organisasi=org, tahun=2024, alasan="LAKIP final", dikunci_pada="2025-01-31T00:00Z"
    )
    data = {n: konfirmasi.initial.get(n, "") for n in konfirmasi.fields}
    respons = admin_client.post("/admin/kinerja/realisasi/process_import/", data, follow=True)
    assert "Tidak ada yang disimpan" in respons.content.decode()
    assert list(Realisasi.objects.order_by("pk").values_list("nilai", "versi")) == sebelum


def test_it_asks_for_a_written_confirmation_above_ten_times_the_target(admin_client):
    isi = admin_ekspor(admin_client, "kinerja/realisasi", tahun="2024")
    besar = ubah_sel(isi, {"kode_indikator": "s9-bmn"}, {"nilai": 1500})
    pratinjau, simpan = admin_impor(admin_client, "kinerja/realisasi", besar, "besar.xlsx")
    assert simpan is None
    assert "lebih dari sepuluh kali target" in pratinjau.content.decode()
    wb, ws, judul = lembar_admin(besar)
    ws.cell(row=1, column=len(judul) + 1).value = "konfirmasi_melebihi"
    ws.cell(row=baris_admin(ws, judul, kode_indikator="s9-bmn"), column=len(judul) + 1).value = "ya"
    keluaran = io.BytesIO()
    wb.save(keluaran)
    _, simpan = admin_impor(admin_client, "kinerja/realisasi", keluaran.getvalue(), "besar.xlsx")
    assert simpan.status_code == 302
    assert Realisasi.objects.get(indikator__kode="s9-bmn", tahun=2024).nilai == Decimal("1500")


def test_it_refuses_a_file_made_before_someone_else_changed_the_value(admin_client):
    isi = admin_ekspor(admin_client, "kinerja/realisasi", tahun="2024")
    Realisasi.objects.filter(indikator__kode="s9-bmn", tahun=2024).update(versi=9)
    isi = ubah_sel(isi, {"kode_indikator": "s9-bmn"}, {"nilai": 50})
    pratinjau, simpan = admin_impor(admin_client, "kinerja/realisasi", isi, "lama.xlsx")
    assert simpan is None
    assert "Nilai ini sudah diubah sejak berkas dibuat" in pratinjau.content.decode()


def test_it_refuses_to_change_a_target_of_a_signed_agreement(admin_client):
    isi = admin_ekspor(admin_client, "kinerja/targetkinerja", perjanjian__tahun="2024")
    _, ws, judul = lembar_admin(isi)
    r = baris_admin(ws, judul, kode_indikator="s9-bmn", unit_kerja="keuangan")
    ws.cell(row=r, column=judul.index("nilai") + 1).value = 90
    keluaran = io.BytesIO()
    ws.parent.save(keluaran)
    pratinjau, simpan = admin_impor(
        admin_client, "kinerja/targetkinerja", keluaran.getvalue(), "t.xlsx"
    )
    assert simpan is None
    assert "sudah ditandatangani; targetnya tidak dapat diubah" in pratinjau.content.decode()
    assert {t.nilai for t in TargetKinerja.objects.filter(indikator__kode="s9-bmn")} == {
        Decimal("100")
    }


def test_it_turns_the_database_guard_of_signed_agreements_into_a_row_error():
    target = TargetKinerja.objects.filter(perjanjian__status="ditandatangani").first()
    target.nilai = Decimal("1")
    with pytest.raises(ValidationError) as galat:
        TargetKinerjaResource().do_instance_save(target, False)
    assert galat.value.messages == [PESAN_TERKUNCI]


def test_it_imports_budget_lines_from_csv_typed_the_indonesian_way(admin_client):
    isi = admin_ekspor(admin_client, "anggaran/anggarankegiatan", CSV, tahun="2024").decode(
        "utf-8-sig"
    )
    baris = list(csv.DictReader(io.StringIO(isi)))
    for b in baris:
        if b["kode_kegiatan"] == "CQ.6867":
            b["realisasi"] = "19.000.000.000"
    keluaran = io.StringIO()
    penulis = csv.DictWriter(keluaran, fieldnames=list(baris[0]))
    penulis.writeheader()
    penulis.writerows(baris)
    _, simpan = admin_impor(
        admin_client,
        "anggaran/anggarankegiatan",
        keluaran.getvalue().encode("utf-8"),
        "anggaran.csv",
        CSV,
    )
    assert simpan.status_code == 302
    cq = AnggaranKegiatan.objects.get(kegiatan__kode="CQ.6867", tahun=2024)
    assert cq.realisasi == Decimal("19000000000")


def test_it_keeps_the_logistics_invariant_on_import(admin_client):
    isi = admin_ekspor(admin_client, "logistik/logistik")
    _, ws, judul = lembar_admin(isi)
    r = 2
    jenis = ws.cell(row=r, column=judul.index("jenis") + 1).value
    ws.cell(row=r, column=judul.index("rusak") + 1).value = 10_000
    keluaran = io.BytesIO()
    ws.parent.save(keluaran)
    pratinjau, simpan = admin_impor(
        admin_client, "logistik/logistik", keluaran.getvalue(), "l.xlsx"
    )
    assert simpan is None
    assert Logistik.objects.get(jenis=jenis).rusak == 0


def test_it_round_trips_renstra_targets(admin_client):
    isi = admin_ekspor(admin_client, "renstra/targetrenstra")
    isi = ubah_sel(isi, {"kode_indikator": "s2-diklat-pegawai", "tahun": 2024}, {"nilai": 95})
    pratinjau, simpan = admin_impor(admin_client, "renstra/targetrenstra", isi, "renstra.xlsx")
    assert pratinjau.context["result"].totals["update"] == 1
    assert simpan.status_code == 302
    target = TargetRenstra.objects.get(indikator__kode="s2-diklat-pegawai", tahun=2024)
    assert target.nilai == Decimal("95")


def test_it_round_trips_indicators_unchanged(admin_client):
    isi = admin_ekspor(admin_client, "renstra/indikatorkinerja")
    pratinjau, simpan = admin_impor(admin_client, "renstra/indikatorkinerja", isi, "indikator.xlsx")
    hasil = pratinjau.context["result"]
    assert hasil.totals["skip"] == 41 and hasil.totals["update"] == 0
    assert simpan.status_code == 302


# ---------------------------------------------------------------- who may


@pytest.fixture
def staf_berizin(org):
    """A staff member who can open the admin and has every model permission there."""
    from django.contrib.auth.models import Permission

    user = pengguna(
        "staf-admin-uji",
        organisasi=org,
        peran=Pengguna.Peran.STAF,
        unit=org.unit.get(slug="keuangan"),
        is_staff=True,
    )
    user.user_permissions.set(Permission.objects.all())
    return user


@pytest.mark.parametrize(
    "model",
    [
        "kinerja/realisasi",
        "kinerja/targetkinerja",
        "renstra/indikatorkinerja",
        "renstra/targetrenstra",
        "anggaran/anggarankegiatan",
        "anggaran/realisasiprogram",
        "logistik/logistik",
    ],
)
def test_it_lets_only_admins_import_and_export(client, admin_org, staf_berizin, model):
    client.force_login(staf_berizin)
    assert client.get(f"/admin/{model}/").status_code == 200
    assert client.get(f"/admin/{model}/import/").status_code == 403
    assert client.get(f"/admin/{model}/export/").status_code == 403
    client.force_login(admin_org)
    assert client.get(f"/admin/{model}/import/").status_code == 200
    assert client.get(f"/admin/{model}/export/").status_code == 200
