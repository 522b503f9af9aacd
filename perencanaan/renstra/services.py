"""Writes of the Renstra pages: the plan, its parts, its indicators, the targets grid and the
indicators' national standards (kept with their history).

Every write checks that the acting user is an admin of the Renstra's organisation, validates
with full_clean() and runs in one transaction, so a refused write changes nothing.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, ProtectedError, RestrictedError

from inti.capaian import Polaritas, TipeNilai
from inti.galat import Ditolak, TidakBerwenang
from kinerja.models import StandarNasional
from organisasi.akses import is_admin_organisasi
from organisasi.models import Pengguna
from renstra.models import (
    IndikatorKinerja,
    Misi,
    Renstra,
    SasaranStrategis,
    SasaranTujuan,
    TargetRenstra,
    TingkatSkala,
    Tujuan,
)

# The parts of a Renstra that its pages edit one by one.
Bagian = Misi | Tujuan | SasaranTujuan | SasaranStrategis | IndikatorKinerja
B = TypeVar("B", Misi, Tujuan, SasaranTujuan, SasaranStrategis, IndikatorKinerja)


@dataclass(frozen=True)
class NilaiSel:
    """One cell of the targets grid: a number (with an upper bound for a band) or a level."""

    nilai: Decimal | None = None
    nilai_atas: Decimal | None = None
    tingkat: TingkatSkala | None = None


def renstra_dari(objek: Renstra | Bagian | TargetRenstra) -> Renstra:
    """The Renstra a part belongs to, whatever its depth."""
    if isinstance(objek, Renstra):
        return objek
    if isinstance(objek, SasaranTujuan):
        return objek.tujuan.renstra
    if isinstance(objek, IndikatorKinerja):
        return objek.sasaran.renstra
    if isinstance(objek, TargetRenstra):
        return objek.indikator.sasaran.renstra
    return objek.renstra


def _periksa_admin(oleh: Pengguna, organisasi_id: int) -> None:
    if not is_admin_organisasi(oleh, organisasi_id):
        raise TidakBerwenang("Hanya admin organisasi yang dapat mengubah Renstra.")


def _bersihkan(objek: Model, awalan: str = "") -> None:
    try:
        objek.full_clean()
    except ValidationError as exc:
        raise Ditolak([f"{awalan}{pesan}" for pesan in exc.messages]) from None


def renstra_simpan(*, oleh: Pengguna, renstra: Renstra) -> Renstra:
    """Create or update a Renstra (period, decree, visi) of the user's organisation."""
    _periksa_admin(oleh, renstra.organisasi_id)
    if renstra.pk is not None:
        lama = Renstra.objects.get(pk=renstra.pk)
        if lama.organisasi_id != renstra.organisasi_id:
            raise TidakBerwenang("Renstra tidak dapat dipindahkan ke organisasi lain.")
        di_luar = TargetRenstra.objects.filter(indikator__sasaran__renstra=renstra).exclude(
            tahun__range=(renstra.tahun_mulai, renstra.tahun_selesai)
        )
        if di_luar.exists():
            raise Ditolak(
                "Periode tidak dapat dipersempit: masih ada target Renstra di luar periode baru."
            )
    _bersihkan(renstra)
    with transaction.atomic():
        renstra.save()
    return renstra


def bagian_simpan(*, oleh: Pengguna, objek: B) -> B:
    """Create or update one part (misi, tujuan, sasaran, indicator) of a Renstra."""
    renstra = renstra_dari(objek)
    _periksa_admin(oleh, renstra.organisasi_id)
    unit = objek.unit_kerja if isinstance(objek, IndikatorKinerja) else None
    if unit is not None and unit.organisasi_id != renstra.organisasi_id:
        raise Ditolak("Unit penanggung jawab harus unit organisasi ini.")
    if isinstance(objek, IndikatorKinerja):
        _periksa_jenis_nilai(objek)
    _bersihkan(objek)
    with transaction.atomic():
        objek.save()
    return objek


def _periksa_jenis_nilai(indikator: IndikatorKinerja) -> None:
    """Targets already set are in the old kind of value: a number does not become a level."""
    if indikator.pk is None:
        return
    lama = IndikatorKinerja.objects.get(pk=indikator.pk)
    if (lama.tipe == TipeNilai.ORDINAL) == indikator.is_ordinal and lama.skala_id == (
        indikator.skala_id
    ):
        return
    if lama.target_renstra.exists() or lama.target_kinerja.exists():
        raise Ditolak(
            "Jenis nilai atau skala tidak dapat diubah antara angka dan tingkat karena "
            "indikator ini sudah memiliki target."
        )


def bagian_hapus(*, oleh: Pengguna, objek: Renstra | Bagian) -> None:
    """Delete a part nothing else refers to. An item with indicators below it is refused
    too: deleting it would silently take their targets and history along."""
    renstra = renstra_dari(objek)
    _periksa_admin(oleh, renstra.organisasi_id)
    if isinstance(objek, Renstra | SasaranStrategis) and _punya_indikator(objek):
        raise Ditolak(f"{_nama(objek)} masih memiliki indikator; hapus indikatornya dahulu.")
    try:
        with transaction.atomic():
            objek.delete()
    except (ProtectedError, RestrictedError):
        raise Ditolak(
            f"{_nama(objek)} tidak dapat dihapus karena masih dipakai "
            "(perjanjian kinerja, realisasi atau data lain)."
        ) from None


def _punya_indikator(objek: Renstra | SasaranStrategis) -> bool:
    if isinstance(objek, Renstra):
        return IndikatorKinerja.objects.filter(sasaran__renstra=objek).exists()
    return objek.indikator.exists()


def _nama(objek: Model) -> str:
    return f"{str(objek._meta.verbose_name).capitalize()} “{objek}”"


def target_renstra_simpan(
    *,
    oleh: Pengguna,
    renstra: Renstra,
    target: Mapping[tuple[int, int], NilaiSel | None],
) -> int:
    """Store the targets grid: (indicator pk, year) -> value, None for an emptied cell.
    All cells or none; every refused cell is named by indicator and year. Returns the
    number of targets changed."""
    _periksa_admin(oleh, renstra.organisasi_id)
    indikator = {i.pk: i for i in IndikatorKinerja.objects.filter(sasaran__renstra=renstra)}
    ada = {
        (t.indikator_id, t.tahun): t
        for t in TargetRenstra.objects.filter(indikator__in=list(indikator))
    }
    simpan: list[TargetRenstra] = []
    hapus: list[int] = []
    kesalahan: list[str] = []
    for (pk, tahun), sel in target.items():
        ind = indikator.get(pk)
        if ind is None or tahun not in renstra.tahun:
            raise Ditolak("Sel target tidak termasuk Renstra ini.")
        lama = ada.get((pk, tahun))
        if sel is None:
            if lama is not None:
                hapus.append(lama.pk)
            continue
        baru = lama or TargetRenstra(indikator=ind, tahun=tahun)
        if lama is not None and (lama.nilai, lama.nilai_atas, lama.tingkat_id) == (
            sel.nilai,
            sel.nilai_atas,
            sel.tingkat.pk if sel.tingkat else None,
        ):
            continue
        baru.nilai, baru.nilai_atas, baru.tingkat = sel.nilai, sel.nilai_atas, sel.tingkat
        try:
            _periksa_sel(ind, baru)
        except Ditolak as exc:
            kesalahan += [f"{ind.nama}, tahun {tahun}: {p}" for p in exc.daftar]
        simpan.append(baru)
    if kesalahan:
        raise Ditolak(kesalahan)
    with transaction.atomic():
        TargetRenstra.objects.filter(pk__in=hapus).delete()
        for t in simpan:
            t.save()
    return len(simpan) + len(hapus)


def _periksa_sel(ind: IndikatorKinerja, target: TargetRenstra) -> None:
    if ind.is_ordinal:
        if target.tingkat is None or target.tingkat.skala_id != ind.skala_id:
            raise Ditolak(f"pilih salah satu tingkat skala {ind.skala}.")
    elif target.tingkat is not None:
        raise Ditolak("tingkat hanya untuk indikator ordinal.")
    elif target.nilai_atas is not None and ind.polaritas != Polaritas.RENTANG:
        raise Ditolak("batas atas hanya untuk indikator dengan rentang target.")
    _bersihkan(target)


def _periksa_standar(
    indikator: IndikatorKinerja,
    *,
    tahun: int,
    nilai: Decimal | None,
    tingkat: TingkatSkala | None,
    sumber: str,
) -> None:
    renstra = indikator.sasaran.renstra
    masalah = []
    if tahun not in renstra.tahun:
        masalah.append(
            f"Tahun {tahun} di luar periode Renstra {renstra.tahun_mulai}–{renstra.tahun_selesai}."
        )
    if indikator.is_ordinal:
        if nilai is not None:
            masalah.append("Indikator ini ordinal: pilih tingkat, bukan angka.")
        if tingkat is None or tingkat.skala_id != indikator.skala_id:
            masalah.append(f"Pilih salah satu tingkat skala {indikator.skala}.")
    elif tingkat is not None:
        masalah.append("Tingkat hanya untuk indikator ordinal; isi angka standar nasional.")
    elif nilai is None:
        masalah.append("Nilai standar nasional belum diisi.")
    if not sumber.strip():
        masalah.append("Sumber standar nasional belum diisi (mis. nomor keputusan KPU RI).")
    if masalah:
        raise Ditolak(masalah)


@transaction.atomic
def standar_nasional_simpan(
    *,
    oleh: Pengguna,
    indikator: IndikatorKinerja,
    tahun: int,
    nilai: Decimal | None = None,
    tingkat: TingkatSkala | None = None,
    sumber: str,
) -> StandarNasional:
    """Set the indicator's national standard for a year, replacing that year's value."""
    _periksa_admin(oleh, indikator.sasaran.renstra.organisasi_id)
    _periksa_standar(indikator, tahun=tahun, nilai=nilai, tingkat=tingkat, sumber=sumber)
    standar = StandarNasional.objects.select_for_update().filter(
        indikator=indikator, tahun=tahun
    ).first() or StandarNasional(indikator=indikator, tahun=tahun)
    standar.nilai, standar.tingkat, standar.sumber = nilai, tingkat, sumber.strip()
    _bersihkan(standar)
    # simple_history reads both off the instance when it writes the history row.
    standar._change_reason = "Diubah pada halaman indikator."  # type: ignore[attr-defined]
    standar._history_user = oleh  # type: ignore[attr-defined]
    standar.save()
    return standar


@transaction.atomic
def standar_nasional_hapus(*, oleh: Pengguna, standar: StandarNasional) -> None:
    _periksa_admin(oleh, standar.indikator.sasaran.renstra.organisasi_id)
    standar._change_reason = "Dihapus pada halaman indikator."  # type: ignore[attr-defined]
    standar._history_user = oleh  # type: ignore[attr-defined]
    standar.delete()
