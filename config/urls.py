from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from beranda.views import beranda

admin.site.site_header = "SAKIP — Administrasi"
admin.site.site_title = "SAKIP"
admin.site.index_title = "Data kinerja"
# The model list stays on the index page: beside a change list on a 1366 px laptop it would
# leave the list about 700 px.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("admin/", admin.site.urls),
    # organisasi.urls first: its login view (Indonesian form) overrides the one of auth.urls.
    path("", include("organisasi.urls")),
    # Of django.contrib.auth.urls only logout and password change: no password reset by email,
    # the app runs on office networks without guaranteed mail; an admin sets a new password.
    path("akun/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "akun/password_change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "akun/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # Beranda reads kinerja and anggaran; organisasi imports none of the other apps.
    path("", beranda, name="beranda"),
    path("", include("kinerja.realisasi.urls")),
    path("", include("kinerja.perjanjian.urls")),
    path("", include("laporan.urls")),
    path("", include("evaluasi.urls")),
    # Perencanaan: profile, Renstra and budget pages for an organisation's own admins.
    path("", include("perencanaan.urls")),
    # Pemantauan reads kinerja, anggaran and laporan for the organisations below one.
    path("", include("pantau.urls")),
    # Anonymous: published documents and open data (publik reads laporan; nothing reads it).
    path("", include("publik.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
