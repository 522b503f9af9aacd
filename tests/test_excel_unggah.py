"""The upload page: staff download their unit's template, fill it, upload it, see every change
first and save it on confirmation. The values then follow the submit → verify path."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.models import Realisasi, penyimpanan_pribadi
from kinerja.realisasi.services.isian import IsianBaris, realisasi_simpan_formulir
from renstra.models import IndikatorKinerja
from tests.isian import url
from tests.lembar import isi_templat

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]


def _unduh(client, tmp_path, unit="keuangan", periode="tw1", nama=None):
    respons = client.get(url(unit, periode=periode, aksi="templat.xlsx").rstrip("/"))
    assert respons.status_code == 200
    berkas = tmp_path / (nama or f"realisasi-{unit}-2024-{periode}.xlsx")
    berkas.write_bytes(respons.content)
    return berkas


def _unggah(client, berkas, unit="keuangan", periode="tw1"):
    unggahan = SimpleUploadedFile(berkas.name, berkas.read_bytes())
    return client.post(url(unit, periode=periode, aksi="impor"), {"berkas": unggahan})


def _nilai(kode: str, periode: str = "tw1") -> Realisasi:
    return Realisasi.objects.get(indikator__kode=kode, tahun=2024, periode=periode)


def test_it_previews_every_change_and_saves_only_when_confirmed(client, staf_keuangan, tmp_path):
    client.force_login(staf_keuangan)
    berkas = _unduh(client, tmp_path)
    nomor = isi_templat(
        berkas,
        {
            "s3-sarana-ti": {"Realisasi": "85,5", "Kendala": "Jaringan putus"},
            "s9-bmn": {"Realisasi": 100},
        },
    )
    respons = _unggah(client, berkas)
    assert respons.status_code == 302
    pratinjau = client.get(respons["Location"])
    assert pratinjau.status_code == 200
    html = pratinjau.content.decode()
    perubahan = {p.indikator.kode: p for p in pratinjau.context["rencana"].perubahan}
    assert set(perubahan) == {"s3-sarana-ti", "s9-bmn"}
    ti = perubahan["s3-sarana-ti"]
    assert (ti.nomor, ti.teks_lama, ti.teks_baru) == (nomor["s3-sarana-ti"], "", "85,5\u00a0%")
    assert ti.hasil.persen == Decimal("85.50") and ti.kategori.nama == "Cukup Berhasil"
    assert "85,50\u00a0%" in html and "Cukup Berhasil" in html
    assert "Simpan 2 perubahan" in html
    # Nothing is saved by the upload or the preview.
    assert not Realisasi.objects.filter(tahun=2024, periode="tw1").exists()

    simpan = client.post(respons["Location"], {})
    assert simpan.status_code == 302 and simpan["Location"] == url(periode="tw1")
    ti = _nilai("s3-sarana-ti")
    assert (ti.nilai, ti.kendala, ti.status, ti.diubah_oleh) == (
        Decimal("85.5"),
        "Jaringan putus",
        "draf",
        staf_keuangan,
    )
    catatan = ti.history.get()
    assert catatan.history_change_reason == "Impor dari realisasi-keuangan-2024-tw1.xlsx"
    assert catatan.history_user == staf_keuangan
    # The uploaded file does not outlive the import.
    assert penyimpanan_pribadi().listdir("impor")[1] == []
    halaman = client.get(simpan["Location"]).content.decode()
    assert "Impor dari realisasi-keuangan-2024-tw1.xlsx: 2 nilai baru, 0 nilai diubah." in halaman


def test_it_sends_imported_values_down_the_submit_and_verify_path(
    client, staf_keuangan, kepala_keuangan, tmp_path
):
    client.force_login(staf_keuangan)
    berkas = _unduh(client, tmp_path)
    isi_templat(berkas, {"s9-bmn": {"Realisasi": 90}})
    client.post(_unggah(client, berkas)["Location"], {})
    assert client.post(url(periode="tw1", aksi="ajukan")).status_code == 302
    bmn = _nilai("s9-bmn")
    assert bmn.status == "diajukan"
    client.force_login(kepala_keuangan)
    respons = client.post(
        url(periode="tw1", aksi="verifikasi"),
        {"pilih": [f"{bmn.pk}:{bmn.versi}"], "aksi": "verifikasi"},
    )
    assert respons.status_code == 302
    assert _nilai("s9-bmn").status == "diverifikasi"


def test_it_refuses_a_file_with_a_bad_row_naming_the_row_and_saving_nothing(
    client, staf_keuangan, tmp_path
):
    client.force_login(staf_keuangan)
    berkas = _unduh(client, tmp_path)
    nomor = isi_templat(
        berkas,
        {"s3-sarana-ti": {"Realisasi": 95}, "s9-bmn": {"Realisasi": "sembilan puluh"}},
    )
    respons = _unggah(client, berkas)
    assert respons.status_code == 400
    html = respons.content.decode()
    assert "Tidak ada yang disimpan: 1 baris perlu diperbaiki." in html
    assert f"baris {nomor['s9-bmn']}: &quot;sembilan puluh&quot; bukan angka." in html
    assert not Realisasi.objects.filter(tahun=2024, periode="tw1").exists()
    assert not penyimpanan_pribadi().exists("impor")


def test_it_refuses_to_change_values_already_verified(client, staf_keuangan, tmp_path):
    """The reference year's yearly values are verified: staff cannot overwrite them."""
    client.force_login(staf_keuangan)
    berkas = _unduh(client, tmp_path, periode="tahunan")
    nomor = isi_templat(berkas, {"s3-sarana-ti": {"Realisasi": 50}})
    respons = _unggah(client, berkas, periode="tahunan")
    assert respons.status_code == 400
    assert (
        f"baris {nomor['s3-sarana-ti']}: Nilai Sarana Bidang Teknologi dan Informasi sudah "
        "diverifikasi dan tidak dapat diubah kecuali dikembalikan oleh verifikator."
    ) in respons.content.decode()
    assert _nilai("s3-sarana-ti", "tahunan").nilai == Decimal("99.87")


def test_it_refuses_a_template_of_another_unit_or_period(client, admin_org, tmp_path):
    client.force_login(admin_org)
    teknis = _unduh(client, tmp_path, unit="teknis")
    respons = _unggah(client, teknis)
    assert respons.status_code == 400
    assert "Berkas ini templat untuk unit teknis, bukan Subbagian Keuangan" in (
        respons.content.decode()
    )
    tw2 = _unduh(client, tmp_path, periode="tw2")
    respons = _unggah(client, tw2)
    assert "Berkas ini templat Triwulan II 2024, bukan Triwulan I." in respons.content.decode()


def test_it_refuses_rows_of_indicators_the_user_may_not_edit(client, staf_keuangan, tmp_path):
    """A row whose hidden code was changed to another unit's indicator is refused."""
    client.force_login(staf_keuangan)
    berkas = _unduh(client, tmp_path)
    nomor = isi_templat(berkas, {"s9-bmn": {"Kode": "s5-sengketa", "Realisasi": 90}})
    respons = _unggah(client, berkas)
    assert respons.status_code == 400
    assert (
        f"baris {nomor['s9-bmn']}: &quot;Persentase Penyelesaian Sengketa Pemilu&quot; adalah "
        "indikator Subbagian Teknis"
    ) in respons.content.decode()
    assert not Realisasi.objects.filter(tahun=2024, periode="tw1").exists()


def test_it_asks_for_a_confirmation_of_values_above_ten_times_the_target(
    client, staf_keuangan, tmp_path
):
    client.force_login(staf_keuangan)
    berkas = _unduh(client, tmp_path)
    isi_templat(berkas, {"s9-bmn": {"Realisasi": 1500}})
    pratinjau = _unggah(client, berkas)["Location"]
    html = client.get(pratinjau).content.decode()
    assert "1 nilai lebih dari sepuluh kali target" in html
    assert 'name="konfirmasi_melebihi"' in html
    respons = client.post(pratinjau, {})
    assert respons.status_code == 400
    assert not Realisasi.objects.filter(tahun=2024, periode="tw1").exists()
    assert client.post(pratinjau, {"konfirmasi_melebihi": "on"}).status_code == 302
    assert _nilai("s9-bmn").nilai == Decimal("1500")


def test_it_checks_the_file_again_when_saving(client, staf_keuangan, tmp_path):
    """A value saved by someone else between preview and confirmation is not overwritten."""
    client.force_login(staf_keuangan)
    berkas = _unduh(client, tmp_path)
    nomor = isi_templat(berkas, {"s9-bmn": {"Realisasi": 90}})
    pratinjau = _unggah(client, berkas)["Location"]
    bmn = IndikatorKinerja.objects.get(kode="s9-bmn")
    realisasi_simpan_formulir(
        pengguna=staf_keuangan,
        unit_kerja=bmn.unit_kerja,
        tahun=2024,
        periode="tw1",
        isian=[IsianBaris(indikator=bmn, versi=0, nilai=Decimal("70"))],
    )
    respons = client.post(pratinjau, {})
    assert respons.status_code == 400
    assert f"baris {nomor['s9-bmn']}: {bmn.nama} sudah diubah oleh" in respons.content.decode()
    assert _nilai("s9-bmn").nilai == Decimal("70")


def test_it_cancels_and_forgets_the_upload(client, staf_keuangan, tmp_path):
    client.force_login(staf_keuangan)
    berkas = _unduh(client, tmp_path)
    isi_templat(berkas, {"s9-bmn": {"Realisasi": 90}})
    pratinjau = _unggah(client, berkas)["Location"]
    # the file and what was read from it
    berkas_tertunda = penyimpanan_pribadi().listdir("impor")[1]
    assert sorted(b.rpartition(".")[2] for b in berkas_tertunda) == ["json", "xlsx"]
    assert client.post(pratinjau, {"batal": "1"}).status_code == 302
    assert penyimpanan_pribadi().listdir("impor")[1] == []
    assert client.get(pratinjau).status_code == 404
    assert not Realisasi.objects.filter(tahun=2024, periode="tw1").exists()


def test_it_keeps_a_pending_upload_to_the_session_that_made_it(
    client, staf_keuangan, admin_org, tmp_path
):
    client.force_login(staf_keuangan)
    berkas = _unduh(client, tmp_path)
    isi_templat(berkas, {"s9-bmn": {"Realisasi": 90}})
    pratinjau = _unggah(client, berkas)["Location"]
    client.force_login(admin_org)
    assert client.get(pratinjau).status_code == 404
    assert client.post(pratinjau, {}).status_code == 404
    assert not Realisasi.objects.filter(tahun=2024, periode="tw1").exists()


@pytest.mark.parametrize(
    ("pengguna", "status"),
    [("kepala_keuangan", 403), ("staf_teknis", 404), ("orang_luar", 404), ("pimpinan", 403)],
)
def test_it_lets_only_those_who_enter_values_upload(client, request, pengguna, status):
    client.force_login(request.getfixturevalue(pengguna))
    assert client.get(url(periode="tw1", aksi="impor")).status_code == status


def test_it_refuses_a_file_that_is_no_workbook(client, staf_keuangan):
    client.force_login(staf_keuangan)
    palsu = SimpleUploadedFile("realisasi.xlsx", b"%PDF-1.4 bukan excel")
    respons = client.post(url(periode="tw1", aksi="impor"), {"berkas": palsu})
    assert respons.status_code == 400
    assert "Unggah templat dalam format Excel (.xlsx)" in respons.content.decode()


def test_it_labels_the_upload_field(client, staf_keuangan):
    client.force_login(staf_keuangan)
    html = client.get(url(periode="tw1", aksi="impor")).content.decode()
    assert re.search(r'<label\s+for="id_berkas"', html)
    assert "Templat yang sudah diisi (Excel .xlsx, paling besar 5 MB)" in html
