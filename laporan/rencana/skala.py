"""The plan workbook's scales. Skala Ordinal: the ordinal scales the plan's indicators use,
one row per level; they are shared by every organisation, so a workbook may add a scale but
never change one that exists: it must list such a scale exactly as it is. Skala Penilaian:
the Renstra's own classification bands (capaian, budget absorption), one row per band.
"""

from typing import Any

from django.db.models import F

from kinerja.models import RentangPenilaian, SkalaPenilaian
from laporan.rencana import lembar as L
from laporan.rencana.buku import Baris, BukuRencana, Konteks, pilihan, sekali
from renstra.models import Renstra, SkalaOrdinal, TingkatSkala


def baris_skala(renstra: Renstra) -> list[Baris]:
    return [
        {
            "skala": t.skala.kode,
            "nama_skala": t.skala.nama,
            "kode": t.kode,
            "nama": t.nama,
            "peringkat": t.peringkat,
        }
        for t in TingkatSkala.objects.filter(skala__indikator__sasaran__renstra=renstra)
        .distinct()
        .select_related("skala")
        .order_by("skala__kode", "peringkat")
    ]


def _isi(nama: str, tingkat: list[Baris]) -> tuple:
    return nama, sorted((t["kode"], t["nama"], t["peringkat"]) for t in tingkat)


def susun_skala(buku: BukuRencana, kx: Konteks) -> list[dict[str, Any]]:
    """The loader's `skala_ordinal` data; every scale's levels go to kx.tingkat (the ones
    already in the database, and the workbook's)."""
    ada = {
        s.kode: _isi(
            s.nama,
            [{"kode": t.kode, "nama": t.nama, "peringkat": t.peringkat} for t in s.tingkat.all()],
        )
        for s in SkalaOrdinal.objects.prefetch_related("tingkat")
    }
    skala: dict[str, Baris] = {}
    baris_pertama: dict[str, int] = {}
    kunci: set = set()
    for n, b in buku.baris(L.SKALA):
        s = skala.setdefault(
            b["skala"], {"kode": b["skala"], "nama": b["nama_skala"], "tingkat": []}
        )
        baris_pertama.setdefault(b["skala"], n)
        if b["nama_skala"] != s["nama"]:
            buku.salah(L.SKALA, n, "Nama Skala berbeda dari baris lain skala ini.")
        elif b["peringkat"] < 1:
            buku.salah(L.SKALA, n, "Peringkat mulai 1 (tingkat terendah).")
        elif sekali(buku, L.SKALA, n, (b["skala"], b["kode"]), kunci) and sekali(
            buku, L.SKALA, n, (b["skala"], b["peringkat"]), kunci
        ):
            s["tingkat"].append({k: b[k] for k in ("kode", "nama", "peringkat")})
    for kode, s in skala.items():
        if kode in ada and ada[kode] != _isi(s["nama"], s["tingkat"]):
            buku.salah(
                L.SKALA,
                baris_pertama[kode],
                f"skala {kode!r} sudah ada dengan nama atau tingkat lain; skala dipakai "
                "bersama semua organisasi, jadi tulis persis seperti yang ada.",
            )
    kx.tingkat = {kode: {t[0] for t in isi[1]} for kode, isi in ada.items()}
    kx.tingkat |= {kode: {t["kode"] for t in s["tingkat"]} for kode, s in skala.items()}
    return list(skala.values())


def baris_skala_penilaian(renstra: Renstra) -> list[Baris]:
    return [
        {
            "jenis": r.skala.jenis,
            "nama": r.nama,
            "batas_bawah": r.batas_bawah,
            "inklusif": L.YA if r.inklusif else L.TIDAK,
            "keterangan": r.keterangan,
        }
        for r in RentangPenilaian.objects.filter(skala__renstra=renstra)
        .select_related("skala")
        .order_by("skala__jenis", F("batas_bawah").desc(nulls_last=True), "inklusif")
    ]


def susun_skala_penilaian(buku: BukuRencana) -> dict[str, list[Baris]]:
    """The loader's `skala_penilaian`: per jenis, the bands that replace the Renstra's."""
    lb = L.SKALA_PENILAIAN
    hasil: dict[str, list[Baris]] = {}
    kunci: set = set()
    for n, b in buku.baris(lb):
        batas = (b["jenis"], "batas", b["batas_bawah"], b["inklusif"] is True)
        if (
            pilihan(buku, lb, n, "Jenis", b["jenis"], SkalaPenilaian.Jenis.values)
            and sekali(buku, lb, n, (b["jenis"], "nama", b["nama"]), kunci)
            and sekali(buku, lb, n, batas, kunci)
        ):
            hasil.setdefault(b["jenis"], []).append({**b, "inklusif": b["inklusif"] is True})
    for jenis, rentang in hasil.items():
        if sum(r["batas_bawah"] is None for r in rentang) != 1:
            n = next(n for n, b in buku.baris(lb) if b["jenis"] == jenis)
            buku.salah(lb, n, f"skala {jenis} harus punya tepat satu kategori tanpa Batas Bawah.")
    return hasil
