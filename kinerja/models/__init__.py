"""The kinerja models, one module per job; every model is imported here so Django finds it.

`from kinerja.models import X` stays the one way to reach them, and the migrations name
kinerja.models.penyimpanan_pribadi and kinerja.models.nama_berkas_bukti.
"""

from .jadwal import JadwalPeriode, KunciTahun, PembukaanPeriode, PengingatTerkirim, TenggatWaktu
from .penilaian import RentangPenilaian, SkalaPenilaian, StandarNasional
from .penyimpanan import PenyimpananPribadi, penyimpanan_pribadi
from .perjanjian import (
    KegiatanPerjanjian,
    PemetaanKegiatan,
    PerjanjianKinerja,
    TandaTangan,
    TargetKinerja,
)
from .realisasi import (
    PANJANG_TEKS_MAKS,
    PERIODE_TRIWULAN,
    PESAN_TEKS_PANJANG,
    BuktiDukung,
    Periode,
    Realisasi,
    nama_berkas_bukti,
)

__all__ = [
    "PANJANG_TEKS_MAKS",
    "PERIODE_TRIWULAN",
    "PESAN_TEKS_PANJANG",
    "BuktiDukung",
    "JadwalPeriode",
    "KegiatanPerjanjian",
    "KunciTahun",
    "PemetaanKegiatan",
    "PembukaanPeriode",
    "PengingatTerkirim",
    "PenyimpananPribadi",
    "Periode",
    "PerjanjianKinerja",
    "Realisasi",
    "RentangPenilaian",
    "SkalaPenilaian",
    "StandarNasional",
    "TandaTangan",
    "TargetKinerja",
    "TenggatWaktu",
    "nama_berkas_bukti",
    "penyimpanan_pribadi",
]
