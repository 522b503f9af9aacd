from django.urls import path

from perencanaan.renstra import views as v

_AWAL = "perencanaan/<slug:org>/renstra/"

urlpatterns = [
    path(_AWAL, v.perencanaan_renstra, name="perencanaan_renstra"),
    path(f"{_AWAL}baru/", v.renstra_ubah, name="perencanaan_renstra_baru"),
    path(f"{_AWAL}<int:pk>/", v.renstra_detail, name="perencanaan_renstra_detail"),
    path(f"{_AWAL}<int:pk>/ubah/", v.renstra_ubah, name="perencanaan_renstra_ubah"),
    path(f"{_AWAL}<int:pk>/hapus/", v.renstra_hapus, name="perencanaan_renstra_hapus"),
    path(f"{_AWAL}<int:pk>/target/", v.target_ubah, name="perencanaan_renstra_target"),
    path(
        f"{_AWAL}<int:pk>/indikator/<int:item>/standar/",
        v.standar_ubah,
        name="perencanaan_renstra_standar",
    ),
    path(
        f"{_AWAL}<int:pk>/indikator/<int:item>/standar/<int:standar>/hapus/",
        v.standar_hapus,
        name="perencanaan_renstra_standar_hapus",
    ),
    path(
        f"{_AWAL}<int:pk>/<slug:jenis>/tambah/",
        v.bagian_ubah,
        name="perencanaan_renstra_bagian_tambah",
    ),
    path(
        f"{_AWAL}<int:pk>/<slug:jenis>/<int:item>/",
        v.bagian_ubah,
        name="perencanaan_renstra_bagian",
    ),
    path(
        f"{_AWAL}<int:pk>/<slug:jenis>/<int:item>/hapus/",
        v.bagian_hapus,
        name="perencanaan_renstra_bagian_hapus",
    ),
]
