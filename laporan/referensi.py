"""Load an organisation's reference data from the readable TOML files in fixtures/.

Every row is found by its natural key and written only when a value differs, so loading
twice changes nothing (and never touches a signed agreement that is already right).
Numbers in the files are written the Indonesian way and go through the one parser.
"""

import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction

from anggaran.models import AnggaranKegiatan, Kegiatan, Program, RealisasiProgram
from evaluasi.models import Evaluasi, SubKomponenLke
from evaluasi.services import evaluasi_impor
from evaluasi.struktur import kerangka_untuk_tahun, lke_muat
from inti.angka import parse_angka
from inti.galat import Ditolak
from kinerja.models import (
    KegiatanPerjanjian,
    PemetaanKegiatan,
    PerjanjianKinerja,
    Realisasi,
    StandarNasional,
    TargetKinerja,
)
from kinerja.perjanjian.services import perjanjian_catat_ditandatangani
from kinerja.skala import skala_penilaian_pasang_baku
from laporan.models import (
    AnalisisSasaran,
    AngkaTercetak,
    CapaianLain,
    LaporanKinerja,
    ProdukHukum,
)
from logistik.models import Logistik, Pemilihan
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

M = TypeVar("M", bound=models.Model)

BERKAS = ("organisasi", "renstra", "anggaran", "kinerja", "logistik", "laporan")


class DataReferensiTidakValid(ValueError):
    pass


@dataclass
class HasilMuat:
    dibuat: Counter = field(default_factory=Counter)
    diubah: Counter = field(default_factory=Counter)
    tetap: Counter = field(default_factory=Counter)

    @property
    def jumlah_perubahan(self) -> int:
        return sum(self.dibuat.values()) + sum(self.diubah.values())


class _Pemuat:
    def __init__(self) -> None:
        self.hasil = HasilMuat()

    def simpan(self, model: type[M], kunci: dict[str, Any], nilai: dict[str, Any]) -> M:
        obj = model._default_manager.filter(**kunci).first()
        if obj is None:
            obj = model(**kunci, **nilai)
            obj.full_clean()
            obj.save()
            self.hasil.dibuat[model._meta.verbose_name_plural] += 1
            return obj
        berubah = [nama for nama, v in nilai.items() if not _sama(getattr(obj, nama), v)]
        if berubah:
            for nama in berubah:
                setattr(obj, nama, nilai[nama])
            obj.full_clean()
            obj.save(update_fields=berubah)
            self.hasil.diubah[model._meta.verbose_name_plural] += 1
        else:
            self.hasil.tetap[model._meta.verbose_name_plural] += 1
        return obj


def _sama(lama: Any, baru: Any) -> bool:
    if isinstance(lama, models.Model) or isinstance(baru, models.Model):
        return getattr(lama, "pk", None) == getattr(baru, "pk", None)
    return lama == baru


def _angka(teks: str | Decimal, konteks: str) -> Decimal:
    if isinstance(teks, Decimal):  # read from a spreadsheet's number cell already
        return teks
    try:
        return parse_angka(teks)
    except ValueError as exc:
        raise DataReferensiTidakValid(f"{konteks}: {exc}") from exc


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
    p = _Pemuat()
    org = _muat_organisasi(p, data["organisasi"])
    renstra = _muat_renstra(p, org, data["renstra"])
    _muat_anggaran(p, org, data["anggaran"])
    _muat_kinerja(p, org, renstra, data["kinerja"])
    _muat_logistik(p, org, data.get("logistik", {}))
    _muat_laporan(p, org, renstra, data.get("laporan", {}))
    return p.hasil


def _muat_organisasi(p: _Pemuat, data: dict) -> Organisasi:
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
            },
        )
    per_jenis: Counter = Counter()
    for ut in data.get("uraian_tugas", []):
        per_jenis[ut["jenis"]] += 1
        p.simpan(
            UraianTugas,
            {"organisasi": org, "jenis": ut["jenis"], "urutan": per_jenis[ut["jenis"]]},
            {"teks": ut["teks"]},
        )
    for urutan, pg in enumerate(data.get("pegawai", [])):
        p.simpan(
            JumlahPegawai,
            {"organisasi": org, "tahun": pg["tahun"], "status_kepegawaian": pg["status"]},
            {"jumlah": pg["jumlah"], "urutan": urutan},
        )
    return org


def pejabat_dari_kode(org: Organisasi, kode: str) -> Pejabat:
    """Fixture codes: "ketua", "sekretaris", "kasubbag-<unit slug>": the latest holder;
    with "@YYYY-MM-DD" (the plan workbook's earlier holders), the one who began that day."""
    kode, _, mulai = kode.partition("@")
    if kode.startswith("kasubbag-"):
        pejabat = Pejabat.objects.filter(
            organisasi=org, peran=Pejabat.Peran.KEPALA_SUBBAGIAN, unit_kerja__slug=kode[9:]
        )
    else:
        pejabat = Pejabat.objects.filter(organisasi=org, peran=kode)
    return pejabat.get(mulai=mulai) if mulai else pejabat.latest("mulai")


def _muat_renstra(p: _Pemuat, org: Organisasi, data: dict) -> Renstra | None:
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


def _muat_skala_ordinal(p: _Pemuat, daftar: list[dict]) -> None:
    for s in daftar:
        skala = p.simpan(SkalaOrdinal, {"kode": s["kode"]}, {"nama": s["nama"]})
        for t in s["tingkat"]:
            p.simpan(
                TingkatSkala,
                {"skala": skala, "kode": t["kode"]},
                {"nama": t["nama"], "peringkat": t["peringkat"]},
            )


def _muat_visi_misi(p: _Pemuat, org: Organisasi, r: dict) -> Renstra:
    """The Renstra itself, its visi and misi, and its default scales."""
    renstra = p.simpan(
        Renstra,
        {"organisasi": org, "tahun_mulai": r["tahun_mulai"]},
        {
            "judul": r["judul"],
            "tahun_selesai": r["tahun_selesai"],
            "nomor_keputusan": r.get("nomor_keputusan", ""),
            "visi": r["visi"],
        },
    )
    for hasil in skala_penilaian_pasang_baku(renstra=renstra):
        p.hasil.dibuat[hasil] += 1
    for nomor, teks in enumerate(r.get("misi", []), start=1):
        p.simpan(Misi, {"renstra": renstra, "nomor": nomor}, {"teks": teks})
    return renstra


def _muat_indikator(
    p: _Pemuat, org: Organisasi, sasaran: SasaranStrategis, urutan: int, ind: dict
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
        },
    )
    for tahun, teks in ind.get("target_renstra", {}).items():
        p.simpan(
            TargetRenstra,
            {"indikator": indikator, "tahun": int(tahun)},
            _nilai_target(indikator, teks),
        )
    return indikator


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


def _muat_anggaran(p: _Pemuat, org: Organisasi, data: dict) -> None:
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


def _muat_kinerja(p: _Pemuat, org: Organisasi, renstra: Renstra | None, data: dict) -> None:
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


def _muat_perjanjian(p: _Pemuat, org: Organisasi, renstra: Renstra | None, pk: dict) -> None:
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
    p: _Pemuat,
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


def _muat_realisasi(p: _Pemuat, renstra: Renstra | None, data: dict) -> None:
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


def _muat_logistik(p: _Pemuat, org: Organisasi, data: dict) -> None:
    for pm in data.get("pemilihan", []):
        pemilihan = p.simpan(
            Pemilihan,
            {"organisasi": org, "kode": pm["kode"]},
            {"nama": pm["nama"], "tahun": pm["tahun"]},
        )
        for urutan, baris in enumerate(pm.get("logistik", []), start=1):
            p.simpan(
                Logistik,
                {"pemilihan": pemilihan, "urutan": urutan},
                {k: baris[k] for k in ("jenis", "satuan", "dipesan", "diterima", "baik", "rusak")},
            )


def _muat_evaluasi_sakip(p: _Pemuat, org: Organisasi, ev: dict) -> None:
    """A printed LHE (Tabel 18): a completed, imported LKE evaluation with the sub-component
    scores it prints, matched to the LKE structure by component name."""
    struktur = lke_muat()
    if struktur.dibuat:
        p.hasil.dibuat["struktur LKE"] += struktur.dibuat
    if struktur.diubah:
        p.hasil.diubah["struktur LKE"] += struktur.diubah
    kerangka = kerangka_untuk_tahun(ev["tahun"])
    if kerangka is None:
        raise DataReferensiTidakValid(f"Tidak ada struktur LKE untuk tahun {ev['tahun']}.")
    sub = SubKomponenLke.objects.filter(komponen__kerangka=kerangka).select_related("komponen")
    nilai = {}
    for k in ev["komponen"]:
        kode = [s.kode for s in sub if k["nama"] in (s.komponen.nama, s.komponen.nama_singkat)]
        if len(kode) != len(k["nilai"]):
            raise DataReferensiTidakValid(f"Komponen {k['nama']} tidak ada pada {kerangka}.")
        nilai.update(zip(kode, (_angka(n, k["nama"]) for n in k["nilai"]), strict=True))
    try:
        _, berubah = evaluasi_impor(
            organisasi=org,
            tahun=ev["tahun"],
            kerangka=kerangka,
            nilai=nilai,
            nomor_lhe=ev.get("nomor_lhe", ""),
            nama_evaluator=ev.get("evaluator", ""),
        )
    except Ditolak as exc:
        raise DataReferensiTidakValid(exc.pesan) from exc
    if berubah:
        hitungan = p.hasil.dibuat if berubah == "dibuat" else p.hasil.diubah
        hitungan[str(Evaluasi._meta.verbose_name_plural)] += 1


def _muat_laporan(p: _Pemuat, org: Organisasi, renstra: Renstra | None, data: dict) -> None:
    if not data:
        return
    ev = data.get("evaluasi_sakip")
    if ev:
        _muat_evaluasi_sakip(p, org, ev)
    for ph in data.get("produk_hukum", []):
        p.simpan(
            ProdukHukum,
            {"organisasi": org, "tahun": ph["tahun"], "jenis_dokumen": ph["jenis_dokumen"]},
            {
                "satuan": ph.get("satuan", "dokumen"),
                "jumlah_hardcopy": ph["hardcopy"],
                "jumlah_softcopy": ph["softcopy"],
            },
        )
    for urutan, cl in enumerate(data.get("capaian_lain", []), start=1):
        p.simpan(
            CapaianLain,
            {"organisasi": org, "tahun": cl["tahun"], "urutan": urutan},
            {"uraian": cl["uraian"], "keterangan_gambar": cl.get("keterangan_gambar", "")},
        )
    for at in data.get("angka_tercetak", []):
        p.simpan(
            AngkaTercetak,
            {"organisasi": org, "tahun": at["tahun"], "kunci": at["kunci"]},
            {"teks": at["teks"]},
        )
    lap = data.get("laporan")
    if lap:
        teks = {nama: lap[nama].strip() for nama in _FIELD_NARASI if nama in lap}
        laporan = p.simpan(
            LaporanKinerja,
            {"organisasi": org, "tahun": lap["tahun"]},
            {
                "tempat": lap.get("tempat", org.kota),
                "tanggal": lap.get("tanggal"),
                "penandatangan": (
                    pejabat_dari_kode(org, lap["penandatangan"])
                    if lap.get("penandatangan")
                    else None
                ),
                **teks,
            },
        )
        for a in lap.get("analisis", []):
            sasaran = SasaranStrategis.objects.get(renstra=renstra, nomor=a["sasaran"])
            p.simpan(
                AnalisisSasaran,
                {"laporan": laporan, "sasaran": sasaran},
                {"teks": a["teks"].strip()},
            )


_FIELD_NARASI: Iterable[str] = tuple(
    f.name for f in LaporanKinerja._meta.get_fields() if isinstance(f, models.TextField)
)
