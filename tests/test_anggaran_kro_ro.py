"""KRO/RO codes of a kegiatan: typed on the budget page, checked for format, shown as the
DIPA writes them in the LAKIP, carried by the plan workbook and the realisation import."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from anggaran.models import Kegiatan
from inti.galat import Ditolak
from laporan import tabel
from laporan.rencana.impor import rencana_impor
from laporan.selectors import data_lakip
from organisasi.models import Pengguna
from perencanaan.anggaran.layanan import kegiatan_simpan
from tests.pembuat import pengguna

pytestmark = pytest.mark.django_db


def _url(nama: str, *args) -> str:
    return reverse(nama, args=["kpu-bengkulu-utara", 2024, *args])


def _ubah(client, k: Kegiatan, kro: str, ro: str):
    return client.post(
        _url("perencanaan_anggaran_kegiatan_ubah", k.pk),
        {
            "program": k.program_id,
            "kode": k.kode,
            "nama": k.nama,
            "kode_kro": kro,
            "kode_ro": ro,
            "urutan": k.urutan,
        },
    )


def _wa3355(org) -> Kegiatan:
    return Kegiatan.objects.select_related("program").get(program__organisasi=org, kode="WA.3355")


def test_it_saves_the_codes_typed_in_lower_case_and_the_lakip_shows_them(client, org, admin_org):
    client.force_login(admin_org)
    r = _ubah(client, _wa3355(org), "eba", "eba.994")
    assert r.status_code == 302
    k = _wa3355(org)
    assert (k.kode_kro, k.kode_ro) == ("EBA", "EBA.994")
    assert "EBA.994" in client.get(_url("perencanaan_anggaran")).content.decode()
    (t,) = tabel.pagu(data_lakip(organisasi=org, tahun=2024))
    kode = [b.sel[0] for b in t.baris]
    assert "WA.3355.EBA.994" in kode
    assert "WA.3360" in kode  # a kegiatan without codes keeps its own
    riwayat = k.history.order_by("-history_date").first()
    assert (riwayat.kode_ro, riwayat.history_user) == ("EBA.994", admin_org)


@pytest.mark.parametrize(
    ("kro", "ro", "pesan"),
    [
        ("EB", "", "Kode KRO &#x27;EB&#x27; tidak sah"),
        ("EBA", "EBA994", "Kode RO &#x27;EBA994&#x27; tidak sah"),
        ("EBA", "EBB.994", "Kode RO EBB.994 harus diawali kode KRO kegiatan ini (EBA)."),
        ("", "EBA.994", "Kode RO EBA.994 harus diawali kode KRO kegiatan ini (belum diisi)."),
    ],
)
def test_it_refuses_bad_codes_and_changes_nothing(client, org, admin_org, kro, ro, pesan):
    client.force_login(admin_org)
    k = _wa3355(org)
    jumlah_riwayat = k.history.count()
    r = _ubah(client, k, kro, ro)
    assert r.status_code == 400
    assert pesan in r.content.decode()
    k.refresh_from_db()
    assert (k.kode_kro, k.kode_ro) == ("", "")
    assert k.history.count() == jumlah_riwayat


def test_it_answers_403_to_staff_and_404_to_another_organisations_admin(
    client, org, org_lain, staf_keuangan
):
    k = _wa3355(org)
    client.force_login(staf_keuangan)
    assert _ubah(client, k, "EBA", "").status_code == 403
    client.force_login(pengguna("admin-lebong", organisasi=org_lain, peran=Pengguna.Peran.ADMIN))
    assert _ubah(client, k, "EBA", "").status_code == 404
    assert _wa3355(org).kode_kro == ""
    with pytest.raises(Ditolak, match="Hanya admin organisasi ini"):
        kegiatan_simpan(
            pengguna=staf_keuangan,
            program=k.program,
            kegiatan=k,
            kode=k.kode,
            nama=k.nama,
            kode_kro="EBA",
        )


def _lembar_anggaran(berkas) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(berkas)["Anggaran"]


def test_it_carries_the_codes_through_the_plan_workbook(org, admin_org, tmp_path):
    kegiatan_simpan(
        pengguna=admin_org,
        program=_wa3355(org).program,
        kegiatan=_wa3355(org),
        kode="WA.3355",
        nama=_wa3355(org).nama,
        kode_kro="EBA",
        kode_ro="EBA.994",
    )
    berkas = tmp_path / "rencana.xlsx"
    call_command("export_rencana", org=org.slug, year=2024, output=berkas, stdout=io.StringIO())
    ws = _lembar_anggaran(berkas)
    judul = [c.value for c in ws[1]]
    assert judul[-2:] == ["Kode KRO", "Kode RO"]
    baris = [
        r for r in ws.iter_rows(values_only=True) if r[judul.index("Kode Kegiatan")] == "WA.3355"
    ]
    assert baris[0][-2:] == ("EBA", "EBA.994")
    call_command(
        "import_rencana", str(berkas), org="kpu-salinan", create=True, stdout=io.StringIO()
    )
    salinan = Kegiatan.objects.get(program__organisasi__slug="kpu-salinan", kode="WA.3355")
    assert (salinan.kode_kro, salinan.kode_ro) == ("EBA", "EBA.994")


def test_it_refuses_a_plan_workbook_with_a_bad_ro_naming_its_row(org, tmp_path):
    berkas = tmp_path / "rencana.xlsx"
    call_command("export_rencana", org=org.slug, year=2024, output=berkas, stdout=io.StringIO())
    wb = openpyxl.load_workbook(berkas)
    ws = wb["Anggaran"]
    judul = [c.value for c in ws[1]]
    nomor = next(
        i
        for i, r in enumerate(ws.iter_rows(values_only=True), start=1)
        if r[judul.index("Kode Kegiatan")] == "WA.3355"
    )
    ws.cell(nomor, judul.index("Kode KRO") + 1, "EBA")
    ws.cell(nomor, judul.index("Kode RO") + 1, "EBA-994")
    keluaran = io.BytesIO()
    wb.save(keluaran)
    with pytest.raises(Ditolak, match=f"baris {nomor}.*Kode RO 'EBA-994' tidak sah"):
        rencana_impor(pengguna=None, slug=org.slug, isi=keluaran.getvalue())
    assert _wa3355(org).kode_ro == ""


def _xlsx(baris: list[list]) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.title = "WA"
    ws.append(["Kode", "Uraian", "Pagu (Rp)", "Realisasi (Rp)", "KRO", "RO"])
    for b in baris:
        ws.append(b)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    keluaran.seek(0)
    keluaran.name = "realisasi.xlsx"
    return keluaran


def test_it_imports_codes_from_the_realisation_sheet(client, org, admin_org):
    client.force_login(admin_org)
    r = client.post(
        _url("perencanaan_anggaran_impor"),
        {"berkas": _xlsx([["WA.3355", "", "2.764.680.000", "", "eba", "EBA.994"]])},
    )
    assert r.status_code == 302
    assert client.post(r.url, {"simpan": "1"}).status_code == 302
    k = _wa3355(org)
    assert (k.kode_kro, k.kode_ro) == ("EBA", "EBA.994")


def test_it_refuses_a_bad_code_in_the_realisation_sheet_naming_the_row(client, org, admin_org):
    client.force_login(admin_org)
    r = client.post(
        _url("perencanaan_anggaran_impor"),
        {"berkas": _xlsx([["WA.3355", "", "2.764.680.000", "", "EBA", "EBX.994"]])},
    )
    assert r.status_code == 400
    assert "WA, baris 2: Kode RO EBX.994 harus diawali kode KRO" in r.content.decode()
    assert _wa3355(org).kode_ro == ""
