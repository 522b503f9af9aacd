from django.contrib.auth import views as auth_views
from django.urls import path

from organisasi import views
from organisasi.forms import FormMasuk

# Beranda is its own app (routed in config/urls.py): it reads realisasi progress and budgets,
# and organisasi imports none of the other apps.
urlpatterns = [
    # Before django.contrib.auth.urls so that its login view gets the Indonesian form.
    path(
        "akun/login/",
        auth_views.LoginView.as_view(authentication_form=FormMasuk),
        name="login",
    ),
    path("akun/pengaturan/", views.pengaturan_akun, name="pengaturan_akun"),
]
