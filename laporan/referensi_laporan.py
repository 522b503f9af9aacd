"""The reference loader's last two files: election logistics and the report's own data
(the LHE scores, legal products, other achievements, printed figures, narratives, analyses).
"""

from collections.abc import Iterable
from decimal import Decimal

from django.db import models

from evaluasi.models import Evaluasi, SubKomponenLke
from evaluasi.services import evaluasi_impor
from evaluasi.struktur import kerangka_untuk_tahun, lke_muat
from inti.galat import Ditolak
from laporan.models import (
    AnalisisSasaran,
    AngkaTercetak,
    CapaianLain,
    LaporanKinerja,
    ProdukHukum,
)
from laporan.pemuat import DataReferensiTidakValid, Pemuat, angka, pejabat_dari_kode
from logistik.models import Logistik, Pemilihan
from organisasi.models import Organisasi
from renstra.models import Renstra, SasaranStrategis


def muat_logistik(p: Pemuat, org: Organisasi, data: dict) -> None:
    for pm in data.get("pemilihan", []):
        pemilihan = p.simpan(
            Pemilihan,
            {"organisasi": org, "kode": pm["kode"]},
            {"nama": pm["nama"], "tahun": pm["tahun"]},
        )
        for urutan, baris in enumerate(pm.get("logistik", []), start=1):
            p.simpan(
                Logistik,
                {"pemilihan": pemilihan, "urutan": baris.get("urutan", urutan)},
                {k: baris[k] for k in ("jenis", "satuan", "dipesan", "diterima", "baik", "rusak")},
            )


def _muat_evaluasi_sakip(p: Pemuat, org: Organisasi, ev: dict) -> None:
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
    nilai: dict[str, Decimal] = {}
    for k in ev["komponen"]:
        kode = [s.kode for s in sub if k["nama"] in (s.komponen.nama, s.komponen.nama_singkat)]
        if len(kode) != len(k["nilai"]):
            raise DataReferensiTidakValid(f"Komponen {k['nama']} tidak ada pada {kerangka}.")
        nilai.update(zip(kode, (angka(n, k["nama"]) for n in k["nilai"]), strict=True))
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


def muat_laporan(p: Pemuat, org: Organisasi, renstra: Renstra | None, data: dict) -> None:
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
            {"organisasi": org, "tahun": cl["tahun"], "urutan": cl.get("urutan", urutan)},
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
        teks = {nama: lap[nama].strip() for nama in FIELD_NARASI if nama in lap}
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
                **({"lampiran_pohon": lap["lampiran_pohon"]} if "lampiran_pohon" in lap else {}),
            },
        )
        for a in lap.get("analisis", []):
            sasaran = SasaranStrategis.objects.get(renstra=renstra, nomor=a["sasaran"])
            p.simpan(
                AnalisisSasaran,
                {"laporan": laporan, "sasaran": sasaran},
                {"teks": a["teks"].strip()},
            )


FIELD_NARASI: Iterable[str] = tuple(
    f.name for f in LaporanKinerja._meta.get_fields() if isinstance(f, models.TextField)
)
