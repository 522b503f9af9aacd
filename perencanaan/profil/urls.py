from django.urls import path

from perencanaan.profil import views, views_akun

urlpatterns = [
    path("perencanaan/", views.indeks_terkini, name="perencanaan_terkini"),
    path("perencanaan/<slug:org>/", views.indeks, name="perencanaan_indeks"),
    path("perencanaan/<slug:org>/profil/", views.profil, name="perencanaan_profil"),
    path("perencanaan/<slug:org>/profil/unit/", views.unit_daftar, name="perencanaan_unit"),
    path("perencanaan/<slug:org>/profil/unit/baru/", views.unit_ubah, name="perencanaan_unit_baru"),
    path(
        "perencanaan/<slug:org>/profil/unit/<int:pk>/",
        views.unit_ubah,
        name="perencanaan_unit_ubah",
    ),
    path(
        "perencanaan/<slug:org>/profil/unit/<int:pk>/hapus/",
        views.unit_hapus,
        name="perencanaan_unit_hapus",
    ),
    path(
        "perencanaan/<slug:org>/profil/uraian-tugas/",
        views.uraian_tugas,
        name="perencanaan_uraian",
    ),
    path(
        "perencanaan/<slug:org>/profil/pejabat/",
        views.pejabat_daftar,
        name="perencanaan_pejabat",
    ),
    path(
        "perencanaan/<slug:org>/profil/pejabat/baru/",
        views.pejabat_ubah,
        name="perencanaan_pejabat_baru",
    ),
    path(
        "perencanaan/<slug:org>/profil/pejabat/<int:pk>/",
        views.pejabat_ubah,
        name="perencanaan_pejabat_ubah",
    ),
    path(
        "perencanaan/<slug:org>/profil/pegawai/",
        views.pegawai_terkini,
        name="perencanaan_pegawai_terkini",
    ),
    path(
        "perencanaan/<slug:org>/profil/pegawai/<tahun:tahun>/",
        views.pegawai,
        name="perencanaan_pegawai",
    ),
    path("perencanaan/<slug:org>/profil/akun/", views_akun.akun_daftar, name="perencanaan_akun"),
    path(
        "perencanaan/<slug:org>/profil/akun/baru/",
        views_akun.akun_baru,
        name="perencanaan_akun_baru",
    ),
    path(
        "perencanaan/<slug:org>/profil/akun/<int:pk>/",
        views_akun.akun_ubah,
        name="perencanaan_akun_ubah",
    ),
    path(
        "perencanaan/<slug:org>/profil/akun/<int:pk>/sandi/",
        views_akun.akun_sandi,
        name="perencanaan_akun_sandi",
    ),
]
