"""The plan workbook's sheets of the year's report: its place, date and signatory, its
narratives and per-sasaran analyses, legal products, other achievements, printed figures,
and the election logistics it reports. Rows out of the database, and rows back in checked
into the loader's shape (laporan.referensi_laporan).
"""

from collections.abc import Callable
from typing import Any

from laporan.models import (
    AnalisisSasaran,
    AngkaTercetak,
    CapaianLain,
    LaporanKinerja,
    ProdukHukum,
)
from laporan.referensi_laporan import FIELD_NARASI
from laporan.rencana import lembar as L
from laporan.rencana.buku import Baris, BukuRencana, Konteks, sekali
from logistik.models import Pemilihan
from organisasi.models import Organisasi, Pejabat
from renstra.models import Renstra

_JUDUL_NARASI = {
    f.name: str(f.verbose_name) for f in LaporanKinerja._meta.fields if f.name in FIELD_NARASI
}
_BARIS_LOGISTIK = ("jenis", "satuan", "dipesan", "diterima", "baik", "rusak")


def baris_laporan(
    org: Organisasi, renstra: Renstra, tahun: int, kode_pejabat: Callable[[Pejabat], str]
) -> dict[str, list[Baris]]:
    """The report's sheets; `kode_pejabat` names the signatory as the Pejabat sheet does."""
    lap = (
        LaporanKinerja.objects.filter(organisasi=org, tahun=tahun)
        .select_related("penandatangan__unit_kerja")
        .first()
    )
    hasil: dict[str, list[Baris]] = {
        L.LAPORAN.nama: [],
        L.NARASI.nama: [],
        L.ANALISIS.nama: [],
        **_baris_masukan(org, tahun),
        L.LOGISTIK.nama: baris_logistik(org, tahun),
    }
    if lap is None:
        return hasil
    ttd = lap.penandatangan
    hasil[L.LAPORAN.nama] = [
        {
            "tahun": lap.tahun,
            "tempat": lap.tempat,
            "tanggal": lap.tanggal,
            "penandatangan": kode_pejabat(ttd) if ttd else "",
            "lampiran_pohon": L.YA if lap.lampiran_pohon else L.TIDAK,
        }
    ]
    hasil[L.NARASI.nama] = [
        {"bagian": nama, "judul": judul, "teks": getattr(lap, nama)}
        for nama, judul in _JUDUL_NARASI.items()
    ]
    hasil[L.ANALISIS.nama] = [
        {"sasaran": a.sasaran.nomor, "nama": a.sasaran.nama, "teks": a.teks}
        for a in AnalisisSasaran.objects.filter(laporan=lap, sasaran__renstra=renstra)
        .select_related("sasaran")
        .order_by("sasaran__nomor")
    ]
    return hasil


def _baris_masukan(org: Organisasi, tahun: int) -> dict[str, list[Baris]]:
    """The year's legal products, other achievements and printed figures."""
    return {
        L.PRODUK_HUKUM.nama: [
            {
                "tahun": p.tahun,
                "jenis_dokumen": p.jenis_dokumen,
                "satuan": p.satuan,
                "hardcopy": p.jumlah_hardcopy,
                "softcopy": p.jumlah_softcopy,
            }
            for p in ProdukHukum.objects.filter(organisasi=org, tahun=tahun).order_by("pk")
        ],
        L.CAPAIAN_LAIN.nama: [
            dict(c)
            for c in CapaianLain.objects.filter(organisasi=org, tahun=tahun)
            .order_by("urutan", "pk")
            .values("tahun", "urutan", "uraian", "keterangan_gambar")
        ],
        L.ANGKA_TERCETAK.nama: [
            dict(a)
            for a in AngkaTercetak.objects.filter(organisasi=org, tahun=tahun)
            .order_by("kunci")
            .values("tahun", "kunci", "teks")
        ],
    }


def baris_logistik(org: Organisasi, tahun: int) -> list[Baris]:
    """One row per logistics line; an election without lines is one row without a Jenis."""
    hasil: list[Baris] = []
    pemilihan = Pemilihan.objects.filter(organisasi=org, tahun=tahun).prefetch_related("logistik")
    for pm in pemilihan.order_by("kode"):
        awal = {"pemilihan": pm.kode, "nama_pemilihan": pm.nama, "tahun": pm.tahun}
        baris = sorted(pm.logistik.all(), key=lambda lg: lg.urutan)
        hasil += [
            {**awal, "urutan": lg.urutan, **{k: getattr(lg, k) for k in _BARIS_LOGISTIK}}
            for lg in baris
        ] or [{**awal, "jenis": "", "satuan": ""}]
    return hasil


def susun_laporan(buku: BukuRencana, kx: Konteks) -> dict[str, Any]:
    """The loader's `laporan` data from the report's sheets; problems go to buku."""
    hasil: dict[str, Any] = {
        "produk_hukum": _produk_hukum(buku),
        "capaian_lain": _capaian_lain(buku),
        "angka_tercetak": _angka_tercetak(buku),
    }
    baris = buku.baris(L.LAPORAN)
    if len(baris) > 1:
        buku.salah(L.LAPORAN, baris[1][0], "lembar Laporan berisi paling banyak satu baris.")
    if not baris:
        for lb in (L.NARASI, L.ANALISIS):
            for n, _b in buku.baris(lb)[:1]:
                buku.salah(lb, n, "isi lembar Laporan lebih dahulu (tahun, tempat).")
        return hasil
    n, lap = baris[0]
    if lap["penandatangan"] and lap["penandatangan"] not in kx.pejabat:
        buku.salah(L.LAPORAN, n, "Penandatangan tidak ada pada Pejabat.")
    laporan = {k: v for k, v in lap.items() if v is not None and v != ""}
    laporan.update(_narasi(buku))
    laporan["analisis"] = _analisis(buku, kx)
    hasil["laporan"] = laporan
    return hasil


def _narasi(buku: BukuRencana) -> dict[str, str]:
    teks: dict[str, str] = {}
    for n, b in buku.baris(L.NARASI):
        if b["bagian"] not in _JUDUL_NARASI:
            buku.salah(L.NARASI, n, f"Bagian {b['bagian']!r} tidak dikenal.")
        elif b["bagian"] in teks:
            buku.salah(L.NARASI, n, f"Bagian {b['bagian']!r} tertulis dua kali.")
        else:
            teks[b["bagian"]] = b["teks"]
    return teks


def _analisis(buku: BukuRencana, kx: Konteks) -> list[Baris]:
    hasil: list[Baris] = []
    ada: set = set()
    for n, a in buku.baris(L.ANALISIS):
        if a["sasaran"] not in kx.sasaran:
            buku.salah(L.ANALISIS, n, f"sasaran nomor {a['sasaran']} tidak ada.")
        elif sekali(buku, L.ANALISIS, n, a["sasaran"], ada):
            hasil.append({"sasaran": a["sasaran"], "teks": a["teks"]})
    return hasil


def _produk_hukum(buku: BukuRencana) -> list[Baris]:
    ada: set = set()
    return [
        p
        for n, p in buku.baris(L.PRODUK_HUKUM)
        if sekali(buku, L.PRODUK_HUKUM, n, (p["tahun"], p["jenis_dokumen"]), ada)
        and _tidak_negatif(buku, L.PRODUK_HUKUM, n, p, ("hardcopy", "softcopy"))
    ]


def _capaian_lain(buku: BukuRencana) -> list[Baris]:
    ada: set = set()
    return [
        c
        for n, c in buku.baris(L.CAPAIAN_LAIN)
        if sekali(buku, L.CAPAIAN_LAIN, n, (c["tahun"], c["urutan"]), ada)
        and _tidak_negatif(buku, L.CAPAIAN_LAIN, n, c, ("urutan",))
    ]


def _angka_tercetak(buku: BukuRencana) -> list[Baris]:
    ada: set = set()
    panjang = AngkaTercetak._meta.get_field("teks").max_length or 0
    hasil = []
    for n, a in buku.baris(L.ANGKA_TERCETAK):
        if len(a["teks"]) > panjang:
            buku.salah(L.ANGKA_TERCETAK, n, f"Angka Tercetak paling panjang {panjang} huruf.")
        elif sekali(buku, L.ANGKA_TERCETAK, n, (a["tahun"], a["kunci"]), ada):
            hasil.append(a)
    return hasil


def _tidak_negatif(
    buku: BukuRencana, lb: L.Lembar, n: int, b: Baris, kunci: tuple[str, ...]
) -> bool:
    negatif = [k.judul for k in lb.kolom if k.kunci in kunci and (b[k.kunci] or 0) < 0]
    for judul in negatif:
        buku.salah(lb, n, f"{judul} tidak boleh negatif.")
    return not negatif


def susun_logistik(buku: BukuRencana) -> dict[str, Any]:
    """The loader's `logistik` data: elections by Kode Pemilihan, each with its lines."""
    pemilihan: dict[str, Baris] = {}
    nomor: set = set()
    for n, b in buku.baris(L.LOGISTIK):
        pm = pemilihan.setdefault(
            b["pemilihan"],
            {"kode": b["pemilihan"], "nama": b["nama_pemilihan"], "tahun": b["tahun"]},
        )
        pm.setdefault("logistik", [])
        if (pm["nama"], pm["tahun"]) != (b["nama_pemilihan"], b["tahun"]):
            buku.salah(L.LOGISTIK, n, "Pemilihan dan Tahun berbeda dari baris lain kode ini.")
        elif b["jenis"] and _logistik_sah(buku, n, b, nomor):
            pm["logistik"].append({k: b[k] for k in ("urutan", *_BARIS_LOGISTIK)})
    return {"pemilihan": list(pemilihan.values())}


def _logistik_sah(buku: BukuRencana, n: int, b: Baris, nomor: set) -> bool:
    kosong = [k.judul for k in L.LOGISTIK.kolom if b[k.kunci] is None or b[k.kunci] == ""]
    if kosong:
        buku.salah(L.LOGISTIK, n, f"kolom {', '.join(kosong)} wajib diisi bila ada Jenis.")
        return False
    if not _tidak_negatif(
        buku, L.LOGISTIK, n, b, ("urutan", "dipesan", "diterima", "baik", "rusak")
    ):
        return False
    if b["baik"] + b["rusak"] > b["diterima"]:
        buku.salah(L.LOGISTIK, n, "Baik ditambah Rusak melebihi Diterima.")
        return False
    return sekali(buku, L.LOGISTIK, n, (b["pemilihan"], b["urutan"]), nomor)
