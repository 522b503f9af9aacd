from django.urls import path

from pantau import views

app_name = "pantau"

_DASAR = "pantau/<slug:slug>/<tahun:tahun>/"

urlpatterns = [
    path("pantau/", views.pantau_terkini, name="pantau-terkini"),
    path(_DASAR, views.pantau, name="pantau"),
    path(_DASAR + "xlsx/", views.pantau_xlsx, name="xlsx"),
    path(_DASAR + "csv/", views.pantau_csv, name="csv"),
    path(_DASAR + "xlsx/susun/", views.pantau_xlsx_susun, name="xlsx-susun"),
    path(_DASAR + "xlsx/<slug:kunci>/", views.pantau_xlsx_unduh, name="xlsx-unduh"),
    path(_DASAR + "indikator/", views.distribusi, name="distribusi"),
    path(_DASAR + "indikator/<slug:kode>/", views.distribusi_satker, name="distribusi-satker"),
]
