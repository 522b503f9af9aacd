"""Loading an LKE structure (fixtures/lke/*.toml) into KerangkaLke .. KriteriaLke, idempotently."""

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import models, transaction

from evaluasi.models import KerangkaLke, KomponenLke, KriteriaLke, SubKomponenLke
from inti.angka import parse_angka
from inti.capaian import batas_nilai_subkomponen
from inti.lke import Dimensi, JenisJawaban

FOLDER_LKE = Path(settings.BASE_DIR) / "fixtures" / "lke"
BERKAS_BAKU = FOLDER_LKE / "permenpanrb-88-2021.toml"


class StrukturLkeTidakValid(ValueError):
    pass


@dataclass
class HasilMuat:
    kerangka: KerangkaLke | None = None
    dibuat: int = 0
    diubah: int = 0
    kode_kriteria: list[str] = field(default_factory=list)


def _simpan(hasil: HasilMuat, model: type[models.Model], kunci: dict, nilai: dict):
    obj = model.objects.filter(**kunci).first()
    if obj is None:
        hasil.dibuat += 1
        return model.objects.create(**kunci, **nilai)
    berubah = [k for k, v in nilai.items() if getattr(obj, k) != v]
    if berubah:
        for k in berubah:
            setattr(obj, k, nilai[k])
        obj.save(update_fields=berubah)
        hasil.diubah += 1
    return obj


def _angka(teks: str | int, di: str) -> Decimal:
    try:
        return parse_angka(str(teks))
    except ValueError as exc:
        raise StrukturLkeTidakValid(f"{di}: bobot {teks!r} bukan angka.") from exc


@transaction.atomic
def lke_muat(*, berkas: Path = BERKAS_BAKU) -> HasilMuat:
    """Create or update one LKE structure; the weights must follow 20/30/50 % of each
    component and the components must sum to 100."""
    data = tomllib.loads(berkas.read_text(encoding="utf-8"))
    hasil = HasilMuat()
    kerangka = _simpan(
        hasil,
        KerangkaLke,
        {"kode": data["kode"]},
        {"nama": data["nama"], "berlaku_mulai": data["berlaku_mulai"]},
    )
    hasil.kerangka = kerangka
    jenis_baku = data.get("jawaban", JenisJawaban.YT.value)
    total = Decimal(0)
    for urutan, k in enumerate(data["komponen"], start=1):
        total += _komponen_muat(hasil, kerangka, urutan, k, jenis_baku)
    if total != 100:
        raise StrukturLkeTidakValid(f"Jumlah bobot komponen {total}, seharusnya 100.")
    return hasil


def _komponen_muat(
    hasil: HasilMuat, kerangka: KerangkaLke, urutan: int, k: dict, jenis_baku: str
) -> Decimal:
    """One component with its three sub-components (keberadaan, kualitas, pemanfaatan, in
    that order, weighted by batas_nilai_subkomponen); returns its weight."""
    bobot = _angka(k["bobot"], k["kode"])
    komponen = _simpan(
        hasil,
        KomponenLke,
        {"kerangka": kerangka, "kode": k["kode"]},
        {
            "urutan": urutan,
            "nama": k["nama"],
            "nama_singkat": k.get("nama_singkat", ""),
            "bobot": bobot,
        },
    )
    dimensi = [s["dimensi"] for s in k["sub_komponen"]]
    if dimensi != [d.value for d in Dimensi]:
        raise StrukturLkeTidakValid(
            f"Komponen {k['kode']}: sub-komponen harus keberadaan, kualitas, pemanfaatan."
        )
    for urutan_s, (s, batas) in enumerate(
        zip(k["sub_komponen"], batas_nilai_subkomponen(bobot), strict=True), start=1
    ):
        bobot_s = _angka(s["bobot"], s["kode"])
        if bobot_s != batas:
            raise StrukturLkeTidakValid(
                f"Sub-komponen {s['kode']}: bobot {bobot_s} seharusnya {batas}."
            )
        sub = _simpan(
            hasil,
            SubKomponenLke,
            {"komponen": komponen, "kode": s["kode"]},
            {"urutan": urutan_s, "dimensi": s["dimensi"], "nama": s["nama"], "bobot": bobot_s},
        )
        for kr in s["kriteria"]:
            _kriteria_muat(hasil, sub, kr, kr.get("jawaban", jenis_baku))
    return bobot


def _kriteria_muat(hasil: HasilMuat, sub: SubKomponenLke, kr: dict, jenis: str) -> None:
    kode = f"{sub.kode}.{kr['no']}"
    if jenis not in JenisJawaban.__members__:
        raise StrukturLkeTidakValid(f"{kode}: jawaban {jenis!r}.")
    _simpan(
        hasil,
        KriteriaLke,
        {"sub_komponen": sub, "nomor": kr["no"]},
        {"kode": kode, "teks": kr["teks"], "jenis": jenis, "saran": kr.get("saran", "")},
    )
    hasil.kode_kriteria.append(kode)


def kerangka_untuk_tahun(tahun: int) -> KerangkaLke | None:
    """The regulation in force for an evaluated year: the newest one that had started."""
    return KerangkaLke.objects.filter(berlaku_mulai__lte=tahun).order_by("-berlaku_mulai").first()
