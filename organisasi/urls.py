from django.urls import path

from organisasi import views

urlpatterns = [
    path("", views.beranda, name="beranda"),
]
