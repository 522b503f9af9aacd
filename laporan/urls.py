from django.urls import path

from laporan import masukan, pohon, satker_baru, views, views_cetak
from laporan.rencana import views as rencana

app_name = "laporan"

urlpatterns = [
    path("laporan/", views.lakip_terkini, name="lakip-terkini"),
    path("laporan/<slug:slug>/<tahun:tahun>/", views.lakip, name="lakip"),
    path("laporan/<slug:slug>/<tahun:tahun>/pdf/", views.lakip_pdf, name="lakip-pdf"),
    path(
        "laporan/<slug:slug>/<tahun:tahun>/pdf/status/",
        views_cetak.lakip_pdf_status,
        name="lakip-pdf-status",
    ),
    path("laporan/<slug:slug>/<tahun:tahun>/batch/", views_cetak.batch_mulai, name="batch-mulai"),
    path("laporan/<slug:slug>/<tahun:tahun>/batch/<int:pk>/", views_cetak.batch, name="batch"),
    path(
        "laporan/<slug:slug>/<tahun:tahun>/batch/<int:pk>/ulangi/<int:item>/",
        views_cetak.batch_ulangi,
        name="batch-ulangi",
    ),
    path("laporan/<slug:slug>/<tahun:tahun>/xlsx/", views.lakip_tabel_xlsx, name="lakip-xlsx"),
    path(
        "laporan/<slug:slug>/<tahun:tahun>/xlsx/<slug:tabel>/",
        views.lakip_tabel_xlsx,
        name="lakip-xlsx-tabel",
    ),
    path("laporan/<slug:slug>/<tahun:tahun>/narasi/", views.lakip_narasi, name="lakip-narasi"),
    path(
        "laporan/<slug:slug>/<tahun:tahun>/finalkan/", views.lakip_finalkan, name="lakip-finalkan"
    ),
    path("laporan/<slug:slug>/<tahun:tahun>/buka/", views.lakip_buka, name="lakip-buka"),
    path("tahun/<slug:slug>/<tahun:tahun>/mulai/", views.tahun_baru, name="tahun-baru"),
    path("rencana/", rencana.rencana_saya, name="rencana-saya"),
    path("rencana/<slug:slug>/", rencana.rencana_unggah, name="rencana"),
    path("rencana/<slug:slug>/<tahun:tahun>/xlsx/", rencana.rencana_unduh, name="rencana-unduh"),
    path(
        "rencana/<slug:slug>/pratinjau/<str:token>/",
        rencana.rencana_pratinjau,
        name="rencana-pratinjau",
    ),
    path("rencana/<slug:slug>/simpan/<str:token>/", rencana.rencana_simpan, name="rencana-simpan"),
    path("pohon/<slug:slug>/<tahun:tahun>/", pohon.pohon, name="pohon"),
    path("pohon/<slug:slug>/<tahun:tahun>/svg/", pohon.pohon_svg, name="pohon-svg"),
    path("pohon/<slug:slug>/<tahun:tahun>/pdf/", pohon.pohon_pdf, name="pohon-pdf"),
    path("satker/baru/", satker_baru.satker_baru, name="satker-baru"),
    path("laporan/<slug:slug>/<tahun:tahun>/masukan/", masukan.masukan, name="masukan"),
    path(
        "laporan/<slug:slug>/<tahun:tahun>/masukan/produk-hukum/",
        masukan.produk_hukum,
        name="produk-hukum",
    ),
    path(
        "laporan/<slug:slug>/<tahun:tahun>/masukan/produk-hukum/<int:pk>/",
        masukan.produk_hukum,
        name="produk-hukum-ubah",
    ),
    path(
        "laporan/<slug:slug>/<tahun:tahun>/masukan/capaian-lain/",
        masukan.capaian_lain,
        name="capaian-lain",
    ),
    path(
        "laporan/<slug:slug>/<tahun:tahun>/masukan/capaian-lain/<int:pk>/",
        masukan.capaian_lain,
        name="capaian-lain-ubah",
    ),
]
