"""The profile pages of Perencanaan: the organisation's admins keep its identity, units,
duties, officials and staff counts; everyone else reads, and a write answers 403."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from inti.galat import TidakBerwenang
from kinerja.models import PerjanjianKinerja
from kinerja.perjanjian.sidik import isi_perjanjian
from laporan.models import LaporanKinerja
from organisasi.models import (
    JumlahPegawai,
    Organisasi,
    Pejabat,
    Pengguna,
    UnitKerja,
    UraianTugas,
)
from perencanaan.profil import services
from tests.pembuat import pengguna

pytestmark = pytest.mark.django_db

ORG = "kpu-bengkulu-utara"
PROFIL = f"/perencanaan/{ORG}/profil/"


def _png() -> bytes:
    berkas = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(berkas, "PNG")
    return berkas.getvalue()


def _data_profil(org: Organisasi, **ubah) -> dict:
    data = {k: getattr(org, k) for k in services.KOLOM_PROFIL}
    data.update(ubah)
    return data


def _data_pejabat(p: Pejabat, **ubah) -> dict:
    data = {
        "nama": p.nama,
        "nip": p.nip,
        "jabatan": p.jabatan,
        "jabatan_ttd": p.jabatan_ttd,
        "pelaksana": p.pelaksana,
        "peran": p.peran,
        "unit_kerja": p.unit_kerja_id or "",
        "pengguna": p.pengguna_id or "",
        "mulai": p.mulai.isoformat(),
        "selesai": p.selesai.isoformat() if p.selesai else "",
    }
    data.update(ubah)
    return data


def test_it_shows_the_admin_edits_in_the_lakip_letterhead(client, admin_org, org):
    client.force_login(admin_org)
    respons = client.post(PROFIL, _data_profil(org, telepon="(0737) 521-999", kota="Argamakmur"))
    assert respons.status_code == 302
    org.refresh_from_db()
    assert (org.telepon, org.kota) == ("(0737) 521-999", "Argamakmur")
    lakip = client.get(f"/laporan/{ORG}/2024/").content.decode()
    assert "Telp. (0737) 521-999" in lakip
    assert ", Argamakmur" in lakip


def test_it_refuses_a_staff_member_with_403_and_changes_nothing(client, staf_keuangan, org):
    client.force_login(staf_keuangan)
    assert client.get(PROFIL).status_code == 200
    respons = client.post(PROFIL, _data_profil(org, telepon="0000"))
    assert respons.status_code == 403
    assert Organisasi.objects.get(pk=org.pk).telepon == org.telepon
    with pytest.raises(TidakBerwenang):
        services.organisasi_ubah(organisasi=org, nilai={"telepon": "0000"}, oleh=staf_keuangan)


def test_it_answers_404_to_the_admin_of_another_organisation(client, org_lain, org):
    admin_lain = pengguna("admin-lebong", organisasi=org_lain, peran="admin")
    client.force_login(admin_lain)
    for url in [f"/perencanaan/{ORG}/", PROFIL, f"/perencanaan/{ORG}/profil/pejabat/"]:
        assert client.get(url).status_code == 404, url
    assert client.post(PROFIL, _data_profil(org, telepon="0000")).status_code == 404
    assert Organisasi.objects.get(pk=org.pk).telepon == org.telepon


def test_it_keeps_the_parent_for_superusers_only(client, admin_org, org, org_lain):
    client.force_login(admin_org)
    client.post(PROFIL, _data_profil(org, induk=org_lain.pk))
    assert Organisasi.objects.get(pk=org.pk).induk_id is None
    with pytest.raises(TidakBerwenang):
        services.organisasi_ubah(
            organisasi=org, nilai={}, ganti_induk=True, induk=org_lain, oleh=admin_org
        )
    akar = Pengguna.objects.create_superuser(username="akar-uji", password="x-sandi-uji-1")
    client.force_login(akar)
    client.post(PROFIL, _data_profil(org, induk=org_lain.pk))
    assert Organisasi.objects.get(pk=org.pk).induk_id == org_lain.pk
    respons = client.post(
        f"/perencanaan/{org_lain.slug}/profil/", _data_profil(org_lain, induk=org.pk)
    )
    assert "tidak boleh organisasi ini sendiri atau bawahannya" in respons.content.decode()
    assert Organisasi.objects.get(pk=org_lain.pk).induk_id is None


def test_it_takes_a_png_logo_and_refuses_a_disguised_file(client, admin_org, org):
    client.force_login(admin_org)
    palsu = SimpleUploadedFile("logo.png", b"<html>bukan gambar</html>", "image/png")
    respons = client.post(PROFIL, {**_data_profil(org), "logo": palsu})
    assert respons.status_code == 200
    assert "Unggah gambar yang valid" in respons.content.decode()
    assert not Organisasi.objects.get(pk=org.pk).logo
    asli = SimpleUploadedFile("logo.png", _png(), "image/png")
    assert client.post(PROFIL, {**_data_profil(org), "logo": asli}).status_code == 302
    assert Organisasi.objects.get(pk=org.pk).logo.name.startswith("logo/")


def test_it_refuses_a_bad_nip_with_a_message(client, admin_org, org):
    pejabat = Pejabat.objects.filter(organisasi=org).first()
    client.force_login(admin_org)
    respons = client.post(
        f"/perencanaan/{ORG}/profil/pejabat/{pejabat.pk}/",
        _data_pejabat(pejabat, nip="19800101 2005"),
    )
    assert respons.status_code == 200
    assert "NIP harus 18 angka" in respons.content.decode()
    assert Pejabat.objects.get(pk=pejabat.pk).nip == pejabat.nip


def test_it_takes_a_nip_typed_with_the_spaces_of_the_decree(client, admin_org, org):
    pejabat = Pejabat.objects.filter(organisasi=org).first()
    alamat = f"/perencanaan/{ORG}/profil/pejabat/{pejabat.pk}/"
    client.force_login(admin_org)
    # The browser stops typing at maxlength: the spaced form has to fit in it.
    assert 'maxlength="21"' in client.get(alamat).content.decode()
    respons = client.post(alamat, _data_pejabat(pejabat, nip="19800101 200501 2 001"))
    assert respons.status_code == 302
    assert Pejabat.objects.get(pk=pejabat.pk).nip == "198001012005012001"


def test_it_prints_plt_before_the_title_of_an_acting_official(client, admin_org, org):
    laporan = LaporanKinerja.objects.get(organisasi=org, tahun=2024)
    pejabat = laporan.penandatangan
    client.force_login(admin_org)
    respons = client.post(
        f"/perencanaan/{ORG}/profil/pejabat/{pejabat.pk}/",
        _data_pejabat(pejabat, pelaksana="plt"),
    )
    assert respons.status_code == 302
    pejabat.refresh_from_db()
    assert pejabat.sebutan_ttd == f"Plt. {pejabat.jabatan_ttd or pejabat.jabatan}"
    assert pejabat.history.first().pelaksana == "plt"
    lakip = client.get(f"/laporan/{ORG}/2024/").content.decode()
    assert f"PLT. {(pejabat.jabatan_ttd or pejabat.jabatan).upper()}" in lakip
    # A new agreement signed by the acting official carries the title in its content; the
    # signed 2024 ones keep the words they were signed with (frozen content).
    atasan = Pejabat.objects.filter(organisasi=org).exclude(pk=pejabat.pk).first()
    draf = PerjanjianKinerja.objects.create(
        organisasi=org, tahun=2025, pihak_pertama=pejabat, pihak_kedua=atasan
    )
    isi = isi_perjanjian(draf)
    assert isi["pihak_pertama"]["jabatan_ttd"] == f"Plt. {pejabat.jabatan_ttd or pejabat.jabatan}"


def test_it_links_only_accounts_of_the_organisation(admin_org, org, org_lain):
    luar = pengguna("staf-lebong", organisasi=org_lain, peran="admin")
    pejabat = Pejabat.objects.filter(organisasi=org, pengguna__isnull=True).first()
    with pytest.raises(services.Ditolak, match="akun organisasi ini"):
        services.pejabat_simpan(
            organisasi=org, pejabat=pejabat, nilai={"pengguna": luar}, oleh=admin_org
        )


def test_it_refuses_to_delete_a_unit_still_referred_to(client, admin_org, org, staf_keuangan):
    unit = UnitKerja.objects.get(organisasi=org, slug="keuangan")
    client.force_login(admin_org)
    respons = client.post(f"/perencanaan/{ORG}/profil/unit/{unit.pk}/hapus/", follow=True)
    assert "tidak dapat dihapus karena masih dirujuk" in respons.content.decode()
    assert UnitKerja.objects.filter(pk=unit.pk).exists()


def test_it_adds_edits_and_deletes_a_free_unit(client, admin_org, org):
    client.force_login(admin_org)
    data = {
        "nama": "Subbagian Uji",
        "nama_singkat": "Uji",
        "slug": "uji",
        "jenis": "subbagian",
        "tugas": "Menguji.",
        "urutan": "9",
    }
    assert client.post(f"/perencanaan/{ORG}/profil/unit/baru/", data).status_code == 302
    unit = UnitKerja.objects.get(organisasi=org, slug="uji")
    respons = client.post(f"/perencanaan/{ORG}/profil/unit/baru/", data)
    assert respons.status_code == 200  # the slug is taken
    assert UnitKerja.objects.filter(organisasi=org, slug="uji").count() == 1
    client.post(f"/perencanaan/{ORG}/profil/unit/{unit.pk}/hapus/")
    assert not UnitKerja.objects.filter(pk=unit.pk).exists()


def _formset(prefix: str, baris: list[dict], *, awal: int = 0) -> dict:
    """The POST of a formset page whose first `awal` rows show the saved values."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(baris)),
        f"{prefix}-INITIAL_FORMS": str(awal),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, b in enumerate(baris):
        data.update({f"{prefix}-{i}-{k}": v for k, v in b.items()})
    return data


def test_it_saves_the_staff_counts_of_a_year_all_or_nothing(client, admin_org, org):
    url = f"/perencanaan/{ORG}/profil/pegawai/2025/"
    client.force_login(admin_org)
    baris = [
        {"status_kepegawaian": "PNS", "jumlah": "20", "urutan": "1"},
        {"status_kepegawaian": "PPPK", "jumlah": "3", "urutan": "2"},
    ]
    assert client.post(url, _formset("pegawai", baris)).status_code == 302
    assert list(
        JumlahPegawai.objects.filter(organisasi=org, tahun=2025).values_list("jumlah", flat=True)
    ) == [20, 3]
    dobel = [*baris, {"status_kepegawaian": "pns", "jumlah": "1", "urutan": "3"}]
    respons = client.post(url, _formset("pegawai", dobel, awal=2))
    assert "tidak boleh disebut dua kali" in respons.content.decode()
    assert JumlahPegawai.objects.filter(organisasi=org, tahun=2025).count() == 2


def test_it_replaces_the_duties_in_order(client, admin_org, org):
    client.force_login(admin_org)
    baris = [
        {"jenis": "tugas", "urutan": "1", "teks": "Melaksanakan pemilu."},
        {"jenis": "fungsi", "urutan": "1", "teks": "Menyusun program."},
    ]
    url = f"/perencanaan/{ORG}/profil/uraian-tugas/"
    awal = UraianTugas.objects.filter(organisasi=org).count()
    baris += [{"jenis": "tugas", "urutan": "", "teks": "", "DELETE": "on"}] * (awal - len(baris))
    respons = client.post(url, _formset("uraian", baris, awal=awal))
    assert respons.status_code == 302
    assert list(UraianTugas.objects.filter(organisasi=org).values_list("jenis", "teks")) == [
        ("fungsi", "Menyusun program."),
        ("tugas", "Melaksanakan pemilu."),
    ]


def test_it_lists_the_three_parts_on_the_index(client, admin_org):
    client.force_login(admin_org)
    assert client.get("/perencanaan/").url == f"/perencanaan/{ORG}/"
    html = client.get(f"/perencanaan/{ORG}/").content.decode()
    assert f"/perencanaan/{ORG}/renstra/" in html
    assert f"/perencanaan/{ORG}/anggaran/" in html
    assert "Perencanaan</a>" in client.get("/").content.decode()


def test_it_renders_every_page_for_admins_and_readers_without_inline_code(
    client, admin_org, staf_keuangan, org
):
    unit = UnitKerja.objects.filter(organisasi=org).first()
    pejabat = Pejabat.objects.filter(organisasi=org).first()
    baca = [
        f"/perencanaan/{ORG}/",
        PROFIL,
        f"/perencanaan/{ORG}/profil/unit/",
        f"/perencanaan/{ORG}/profil/uraian-tugas/",
        f"/perencanaan/{ORG}/profil/pejabat/",
        f"/perencanaan/{ORG}/profil/pegawai/2024/",
    ]
    ubah = [
        f"/perencanaan/{ORG}/profil/unit/baru/",
        f"/perencanaan/{ORG}/profil/unit/{unit.pk}/",
        f"/perencanaan/{ORG}/profil/pejabat/baru/",
        f"/perencanaan/{ORG}/profil/pejabat/{pejabat.pk}/",
    ]
    for orang, boleh in [(admin_org, True), (staf_keuangan, False)]:
        client.force_login(orang)
        for url in baca + ubah:
            respons = client.get(url)
            assert respons.status_code == (200 if boleh or url in baca else 403), url
            html = respons.content.decode()
            assert " style=" not in html and "<script>" not in html and " onclick" not in html
        assert ('name="telepon"' in client.get(PROFIL).content.decode()) == boleh
