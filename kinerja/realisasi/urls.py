from django.urls import path

from kinerja.realisasi import views, views_excel, views_periode

app_name = "kinerja"

_UNIT = "kinerja/<slug:org>/<slug:unit>/<tahun:tahun>/<slug:periode>/"

urlpatterns = [
    path(_UNIT, views.isi_realisasi, name="isi"),
    path(f"{_UNIT}ajukan/", views.ajukan, name="ajukan"),
    path(f"{_UNIT}verifikasi/", views.verifikasi, name="verifikasi"),
    path(f"{_UNIT}buka/", views.buka_periode, name="buka"),
    path(f"{_UNIT}templat.xlsx", views_excel.templat_unduh, name="templat"),
    path(f"{_UNIT}impor/", views_excel.impor_unggah, name="impor"),
    path(f"{_UNIT}impor/<str:token>/", views_excel.impor_pratinjau, name="impor-pratinjau"),
    path("kinerja/<slug:org>/<tahun:tahun>/buka/", views_periode.buka_tahun, name="buka-tahun"),
    path("kinerja/realisasi/<int:pk>/riwayat/", views.riwayat, name="riwayat"),
    path("kinerja/realisasi/<int:pk>/hapus/", views.hapus, name="hapus"),
    path("kinerja/bukti/<int:pk>/", views.bukti_unduh, name="bukti"),
]
