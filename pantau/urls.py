from django.urls import path

from pantau import views

app_name = "pantau"

urlpatterns = [
    path("pantau/", views.pantau_terkini, name="pantau-terkini"),
    path("pantau/<slug:slug>/<tahun:tahun>/", views.pantau, name="pantau"),
]
