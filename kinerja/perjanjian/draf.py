"""A draft's rows as typed (targets and kegiatan lines): each checked against the rules,
every problem gathered into one refusal, then written in place of the draft's rows."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum

from anggaran.models import AnggaranKegiatan, Kegiatan, Program
from inti.capaian import Polaritas
from inti.galat import Ditolak
from kinerja.models import KegiatanPerjanjian, PerjanjianKinerja, TargetKinerja
from renstra.models import IndikatorKinerja, TingkatSkala


@dataclass(frozen=True)
class TargetDraf:
    """One target row as typed into a draft: a number (and upper bound) or a level."""

    indikator: IndikatorKinerja
    nilai: Decimal | None = None
    nilai_atas: Decimal | None = None
    tingkat: TingkatSkala | None = None


@dataclass(frozen=True)
class KegiatanDraf:
    """One kegiatan line; uraian and anggaran default to the linked budget item's."""

    uraian: str = ""
    anggaran: Decimal | None = None
    program: Program | None = None
    kegiatan: Kegiatan | None = None


def validasi(obj: models.Model) -> None:
    """The model's own validation, refused like every other rule here."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise Ditolak(exc.messages) from None


def _baris_target(perjanjian: PerjanjianKinerja, target: list[TargetDraf]) -> list[TargetKinerja]:
    kesalahan: list[str] = []
    baris: list[TargetKinerja] = []
    terpakai: set[int] = set()
    for urutan, t in enumerate(target, start=1):
        ind = t.indikator
        if ind.sasaran.renstra.organisasi_id != perjanjian.organisasi_id:
            kesalahan.append(f'Indikator "{ind.nama}" bukan indikator Renstra organisasi ini.')
            continue
        if ind.pk in terpakai:
            kesalahan.append(f'Indikator "{ind.nama}" dimuat dua kali.')
            continue
        terpakai.add(ind.pk)
        if ind.is_ordinal:
            if t.tingkat is None or t.tingkat.skala_id != ind.skala_id:
                kesalahan.append(f'Pilih target "{ind.nama}" dari tingkat skala {ind.skala}.')
                continue
            nilai, nilai_atas, tingkat = None, None, t.tingkat
        else:
            if t.nilai is None or t.nilai < 0:
                kesalahan.append(f'Target "{ind.nama}" harus angka 0 atau lebih.')
                continue
            if ind.polaritas == Polaritas.RENTANG:
                if t.nilai_atas is None or t.nilai_atas < t.nilai:
                    kesalahan.append(
                        f'Target "{ind.nama}" adalah rentang: isi batas atas yang tidak lebih '
                        "kecil dari batas bawah."
                    )
                    continue
            elif t.nilai_atas is not None:
                kesalahan.append(f'Target "{ind.nama}" bukan rentang: kosongkan batas atas.')
                continue
            nilai, nilai_atas, tingkat = t.nilai, t.nilai_atas, None
        baris.append(
            TargetKinerja(
                perjanjian=perjanjian,
                indikator=ind,
                nilai=nilai,
                nilai_atas=nilai_atas,
                tingkat=tingkat,
                urutan=urutan,
            )
        )
    if kesalahan:
        raise Ditolak(kesalahan)
    return baris


def _pagu(*, program: Program | None, kegiatan: Kegiatan | None, tahun: int) -> Decimal | None:
    if kegiatan is not None:
        qs = AnggaranKegiatan.objects.filter(kegiatan=kegiatan, tahun=tahun)
    elif program is not None:
        qs = AnggaranKegiatan.objects.filter(kegiatan__program=program, tahun=tahun)
    else:
        return None
    jumlah: Decimal | None = qs.aggregate(jumlah=Sum("pagu"))["jumlah"]
    return jumlah


def _baris_kegiatan(
    perjanjian: PerjanjianKinerja, kegiatan: list[KegiatanDraf]
) -> list[KegiatanPerjanjian]:
    kesalahan: list[str] = []
    baris: list[KegiatanPerjanjian] = []
    for urutan, k in enumerate(kegiatan, start=1):
        if k.program is not None and k.kegiatan is not None:
            kesalahan.append(
                f"Baris kegiatan {urutan}: pilih program atau kegiatan, bukan keduanya."
            )
            continue
        tautan = k.program or k.kegiatan
        pemilik = k.program.organisasi_id if k.program else None
        if k.kegiatan is not None:
            pemilik = k.kegiatan.program.organisasi_id
        if tautan is not None and pemilik != perjanjian.organisasi_id:
            kesalahan.append(f"Baris kegiatan {urutan}: anggaran bukan milik organisasi ini.")
            continue
        uraian = k.uraian.strip() or (tautan.nama if tautan else "")
        anggaran = k.anggaran
        if anggaran is None:
            anggaran = _pagu(program=k.program, kegiatan=k.kegiatan, tahun=perjanjian.tahun)
        if not uraian:
            kesalahan.append(f"Baris kegiatan {urutan}: uraian kegiatan belum diisi.")
            continue
        if anggaran is None or anggaran < 0:
            kesalahan.append(f'Anggaran "{uraian}" belum diisi atau kurang dari nol.')
            continue
        if anggaran != anggaran.to_integral_value():
            kesalahan.append(f'Anggaran "{uraian}" ditulis dalam rupiah penuh, tanpa sen.')
            continue
        baris.append(
            KegiatanPerjanjian(
                perjanjian=perjanjian,
                uraian=uraian,
                anggaran=anggaran,
                program=k.program,
                kegiatan=k.kegiatan,
                urutan=urutan,
            )
        )
    if kesalahan:
        raise Ditolak(kesalahan)
    return baris


def isi_baris(
    perjanjian: PerjanjianKinerja, target: list[TargetDraf], kegiatan: list[KegiatanDraf]
) -> None:
    baris_target = _baris_target(perjanjian, target)
    baris_kegiatan = _baris_kegiatan(perjanjian, kegiatan)
    perjanjian.target.all().delete()
    perjanjian.kegiatan.all().delete()
    for obj in (*baris_target, *baris_kegiatan):
        validasi(obj)
    TargetKinerja.objects.bulk_create(baris_target)
    KegiatanPerjanjian.objects.bulk_create(baris_kegiatan)
