"""Views of the organisation app; Beranda is its own app: it reads kinerja and anggaran."""
