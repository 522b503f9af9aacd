"""Budget and logistics pages of Perencanaan: pagu typed the Indonesian way, the
realisation workbook (all rows or none), logistics counts, and who may do what."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from anggaran.models import AnggaranKegiatan, Kegiatan, RealisasiProgram
from inti.galat import Ditolak, TidakBerwenang
from laporan import tabel
from laporan.selectors import data_lakip
from logistik.models import Logistik, Pemilihan
from organisasi.models import Pengguna
from perencanaan.anggaran.impor import BarisImpor, anggaran_impor
from perencanaan.anggaran.layanan import anggaran_kegiatan_simpan
from tests.pembuat import pengguna

pytestmark = pytest.mark.django_db


def _url(nama: str, *args) -> str:
    return reverse(nama, args=["kpu-bengkulu-utara", 2024, *args])


def _xlsx(lembar: dict[str, list[list]]) -> io.BytesIO:
    wb = Workbook()
    wb.remove(wb.active)
    for judul, baris in lembar.items():
        ws = wb.create_sheet(judul)
        ws.append(["Kode", "Uraian", "Pagu (Rp)", "Realisasi (Rp)"])
        for b in baris:
            ws.append(b)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    keluaran.seek(0)
    keluaran.name = "realisasi.xlsx"
    return keluaran


def _unggah(client, berkas):
    return client.post(_url("perencanaan_anggaran_impor"), {"berkas": berkas})


def test_it_sets_a_kegiatan_pagu_typed_with_dots_and_the_lakip_total_follows(
    client, org, admin_org
):
    kegiatan = Kegiatan.objects.get(program__organisasi=org, kode="WA.3355")
    lama = AnggaranKegiatan.objects.get(kegiatan=kegiatan, tahun=2024).pagu
    sebelum = data_lakip(organisasi=org, tahun=2024).anggaran.pagu
    client.force_login(admin_org)
    r = client.post(
        _url("perencanaan_anggaran_kegiatan_pagu", kegiatan.pk),
        {"pagu": "28.829.406.000", "realisasi": "", "sumber_dana": "apbn"},
    )
    assert r.status_code == 302
    assert AnggaranKegiatan.objects.get(kegiatan=kegiatan, tahun=2024).pagu == Decimal(
        "28829406000"
    )
    d = data_lakip(organisasi=org, tahun=2024)
    assert d.anggaran.pagu == sebelum - lama + Decimal("28829406000")
    (t,) = tabel.pagu(d)
    assert t.jumlah[0].sel[2] == tabel.sel_rupiah(sebelum - lama + Decimal("28829406000"))
    halaman = client.get(_url("perencanaan_anggaran"))
    assert "Rp28.829.406.000" in halaman.content.decode()


def test_it_refuses_an_import_with_one_bad_row_naming_sheet_and_row(client, org, admin_org):
    client.force_login(admin_org)
    sebelum = list(
        AnggaranKegiatan.objects.filter(tahun=2024).values_list("pk", "pagu", "realisasi")
    )
    berkas = _xlsx(
        {
            "WA": [
                ["WA.3355", "Dukungan", "1.000.000", "900.000"],
                ["WA.3360", "Gaji", "dua juta", ""],
            ]
        }
    )
    r = _unggah(client, berkas)
    assert r.status_code == 400
    assert "WA, baris 3: Pagu:" in r.content.decode()
    assert (
        list(AnggaranKegiatan.objects.filter(tahun=2024).values_list("pk", "pagu", "realisasi"))
        == sebelum
    )
    assert "impor_anggaran" not in client.session


def test_it_refuses_an_unknown_code(client, org, admin_org):
    client.force_login(admin_org)
    r = _unggah(client, _xlsx({"Lembar1": [["ZZ.1", "Tidak ada", "1", "1"]]}))
    assert r.status_code == 400
    assert "Lembar1, baris 2: kode ZZ.1 bukan program atau kegiatan" in r.content.decode()


def test_it_imports_realisasi_after_a_preview_and_the_report_absorption_changes(
    client, org, admin_org
):
    client.force_login(admin_org)
    assert data_lakip(organisasi=org, tahun=2024).anggaran.program[1].serapan == Decimal("97.30")
    # WA: 2.928.042.000 pagu; realisasi 2.900.000.000 → 99,04 %
    berkas = _xlsx(
        {"WA": [["WA", "Program Dukungan", "", "2.900.000.000"], ["", "Jumlah", "", ""]]}
    )
    r = _unggah(client, berkas)
    assert r.status_code == 302
    pratinjau = client.get(r.url)
    assert pratinjau.status_code == 200
    assert "Rp2.900.000.000" in pratinjau.content.decode()
    # Nothing saved before confirming.
    assert RealisasiProgram.objects.get(program__kode="WA", tahun=2024).realisasi == Decimal(
        2848973746
    )
    assert client.post(r.url, {"simpan": "1"}).status_code == 302
    d = data_lakip(organisasi=org, tahun=2024)
    wa = d.anggaran.program[1]
    assert (wa.realisasi, wa.serapan) == (Decimal(2900000000), Decimal("99.04"))
    assert tabel.realisasi_anggaran(d)[0].baris[1].sel[4].nilai == Decimal("99.04")


def test_it_reads_back_its_own_template_without_changes(client, org, admin_org):
    client.force_login(admin_org)
    r = client.get(_url("perencanaan_anggaran_templat"))
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["CQ", "WA"]
    assert [c.value for c in wb["WA"][1]][:4] == ["Kode", "Uraian", "Pagu (Rp)", "Realisasi (Rp)"]
    berkas = io.BytesIO(r.content)
    berkas.name = "templat.xlsx"
    r = _unggah(client, berkas)
    assert r.status_code == 302  # back to the index: nothing to change
    assert r.url == _url("perencanaan_anggaran")


def test_it_answers_403_to_staff_posting(client, org, staf_keuangan):
    kegiatan = Kegiatan.objects.get(program__organisasi=org, kode="WA.3355")
    client.force_login(staf_keuangan)
    r = client.post(
        _url("perencanaan_anggaran_kegiatan_pagu", kegiatan.pk), {"pagu": "1", "realisasi": ""}
    )
    assert r.status_code == 403
    assert _unggah(client, _xlsx({"WA": []})).status_code == 403


def test_it_answers_404_to_another_organisations_admin(client, org, org_lain):
    admin_lain = pengguna("admin-lebong", organisasi=org_lain, peran=Pengguna.Peran.ADMIN)
    client.force_login(admin_lain)
    assert client.get(_url("perencanaan_anggaran")).status_code == 404
    assert client.get(_url("perencanaan_anggaran_logistik")).status_code == 404


def test_it_redirects_the_page_without_a_year_to_the_current_year(client, org, admin_org):
    client.force_login(admin_org)
    r = client.get("/perencanaan/kpu-bengkulu-utara/anggaran/")
    assert r.status_code == 302
    assert r.url.endswith(f"/anggaran/{timezone.localdate().year}/")


def test_it_refuses_logistics_with_more_good_and_damaged_than_received(client, org, admin_org):
    client.force_login(admin_org)
    pem = Pemilihan.objects.create(
        organisasi=org, kode="pilkada-uji", nama="Pilkada Uji", tahun=2024
    )
    data = {"urutan": "1", "jenis": "Surat suara", "satuan": "lembar", "dipesan": "100"}
    r = client.post(
        _url("perencanaan_anggaran_logistik_tambah", pem.pk),
        {**data, "diterima": "100", "baik": "95", "rusak": "6"},
    )
    assert r.status_code == 400
    assert "melebihi jumlah yang diterima" in r.content.decode()
    assert not Logistik.objects.filter(pemilihan=pem).exists()
    r = client.post(
        _url("perencanaan_anggaran_logistik_tambah", pem.pk),
        {**data, "diterima": "100", "baik": "95", "rusak": "5"},
    )
    assert r.status_code == 302
    assert Logistik.objects.get(pemilihan=pem).baik == 95
    assert "Surat suara" in client.get(_url("perencanaan_anggaran_logistik")).content.decode()


def test_it_saves_nothing_when_a_row_turned_bad_before_confirming(org, admin_org):
    """The plan is made again in the saving transaction: a kegiatan removed between the
    preview and the confirmation refuses the whole file."""
    baris = [
        BarisImpor("WA", 2, "WA.3355", "", "1000", "900"),
        BarisImpor("WA", 3, "WA.3360", "", "2000", None),
    ]
    Kegiatan.objects.filter(program__organisasi=org, kode="WA.3360").delete()
    sebelum = AnggaranKegiatan.objects.get(kegiatan__kode="WA.3355", tahun=2024).pagu
    with pytest.raises(Ditolak, match="WA, baris 3: kode WA.3360"):
        anggaran_impor(pengguna=admin_org, organisasi=org, tahun=2024, baris=baris)
    assert AnggaranKegiatan.objects.get(kegiatan__kode="WA.3355", tahun=2024).pagu == sebelum


def test_it_refuses_the_service_to_staff(org, staf_keuangan):
    kegiatan = Kegiatan.objects.get(program__organisasi=org, kode="WA.3355")
    with pytest.raises(TidakBerwenang):
        anggaran_kegiatan_simpan(
            pengguna=staf_keuangan, kegiatan=kegiatan, tahun=2024, pagu=Decimal(1), realisasi=None
        )


@pytest.mark.parametrize(
    "nama",
    [
        "perencanaan_anggaran",
        "perencanaan_anggaran_program",
        "perencanaan_anggaran_kegiatan",
        "perencanaan_anggaran_logistik",
        "perencanaan_anggaran_pemilihan",
        "perencanaan_anggaran_impor",
        "laporan:masukan",
        "laporan:produk-hukum",
        "laporan:capaian-lain",
    ],
)
def test_it_shows_every_page_to_the_admin(client, org, admin_org, nama):
    client.force_login(admin_org)
    assert client.get(_url(nama)).status_code == 200


def test_it_adds_a_program_and_a_kegiatan_with_a_kro_ro_code(client, org, admin_org):
    client.force_login(admin_org)
    r = client.post(
        _url("perencanaan_anggaran_program"), {"kode": "ZZ", "nama": "Program Uji", "urutan": "9"}
    )
    assert r.status_code == 302
    program = org.program.get(kode="ZZ")
    r = client.post(
        _url("perencanaan_anggaran_kegiatan"),
        {"program": program.pk, "kode": "ZZ.1234.ABC.001", "nama": "Kegiatan Uji", "urutan": "0"},
    )
    assert r.status_code == 302
    kegiatan = program.kegiatan.get()
    assert client.get(_url("perencanaan_anggaran_kegiatan_pagu", kegiatan.pk)).status_code == 200
    r = client.post(
        _url("perencanaan_anggaran_kegiatan_ubah", kegiatan.pk),
        {"program": program.pk, "kode": "ZZ.1234.ABC.002", "nama": "Diubah", "urutan": "1"},
    )
    assert r.status_code == 302
    kegiatan.refresh_from_db()
    assert (kegiatan.kode, kegiatan.nama) == ("ZZ.1234.ABC.002", "Diubah")
    # The same code twice: refused with a message, nothing added.
    r = client.post(
        _url("perencanaan_anggaran_program"), {"kode": "ZZ", "nama": "Lagi", "urutan": "0"}
    )
    assert r.status_code == 400
    assert org.program.filter(kode="ZZ").count() == 1


def test_it_reads_the_index_in_few_queries(client, org, admin_org, django_assert_max_num_queries):
    client.force_login(admin_org)
    with django_assert_max_num_queries(15):
        assert client.get(_url("perencanaan_anggaran")).status_code == 200


def test_it_keeps_a_kegiatan_realisasi_when_its_cell_is_empty(client, org, admin_org):
    AnggaranKegiatan.objects.filter(kegiatan__kode="WA.3355", tahun=2024).update(
        realisasi=2700000000
    )
    client.force_login(admin_org)
    r = _unggah(client, _xlsx({"WA": [["WA.3355", "Dukungan", "2.800.000.000", None]]}))
    assert r.status_code == 302
    assert client.post(r.url, {"simpan": "1"}).status_code == 302
    ak = AnggaranKegiatan.objects.get(kegiatan__kode="WA.3355", tahun=2024)
    assert (ak.pagu, ak.realisasi) == (Decimal(2800000000), Decimal(2700000000))
