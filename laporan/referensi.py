"""Load an organisation's reference data from the readable TOML files in fixtures/.

Every row is found by its natural key and written only when a value differs, so loading
twice changes nothing (and never touches a signed agreement that is already right).
Numbers in the files are written the Indonesian way and go through the one parser.
"""

import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction

from anggaran.models import AnggaranKegiatan, Kegiatan, Program, RealisasiProgram
from kinerja.models import (
    KegiatanPerjanjian,
    PemetaanKegiatan,
    PerjanjianKinerja,
    Realisasi,
    RentangPenilaian,
    StandarNasional,
    TargetKinerja,
)
from kinerja.perjanjian.services import perjanjian_catat_ditandatangani
from kinerja.skala import skala_penilaian_ganti, skala_penilaian_pasang_baku
from laporan.pemuat import DataReferensiTidakValid, HasilMuat, Pemuat, pejabat_dari_kode
from laporan.pemuat import angka as _angka
from laporan.referensi_laporan import muat_laporan, muat_logistik
from organisasi.models import JumlahPegawai, Organisasi, Pejabat, UnitKerja, UraianTugas
from renstra.models import (
    IndikatorKinerja,
    Misi,
    Renstra,
    SasaranStrategis,
    SasaranTujuan,
    SkalaOrdinal,
    TargetRenstra,
    TingkatSkala,
    Tujuan,
)

# What the commands and the plan workbook's import take from here.
__all__ = ["DataReferensiTidakValid", "HasilMuat", "data_muat", "pejabat_dari_kode"]

BERKAS = ("organisasi", "renstra", "anggaran", "kinerja", "logistik", "laporan")


def baca_folder(folder: Path) -> dict[str, dict[str, Any]]:
    data = {}
    for nama in BERKAS:
        berkas = folder / f"{nama}.toml"
        data[nama] = tomllib.loads(berkas.read_text(encoding="utf-8")) if berkas.exists() else {}
    if not data["organisasi"]:
        raise DataReferensiTidakValid(f"{folder}: organisasi.toml tidak ditemukan.")
    return data


@transaction.atomic
def referensi_muat(*, folder: Path) -> HasilMuat:
    """Load one organisation's folder; all of it or, on any error, none of it."""
    return data_muat(data=baca_folder(folder))


def data_muat(*, data: dict[str, dict[str, Any]]) -> HasilMuat:
    """Load one organisation's data shaped as the folder's files (also what the plan
    workbook's import builds), writing only what differs. The caller holds the transaction."""
    p = Pemuat()
    org = _muat_organisasi(p, data["organisasi"])
    renstra = _muat_renstra(p, org, data["renstra"])
    _muat_anggaran(p, org, data["anggaran"])
    _muat_kinerja(p, org, renstra, data["kinerja"])
    muat_logistik(p, org, data.get("logistik", {}))
    muat_laporan(p, org, renstra, data.get("laporan", {}))
    return p.hasil


def _muat_organisasi(p: Pemuat, data: dict) -> Organisasi:
    o = dict(data["organisasi"])
    induk_slug = o.pop("induk", "")
    slug = o.pop("slug")
    o["induk"] = Organisasi.objects.get(slug=induk_slug) if induk_slug else None
    org = p.simpan(Organisasi, {"slug": slug}, o)

    for urutan, u in enumerate(data.get("unit_kerja", [])):
        induk = UnitKerja.objects.get(organisasi=org, slug=u["induk"]) if u.get("induk") else None
        p.simpan(
            UnitKerja,
            {"organisasi": org, "slug": u["slug"]},
            {
                "nama": u["nama"],
                "nama_singkat": u["nama_singkat"],
                "jenis": u["jenis"],
                "induk": induk,
                "tugas": u.get("tugas", ""),
                "urutan": urutan,
            },
        )
    for pj in data.get("pejabat", []):
        unit = (
            UnitKerja.objects.get(organisasi=org, slug=pj["unit_kerja"])
            if pj.get("unit_kerja")
            else None
        )
        p.simpan(
            Pejabat,
            {"organisasi": org, "peran": pj["peran"], "unit_kerja": unit, "mulai": pj["mulai"]},
            {
                "nama": pj["nama"],
                "nip": pj.get("nip", ""),
                "jabatan": pj["jabatan"],
                "jabatan_ttd": pj.get("jabatan_ttd", ""),
                # Only where the data says: a file without them leaves the app's values.
                **{k: pj[k] for k in ("pelaksana", "selesai") if k in pj},
            },
        )
    per_jenis: Counter = Counter()
    for ut in data.get("uraian_tugas", []):
        per_jenis[ut["jenis"]] += 1
        urutan = ut.get("urutan", per_jenis[ut["jenis"]])
        p.simpan(
            UraianTugas,
            {"organisasi": org, "jenis": ut["jenis"], "urutan": urutan},
            {"teks": ut["teks"]},
        )
    for urutan, pg in enumerate(data.get("pegawai", [])):
        p.simpan(
            JumlahPegawai,
            {"organisasi": org, "tahun": pg["tahun"], "status_kepegawaian": pg["status"]},
            {"jumlah": pg["jumlah"], "urutan": pg.get("urutan", urutan)},
        )
    return org


def _muat_renstra(p: Pemuat, org: Organisasi, data: dict) -> Renstra | None:
    if not data:
        return None
    _muat_skala_ordinal(p, data.get("skala_ordinal", []))
    renstra = _muat_visi_misi(p, org, data["renstra"])
    for nomor, t in enumerate(data.get("tujuan", []), start=1):
        tujuan = p.simpan(Tujuan, {"renstra": renstra, "nomor": nomor}, {"teks": t["teks"]})
        for n, teks in enumerate(t.get("sasaran", []), start=1):
            p.simpan(SasaranTujuan, {"tujuan": tujuan, "nomor": n}, {"teks": teks})
    kode_terpakai: set[str] = set()
    for s in data.get("sasaran", []):
        sasaran = p.simpan(
            SasaranStrategis,
            {"renstra": renstra, "nomor": s["nomor"]},
            {"nama": s["nama"], "tabel_bukti": s.get("tabel_bukti", "")},
        )
        for urutan, ind in enumerate(s.get("indikator", []), start=1):
            if ind["kode"] in kode_terpakai:
                raise DataReferensiTidakValid(f"Kode indikator {ind['kode']} dipakai dua kali.")
            kode_terpakai.add(ind["kode"])
            _muat_indikator(p, org, sasaran, urutan, ind)
    return renstra


def _muat_skala_ordinal(p: Pemuat, daftar: list[dict]) -> None:
    for s in daftar:
        skala = p.simpan(SkalaOrdinal, {"kode": s["kode"]}, {"nama": s["nama"]})
        for t in s["tingkat"]:
            p.simpan(
                TingkatSkala,
                {"skala": skala, "kode": t["kode"]},
                {"nama": t["nama"], "peringkat": t["peringkat"]},
            )


def _muat_visi_misi(p: Pemuat, org: Organisasi, r: dict) -> Renstra:
    """The Renstra itself, its visi and misi, and its default scales."""
    renstra = p.simpan(
        Renstra,
        {"organisasi": org, "tahun_mulai": r["tahun_mulai"]},
        {
            "judul": r["judul"],
            "tahun_selesai": r["tahun_selesai"],
            "nomor_keputusan": r.get("nomor_keputusan", ""),
            **({"tanggal_keputusan": r["tanggal_keputusan"]} if "tanggal_keputusan" in r else {}),
            "visi": r["visi"],
        },
    )
    for hasil in skala_penilaian_pasang_baku(renstra=renstra):
        p.hasil.dibuat[hasil] += 1
    for jenis, rentang in r.get("skala_penilaian", {}).items():
        if skala_penilaian_ganti(renstra=renstra, jenis=jenis, rentang=rentang):
            p.hasil.diubah[RentangPenilaian._meta.verbose_name_plural] += 1
    for nomor, teks in enumerate(r.get("misi", []), start=1):
        p.simpan(Misi, {"renstra": renstra, "nomor": nomor}, {"teks": teks})
    return renstra


def _muat_indikator(
    p: Pemuat, org: Organisasi, sasaran: SasaranStrategis, urutan: int, ind: dict
) -> IndikatorKinerja:
    indikator = p.simpan(
        IndikatorKinerja,
        {"sasaran": sasaran, "kode": ind["kode"]},
        {
            "nama": ind["nama"],
            "tingkat": ind.get("tingkat", IndikatorKinerja.Tingkat.SASARAN_STRATEGIS),
            "sasaran_program": ind.get("sasaran_program", ""),
            "tipe": ind["tipe"],
            "skala": SkalaOrdinal.objects.get(kode=ind["skala"]) if ind.get("skala") else None,
            "satuan": ind.get("satuan", "%"),
            "polaritas": ind.get("polaritas", "naik"),
            "agregasi": ind.get("agregasi", "terakhir"),
            "unit_kerja": (
                UnitKerja.objects.get(organisasi=org, slug=ind["unit_kerja"])
                if ind.get("unit_kerja")
                else None
            ),
            "urutan": urutan,
            # Only where the data says: the TOML files leave the app's link and manual alone.
            **(
                {"pendahulu": _pendahulu(org, sasaran, ind["pendahulu"])}
                if "pendahulu" in ind
                else {}
            ),
            **{k: ind[k] for k in ("definisi_operasional", "formula", "sumber_data") if k in ind},
        },
    )
    for tahun, teks in ind.get("target_renstra", {}).items():
        p.simpan(
            TargetRenstra,
            {"indikator": indikator, "tahun": int(tahun)},
            _nilai_target(indikator, teks),
        )
    return indikator


def _pendahulu(org: Organisasi, sasaran: SasaranStrategis, kode: str) -> IndikatorKinerja | None:
    """The indicator of that Kode in the organisation's latest earlier Renstra."""
    if not kode:
        return None
    pendahulu = (
        IndikatorKinerja.objects.filter(
            sasaran__renstra__organisasi=org,
            sasaran__renstra__tahun_mulai__lt=sasaran.renstra.tahun_mulai,
            kode=kode,
        )
        .order_by("-sasaran__renstra__tahun_mulai")
        .first()
    )
    if pendahulu is None:
        raise DataReferensiTidakValid(f"Indikator pendahulu {kode!r} tidak ada.")
    return pendahulu


def _nilai_target(indikator: IndikatorKinerja, teks: Any) -> dict[str, Any]:
    """A number, a level's code, or a band written as [lower, upper]."""
    atas = None
    if isinstance(teks, list):
        teks, atas = teks
    if indikator.is_ordinal:
        try:
            tingkat = TingkatSkala.objects.get(skala_id=indikator.skala_id, kode=teks)
        except TingkatSkala.DoesNotExist:
            raise DataReferensiTidakValid(
                f"{indikator.kode}: {teks!r} bukan tingkat skala {indikator.skala}."
            ) from None
        return {"nilai": None, "nilai_atas": None, "tingkat": tingkat}
    return {
        "nilai": _angka(teks, indikator.kode),
        "nilai_atas": None if atas is None else _angka(atas, indikator.kode),
        "tingkat": None,
    }


def _indikator(renstra: Renstra, kode: str) -> IndikatorKinerja:
    try:
        return IndikatorKinerja.objects.select_related("skala").get(
            sasaran__renstra=renstra, kode=kode
        )
    except IndikatorKinerja.DoesNotExist:
        raise DataReferensiTidakValid(f"Indikator {kode!r} tidak ada di renstra.") from None


def _muat_anggaran(p: Pemuat, org: Organisasi, data: dict) -> None:
    for urutan, prog in enumerate(data.get("program", []), start=1):
        program = p.simpan(
            Program,
            {"organisasi": org, "kode": prog["kode"]},
            {"nama": prog["nama"], "urutan": urutan},
        )
        for tahun, teks in prog.get("realisasi", {}).items():
            p.simpan(
                RealisasiProgram,
                {"program": program, "tahun": int(tahun)},
                {"realisasi": _angka(teks, prog["kode"])},
            )
        for u, keg in enumerate(prog.get("kegiatan", []), start=1):
            kegiatan = p.simpan(
                Kegiatan,
                {"program": program, "kode": keg["kode"]},
                {
                    "nama": keg["nama"],
                    "urutan": u,
                    "kode_kro": keg.get("kode_kro", ""),
                    "kode_ro": keg.get("kode_ro", ""),
                },
            )
            realisasi = keg.get("realisasi", {})
            for tahun, teks in keg.get("pagu", {}).items():
                nilai = {
                    "pagu": _angka(teks, keg["kode"]),
                    "sumber_dana": keg.get("sumber_dana", ""),
                }
                if tahun in realisasi:
                    nilai["realisasi"] = _angka(realisasi[tahun], keg["kode"])
                p.simpan(AnggaranKegiatan, {"kegiatan": kegiatan, "tahun": int(tahun)}, nilai)


def _muat_kinerja(p: Pemuat, org: Organisasi, renstra: Renstra | None, data: dict) -> None:
    if not data:
        return
    for pk in data.get("perjanjian", []):
        try:
            _muat_perjanjian(p, org, renstra, pk)
        except IntegrityError as exc:
            # The database guard refuses any change to an agreement that is already signed.
            raise DataReferensiTidakValid(f"{pk.get('kode', 'perjanjian')}: {exc}") from exc
    _muat_realisasi(p, renstra, data)
    for sn in data.get("standar_nasional", []):
        indikator = _indikator(renstra, sn["indikator"])
        nilai = _nilai_target(indikator, sn["nilai"])
        nilai.pop("nilai_atas")
        p.simpan(
            StandarNasional,
            {"indikator": indikator, "tahun": sn["tahun"]},
            {**nilai, "sumber": sn["sumber"]},
        )


def _muat_perjanjian(p: Pemuat, org: Organisasi, renstra: Renstra | None, pk: dict) -> None:
    """One agreement, signed on paper: written as a draft, filled, then marked signed.

    No electronic signature is recorded for it, so its document shows no "Ditandatangani
    secara elektronik" and it has no verification code. An agreement that is already loaded
    and unchanged is not written at all, which the database guard requires.
    """
    unit = (
        UnitKerja.objects.get(organisasi=org, slug=pk["unit_kerja"])
        if pk.get("unit_kerja")
        else None
    )
    kunci = {"organisasi": org, "unit_kerja": unit, "tahun": pk["tahun"], "versi": pk["versi"]}
    ada = PerjanjianKinerja.objects.filter(**kunci).exists()
    perjanjian = p.simpan(
        PerjanjianKinerja,
        kunci,
        {
            "pihak_pertama": pejabat_dari_kode(org, pk["pihak_pertama"]),
            "pihak_kedua": pejabat_dari_kode(org, pk["pihak_kedua"]),
            "tempat": pk["tempat"],
            "tanggal": pk.get("tanggal"),
        },
    )
    for urutan, t in enumerate(pk.get("target", []), start=1):
        indikator = _indikator(renstra, t["indikator"])
        p.simpan(
            TargetKinerja,
            {"perjanjian": perjanjian, "indikator": indikator},
            {**_nilai_target(indikator, t["nilai"]), "urutan": urutan},
        )
    for urutan, k in enumerate(pk.get("kegiatan", []), start=1):
        _muat_kegiatan_perjanjian(p, org, renstra, perjanjian, urutan, k)
    # A workbook may carry drafts too; the reference files hold signed agreements only.
    if (
        pk.get("ditandatangani", True)
        and perjanjian.status != PerjanjianKinerja.Status.DITANDATANGANI
    ):
        # Signed on paper: recorded as signed with its content frozen, as the app does.
        perjanjian_catat_ditandatangani(perjanjian=perjanjian)
        if ada:
            p.hasil.diubah[PerjanjianKinerja._meta.verbose_name_plural] += 1


def _muat_kegiatan_perjanjian(
    p: Pemuat,
    org: Organisasi,
    renstra: Renstra | None,
    perjanjian: PerjanjianKinerja,
    urutan: int,
    k: dict,
) -> None:
    """One kegiatan line of an agreement, and the sasaran it serves where the file says."""
    baris = p.simpan(
        KegiatanPerjanjian,
        {"perjanjian": perjanjian, "urutan": urutan},
        {
            "uraian": k["uraian"],
            "anggaran": _angka(k["anggaran"], k["uraian"]),
            "program": (
                Program.objects.get(organisasi=org, kode=k["program"]) if k.get("program") else None
            ),
            "kegiatan": (
                Kegiatan.objects.get(program__organisasi=org, kode=k["kegiatan"])
                if k.get("kegiatan")
                else None
            ),
        },
    )
    if not k.get("sasaran"):
        return
    p.simpan(
        PemetaanKegiatan,
        {"kegiatan": baris},
        {
            "sasaran": SasaranStrategis.objects.get(renstra=renstra, nomor=k["sasaran"]),
            "indikator": _indikator(renstra, k["indikator"]) if k.get("indikator") else None,
            "sumber_dana": k.get("sumber_dana", ""),
        },
    )


def _muat_realisasi(p: Pemuat, renstra: Renstra | None, data: dict) -> None:
    for r in data.get("realisasi", []):
        indikator = _indikator(renstra, r["indikator"])
        nilai = _nilai_target(indikator, r["nilai"])
        nilai.pop("nilai_atas")
        p.simpan(
            Realisasi,
            {"indikator": indikator, "tahun": r["tahun"], "periode": r["periode"]},
            {
                **nilai,
                "kendala": r.get("kendala", ""),
                "tindak_lanjut": r.get("tindak_lanjut", ""),
                "faktor_pendorong": r.get("faktor_pendorong", ""),
                # The reference year's values come from a published report: verified.
                "status": r.get("status", Realisasi.Status.DIVERIFIKASI),
            },
        )
