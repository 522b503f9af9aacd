from django.urls import path

from kinerja.perjanjian import views as v

urlpatterns = [
    path("perjanjian/", v.perjanjian_beranda, name="perjanjian_beranda"),
    path("perjanjian/<slug:org>/<tahun:tahun>/", v.perjanjian_daftar, name="perjanjian_daftar"),
    path("perjanjian/<slug:org>/<tahun:tahun>/buat/", v.perjanjian_buat, name="perjanjian_buat"),
    path("perjanjian/<slug:org>/<tahun:tahun>/rkt/", v.rkt_dokumen, name="rkt_dokumen"),
    path("perjanjian/<slug:org>/<tahun:tahun>/rkt/pdf/", v.rkt_pdf, name="rkt_pdf"),
    path("perjanjian/<int:pk>/", v.perjanjian_detail, name="perjanjian_detail"),
    path("perjanjian/<int:pk>/ubah/", v.perjanjian_ubah, name="perjanjian_ubah"),
    path("perjanjian/<int:pk>/hapus/", v.perjanjian_hapus, name="perjanjian_hapus"),
    path("perjanjian/<int:pk>/perubahan/", v.perjanjian_perubahan, name="perjanjian_perubahan"),
    path(
        "perjanjian/<int:pk>/tandatangani/",
        v.perjanjian_tandatangani,
        name="perjanjian_tandatangani",
    ),
    path("perjanjian/<int:pk>/kembalikan/", v.perjanjian_kembalikan, name="perjanjian_kembalikan"),
    path("perjanjian/<int:pk>/dokumen/", v.perjanjian_dokumen, name="perjanjian_dokumen"),
    path("perjanjian/<int:pk>/pdf/", v.perjanjian_pdf, name="perjanjian_pdf"),
    # Public: printed as a QR code on every agreement signed in the application.
    path("verifikasi/", v.verifikasi_cari, name="verifikasi_cari"),
    path("verifikasi/<str:kode>/", v.verifikasi, name="verifikasi"),
]
