from django.urls import path

from evaluasi import views

app_name = "evaluasi"

_LEMBAR = "evaluasi/<slug:org>/<tahun:tahun>/"

# The fixed paths first: "evaluasi/rekomendasi/1/" would otherwise read as org "rekomendasi".
urlpatterns = [
    path("evaluasi/rekomendasi/<int:pk>/", views.tindak_lanjut, name="tindak-lanjut"),
    path("evaluasi/bukti/<int:pk>/", views.bukti_unduh, name="bukti"),
    path(_LEMBAR, views.lembar, name="lembar"),
    path(f"{_LEMBAR}buka/", views.buka, name="buka"),
    path(f"{_LEMBAR}ajukan/", views.ajukan, name="ajukan"),
    path(f"{_LEMBAR}selesaikan/", views.selesaikan, name="selesaikan"),
    path(f"{_LEMBAR}rekomendasi/", views.rekomendasi_tambah, name="rekomendasi"),
]
