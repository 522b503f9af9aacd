"""The plan workbook's page for an organisation's admins: download, upload, preview, save."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inti.xlsx import JENIS_XLSX
from laporan.rencana.ekspor import rencana_ekspor
from renstra.models import TargetRenstra

pytestmark = pytest.mark.django_db


def _unggah(client, org, isi: bytes):
    berkas = SimpleUploadedFile("rencana.xlsx", isi, content_type=JENIS_XLSX)
    return client.post(reverse("laporan:rencana", args=[org.slug]), {"berkas": berkas})


def _ubah(isi: bytes, lembar: str, baris: int, judul: str, nilai) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    ws = wb[lembar]
    ws.cell(row=baris, column=[c.value for c in ws[1]].index(judul) + 1).value = nilai
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def test_it_previews_per_sheet_then_saves_on_confirmation(client, org, admin_org, ruang_pribadi):
    client.force_login(admin_org)
    unduhan = client.get(reverse("laporan:rencana-unduh", args=[org.slug, 2024]))
    assert unduhan["Content-Type"] == JENIS_XLSX
    isi = _ubah(unduhan.content, "Target Renstra", 2, "Target", 42.5)
    ws = openpyxl.load_workbook(io.BytesIO(isi))["Target Renstra"]
    kode, tahun = ws.cell(row=2, column=1).value, ws.cell(row=2, column=3).value
    target = TargetRenstra.objects.get(
        indikator__sasaran__renstra__organisasi=org, indikator__kode=kode, tahun=tahun
    )
    lama = target.nilai

    respons = _unggah(client, org, isi)
    assert respons.status_code == 302
    pratinjau = client.get(respons["Location"])
    assert pratinjau.status_code == 200
    teks = pratinjau.content.decode()
    assert "1 data menjadi baru atau berubah" in teks
    baris = teks[teks.index(">Target Renstra<") :]
    assert [s.split("<")[0] for s in baris.split('class="text-end">')[1:4]] == ["0", "1", "174"]
    target.refresh_from_db()
    assert target.nilai == lama

    token = respons["Location"].rstrip("/").rsplit("/", 1)[1]
    simpan = client.post(reverse("laporan:rencana-simpan", args=[org.slug, token]), {"simpan": ""})
    assert simpan.status_code == 302
    target.refresh_from_db()
    assert str(target.nilai) == "42.5000"


def test_it_names_the_sheet_and_row_of_a_bad_upload(client, org, admin_org, ruang_pribadi):
    client.force_login(admin_org)
    isi = _ubah(rencana_ekspor(organisasi=org, tahun=2024), "Target Perjanjian", 3, "Target", "abc")
    respons = _unggah(client, org, isi)
    assert respons.status_code == 400
    assert "Target Perjanjian, baris 3: &#x27;abc&#x27; bukan angka." in respons.content.decode()


def test_it_is_for_the_organisations_admins_only(client, org, staf_keuangan, orang_luar):
    client.force_login(staf_keuangan)
    assert client.get(reverse("laporan:rencana", args=[org.slug])).status_code == 403
    assert client.get(reverse("laporan:rencana-unduh", args=[org.slug, 2024])).status_code == 403
    client.force_login(orang_luar)
    assert client.get(reverse("laporan:rencana", args=[org.slug])).status_code == 404
