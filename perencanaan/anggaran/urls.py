from django.urls import path

from perencanaan.anggaran import views, views_impor

_TAHUN = "perencanaan/<slug:org>/anggaran/<tahun:tahun>/"

urlpatterns = [
    path("perencanaan/<slug:org>/anggaran/", views.indeks_kini, name="perencanaan_anggaran_kini"),
    path(_TAHUN, views.indeks, name="perencanaan_anggaran"),
    path(f"{_TAHUN}program/", views.program_simpan, name="perencanaan_anggaran_program"),
    path(
        f"{_TAHUN}program/<int:pk>/ubah/",
        views.program_simpan,
        name="perencanaan_anggaran_program_ubah",
    ),
    path(f"{_TAHUN}kegiatan/", views.kegiatan_simpan, name="perencanaan_anggaran_kegiatan"),
    path(
        f"{_TAHUN}kegiatan/<int:pk>/ubah/",
        views.kegiatan_simpan,
        name="perencanaan_anggaran_kegiatan_ubah",
    ),
    path(
        f"{_TAHUN}kegiatan/<int:pk>/",
        views.kegiatan_anggaran,
        name="perencanaan_anggaran_kegiatan_pagu",
    ),
    path(
        f"{_TAHUN}program/<int:pk>/realisasi/",
        views.realisasi_program,
        name="perencanaan_anggaran_realisasi_program",
    ),
    path(f"{_TAHUN}bulanan/", views.bulanan, name="perencanaan_anggaran_bulanan"),
    path(f"{_TAHUN}logistik/", views.logistik_daftar, name="perencanaan_anggaran_logistik"),
    path(
        f"{_TAHUN}logistik/pemilihan/",
        views.pemilihan_tambah,
        name="perencanaan_anggaran_pemilihan",
    ),
    path(
        f"{_TAHUN}logistik/<int:item>/tambah/",
        views.logistik_simpan,
        name="perencanaan_anggaran_logistik_tambah",
    ),
    path(
        f"{_TAHUN}logistik/<int:item>/<int:pk>/",
        views.logistik_simpan,
        name="perencanaan_anggaran_logistik_ubah",
    ),
    path(f"{_TAHUN}templat/", views_impor.templat, name="perencanaan_anggaran_templat"),
    path(f"{_TAHUN}impor/", views_impor.unggah, name="perencanaan_anggaran_impor"),
    path(
        f"{_TAHUN}impor/<str:token>/",
        views_impor.pratinjau,
        name="perencanaan_anggaran_impor_pratinjau",
    ),
]
