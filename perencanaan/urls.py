"""Perencanaan: the organisation's own admins keep its profile, Renstra and budget here,
without the Django admin. Each part has its own package and URLconf."""

from django.urls import include, path

urlpatterns = [
    path("", include("perencanaan.profil.urls")),
    path("", include("perencanaan.renstra.urls")),
    path("", include("perencanaan.anggaran.urls")),
]
