"""The lasting structure of every synthetic satker, written in bulk from the kab/kota
template: organisations, units, duties, officials, the Renstra with its sasaran and
indicators, the default scales, programs and kegiatan.

One bulk insert per table and level, whatever the number of satker: the template loader
(laporan.satker) finds every row by its natural key first, some 765 queries per satker.
"""

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from anggaran.models import Kegiatan, Program
from kinerja.models import RentangPenilaian, SkalaPenilaian
from kinerja.skala import SKALA_BAKU
from laporan.nasional.wilayah import RencanaSatker
from laporan.satker import isi_nama
from organisasi.models import Organisasi, Pejabat, UnitKerja, UraianTugas
from renstra.models import (
    IndikatorKinerja,
    Misi,
    Renstra,
    SasaranStrategis,
    SasaranTujuan,
    SkalaOrdinal,
    TingkatSkala,
    Tujuan,
)

UKURAN = 2000  # rows per INSERT
_NAMA_DEPAN = ("Ahmad", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Hendra", "Indah", "Joko", "Sri")
_NAMA_BELAKANG = ("Saputra", "Wijaya", "Lestari", "Siregar", "Nasution", "Hidayat", "Pratama")
_GELAR = ("S.Sos.", "S.H.", "S.E., M.M.", "S.IP.", "S.Kom.", "M.Si.")


@dataclass
class Satker:
    """A synthetic satker as written, with what its yearly values hang on."""

    org: Organisasi
    tingkat: str
    ketua: Pejabat | None = None
    sekretaris: Pejabat | None = None
    renstra: Renstra | None = None
    unit: dict[str, UnitKerja] = field(default_factory=dict)
    indikator: list[IndikatorKinerja] = field(default_factory=list)
    kegiatan: list[Kegiatan] = field(default_factory=list)


def _nama_orang(rng: random.Random) -> str:
    return f"{rng.choice(_NAMA_DEPAN)} {rng.choice(_NAMA_BELAKANG)}, {rng.choice(_GELAR)}"


def organisasi_buat(daftar: list[RencanaSatker], templat: dict[str, Any]) -> list[Satker]:
    """The organisations, level by level (each points at one written before it)."""
    slug_ke_org: dict[str, Organisasi] = {}
    hasil = []
    for tingkat in dict.fromkeys(r.tingkat for r in daftar):
        baru = [
            Organisasi(
                slug=r.slug,
                nama=r.nama,
                nama_singkat=r.nama_singkat,
                nama_sekretariat=f"Sekretariat {r.nama_singkat}",
                provinsi=r.provinsi,
                kota=r.kota,
                induk=slug_ke_org.get(r.induk),
                sintetis=True,
            )
            for r in daftar
            if r.tingkat == tingkat
        ]
        for org in Organisasi.objects.bulk_create(baru, batch_size=UKURAN):
            slug_ke_org[org.slug] = org
            hasil.append(Satker(org=org, tingkat=tingkat))
    return hasil


def _teks(satker: Satker, data: Any) -> Any:
    return isi_nama(data, {"nama": satker.org.nama, "nama_singkat": satker.org.nama_singkat})


def unit_buat(semua: list[Satker], templat: dict[str, Any]) -> None:
    """Units level by level (the secretariat, then the subbagian under it), and the duties."""
    sisa = list(enumerate(templat.get("unit_kerja", [])))
    while sisa:
        siap = [(i, u) for i, u in sisa if not u.get("induk") or u["induk"] in semua[0].unit]
        baru = [
            UnitKerja(
                organisasi=s.org,
                slug=u["slug"],
                nama=_teks(s, u["nama"]),
                nama_singkat=u["nama_singkat"],
                jenis=u["jenis"],
                induk=s.unit[u["induk"]] if u.get("induk") else None,
                tugas=_teks(s, u.get("tugas", "")),
                urutan=i,
            )
            for s in semua
            for i, u in siap
        ]
        per_org = {s.org.pk: s for s in semua}
        for unit in UnitKerja.objects.bulk_create(baru, batch_size=UKURAN):
            per_org[unit.organisasi_id].unit[unit.slug] = unit
        sisa = [(i, u) for i, u in sisa if (i, u) not in siap]
    urutan: dict[str, int] = {}
    tugas = []
    for ut in templat.get("uraian_tugas", []):
        urutan[ut["jenis"]] = urutan.get(ut["jenis"], 0) + 1
        tugas.append((ut["jenis"], urutan[ut["jenis"]], ut["teks"]))
    UraianTugas.objects.bulk_create(
        (
            UraianTugas(organisasi=s.org, jenis=j, urutan=n, teks=_teks(s, t))
            for s in semua
            for j, n, t in tugas
        ),
        batch_size=UKURAN,
    )


def pejabat_buat(semua: list[Satker], rng: random.Random, mulai: date) -> None:
    """A ketua and a sekretaris (who signs for the secretariat) per satker, invented names."""
    baru = []
    for s in semua:
        ketua = Pejabat(
            organisasi=s.org,
            peran=Pejabat.Peran.KETUA,
            nama=_nama_orang(rng),
            jabatan=f"Ketua {s.org.nama_singkat}",
            mulai=mulai,
        )
        sekretaris = Pejabat(
            organisasi=s.org,
            peran=Pejabat.Peran.SEKRETARIS,
            unit_kerja=s.unit.get("sekretariat"),
            nama=_nama_orang(rng),
            jabatan=f"Sekretaris {s.org.nama_singkat}",
            mulai=mulai,
        )
        s.ketua, s.sekretaris = ketua, sekretaris
        baru += [ketua, sekretaris]
    Pejabat.objects.bulk_create(baru, batch_size=UKURAN)


def skala_ordinal_pastikan(templat: dict[str, Any]) -> dict[str, dict[str, TingkatSkala]]:
    """The shared ordinal scales of the template (kept as they are when present already)."""
    hasil: dict[str, dict[str, TingkatSkala]] = {}
    for s in templat.get("skala_ordinal", []):
        skala, _ = SkalaOrdinal.objects.get_or_create(kode=s["kode"], defaults={"nama": s["nama"]})
        for t in s["tingkat"]:
            TingkatSkala.objects.get_or_create(
                skala=skala,
                kode=t["kode"],
                defaults={"nama": t["nama"], "peringkat": t["peringkat"]},
            )
        hasil[s["kode"]] = {t.kode: t for t in skala.tingkat.all()}
    return hasil


def renstra_buat(
    semua: list[Satker],
    templat: dict[str, Any],
    skala: dict[str, dict[str, TingkatSkala]],
    tahun: tuple[int, int],
) -> None:
    """One Renstra per satker covering the years asked for (at least five years, as a
    Renstra is), its visi, misi, tujuan, sasaran and indicators, and its default scales."""
    r = templat["renstra"]
    mulai, selesai = tahun[0], max(tahun[1], tahun[0] + 4)
    renstra = Renstra.objects.bulk_create(
        [
            Renstra(
                organisasi=s.org,
                judul=f"Rencana Strategis {s.org.nama_singkat} Tahun {mulai}-{selesai}",
                tahun_mulai=mulai,
                tahun_selesai=selesai,
                visi=r["visi"],
            )
            for s in semua
        ],
        batch_size=UKURAN,
    )
    for s, rs in zip(semua, renstra, strict=True):
        s.renstra = rs
    Misi.objects.bulk_create(
        (
            Misi(renstra=rs, nomor=n, teks=t)
            for rs in renstra
            for n, t in enumerate(r.get("misi", []), 1)
        ),
        batch_size=UKURAN,
    )
    _tujuan_buat(renstra, templat.get("tujuan", []))
    _sasaran_buat(semua, templat.get("sasaran", []), skala)
    SkalaPenilaian.objects.bulk_create(
        (SkalaPenilaian(renstra=rs, jenis=jenis) for rs in renstra for jenis in SKALA_BAKU),
        batch_size=UKURAN,
    )
    RentangPenilaian.objects.bulk_create(
        (
            RentangPenilaian(
                skala=sp,
                nama=x.nama,
                batas_bawah=x.batas_bawah,
                inklusif=x.inklusif,
                keterangan=x.keterangan,
            )
            for sp in SkalaPenilaian.objects.filter(renstra__in=renstra)
            for x in SKALA_BAKU[SkalaPenilaian.Jenis(sp.jenis)]
        ),
        batch_size=UKURAN,
    )


def _tujuan_buat(renstra: list[Renstra], daftar: list[dict[str, Any]]) -> None:
    tujuan = Tujuan.objects.bulk_create(
        (
            Tujuan(renstra=rs, nomor=n, teks=t["teks"])
            for rs in renstra
            for n, t in enumerate(daftar, 1)
        ),
        batch_size=UKURAN,
    )
    SasaranTujuan.objects.bulk_create(
        (
            SasaranTujuan(tujuan=tj, nomor=n, teks=teks)
            for tj in tujuan
            for n, teks in enumerate(daftar[tj.nomor - 1].get("sasaran", []), 1)
        ),
        batch_size=UKURAN,
    )


def _sasaran_buat(
    semua: list[Satker], daftar: list[dict[str, Any]], skala: dict[str, dict[str, TingkatSkala]]
) -> None:
    sasaran = SasaranStrategis.objects.bulk_create(
        (
            SasaranStrategis(
                renstra=s.renstra,
                nomor=x["nomor"],
                nama=x["nama"],
                tabel_bukti=x.get("tabel_bukti", ""),
            )
            for s in semua
            for x in daftar
        ),
        batch_size=UKURAN,
    )
    per_renstra = {(ss.renstra_id, ss.nomor): ss for ss in sasaran}
    skala_obj = {kode: next(iter(t.values())).skala for kode, t in skala.items() if t}
    baru = [
        IndikatorKinerja(
            sasaran=per_renstra[s.renstra.pk, x["nomor"]],
            kode=ind["kode"],
            nama=ind["nama"],
            tingkat=ind.get("tingkat", IndikatorKinerja.Tingkat.SASARAN_STRATEGIS),
            sasaran_program=ind.get("sasaran_program", ""),
            tipe=ind["tipe"],
            skala=skala_obj[ind["skala"]] if ind.get("skala") else None,
            satuan=ind.get("satuan", "%"),
            polaritas=ind.get("polaritas", "naik"),
            agregasi=ind.get("agregasi", "terakhir"),
            unit_kerja=s.unit[ind["unit_kerja"]] if ind.get("unit_kerja") else None,
            urutan=urutan,
        )
        for s in semua
        if s.renstra is not None
        for x in daftar
        for urutan, ind in enumerate(x.get("indikator", []), 1)
    ]
    per_org = {s.renstra.pk: s for s in semua if s.renstra is not None}
    pemilik = {ss.pk: per_org[ss.renstra_id] for ss in sasaran}
    for ind in IndikatorKinerja.objects.bulk_create(baru, batch_size=UKURAN):
        pemilik[ind.sasaran_id].indikator.append(ind)


def program_buat(semua: list[Satker], templat: dict[str, Any]) -> None:
    daftar = templat.get("program", [])
    program = Program.objects.bulk_create(
        (
            Program(organisasi=s.org, kode=p["kode"], nama=p["nama"], urutan=u)
            for s in semua
            for u, p in enumerate(daftar, 1)
        ),
        batch_size=UKURAN,
    )
    per_org = {s.org.pk: s for s in semua}
    kegiatan_templat = {p["kode"]: p.get("kegiatan", []) for p in daftar}
    kegiatan = Kegiatan.objects.bulk_create(
        (
            Kegiatan(program=p, kode=k["kode"], nama=k["nama"], urutan=u)
            for p in program
            for u, k in enumerate(kegiatan_templat[p.kode], 1)
        ),
        batch_size=UKURAN,
    )
    milik = {p.pk: per_org[p.organisasi_id] for p in program}
    for k in kegiatan:
        milik[k.program_id].kegiatan.append(k)
