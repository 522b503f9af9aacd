from django.urls import path

from organisasi import views

# Beranda is its own app (routed in config/urls.py): it reads realisasi progress and budgets,
# and organisasi imports none of the other apps.
urlpatterns = [
    # Before django.contrib.auth.urls so that its login view gets the Indonesian form.
    path("akun/login/", views.masuk, name="login"),
    path("akun/pengaturan/", views.pengaturan_akun, name="pengaturan_akun"),
]
