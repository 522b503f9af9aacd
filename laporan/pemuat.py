"""The reference loader's plumbing: find a row by its natural key and write only what differs.

laporan.referensi (the TOML folders and the plan workbook's data) and laporan.referensi_laporan
(logistics and the report's own data) write through one `Pemuat`, which counts what it did.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.db import models

from inti.angka import parse_angka
from organisasi.models import Organisasi, Pejabat

M = TypeVar("M", bound=models.Model)


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


class Pemuat:
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
    return bool(lama == baru)


def angka(teks: str | Decimal, konteks: str) -> Decimal:
    if isinstance(teks, Decimal):  # read from a spreadsheet's number cell already
        return teks
    try:
        return parse_angka(teks)
    except ValueError as exc:
        raise DataReferensiTidakValid(f"{konteks}: {exc}") from exc


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
