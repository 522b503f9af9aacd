from django.urls import path

from publik import views

app_name = "publik"

urlpatterns = [
    path("publik/<slug:slug>/", views.organisasi, name="organisasi"),
    path("publik/<slug:slug>/<tahun:tahun>/lakip.pdf", views.lakip_pdf, name="lakip-pdf"),
    path("publik/<slug:slug>/<tahun:tahun>/capaian.json", views.capaian_json, name="capaian-json"),
    path("publik/<slug:slug>/<tahun:tahun>/capaian.csv", views.capaian_csv, name="capaian-csv"),
]
