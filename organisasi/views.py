"""Views of the organisation app; Beranda lives in kinerja.views (it shows kinerja data)."""
