"""Read a plan workbook into the shape laporan.referensi loads, checking every row first.

Each problem becomes one message "Sheet, baris N: …"; the import refuses the file when there
is any, so that the loader only ever sees rows that refer to things that exist.
"""

import io
import zipfile
from collections import defaultdict
from typing import Any

from openpyxl import load_workbook

from anggaran.models import SumberDana, galat_kode_kro_ro
from inti.angka import format_angka
from inti.batas_xlsx import MB, BatasXlsx, XlsxMelebihiBatas, periksa_xlsx
from inti.capaian import Agregasi, Polaritas, TipeNilai
from inti.galat import Ditolak
from kinerja.models import Periode, Realisasi
from kinerja.models.realisasi import PANJANG_TEKS_MAKS
from laporan.rencana import lembar as L
from laporan.rencana.buku import Baris, BukuRencana, Konteks, pilihan, sekali
from laporan.rencana.ekspor import kode_peran
from laporan.rencana.laporan_tahunan import susun_laporan, susun_logistik
from laporan.rencana.skala import susun_skala, susun_skala_penilaian
from organisasi.models import Organisasi, Pejabat, UnitKerja, UraianTugas
from renstra.models import IndikatorKinerja

# A plan is a few hundred rows per sheet; a whole KPU province stays far below these.
BATAS_RENCANA = BatasXlsx(
    bagian_maks=80,
    ukuran_bagian_maks=20 * MB,
    ukuran_total_maks=60 * MB,
    rasio_maks=100,
    teks_maks=100_000,
    baris_maks=20_000,
    kolom_maks=30,
)


def baca_buku(isi: bytes) -> BukuRencana:
    """Every sheet's rows, normalised as laporan.rencana.lembar says; limits checked first."""
    try:
        periksa_xlsx(isi, BATAS_RENCANA)
    except XlsxMelebihiBatas as exc:
        # Its messages speak of the realisasi template; the limits here are the plan's.
        b = BATAS_RENCANA
        raise Ditolak(
            "Berkas ditolak sebelum dibaca: buku kerja rencana paling banyak "
            f"{format_angka(b.baris_maks)} baris per lembar, {b.kolom_maks} kolom dan "
            f"{format_angka(b.teks_maks)} teks berbeda, dan tidak dimampatkan secara tidak "
            "wajar. Unduh buku kerja dari aplikasi lalu ubah."
        ) from exc
    try:
        wb = load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, TypeError):
        raise Ditolak("Berkas bukan buku kerja Excel (.xlsx) yang dapat dibaca.") from None
    buku = BukuRencana()
    try:
        for lb in L.SEMUA:
            if lb.nama not in wb.sheetnames and lb.nama in L.BARU:
                continue  # a workbook from before this sheet: nothing of its kind changes
            if lb.nama not in wb.sheetnames:
                buku.galat.append(f"Lembar {lb.nama} tidak ada dalam berkas.")
                continue
            buku.lembar[lb.nama] = _baca_lembar(buku, lb, wb[lb.nama].iter_rows(values_only=True))
    finally:
        wb.close()
    return buku


def _baca_lembar(buku: BukuRencana, lb: L.Lembar, baris_sel: Any) -> list[tuple[int, Baris]]:
    judul = [str(v).strip() if v is not None else "" for v in next(baris_sel, ())]
    posisi = {}
    for k in lb.kolom:
        if k.judul in judul:
            posisi[k.kunci] = judul.index(k.judul)
        elif k.wajib:
            buku.salah(lb, 1, f"kolom {k.judul} tidak ada.")
    if len(posisi) < len([k for k in lb.kolom if k.wajib]):
        return []
    hasil = []
    for nomor, sel in enumerate(baris_sel, start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in sel):
            continue
        baris: Baris = {}
        for k in lb.kolom:
            i = posisi.get(k.kunci)
            if i is None and k.baru:
                continue
            try:
                baris[k.kunci] = L.normal(sel[i] if i is not None and i < len(sel) else None, k)
            except L.SelTidakValid as exc:
                buku.salah(lb, nomor, str(exc))
                baris = {}
                break
        if baris:
            hasil.append((nomor, baris))
    return hasil


def susun_data(buku: BukuRencana, *, slug: str) -> dict[str, dict[str, Any]]:
    """The loader's data (laporan.referensi.data_muat) from the rows; problems go to buku."""
    kx = Konteks()
    data = {
        "organisasi": _organisasi(buku, kx, slug),
        "renstra": _renstra(buku, kx, slug),
        "anggaran": _anggaran(buku, kx),
    }
    data["kinerja"] = {
        "perjanjian": _perjanjian(buku, kx),
        "realisasi": _realisasi(buku, kx),
        "standar_nasional": _standar(buku, kx),
    }
    data["logistik"] = susun_logistik(buku)
    data["laporan"] = susun_laporan(buku, kx)
    return data


def _satu(buku: BukuRencana, lb: L.Lembar) -> Baris:
    baris = buku.baris(lb)
    if len(baris) != 1:
        buku.galat.append(f"{lb.nama}: harus berisi tepat satu baris data, ada {len(baris)}.")
        return {}
    return dict(baris[0][1])


def _organisasi(buku: BukuRencana, kx: Konteks, slug: str) -> dict[str, Any]:
    org = _satu(buku, L.ORGANISASI)
    org["slug"] = slug
    if org.get("induk") and not Organisasi.objects.filter(slug=org["induk"]).exists():
        buku.salah(L.ORGANISASI, 2, f"organisasi induk {org['induk']!r} tidak ada.")
    unit = []
    for n, u in buku.baris(L.UNIT):
        if u["induk"] and u["induk"] not in kx.unit:
            buku.salah(L.UNIT, n, f"unit induk {u['induk']!r} harus tertulis lebih dahulu.")
        elif u["slug"] in kx.unit:
            buku.salah(L.UNIT, n, f"slug {u['slug']!r} tertulis dua kali.")
        elif pilihan(buku, L.UNIT, n, "Jenis", u["jenis"], UnitKerja.Jenis.values):
            unit.append(u)
        kx.unit.add(u["slug"])
    pejabat = []
    for n, pj in buku.baris(L.PEJABAT):
        if pj["unit_kerja"] and pj["unit_kerja"] not in kx.unit:
            buku.salah(L.PEJABAT, n, f"unit kerja {pj['unit_kerja']!r} tidak ada.")
        elif pj.get("selesai") and pj["selesai"] < pj["mulai"]:
            buku.salah(L.PEJABAT, n, "Selesai tidak boleh sebelum Mulai.")
        elif pilihan(buku, L.PEJABAT, n, "Peran", pj["peran"], Pejabat.Peran.values) and pilihan(
            buku, L.PEJABAT, n, "Pelaksana", pj.get("pelaksana", ""), Pejabat.Pelaksana.values
        ):
            pejabat.append(pj)
            kode = kode_peran(pj["peran"], pj["unit_kerja"])
            kx.pejabat |= {kode, f"{kode}@{pj['mulai'].isoformat()}"}
    return {
        "organisasi": org,
        "unit_kerja": unit,
        "pejabat": pejabat,
        "uraian_tugas": _uraian_tugas(buku),
        "pegawai": _pegawai(buku),
    }


def _uraian_tugas(buku: BukuRencana) -> list[Baris]:
    ada: set = set()
    return [
        u
        for n, u in buku.baris(L.URAIAN_TUGAS)
        if pilihan(buku, L.URAIAN_TUGAS, n, "Jenis", u["jenis"], UraianTugas.Jenis.values)
        and _positif(buku, L.URAIAN_TUGAS, n, u["urutan"], "Urutan", 1)
        and sekali(buku, L.URAIAN_TUGAS, n, (u["jenis"], u["urutan"]), ada)
    ]


def _pegawai(buku: BukuRencana) -> list[Baris]:
    ada: set = set()
    return [
        p
        for n, p in buku.baris(L.PEGAWAI)
        if _positif(buku, L.PEGAWAI, n, p["jumlah"], "Jumlah", 0)
        and _positif(buku, L.PEGAWAI, n, p["urutan"], "Urutan", 0)
        and sekali(buku, L.PEGAWAI, n, (p["tahun"], p["status"]), ada)
    ]


def _positif(buku: BukuRencana, lb: L.Lembar, n: int, nilai: int, judul: str, paling: int) -> bool:
    if nilai < paling:
        buku.salah(lb, n, f"{judul} paling kecil {paling}.")
        return False
    return True


def _renstra(buku: BukuRencana, kx: Konteks, slug: str) -> dict[str, Any]:
    renstra = _satu(buku, L.RENSTRA)
    renstra["skala_ordinal"] = susun_skala(buku, kx)
    renstra["skala_penilaian"] = susun_skala_penilaian(buku)
    renstra["misi"] = [m["teks"] for _n, m in _berurut(buku, L.MISI, buku.baris(L.MISI))]
    tujuan = [
        {"teks": t["teks"], "sasaran": []}
        for _n, t in _berurut(buku, L.TUJUAN, buku.baris(L.TUJUAN))
    ]
    per_tujuan = defaultdict(list)
    for n, s in buku.baris(L.SASARAN_TUJUAN):
        if not 1 <= s["tujuan"] <= len(tujuan):
            buku.salah(L.SASARAN_TUJUAN, n, f"tujuan nomor {s['tujuan']} tidak ada.")
        else:
            per_tujuan[s["tujuan"]].append((n, s))
    for nomor, daftar in per_tujuan.items():
        tujuan[nomor - 1]["sasaran"] = [
            s["teks"] for _n, s in _berurut(buku, L.SASARAN_TUJUAN, daftar)
        ]
    sasaran = {}
    for n, s in buku.baris(L.SASARAN):
        if s["nomor"] in sasaran:
            buku.salah(L.SASARAN, n, f"nomor {s['nomor']} tertulis dua kali.")
        sasaran[s["nomor"]] = {**s, "indikator": []}
    kx.sasaran = set(sasaran)
    pendahulu = _kode_pendahulu(slug, renstra.get("tahun_mulai", 0))
    for n, ind in buku.baris(L.INDIKATOR):
        if ind.get("pendahulu") and ind["pendahulu"] not in pendahulu:
            buku.salah(
                L.INDIKATOR,
                n,
                f"Kode Pendahulu {ind['pendahulu']!r} tidak ada pada Renstra periode "
                "sebelumnya organisasi ini.",
            )
        elif _indikator_sah(buku, kx, n, ind):
            kx.indikator[ind["kode"]] = ind
            sasaran[ind["sasaran"]]["indikator"].append({**ind, "target_renstra": {}})
    _target_renstra(buku, kx, renstra, sasaran)
    skala = renstra.pop("skala_ordinal")
    return {
        "renstra": renstra,
        "skala_ordinal": skala,
        "tujuan": tujuan,
        "sasaran": list(sasaran.values()),
    }


def _kode_pendahulu(slug: str, tahun_mulai: int) -> set[str]:
    """The Kodes an indicator's predecessor may have: those of the organisation's earlier
    Renstra periods (none for a new organisation)."""
    return set(
        IndikatorKinerja.objects.filter(
            sasaran__renstra__organisasi__slug=slug,
            sasaran__renstra__tahun_mulai__lt=tahun_mulai,
        ).values_list("kode", flat=True)
    )


def _berurut(buku: BukuRencana, lb: L.Lembar, baris: list[tuple[int, Baris]]) -> list:
    """Numbered rows (misi, tujuan, sasaran tujuan) numbered 1, 2, 3… in their order: the
    loader numbers them by position."""
    for urutan, (n, b) in enumerate(baris, start=1):
        if b["nomor"] != urutan:
            buku.salah(lb, n, f"nomor harus {urutan} (berurutan mulai 1), bukan {b['nomor']}.")
    return baris


def _indikator_sah(buku: BukuRencana, kx: Konteks, n: int, ind: Baris) -> bool:
    lb = L.INDIKATOR
    if ind["kode"] in kx.indikator:
        buku.salah(lb, n, f"Kode {ind['kode']!r} tertulis dua kali.")
        return False
    if ind["sasaran"] not in kx.sasaran:
        buku.salah(lb, n, f"sasaran nomor {ind['sasaran']} tidak ada.")
        return False
    if ind["unit_kerja"] and ind["unit_kerja"] not in kx.unit:
        buku.salah(lb, n, f"unit kerja {ind['unit_kerja']!r} tidak ada.")
        return False
    if ind["skala"] and ind["skala"] not in kx.tingkat:
        buku.salah(lb, n, f"skala {ind['skala']!r} tidak dikenal.")
        return False
    return all(
        pilihan(buku, lb, n, judul, ind[kunci], boleh)
        for judul, kunci, boleh in (
            ("Tingkat", "tingkat", IndikatorKinerja.Tingkat.values),
            ("Jenis Nilai", "tipe", [t.value for t in TipeNilai]),
            ("Polaritas", "polaritas", [p.value for p in Polaritas]),
            ("Agregasi", "agregasi", [a.value for a in Agregasi]),
        )
    )


def _nilai(buku: BukuRencana, kx: Konteks, lb: L.Lembar, n: int, b: Baris) -> bool:
    """The row's indicator exists and its value is of the indicator's kind."""
    ind = kx.indikator.get(b["kode"])
    if ind is None:
        buku.salah(lb, n, f"Kode indikator {b['kode']!r} tidak ada pada lembar Indikator.")
        return False
    if ind["tipe"] == TipeNilai.ORDINAL:
        if str(b["nilai"]) not in kx.tingkat.get(ind["skala"], set()):
            buku.salah(lb, n, f"{b['nilai']!r} bukan tingkat skala {ind['skala']}.")
            return False
        b["nilai"] = str(b["nilai"])
    elif isinstance(b["nilai"], str):
        buku.salah(lb, n, f"{b['nilai']!r} bukan angka.")
        return False
    atas = b.get("nilai_atas")
    if atas is not None and (ind["tipe"] == TipeNilai.ORDINAL or atas < b["nilai"]):
        buku.salah(lb, n, "Target Atas hanya untuk rentang angka, tidak kurang dari Target.")
        return False
    return True


def _muatan(b: Baris) -> Any:
    """A checked value as laporan.referensi reads it: a band is [lower, upper]."""
    atas = b.get("nilai_atas")
    return b["nilai"] if atas is None else [b["nilai"], atas]


def _target_renstra(buku: BukuRencana, kx: Konteks, renstra: Baris, sasaran: dict) -> None:
    per_kode = {i["kode"]: i for s in sasaran.values() for i in s["indikator"]}
    mulai, selesai = renstra.get("tahun_mulai", 0), renstra.get("tahun_selesai", 0)
    for n, t in buku.baris(L.TARGET_RENSTRA):
        if not _nilai(buku, kx, L.TARGET_RENSTRA, n, t):
            continue
        if not mulai <= t["tahun"] <= selesai:
            buku.salah(L.TARGET_RENSTRA, n, f"tahun {t['tahun']} di luar periode Renstra.")
            continue
        per_kode[t["kode"]]["target_renstra"][str(t["tahun"])] = _muatan(t)


def _anggaran(buku: BukuRencana, kx: Konteks) -> dict[str, Any]:
    program: dict[str, Baris] = {}
    for n, a in buku.baris(L.ANGGARAN):
        prog = program.setdefault(
            a["program"],
            {"kode": a["program"], "nama": a["nama_program"], "realisasi": {}, "kegiatan": []},
        )
        tahun = str(a["tahun"])
        if a["realisasi_program"] is not None:
            prog["realisasi"][tahun] = a["realisasi_program"]
        if not a["kode"]:
            continue
        if a["sumber_dana"] and not pilihan(
            buku, L.ANGGARAN, n, "Sumber Dana", a["sumber_dana"], SumberDana.values
        ):
            continue
        if a["pagu"] is None and a["realisasi"] is not None:
            buku.salah(L.ANGGARAN, n, "Pagu wajib diisi bila Realisasi diisi.")
            continue
        kro, ro = a["kode_kro"].upper(), a["kode_ro"].upper()
        if galat := galat_kode_kro_ro(kro, ro):
            for pesan in galat.values():
                buku.salah(L.ANGGARAN, n, pesan)
            continue
        kegiatan = {
            "kode": a["kode"],
            "nama": a["nama"],
            "sumber_dana": a["sumber_dana"],
            "kode_kro": kro,
            "kode_ro": ro,
        }
        kegiatan["pagu"] = {tahun: a["pagu"]} if a["pagu"] is not None else {}
        kegiatan["realisasi"] = {tahun: a["realisasi"]} if a["realisasi"] is not None else {}
        prog["kegiatan"].append(kegiatan)
        kx.kegiatan.add(a["kode"])
    kx.program = set(program)
    return {"program": list(program.values())}


def _perjanjian(buku: BukuRencana, kx: Konteks) -> list[Baris]:
    daftar: dict[tuple[str, int], Baris] = {}
    for n, pk in buku.baris(L.PERJANJIAN):
        kunci = (pk["unit_kerja"], pk["versi"])
        salah = [
            pesan
            for syarat, pesan in (
                (kunci in daftar, "perjanjian unit dan versi ini tertulis dua kali."),
                (pk["unit_kerja"] and pk["unit_kerja"] not in kx.unit, "unit kerja tidak ada."),
                (pk["pihak_pertama"] not in kx.pejabat, "Pihak Pertama tidak ada pada Pejabat."),
                (pk["pihak_kedua"] not in kx.pejabat, "Pihak Kedua tidak ada pada Pejabat."),
            )
            if syarat
        ]
        for pesan in salah:
            buku.salah(L.PERJANJIAN, n, pesan)
        if not salah:
            ditandatangani = pk["ditandatangani"] is not False
            daftar[kunci] = {
                **pk,
                "ditandatangani": ditandatangani,
                "baris": n,
                "target": [],
                "kegiatan": [],
            }
    for n, t in buku.baris(L.TARGET_PERJANJIAN):
        milik = daftar.get((t["unit_kerja"], t["versi"]))
        if milik is None:
            buku.salah(L.TARGET_PERJANJIAN, n, "perjanjian unit dan versi ini tidak ada.")
        elif _nilai(buku, kx, L.TARGET_PERJANJIAN, n, t):
            milik["target"].append({"indikator": t["kode"], "nilai": _muatan(t), "baris": n})
    for n, k in buku.baris(L.KEGIATAN_PERJANJIAN):
        milik = daftar.get((k["unit_kerja"], k["versi"]))
        if milik is None:
            buku.salah(L.KEGIATAN_PERJANJIAN, n, "perjanjian unit dan versi ini tidak ada.")
        elif _kegiatan_sah(buku, kx, n, k):
            milik["kegiatan"].append({**k, "baris": n})
    return list(daftar.values())


def _kegiatan_sah(buku: BukuRencana, kx: Konteks, n: int, k: Baris) -> bool:
    salah = [
        pesan
        for syarat, pesan in (
            (k["program"] and k["program"] not in kx.program, "Kode Program tidak ada."),
            (k["kegiatan"] and k["kegiatan"] not in kx.kegiatan, "Kode Kegiatan tidak ada."),
            (k["sasaran"] is not None and k["sasaran"] not in kx.sasaran, "Sasaran tidak ada."),
            (k["indikator"] and k["indikator"] not in kx.indikator, "Kode indikator tidak ada."),
            (k["indikator"] and k["sasaran"] is None, "Kode indikator tanpa Sasaran."),
            (
                k["sumber_dana"] and k["sumber_dana"] not in SumberDana.values,
                "Sumber Dana tidak dikenal.",
            ),
        )
        if syarat
    ]
    for pesan in salah:
        buku.salah(L.KEGIATAN_PERJANJIAN, n, pesan)
    return not salah


def _standar(buku: BukuRencana, kx: Konteks) -> list[Baris]:
    ada: set = set()
    return [
        {"indikator": b["kode"], "tahun": b["tahun"], "nilai": b["nilai"], "sumber": b["sumber"]}
        for n, b in buku.baris(L.STANDAR)
        if _nilai(buku, kx, L.STANDAR, n, b)
        and sekali(buku, L.STANDAR, n, (b["kode"], b["tahun"]), ada)
    ]


def _realisasi(buku: BukuRencana, kx: Konteks) -> list[Baris]:
    hasil = []
    for n, r in buku.baris(L.REALISASI):
        lb = L.REALISASI
        if not (
            _nilai(buku, kx, lb, n, r)
            and pilihan(buku, lb, n, "Periode", r["periode"], Periode.values)
            and pilihan(buku, lb, n, "Status", r["status"], Realisasi.Status.values)
        ):
            continue
        if any(
            len(r[k]) > PANJANG_TEKS_MAKS for k in ("kendala", "tindak_lanjut", "faktor_pendorong")
        ):
            buku.salah(lb, n, f"teks paling panjang {PANJANG_TEKS_MAKS} huruf.")
            continue
        hasil.append({**r, "indikator": r["kode"]})
    return hasil
