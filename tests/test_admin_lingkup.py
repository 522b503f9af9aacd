"""The Django admin is scoped to the user's organisation: an admin of another organisation,
holding every model permission, neither sees, opens, changes nor imports the reference
organisation's rows. Only superusers see every organisation."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.models import Realisasi
from organisasi.admin_lingkup import BELUM, LingkupAdmin, LingkupInline
from organisasi.models import Organisasi, Pengguna

pytestmark = pytest.mark.django_db

APLIKASI = {"organisasi", "renstra", "kinerja", "anggaran", "logistik", "laporan"}
TERDAFTAR = [
    (model, model_admin)
    for model, model_admin in admin.site._registry.items()
    if model._meta.app_label in APLIKASI
]


@pytest.fixture
def admin_lain(org_lain) -> Pengguna:
    """The admin of another organisation, with every model permission there is."""
    user = Pengguna.objects.create_user(
        username="admin-lebong-uji",
        password="kata-sandi-uji-123",
        organisasi=org_lain,
        peran=Pengguna.Peran.ADMIN,
        is_staff=True,
    )
    user.user_permissions.set(Permission.objects.all())
    return user


@pytest.fixture
def klien_lain(client, admin_lain):
    client.force_login(admin_lain)
    return client


@pytest.fixture
def baris_lengkap(org, admin_org):
    """One row of the reference organisation for the models the reference year leaves
    empty (periods, locks, evidence, finals, users), made directly: only their scope matters."""
    from django.utils import timezone

    from kinerja.models import (
        BuktiDukung,
        JadwalPeriode,
        KunciTahun,
        PembukaanPeriode,
        PengingatTerkirim,
        StandarNasional,
        TenggatWaktu,
    )
    from laporan.models import LaporanFinal, LaporanKinerja

    sekarang = timezone.now()
    realisasi = Realisasi.objects.filter(indikator__sasaran__renstra__organisasi=org).first()
    JadwalPeriode.objects.create(
        organisasi=org, tahun=2030, periode="tw1", tanggal_tutup="2030-04-15"
    )
    StandarNasional.objects.create(
        indikator=realisasi.indikator, tahun=2030, nilai=100, sumber="uji"
    )
    KunciTahun.objects.create(organisasi=org, tahun=2030, alasan="uji", dikunci_pada=sekarang)
    TenggatWaktu.objects.create(organisasi=org, tahun=2030, jenis="lakip", tanggal="2031-03-31")
    PengingatTerkirim.objects.create(
        pengguna=org.pengguna.first(), jenis="tenggat", kunci="lakip:2030:", tanggal="2031-03-24"
    )
    PembukaanPeriode.objects.create(
        unit_kerja=org.unit.get(slug="keuangan"),
        tahun=2030,
        periode="tw1",
        sampai="2030-05-01",
        alasan="uji",
        dibuka_pada=sekarang,
    )
    BuktiDukung.objects.create(
        realisasi=realisasi, berkas="bukti/uji.pdf", nama_asli="uji.pdf", jenis_konten="a", ukuran=1
    )
    LaporanFinal.objects.create(
        laporan=LaporanKinerja.objects.filter(organisasi=org).first(),
        versi=99,
        berkas="final/uji.pdf",
        sha256="0" * 64,
        sidik_html="0" * 64,
        ukuran=1,
        difinalkan_pada=sekarang,
        dibuka_pada=sekarang,
    )


def _jalur_sampai_organisasi(model, jalur: str) -> type:
    for nama in jalur.split("__") if jalur else []:
        model = model._meta.get_field(nama).related_model
    return model


# ---------------------------------------------------------------- nothing forgotten


@pytest.mark.parametrize("model_admin", [a for _, a in admin.site._registry.items()], ids=str)
def test_it_scopes_every_registered_model_admin(model_admin):
    assert isinstance(model_admin, LingkupAdmin)
    jalur = model_admin.lingkup_organisasi
    assert jalur is not BELUM, f"{model_admin} does not declare lingkup_organisasi"
    if jalur is not None:
        assert _jalur_sampai_organisasi(model_admin.model, jalur) is Organisasi
    for inline in model_admin.inlines:
        assert issubclass(inline, LingkupInline), inline


def test_it_keeps_shared_models_to_superusers(rf, admin_lain):
    """Models shared by every organisation are never changed by an organisation's admin."""
    permintaan = rf.get("/")
    permintaan.user = admin_lain
    for model_admin in admin.site._registry.values():
        if model_admin.lingkup_organisasi is None:
            assert not model_admin.has_change_permission(permintaan), model_admin
            assert not model_admin.has_add_permission(permintaan), model_admin


# ---------------------------------------------------------------- lists and change pages


@pytest.mark.parametrize(
    "model_admin",
    [a for _, a in TERDAFTAR if getattr(a, "lingkup_organisasi", None) is not None],
    ids=str,
)
def test_it_lists_no_row_of_another_organisation(klien_lain, org, baris_lengkap, model_admin):
    model, jalur = model_admin.model, model_admin.lingkup_organisasi
    milik_org = model._default_manager.filter(**{jalur or "pk": org.pk})
    assert milik_org.exists(), "the reference year should have a row of this model"
    opts = model._meta
    respons = klien_lain.get(f"/admin/{opts.app_label}/{opts.model_name}/")
    assert respons.status_code == 200
    ditampilkan = respons.context["cl"].queryset
    assert not ditampilkan.filter(**{jalur or "pk": org.pk}).exists()

    contoh = milik_org.first()
    ubah = klien_lain.get(f"/admin/{opts.app_label}/{opts.model_name}/{contoh.pk}/change/")
    assert ubah.status_code == 302
    pesan = [str(m) for m in ubah.wsgi_request._messages]
    assert any("tidak ada" in p for p in pesan), pesan
    riwayat = klien_lain.get(f"/admin/{opts.app_label}/{opts.model_name}/{contoh.pk}/history/")
    assert riwayat.status_code in (302, 404)
    assert str(contoh) not in riwayat.content.decode()


def test_it_refuses_to_change_or_delete_a_row_of_another_organisation(klien_lain, org):
    realisasi = Realisasi.objects.filter(indikator__sasaran__renstra__organisasi=org).first()
    nilai = realisasi.nilai
    alamat = f"/admin/kinerja/realisasi/{realisasi.pk}/"
    assert klien_lain.post(alamat + "change/", {"nilai": "1"}).status_code == 302
    assert klien_lain.post(alamat + "delete/", {"post": "yes"}).status_code == 302
    klien_lain.post(
        "/admin/kinerja/realisasi/",
        {"action": "delete_selected", "_selected_action": [realisasi.pk], "post": "yes"},
    )
    realisasi.refresh_from_db()
    assert realisasi.nilai == nilai


def test_it_offers_only_the_own_organisation_in_choices(klien_lain, org_lain):
    form = klien_lain.get("/admin/kinerja/perjanjiankinerja/add/").context["adminform"].form
    assert list(form.fields["organisasi"].queryset) == [org_lain]
    assert not form.fields["pihak_pertama"].queryset.exclude(organisasi=org_lain).exists()
    form = klien_lain.get("/admin/kinerja/realisasi/add/").context["adminform"].form
    assert not form.fields["indikator"].queryset.exists()  # Lebong has no Renstra


def test_it_shows_no_superuser_and_grants_no_superuser_status(klien_lain, admin_lain):
    Pengguna.objects.create_superuser("akar-uji", password="kata-sandi-uji-123")
    daftar = klien_lain.get("/admin/organisasi/pengguna/").context["cl"].queryset
    assert not daftar.filter(is_superuser=True).exists()
    assert not daftar.exclude(organisasi=admin_lain.organisasi).exists()
    form = klien_lain.get(f"/admin/organisasi/pengguna/{admin_lain.pk}/change/").context[
        "adminform"
    ]
    assert "is_superuser" not in form.form.fields
    assert "user_permissions" not in form.form.fields


def test_it_still_shows_a_superuser_every_organisation(client, org):
    client.force_login(Pengguna.objects.create_superuser("akar-uji", password="x-uji-123456"))
    daftar = client.get("/admin/kinerja/realisasi/").context["cl"].queryset
    assert daftar.filter(indikator__sasaran__renstra__organisasi=org).count() == (
        Realisasi.objects.count()
    )


def test_it_tells_a_superuser_whose_unit_a_new_account_joins(client, org, org_lain):
    client.force_login(Pengguna.objects.create_superuser("akar-uji", password="x-uji-123456"))
    form = client.get("/admin/organisasi/pengguna/add/").context["adminform"].form
    pilihan = [label for _, label in form.fields["unit_kerja"].choices]
    assert "Subbagian Keuangan (KPU Lebong)" in pilihan
    assert "Subbagian Keuangan, Umum dan Logistik (KPU Kabupaten Bengkulu Utara)" in pilihan
    # A unit of another organisation is refused, and no account is made.
    respons = client.post(
        "/admin/organisasi/pengguna/add/",
        {
            "username": "staf-lebong-uji",
            "usable_password": "true",
            "password1": "kata-sandi-uji-123",
            "password2": "kata-sandi-uji-123",
            "organisasi": org_lain.pk,
            "unit_kerja": org.unit.get(slug="keuangan").pk,
            "peran": Pengguna.Peran.STAF,
        },
    )
    assert respons.status_code == 200
    assert respons.context["adminform"].form.non_field_errors() == [
        "Unit kerja Subbagian Keuangan, Umum dan Logistik bukan unit dari organisasi pengguna."
    ]
    assert not Pengguna.objects.filter(username="staf-lebong-uji").exists()


# ---------------------------------------------------------------- imports


def _impor_csv(client, model: str, isi: str):
    berkas = SimpleUploadedFile("impor.csv", isi.encode("utf-8"))
    return client.post(
        f"/admin/{model}/import/", {"import_file": berkas, "format": "1", "resource": "0"}
    )


@pytest.mark.parametrize("periode", ["tahunan", "tw1"])
def test_it_refuses_an_import_row_of_another_organisation(klien_lain, org, periode):
    """The reproduction: the other organisation's admin imported a verified value into the
    reference organisation (tahunan exists, tw1 would be a new row)."""
    sebelum = list(Realisasi.objects.order_by("pk").values_list("pk", "nilai", "status", "versi"))
    respons = _impor_csv(
        klien_lain,
        "kinerja/realisasi",
        "organisasi,kode_indikator,tahun,periode,nilai,status\n"
        f"kpu-bengkulu-utara,s3-sarana-ti,2024,{periode},50,diverifikasi\n",
    )
    assert respons.status_code == 200
    hasil = respons.context["result"]
    assert hasil.has_validation_errors()
    pesan = " ".join(str(e) for r in hasil.invalid_rows for e in r.error_dict.values())
    assert "milik organisasi lain" in pesan
    assert "confirm_form" not in respons.context or respons.context["confirm_form"] is None
    assert (
        list(Realisasi.objects.order_by("pk").values_list("pk", "nilai", "status", "versi"))
        == sebelum
    )


def test_it_refuses_an_import_of_another_organisations_budget(klien_lain, org):
    from anggaran.models import AnggaranKegiatan

    sebelum = list(AnggaranKegiatan.objects.values_list("pk", "pagu", "realisasi"))
    respons = _impor_csv(
        klien_lain,
        "anggaran/anggarankegiatan",
        "organisasi,kode_program,kode_kegiatan,tahun,pagu,realisasi,sumber_dana\n"
        "kpu-bengkulu-utara,CQ,CQ.6867,2024,1,1,apbn\n",
    )
    hasil = respons.context["result"]
    pesan = " ".join(str(e) for r in hasil.invalid_rows for e in r.error_dict.values())
    assert "milik organisasi lain" in pesan
    assert list(AnggaranKegiatan.objects.values_list("pk", "pagu", "realisasi")) == sebelum
