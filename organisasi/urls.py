# Beranda lives in kinerja.views (routed in config/urls.py): it shows realisasi progress,
# and organisasi imports none of the other apps.
urlpatterns: list = []
