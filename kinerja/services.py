"""Writes with rules for agreements, realisasi and scales."""

import secrets
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Case, F, Q, Sum, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from anggaran.models import AnggaranKegiatan, Kegiatan, Program
from kinerja.bukti import JenisBerkas
from kinerja.capaian import SKALA_CAPAIAN_BAKU, SKALA_EFEKTIVITAS_BAKU, Polaritas
from kinerja.models import (
    BuktiDukung,
    KegiatanPerjanjian,
    KunciTahun,
    PembukaanPeriode,
    Periode,
    PerjanjianKinerja,
    Realisasi,
    RentangPenilaian,
    SkalaPenilaian,
    TandaTangan,
    TargetKinerja,
    penyimpanan_pribadi,
)
from kinerja.selectors import (
    STATUS_DAPAT_DIUBAH,
    perjanjian_kesalahan,
    perjanjian_periksa,
    renstra_tahun,
    status_periode,
    status_periode_unit,
)
from kinerja.sidik import sha256_perjanjian
from kinerja.tampilan import format_nilai
from organisasi.akses import boleh_menyusun_perjanjian, pejabat_aktif
from organisasi.models import Organisasi, Pejabat, Pengguna, UnitKerja
from renstra.models import IndikatorKinerja, TargetRenstra, TingkatSkala

SKALA_BAKU = {
    SkalaPenilaian.Jenis.CAPAIAN: SKALA_CAPAIAN_BAKU,
    SkalaPenilaian.Jenis.ANGGARAN: SKALA_EFEKTIVITAS_BAKU,
}


@transaction.atomic
def skala_penilaian_pasang_baku(*, renstra) -> list[str]:
    """Give a Renstra the default scales it does not have yet; returns what was created."""
    dibuat = []
    for jenis, rentang in SKALA_BAKU.items():
        skala, baru = SkalaPenilaian.objects.get_or_create(renstra=renstra, jenis=jenis)
        if not baru:
            continue
        RentangPenilaian.objects.bulk_create(
            RentangPenilaian(
                skala=skala,
                nama=r.nama,
                batas_bawah=r.batas_bawah,
                inklusif=r.inklusif,
                keterangan=r.keterangan,
            )
            for r in rentang
        )
        dibuat.append(str(SkalaPenilaian._meta.verbose_name_plural))
    return dibuat


# ---------------------------------------------------------------- Perjanjian Kinerja


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


def _boleh_menyusun(oleh: Pengguna, organisasi: Organisasi) -> None:
    if not boleh_menyusun_perjanjian(oleh, organisasi):
        raise PermissionDenied(
            "Hanya admin atau Sekretaris yang dapat menyusun perjanjian kinerja."
        )


def _pejabat(organisasi: Organisasi, peran: str, unit: UnitKerja | None = None) -> Pejabat | None:
    qs = Pejabat.objects.filter(organisasi=organisasi, peran=peran).filter(
        Q(selesai__isnull=True) | Q(selesai__gte=timezone.localdate())
    )
    if unit is not None:
        qs = qs.filter(unit_kerja=unit)
    return qs.order_by("-mulai").first()


def pihak_baku(
    *, organisasi: Organisasi, unit_kerja: UnitKerja | None = None
) -> tuple[Pejabat, Pejabat]:
    """A unit's head signs with the Sekretaris; the Sekretaris signs with the Ketua."""
    sekretaris = _pejabat(organisasi, Pejabat.Peran.SEKRETARIS)
    if unit_kerja is None:
        pertama, kedua = sekretaris, _pejabat(organisasi, Pejabat.Peran.KETUA)
        kurang = "Sekretaris dan Ketua"
    else:
        pertama = _pejabat(organisasi, Pejabat.Peran.KEPALA_SUBBAGIAN, unit_kerja)
        kedua = sekretaris
        kurang = f"Kepala {unit_kerja.nama} dan Sekretaris"
    if pertama is None or kedua is None:
        raise ValidationError(f"Pejabat {kurang} yang sedang menjabat belum tercatat.")
    return pertama, kedua


def _nama_pemilik(organisasi: Organisasi, unit_kerja: UnitKerja | None) -> str:
    return unit_kerja.nama if unit_kerja else (organisasi.nama_sekretariat or organisasi.nama)


def _belum_ada(organisasi: Organisasi, unit_kerja: UnitKerja | None, tahun: int) -> None:
    ada = (
        PerjanjianKinerja.objects.filter(organisasi=organisasi, unit_kerja=unit_kerja, tahun=tahun)
        .order_by("-versi")
        .first()
    )
    if ada is not None:
        raise ValidationError(
            f"Perjanjian kinerja {_nama_pemilik(organisasi, unit_kerja)} tahun {tahun} sudah "
            f"ada (versi {ada.versi}). Ubah drafnya, atau buat perubahan dari versi yang sudah "
            "ditandatangani."
        )


def _harus_draf(perjanjian: PerjanjianKinerja) -> None:
    if not perjanjian.is_draf:
        raise ValidationError(
            "Perjanjian kinerja yang sudah ditandatangani tidak dapat diubah; "
            "buat perubahan perjanjian kinerja."
        )


def _kunci(perjanjian: PerjanjianKinerja) -> PerjanjianKinerja:
    """Re-read the agreement under a row lock: signing and editing never interleave."""
    return (
        PerjanjianKinerja.objects.select_for_update(of=("self",))
        .select_related("organisasi", "unit_kerja", "pihak_pertama", "pihak_kedua")
        .get(pk=perjanjian.pk)
    )


def _periksa_pihak(organisasi: Organisasi, pertama: Pejabat, kedua: Pejabat) -> None:
    if pertama.organisasi_id != organisasi.pk or kedua.organisasi_id != organisasi.pk:
        raise ValidationError("Para pihak harus pejabat organisasi ini.")
    if pertama.pk == kedua.pk:
        raise ValidationError("Pihak pertama dan pihak kedua harus orang yang berbeda.")


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
        raise ValidationError(kesalahan)
    return baris


def _pagu(*, program: Program | None, kegiatan: Kegiatan | None, tahun: int) -> Decimal | None:
    if kegiatan is not None:
        qs = AnggaranKegiatan.objects.filter(kegiatan=kegiatan, tahun=tahun)
    elif program is not None:
        qs = AnggaranKegiatan.objects.filter(kegiatan__program=program, tahun=tahun)
    else:
        return None
    return qs.aggregate(jumlah=Sum("pagu"))["jumlah"]


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
        raise ValidationError(kesalahan)
    return baris


def _isi_anak(
    perjanjian: PerjanjianKinerja, target: list[TargetDraf], kegiatan: list[KegiatanDraf]
) -> None:
    baris_target = _baris_target(perjanjian, target)
    baris_kegiatan = _baris_kegiatan(perjanjian, kegiatan)
    perjanjian.target.all().delete()
    perjanjian.kegiatan.all().delete()
    for obj in (*baris_target, *baris_kegiatan):
        obj.full_clean()
    TargetKinerja.objects.bulk_create(baris_target)
    KegiatanPerjanjian.objects.bulk_create(baris_kegiatan)


def _buat(
    *,
    organisasi: Organisasi,
    unit_kerja: UnitKerja | None,
    tahun: int,
    versi: int,
    pihak_pertama: Pejabat,
    pihak_kedua: Pejabat,
    tempat: str,
    target: list[TargetDraf],
    kegiatan: list[KegiatanDraf],
) -> PerjanjianKinerja:
    if unit_kerja is not None and unit_kerja.organisasi_id != organisasi.pk:
        raise ValidationError("Unit kerja bukan bagian organisasi ini.")
    _periksa_pihak(organisasi, pihak_pertama, pihak_kedua)
    perjanjian = PerjanjianKinerja(
        organisasi=organisasi,
        unit_kerja=unit_kerja,
        tahun=tahun,
        versi=versi,
        pihak_pertama=pihak_pertama,
        pihak_kedua=pihak_kedua,
        tempat=tempat or organisasi.kota or "-",
        tanggal=timezone.localdate(),
        status=PerjanjianKinerja.Status.DRAF,
    )
    perjanjian.full_clean()
    perjanjian.save()
    _isi_anak(perjanjian, target, kegiatan)
    return perjanjian


@transaction.atomic
def perjanjian_buat_dari_renstra(
    *,
    organisasi: Organisasi,
    unit_kerja: UnitKerja | None = None,
    tahun: int,
    pihak_pertama: Pejabat | None = None,
    pihak_kedua: Pejabat | None = None,
    oleh: Pengguna,
) -> PerjanjianKinerja:
    """A new draft from the Renstra: its strategic indicators (for a unit, those the unit is
    responsible for) with the Renstra's targets for the year. An indicator the Renstra does
    not target that year (no target, or 0 where higher is better) is left out. The
    organisation's draft lists each budget program with its pagu of the year."""
    _boleh_menyusun(oleh, organisasi)
    _belum_ada(organisasi, unit_kerja, tahun)
    renstra = renstra_tahun(organisasi=organisasi, tahun=tahun)
    if renstra is None:
        raise ValidationError(f"Belum ada Renstra yang mencakup tahun {tahun}.")
    baku_pertama, baku_kedua = (None, None)
    if pihak_pertama is None or pihak_kedua is None:
        baku_pertama, baku_kedua = pihak_baku(organisasi=organisasi, unit_kerja=unit_kerja)
    indikator = IndikatorKinerja.objects.filter(
        sasaran__renstra=renstra, tingkat=IndikatorKinerja.Tingkat.SASARAN_STRATEGIS
    ).select_related("sasaran__renstra", "skala")
    if unit_kerja is not None:
        indikator = indikator.filter(unit_kerja=unit_kerja)
    target_renstra = {
        t.indikator_id: t
        for t in TargetRenstra.objects.filter(indikator__in=indikator, tahun=tahun).select_related(
            "tingkat"
        )
    }
    target = []
    for ind in indikator.order_by("sasaran__nomor", "urutan", "pk"):
        tr = target_renstra.get(ind.pk)
        if tr is None or (tr.nilai == 0 and ind.polaritas == Polaritas.NAIK):
            continue
        target.append(TargetDraf(ind, tr.nilai, tr.nilai_atas, tr.tingkat))
    kegiatan = []
    if unit_kerja is None:
        program = (
            Program.objects.filter(organisasi=organisasi, kegiatan__anggaran__tahun=tahun)
            .distinct()
            .order_by("urutan", "kode")
        )
        kegiatan = [KegiatanDraf(program=p) for p in program]
    return _buat(
        organisasi=organisasi,
        unit_kerja=unit_kerja,
        tahun=tahun,
        versi=1,
        pihak_pertama=pihak_pertama or baku_pertama,
        pihak_kedua=pihak_kedua or baku_kedua,
        tempat=organisasi.kota,
        target=target,
        kegiatan=kegiatan,
    )


def _draf_dari(perjanjian: PerjanjianKinerja) -> tuple[list[TargetDraf], list[KegiatanDraf]]:
    target = [
        TargetDraf(t.indikator, t.nilai, t.nilai_atas, t.tingkat)
        for t in perjanjian.target.select_related(
            "indikator__sasaran__renstra", "tingkat"
        ).order_by("urutan", "pk")
    ]
    kegiatan = [
        KegiatanDraf(k.uraian, k.anggaran, k.program, k.kegiatan)
        for k in perjanjian.kegiatan.select_related("program", "kegiatan__program").order_by(
            "urutan", "pk"
        )
    ]
    return target, kegiatan


@transaction.atomic
def perjanjian_salin(*, sumber: PerjanjianKinerja, tahun: int, oleh: Pengguna) -> PerjanjianKinerja:
    """A new year's draft copied from another year's agreement (indicators, targets,
    kegiatan and anggaran); the parties are the current holders of the two positions."""
    organisasi, unit = sumber.organisasi, sumber.unit_kerja
    _boleh_menyusun(oleh, organisasi)
    if tahun == sumber.tahun:
        raise ValidationError("Untuk tahun yang sama, buat perubahan perjanjian kinerja.")
    _belum_ada(organisasi, unit, tahun)
    pertama, kedua = pihak_baku(organisasi=organisasi, unit_kerja=unit)
    target, kegiatan = _draf_dari(sumber)
    return _buat(
        organisasi=organisasi,
        unit_kerja=unit,
        tahun=tahun,
        versi=1,
        pihak_pertama=pertama,
        pihak_kedua=kedua,
        tempat=sumber.tempat,
        target=target,
        kegiatan=kegiatan,
    )


@transaction.atomic
def perjanjian_ubah(*, perjanjian: PerjanjianKinerja, oleh: Pengguna) -> PerjanjianKinerja:
    """An amendment (Perubahan Perjanjian Kinerja): version n+1 as a draft copy of the
    signed version n, which stays as it is."""
    perjanjian = _kunci(perjanjian)
    _boleh_menyusun(oleh, perjanjian.organisasi)
    if not perjanjian.is_ditandatangani:
        raise ValidationError(
            "Perubahan hanya dapat dibuat dari perjanjian yang sudah ditandatangani."
        )
    terakhir = (
        PerjanjianKinerja.objects.filter(
            organisasi=perjanjian.organisasi,
            unit_kerja=perjanjian.unit_kerja,
            tahun=perjanjian.tahun,
        )
        .order_by("-versi")
        .first()
    )
    if terakhir.versi != perjanjian.versi:
        raise ValidationError(
            f"Sudah ada versi {terakhir.versi}; perubahan dibuat dari versi terakhir."
        )
    pertama, kedua = perjanjian.pihak_pertama, perjanjian.pihak_kedua
    hari_ini = timezone.localdate()
    if any(p.selesai is not None and p.selesai < hari_ini for p in (pertama, kedua)):
        pertama, kedua = pihak_baku(
            organisasi=perjanjian.organisasi, unit_kerja=perjanjian.unit_kerja
        )
    target, kegiatan = _draf_dari(perjanjian)
    return _buat(
        organisasi=perjanjian.organisasi,
        unit_kerja=perjanjian.unit_kerja,
        tahun=perjanjian.tahun,
        versi=perjanjian.versi + 1,
        pihak_pertama=pertama,
        pihak_kedua=kedua,
        tempat=perjanjian.tempat,
        target=target,
        kegiatan=kegiatan,
    )


@transaction.atomic
def perjanjian_simpan_draf(
    *,
    perjanjian: PerjanjianKinerja,
    oleh: Pengguna,
    tempat: str,
    tanggal: date,
    pihak_pertama: Pejabat,
    pihak_kedua: Pejabat,
    target: list[TargetDraf],
    kegiatan: list[KegiatanDraf],
) -> PerjanjianKinerja:
    """Replace a draft's header, targets and kegiatan with what was typed."""
    perjanjian = _kunci(perjanjian)
    _boleh_menyusun(oleh, perjanjian.organisasi)
    _harus_draf(perjanjian)
    _periksa_pihak(perjanjian.organisasi, pihak_pertama, pihak_kedua)
    perjanjian.tempat = tempat.strip()
    perjanjian.tanggal = tanggal
    perjanjian.pihak_pertama = pihak_pertama
    perjanjian.pihak_kedua = pihak_kedua
    perjanjian.full_clean()
    perjanjian.save(update_fields=["tempat", "tanggal", "pihak_pertama", "pihak_kedua"])
    _isi_anak(perjanjian, target, kegiatan)
    return perjanjian


@transaction.atomic
def perjanjian_hapus(*, perjanjian: PerjanjianKinerja, oleh: Pengguna) -> None:
    """Delete a draft that nobody has signed; signed versions are never deleted."""
    perjanjian = _kunci(perjanjian)
    _boleh_menyusun(oleh, perjanjian.organisasi)
    _harus_draf(perjanjian)
    perjanjian.delete()


@transaction.atomic
def perjanjian_tandatangani(
    *,
    perjanjian: PerjanjianKinerja,
    pengguna: Pengguna,
    password: str,
    abaikan_peringatan: bool = False,
) -> TandaTangan:
    """Sign in the application: pihak pertama first, then pihak kedua, each only by the
    person holding that position, confirmed with their password. The signature records the
    SHA-256 of the content; the second one gives the agreement its verification code."""
    perjanjian = _kunci(perjanjian)
    if perjanjian.is_draf:
        pihak, pejabat = TandaTangan.Pihak.PERTAMA, perjanjian.pihak_pertama
    elif perjanjian.status == PerjanjianKinerja.Status.SEBAGIAN:
        pihak, pejabat = TandaTangan.Pihak.KEDUA, perjanjian.pihak_kedua
    else:
        raise ValidationError("Perjanjian kinerja ini sudah ditandatangani kedua pihak.")
    if not pejabat_aktif(pengguna, pejabat):
        if pejabat_aktif(pengguna, perjanjian.pihak_kedua):
            raise PermissionDenied("Pihak kedua menandatangani setelah pihak pertama.")
        raise PermissionDenied(
            f"Hanya {pejabat.nama} ({pejabat.jabatan}) yang dapat menandatangani sebagai "
            f"{TandaTangan.Pihak(pihak).label.lower()}."
        )
    if not password or not pengguna.check_password(password):
        raise ValidationError("Kata sandi salah.")
    kesalahan = perjanjian_kesalahan(perjanjian)
    if kesalahan:
        raise ValidationError(kesalahan)
    if perjanjian_periksa(perjanjian) and not abaikan_peringatan:
        raise ValidationError(
            "Masih ada peringatan. Periksa kembali dan centang konfirmasi untuk tetap "
            "menandatangani."
        )
    sha256 = sha256_perjanjian(perjanjian)
    if pihak == TandaTangan.Pihak.KEDUA:
        pertama = perjanjian.tanda_tangan.get(pihak=TandaTangan.Pihak.PERTAMA)
        if pertama.sha256 != sha256:
            raise ValidationError(
                "Isi perjanjian berubah sejak ditandatangani pihak pertama (misalnya nama atau "
                "jabatan pejabat). Kembalikan ke draf agar ditandatangani ulang."
            )
    tanda_tangan = TandaTangan(
        perjanjian=perjanjian,
        pihak=pihak,
        pejabat=pejabat,
        pengguna=pengguna,
        waktu=timezone.now(),
        sha256=sha256,
    )
    tanda_tangan.full_clean()
    tanda_tangan.save()
    if pihak == TandaTangan.Pihak.PERTAMA:
        perjanjian.status = PerjanjianKinerja.Status.SEBAGIAN
        perjanjian.save(update_fields=["status"])
    else:
        perjanjian.status = PerjanjianKinerja.Status.DITANDATANGANI
        perjanjian.kode_verifikasi = secrets.token_urlsafe(16)
        perjanjian.save(update_fields=["status", "kode_verifikasi"])
    return tanda_tangan


@transaction.atomic
def perjanjian_kembalikan(*, perjanjian: PerjanjianKinerja, oleh: Pengguna) -> PerjanjianKinerja:
    """Back to draft before pihak kedua has signed: pihak pertama withdraws, or pihak kedua
    (or a drafter) returns it for corrections. Pihak pertama's signature is removed."""
    perjanjian = _kunci(perjanjian)
    if perjanjian.status != PerjanjianKinerja.Status.SEBAGIAN:
        raise ValidationError(
            "Hanya perjanjian yang menunggu tanda tangan pihak kedua yang dapat dikembalikan."
        )
    if not (
        pejabat_aktif(oleh, perjanjian.pihak_pertama)
        or pejabat_aktif(oleh, perjanjian.pihak_kedua)
        or boleh_menyusun_perjanjian(oleh, perjanjian.organisasi)
    ):
        raise PermissionDenied("Hanya para pihak atau penyusun yang dapat mengembalikan ke draf.")
    perjanjian.tanda_tangan.all().delete()
    perjanjian.status = PerjanjianKinerja.Status.DRAF
    perjanjian.save(update_fields=["status"])
    return perjanjian


# ---------------------------------------------------------------- realisasi entry (issue 5)


class PerubahanDitolak(Exception):
    """A write that the rules refuse; the message is shown to users as is."""

    def __init__(self, pesan: str) -> None:
        self.pesan = pesan
        super().__init__(pesan)


@dataclass(frozen=True)
class Konflik:
    indikator: IndikatorKinerja
    oleh: str
    nilai_sekarang: str


class KonflikVersi(PerubahanDitolak):
    """Someone else changed a value after this user opened it: nothing was saved."""

    def __init__(self, konflik: list[Konflik]) -> None:
        self.konflik = konflik
        bagian = [
            f"{k.indikator.nama} sudah diubah oleh {k.oleh}; nilai sekarang {k.nilai_sekarang}"
            for k in konflik
        ]
        if not bagian:
            bagian = ["nilai sudah diubah oleh pengguna lain"]
        super().__init__(
            "Tidak ada yang disimpan: "
            + "; ".join(bagian)
            + ". Periksa nilai terbaru di bawah, lalu simpan lagi bila perlu."
        )


@dataclass
class IsianBaris:
    """One validated row of the entry form."""

    indikator: IndikatorKinerja
    versi: int  # the version the user saw; 0 when there was no value yet
    nilai: Decimal | None = None
    tingkat: TingkatSkala | None = None
    kendala: str = ""
    tindak_lanjut: str = ""
    berkas: list[tuple[UploadedFile, JenisBerkas]] = dc_field(default_factory=list)


@dataclass
class HasilSimpan:
    dibuat: int = 0
    diubah: int = 0
    bukti: int = 0

    @property
    def jumlah(self) -> int:
        return self.dibuat + self.diubah


def _nama_pengguna(user: Pengguna | None) -> str:
    if user is None:
        return "pengguna lain"
    return user.get_full_name() or user.username


def _teks_nilai(r: Realisasi) -> str:
    return format_nilai(
        tipe=r.indikator.tipe,
        angka=r.nilai,
        kode_tingkat=r.tingkat.kode if r.tingkat_id else None,
    )


class _VersiBerubah(Exception):
    """Raised inside the transaction so that it rolls back; reported as KonflikVersi after."""

    def __init__(self, versi: dict[int, int], tahun: int, periode: str) -> None:
        # indicator pk -> the version the user saw (0: no value yet)
        self.versi, self.tahun, self.periode = versi, tahun, periode


def _konflik(versi: dict[int, int], tahun: int, periode: str) -> list[Konflik]:
    """Rows that no longer have the version the user saw, with who holds them now."""
    return [
        Konflik(r.indikator, _nama_pengguna(r.diubah_oleh), _teks_nilai(r))
        for r in Realisasi.objects.filter(
            indikator_id__in=list(versi), tahun=tahun, periode=periode
        ).select_related("indikator", "tingkat", "diubah_oleh")
        if r.versi != versi[r.indikator_id]
    ]


@contextmanager
def _atomik(*, baru: dict[int, int] | None = None, tahun: int = 0, periode: str = ""):
    """A transaction whose lost races are reported, after the rollback, as KonflikVersi.

    `baru` are the rows being created (indicator pk -> 0): a unique violation on one of them
    means someone else created it first.
    """
    try:
        with transaction.atomic():
            yield
    except _VersiBerubah as exc:
        raise KonflikVersi(_konflik(exc.versi, exc.tahun, exc.periode)) from None
    except IntegrityError:
        konflik = _konflik(baru, tahun, periode) if baru else []
        if not konflik:
            raise
        raise KonflikVersi(konflik) from None


def _pastikan_terbuka(
    *, unit_kerja: UnitKerja, tahun: int, periode: str, hari_ini: date | None = None
) -> None:
    status = status_periode(
        organisasi=unit_kerja.organisasi, tahun=tahun, unit_kerja=unit_kerja, hari_ini=hari_ini
    )[Periode(periode)]
    if not status.terbuka:
        raise PerubahanDitolak(
            f"{Periode(periode).label} {tahun} sudah ditutup; hanya admin yang dapat "
            "membukanya kembali."
        )


def _berubah(lama: Realisasi, baris: IsianBaris) -> bool:
    return (
        lama.nilai != baris.nilai
        or lama.tingkat_id != (baris.tingkat.pk if baris.tingkat else None)
        or lama.kendala != baris.kendala
        or lama.tindak_lanjut != baris.tindak_lanjut
    )


def _case(pasangan: dict[int, Any], field: models.Field) -> Cast | Case:
    """One CASE over primary keys, as QuerySet.bulk_update builds it."""
    kasus = Case(
        *(When(pk=pk, then=Value(v, output_field=field)) for pk, v in pasangan.items()),
        output_field=field,
    )
    if connection.features.requires_casted_case_in_updates:
        return Cast(kasus, output_field=field)
    return kasus


BARIS_PER_UPDATE = 250


def _perbarui_terjaga(
    baris: list[Realisasi], ubah: dict[str, Any], nilai_per_baris: dict[str, dict[int, Any]]
) -> int:
    """UPDATE ... WHERE (id, versi) match what the user saw: the optimistic lock.

    One statement per batch of rows (one for any form; an import of thousands of rows stays
    within the database's limits on parameters and expression depth); the number of rows it
    touched tells whether anyone else changed one of them in between.
    """
    if not baris:
        return 0
    ukuran = _baris_per_update(len(nilai_per_baris))
    disentuh = 0
    for awal in range(0, len(baris), ukuran):
        potongan = baris[awal : awal + ukuran]
        cocok = Q()
        for r in potongan:
            cocok |= Q(pk=r.pk, versi=r.versi)
        kolom = {
            nama: _case({r.pk: nilai[r.pk] for r in potongan}, Realisasi._meta.get_field(nama))
            for nama, nilai in nilai_per_baris.items()
        }
        disentuh += Realisasi.objects.filter(cocok).update(versi=F("versi") + 1, **ubah, **kolom)
    return disentuh


def _baris_per_update(jumlah_kolom: int) -> int:
    """How many rows one guarded UPDATE carries. Each row adds a WHEN per column that the
    database walks for every row of the statement, so batches stay small (250 rows: an
    import of 5,000 changes takes twenty statements). SQLite also limits the number of
    parameters (per row: id and versi in the WHERE clause, id and value in each CASE) and the
    depth of an expression (the WHERE clause is a chain of ORs); Django's own figure of 999
    parameters predates SQLite 3.32, so the library is asked."""
    if connection.vendor != "sqlite":
        return BARIS_PER_UPDATE
    connection.ensure_connection()
    db = connection.connection
    variabel = db.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    kedalaman = db.getlimit(sqlite3.SQLITE_LIMIT_EXPR_DEPTH)
    batas = min(variabel // (2 + 2 * jumlah_kolom), kedalaman // 2) - 1
    return max(1, min(BARIS_PER_UPDATE, batas))


def _catat_riwayat(
    objs: list[Realisasi], *, pengguna: Pengguna | None, alasan: str, baru: bool = False
) -> None:
    if objs:
        Realisasi.history.bulk_history_create(
            objs, update=not baru, default_user=pengguna, default_change_reason=alasan
        )


def realisasi_simpan_formulir(
    *,
    pengguna: Pengguna,
    unit_kerja: UnitKerja,
    tahun: int,
    periode: str,
    isian: list[IsianBaris],
    hari_ini: date | None = None,
) -> HasilSimpan:
    """Save a unit's entry form: every row or, on any refusal, none.

    Rows whose value the user saw at an older version are refused with who changed them
    and their current value. Evidence files are written first and removed again when the
    transaction does not commit.
    """
    ditulis: list[str] = []
    baru = {b.indikator.pk: 0 for b in isian if b.versi == 0}
    try:
        with _atomik(baru=baru, tahun=tahun, periode=periode):
            return _simpan_formulir(
                pengguna=pengguna,
                unit_kerja=unit_kerja,
                tahun=tahun,
                periode=periode,
                isian=isian,
                hari_ini=hari_ini,
                ditulis=ditulis,
            )
    except BaseException:
        _hapus_berkas(ditulis)
        raise


def _hapus_berkas(nama: list[str]) -> None:
    penyimpanan = penyimpanan_pribadi()
    for n in nama:
        penyimpanan.delete(n)


def _simpan_formulir(
    *,
    pengguna: Pengguna,
    unit_kerja: UnitKerja,
    tahun: int,
    periode: str,
    isian: list[IsianBaris],
    hari_ini: date | None,
    ditulis: list[str],
) -> HasilSimpan:
    _pastikan_terbuka(unit_kerja=unit_kerja, tahun=tahun, periode=periode, hari_ini=hari_ini)
    for b in isian:
        if b.indikator.unit_kerja_id != unit_kerja.pk:
            raise PerubahanDitolak(f"{b.indikator.nama} bukan indikator {unit_kerja.nama}.")
    baru, diubah, dengan_bukti = _tulis_isian(
        pengguna=pengguna,
        tahun=tahun,
        periode=periode,
        isian=isian,
        status=Realisasi.Status.DRAF,
        alasan_baru="Diisi",
        alasan_ubah="Diubah",
    )

    bukti = []
    for r, berkas in dengan_bukti:
        for unggahan, jenis in berkas:
            obj = BuktiDukung(
                realisasi=r,
                nama_asli=unggahan.name[:255],
                jenis_konten=jenis.jenis_konten,
                ukuran=unggahan.size,
                diunggah_oleh=pengguna,
            )
            # The stored name takes the extension of what the content is, not of the name.
            obj.berkas.save(f"bukti{jenis.akhiran}", unggahan, save=False)
            ditulis.append(obj.berkas.name)
            bukti.append(obj)
    if bukti:
        BuktiDukung.objects.bulk_create(bukti)
        BuktiDukung.history.bulk_history_create(
            bukti, default_user=pengguna, default_change_reason="Diunggah"
        )
    return HasilSimpan(dibuat=len(baru), diubah=len(diubah), bukti=len(bukti))


def _tulis_isian(
    *,
    pengguna: Pengguna | None,
    tahun: int,
    periode: str,
    isian: list[IsianBaris],
    status: str,
    alasan_baru: str,
    alasan_ubah: str,
    semua_status: bool = False,
) -> tuple[list[Realisasi], list[Realisasi], list[tuple[Realisasi, list]]]:
    """Write validated rows of one year and period: new values are created, changed ones
    updated under the optimistic lock, each with its history record. Rows unchanged are left
    alone. `semua_status` lets submitted and verified values change too (an admin's import);
    otherwise only drafts and returned values may change. A fixed number of queries per
    batch of rows."""
    lama = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(
            indikator_id__in=[b.indikator.pk for b in isian], tahun=tahun, periode=periode
        ).select_related("indikator", "tingkat", "diubah_oleh")
    }
    konflik, baru, diubah, dengan_bukti = [], [], [], []
    sekarang = timezone.now()
    for b in isian:
        r = lama.get(b.indikator.pk)
        if r is None:
            if b.versi != 0:
                konflik.append(Konflik(b.indikator, "pengguna lain", "(dihapus)"))
                continue
            r = Realisasi(
                indikator=b.indikator,
                tahun=tahun,
                periode=periode,
                nilai=b.nilai,
                tingkat=b.tingkat,
                kendala=b.kendala,
                tindak_lanjut=b.tindak_lanjut,
                status=status,
                versi=1,
                diubah_oleh=pengguna,
                diubah_pada=sekarang,
            )
            baru.append(r)
        elif r.versi != b.versi:
            konflik.append(Konflik(b.indikator, _nama_pengguna(r.diubah_oleh), _teks_nilai(r)))
            continue
        elif _berubah(r, b) or b.berkas:
            if not semua_status and r.status not in STATUS_DAPAT_DIUBAH:
                raise PerubahanDitolak(
                    f"{b.indikator.nama}: nilai yang sudah {r.get_status_display().lower()} "
                    "tidak dapat diubah."
                )
            if _berubah(r, b):
                r.nilai, r.tingkat = b.nilai, b.tingkat
                r.kendala, r.tindak_lanjut = b.kendala, b.tindak_lanjut
                diubah.append(r)
        if b.berkas:
            dengan_bukti.append((r, b.berkas))
    if konflik:
        raise KonflikVersi(konflik)

    # The callers validated every value; the table's constraints hold them all the same.
    Realisasi.objects.bulk_create(baru)
    disentuh = _perbarui_terjaga(
        diubah,
        {"status": status, "diubah_oleh": pengguna, "diubah_pada": sekarang},
        {
            "nilai": {r.pk: r.nilai for r in diubah},
            "tingkat": {r.pk: r.tingkat_id for r in diubah},
            "kendala": {r.pk: r.kendala for r in diubah},
            "tindak_lanjut": {r.pk: r.tindak_lanjut for r in diubah},
        },
    )
    if disentuh != len(diubah):
        raise _VersiBerubah({r.indikator_id: r.versi for r in diubah}, tahun, periode)
    for r in diubah:
        r.versi += 1
        r.status = status
        r.diubah_oleh, r.diubah_pada = pengguna, sekarang
    _catat_riwayat(baru, pengguna=pengguna, alasan=alasan_baru, baru=True)
    _catat_riwayat(diubah, pengguna=pengguna, alasan=alasan_ubah)
    return baru, diubah, dengan_bukti


def realisasi_simpan_impor(
    *,
    pengguna: Pengguna | None,
    organisasi: Organisasi,
    tahun: int,
    periode: str,
    isian: list[IsianBaris],
    alasan: str,
    terverifikasi: bool,
    hari_ini: date | None = None,
) -> HasilSimpan:
    """Save rows read from a file (kinerja.excel), across the units of the organisation:
    all of them or, on any refusal, none.

    The rules are the entry form's: the period must be open for each row's unit, and a value
    someone else changed after the file was made is refused. `terverifikasi` is an admin's
    import from the command line: its values land verified, whatever their status was;
    otherwise they land as drafts that follow the submit and verify path, and submitted or
    verified values cannot change. `alasan` goes to every value's history.
    """
    id_indikator = {b.indikator.pk for b in isian}
    milik = IndikatorKinerja.objects.filter(
        pk__in=id_indikator, sasaran__renstra__organisasi=organisasi, unit_kerja__isnull=False
    )
    if milik.count() != len(id_indikator):
        raise PerubahanDitolak("Ada indikator yang bukan indikator unit organisasi ini.")
    unit_ids = sorted({b.indikator.unit_kerja_id for b in isian})
    status = status_periode_unit(
        organisasi=organisasi, tahun=tahun, periode=periode, unit_ids=unit_ids, hari_ini=hari_ini
    )
    tertutup = [pk for pk, s in status.items() if not s.terbuka]
    if tertutup:
        nama = ", ".join(
            UnitKerja.objects.filter(pk__in=tertutup)
            .order_by("urutan")
            .values_list("nama", flat=True)
        )
        raise PerubahanDitolak(
            f"{Periode(periode).label} {tahun} sudah ditutup untuk {nama}; hanya admin yang "
            "dapat membukanya kembali."
        )
    baru = {b.indikator.pk: 0 for b in isian if b.versi == 0}
    with _atomik(baru=baru, tahun=tahun, periode=periode):
        dibuat, diubah, _bukti = _tulis_isian(
            pengguna=pengguna,
            tahun=tahun,
            periode=periode,
            isian=isian,
            status=Realisasi.Status.DIVERIFIKASI if terverifikasi else Realisasi.Status.DRAF,
            alasan_baru=alasan,
            alasan_ubah=alasan,
            semua_status=terverifikasi,
        )
    return HasilSimpan(dibuat=len(dibuat), diubah=len(diubah))


def _realisasi_periode(*, unit_kerja: UnitKerja, tahun: int, periode: str):
    return Realisasi.objects.filter(indikator__unit_kerja=unit_kerja, tahun=tahun, periode=periode)


@_atomik()
def realisasi_ajukan(
    *,
    pengguna: Pengguna,
    unit_kerja: UnitKerja,
    tahun: int,
    periode: str,
    hari_ini: date | None = None,
) -> int:
    """Submit the unit's draft and returned values of a period for verification."""
    _pastikan_terbuka(unit_kerja=unit_kerja, tahun=tahun, periode=periode, hari_ini=hari_ini)
    baris = list(
        _realisasi_periode(unit_kerja=unit_kerja, tahun=tahun, periode=periode).filter(
            status__in=STATUS_DAPAT_DIUBAH
        )
    )
    if not baris:
        raise PerubahanDitolak("Belum ada nilai baru yang dapat diajukan.")
    _ubah_status(
        baris,
        pengguna=pengguna,
        status=Realisasi.Status.DIAJUKAN,
        alasan="Diajukan untuk verifikasi",
        tahun=tahun,
        periode=periode,
    )
    return len(baris)


def _ubah_status(
    baris: list[Realisasi],
    *,
    pengguna: Pengguna,
    status: str,
    alasan: str,
    tahun: int,
    periode: str,
    catatan: str | None = None,
) -> None:
    sekarang = timezone.now()
    ubah = {"status": status, "diubah_oleh": pengguna, "diubah_pada": sekarang}
    if catatan is not None:
        ubah["catatan_verifikasi"] = catatan
    if _perbarui_terjaga(baris, ubah, {}) != len(baris):
        raise _VersiBerubah({r.indikator_id: r.versi for r in baris}, tahun, periode)
    for r in baris:
        r.versi += 1
        for nama, nilai in ubah.items():
            setattr(r, nama, nilai)
    _catat_riwayat(baris, pengguna=pengguna, alasan=alasan)


def _dipilih(
    *, unit_kerja: UnitKerja, tahun: int, periode: str, versi: dict[int, int], status
) -> list[Realisasi]:
    """The chosen values at the version the verifier saw (checked again in the UPDATE)."""
    if not versi:
        raise PerubahanDitolak("Pilih paling sedikit satu nilai.")
    baris = list(
        _realisasi_periode(unit_kerja=unit_kerja, tahun=tahun, periode=periode)
        .filter(pk__in=list(versi), status__in=status)
        .select_related("indikator", "tingkat", "diubah_oleh")
    )
    if len(baris) != len(versi):
        raise PerubahanDitolak(
            "Sebagian nilai yang dipilih sudah berubah statusnya. Muat ulang halaman."
        )
    konflik = [
        Konflik(r.indikator, _nama_pengguna(r.diubah_oleh), _teks_nilai(r))
        for r in baris
        if r.versi != versi[r.pk]
    ]
    if konflik:
        raise KonflikVersi(konflik)
    return baris


@_atomik()
def realisasi_verifikasi(
    *, pengguna: Pengguna, unit_kerja: UnitKerja, tahun: int, periode: str, versi: dict[int, int]
) -> int:
    """Verify submitted values (realisasi pk → the version the verifier saw)."""
    if KunciTahun.objects.filter(organisasi_id=unit_kerja.organisasi_id, tahun=tahun).exists():
        _pastikan_terbuka(unit_kerja=unit_kerja, tahun=tahun, periode=periode)
    baris = _dipilih(
        unit_kerja=unit_kerja,
        tahun=tahun,
        periode=periode,
        versi=versi,
        status=[Realisasi.Status.DIAJUKAN],
    )
    _ubah_status(
        baris,
        pengguna=pengguna,
        status=Realisasi.Status.DIVERIFIKASI,
        alasan="Diverifikasi",
        tahun=tahun,
        periode=periode,
        catatan="",
    )
    return len(baris)


@_atomik()
def realisasi_kembalikan(
    *,
    pengguna: Pengguna,
    unit_kerja: UnitKerja,
    tahun: int,
    periode: str,
    versi: dict[int, int],
    catatan: str,
    hari_ini: date | None = None,
) -> int:
    """Return submitted (or verified) values to the staff with a comment; editable again."""
    catatan = catatan.strip()
    if not catatan:
        raise PerubahanDitolak("Tulis alasan pengembalian.")
    _pastikan_terbuka(unit_kerja=unit_kerja, tahun=tahun, periode=periode, hari_ini=hari_ini)
    baris = _dipilih(
        unit_kerja=unit_kerja,
        tahun=tahun,
        periode=periode,
        versi=versi,
        status=[Realisasi.Status.DIAJUKAN, Realisasi.Status.DIVERIFIKASI],
    )
    _ubah_status(
        baris,
        pengguna=pengguna,
        status=Realisasi.Status.DIKEMBALIKAN,
        alasan=f"Dikembalikan: {catatan}",
        tahun=tahun,
        periode=periode,
        catatan=catatan,
    )
    return len(baris)


def simpan_tercatat(obj: models.Model, *, alasan: str, pengguna: Pengguna | None) -> None:
    """Validate and save a model with history, recording who did it and why."""
    obj.full_clean()
    obj._change_reason = alasan
    obj._history_user = pengguna
    obj.save()


@transaction.atomic
def periode_buka_kembali(
    *, pengguna: Pengguna, unit_kerja: UnitKerja, tahun: int, periode: str, alasan: str, sampai
) -> PembukaanPeriode:
    """An admin reopens one unit's closed period until `sampai`, for a stated reason."""
    alasan = alasan.strip()
    if not alasan:
        raise PerubahanDitolak("Tulis alasan membuka kembali periode.")
    if sampai < timezone.localdate():
        raise PerubahanDitolak("Tanggal akhir tidak boleh sebelum hari ini.")
    pembukaan = PembukaanPeriode(
        unit_kerja=unit_kerja,
        tahun=tahun,
        periode=periode,
        sampai=sampai,
        alasan=alasan,
        dibuka_oleh=pengguna,
        dibuka_pada=timezone.now(),
    )
    simpan_tercatat(pembukaan, alasan=alasan, pengguna=pengguna)
    return pembukaan


@transaction.atomic
def periode_kunci_tahun(
    *, organisasi: Organisasi, tahun: int, alasan: str, pengguna: Pengguna | None = None
) -> KunciTahun:
    """Close every period of a year for every unit (the report is final).

    Idempotent: locking a locked year returns the existing lock. Reopenings made before
    the lock stop counting; an admin may still reopen a unit's period afterwards.
    """
    alasan = alasan.strip()
    if not alasan:
        raise PerubahanDitolak("Tulis alasan mengunci tahun.")
    kunci = KunciTahun.objects.filter(organisasi=organisasi, tahun=tahun).first()
    if kunci is not None:
        return kunci
    kunci = KunciTahun(
        organisasi=organisasi,
        tahun=tahun,
        alasan=alasan,
        dikunci_oleh=pengguna,
        dikunci_pada=timezone.now(),
    )
    simpan_tercatat(kunci, alasan=alasan, pengguna=pengguna)
    return kunci
