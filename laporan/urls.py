from django.urls import path

from laporan import views

app_name = "laporan"

urlpatterns = [
    path("laporan/<slug:slug>/<int:tahun>/", views.lakip, name="lakip"),
    path("laporan/<slug:slug>/<int:tahun>/pdf/", views.lakip_pdf, name="lakip-pdf"),
    path("laporan/<slug:slug>/<int:tahun>/xlsx/", views.lakip_tabel_xlsx, name="lakip-xlsx"),
    path(
        "laporan/<slug:slug>/<int:tahun>/xlsx/<slug:tabel>/",
        views.lakip_tabel_xlsx,
        name="lakip-xlsx-tabel",
    ),
    path("laporan/<slug:slug>/<int:tahun>/narasi/", views.lakip_narasi, name="lakip-narasi"),
    path("laporan/<slug:slug>/<int:tahun>/finalkan/", views.lakip_finalkan, name="lakip-finalkan"),
    path("laporan/<slug:slug>/<int:tahun>/buka/", views.lakip_buka, name="lakip-buka"),
]
