from django.urls import path

from kinerja import views

app_name = "kinerja"

_UNIT = "kinerja/<slug:org>/<slug:unit>/<int:tahun>/<slug:periode>/"

urlpatterns = [
    path(_UNIT, views.isi_realisasi, name="isi"),
    path(f"{_UNIT}ajukan/", views.ajukan, name="ajukan"),
    path(f"{_UNIT}verifikasi/", views.verifikasi, name="verifikasi"),
    path(f"{_UNIT}buka/", views.buka_periode, name="buka"),
    path("kinerja/realisasi/<int:pk>/riwayat/", views.riwayat, name="riwayat"),
    path("kinerja/bukti/<int:pk>/", views.bukti_unduh, name="bukti"),
]
