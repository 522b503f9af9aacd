"""Writes with rules for a Perjanjian Kinerja: drafting, amending, signing, returning.

Every refusal is inti.galat.Ditolak (a list of reasons where a check gathers them all);
a user who may not do the write gets TidakBerwenang.
"""

import json
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone

from anggaran.models import Program
from inti.capaian import Polaritas
from inti.galat import Ditolak, TidakBerwenang
from inti.kode import kode_baru
from kinerja.capaian import renstra_tahun
from kinerja.models import PerjanjianKinerja, TandaTangan
from kinerja.perjanjian.akses import boleh_menyusun_perjanjian
from kinerja.perjanjian.draf import KegiatanDraf, TargetDraf, isi_baris, validasi
from kinerja.perjanjian.selectors import (
    perjanjian_kesalahan,
    perjanjian_periksa,
    tanggal_di_luar_tahun,
)
from kinerja.perjanjian.sidik import isi_perjanjian, kanonik, sha256_isi
from organisasi.akses import pejabat_aktif
from organisasi.models import Organisasi, Pejabat, Pengguna, UnitKerja
from renstra.models import IndikatorKinerja, TargetRenstra


def _boleh_menyusun(oleh: Pengguna, organisasi: Organisasi) -> None:
    if not boleh_menyusun_perjanjian(oleh, organisasi):
        raise TidakBerwenang("Hanya admin atau Sekretaris yang dapat menyusun perjanjian kinerja.")


def pejabat_pada(
    *, organisasi: Organisasi, peran: str, unit_kerja: UnitKerja | None = None, pada: date
) -> Pejabat | None:
    """The holder of a position on a day: in office that day, the latest appointed first
    (a successor recorded in advance has not taken office yet)."""
    qs = Pejabat.objects.filter(organisasi=organisasi, peran=peran, mulai__lte=pada).filter(
        Q(selesai__isnull=True) | Q(selesai__gte=pada)
    )
    if unit_kerja is not None:
        qs = qs.filter(unit_kerja=unit_kerja)
    return qs.order_by("-mulai").first()


def posisi_pihak(unit_kerja: UnitKerja | None) -> list[tuple[str, UnitKerja | None, str]]:
    """The two positions that sign an agreement, as (peran, unit, name): a unit's head signs
    with the Sekretaris; the Sekretaris signs with the Ketua."""
    sekretaris = (Pejabat.Peran.SEKRETARIS, None, "Sekretaris")
    if unit_kerja is None:
        return [sekretaris, (Pejabat.Peran.KETUA, None, "Ketua")]
    return [(Pejabat.Peran.KEPALA_SUBBAGIAN, unit_kerja, f"Kepala {unit_kerja.nama}"), sekretaris]


def tanggal_pihak(tahun: int) -> date:
    """The day whose officials a new draft of the year names: its date when it has one
    (today, within the year), else the year's first day."""
    return _tanggal_awal(tahun) or date(tahun, 1, 1)


def pihak_baku(
    *, organisasi: Organisasi, unit_kerja: UnitKerja | None = None, pada: date | None = None
) -> tuple[Pejabat, Pejabat]:
    """The holders of the two signing positions on `pada` (today if not given)."""
    pada = pada or timezone.localdate()
    posisi = posisi_pihak(unit_kerja)
    pihak = [
        pejabat_pada(organisasi=organisasi, peran=peran, unit_kerja=unit, pada=pada)
        for peran, unit, _nama in posisi
    ]
    kurang = [nama for (_peran, _unit, nama), p in zip(posisi, pihak, strict=True) if p is None]
    if kurang:
        raise Ditolak(
            f"Pejabat {' dan '.join(kurang)} yang menjabat pada "
            f"{formats.date_format(pada, 'j F Y')} belum tercatat."
        )
    pertama, kedua = pihak
    assert pertama is not None and kedua is not None
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
        raise Ditolak(
            f"Perjanjian kinerja {_nama_pemilik(organisasi, unit_kerja)} tahun {tahun} sudah "
            f"ada (versi {ada.versi}). Ubah drafnya, atau buat perubahan dari versi yang sudah "
            "ditandatangani."
        )


def _harus_draf(perjanjian: PerjanjianKinerja) -> None:
    if not perjanjian.is_draf:
        raise Ditolak(
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


def _tanggal_awal(tahun: int) -> date | None:
    """A new draft is dated today when today lies in its year. Otherwise (an amendment of a
    past year's agreement, next year's drafted in December) today would be a wrong date
    nobody chose: it stays empty, for the drafter to fill in."""
    hari_ini = timezone.localdate()
    return hari_ini if hari_ini.year == tahun else None


def _periksa_tanggal(
    perjanjian: PerjanjianKinerja, tanggal: date | None, *, luar_tahun: bool
) -> None:
    """An agreement is dated within its year; another date only when the drafter says it is
    meant (signed late in the previous December, say), never silently."""
    if tanggal is not None and tanggal.year != perjanjian.tahun and not luar_tahun:
        raise Ditolak(
            f"{tanggal_di_luar_tahun(tanggal, perjanjian.tahun)} Perbaiki tanggalnya, atau "
            "centang konfirmasi bila tanggal itu memang benar."
        )


def _periksa_pihak(organisasi: Organisasi, pertama: Pejabat, kedua: Pejabat) -> None:
    if pertama.organisasi_id != organisasi.pk or kedua.organisasi_id != organisasi.pk:
        raise Ditolak("Para pihak harus pejabat organisasi ini.")
    if pertama.pk == kedua.pk:
        raise Ditolak("Pihak pertama dan pihak kedua harus orang yang berbeda.")


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
        raise Ditolak("Unit kerja bukan bagian organisasi ini.")
    _periksa_pihak(organisasi, pihak_pertama, pihak_kedua)
    perjanjian = PerjanjianKinerja(
        organisasi=organisasi,
        unit_kerja=unit_kerja,
        tahun=tahun,
        versi=versi,
        pihak_pertama=pihak_pertama,
        pihak_kedua=pihak_kedua,
        tempat=tempat or organisasi.kota or "-",
        tanggal=_tanggal_awal(tahun),
        status=PerjanjianKinerja.Status.DRAF,
    )
    validasi(perjanjian)
    perjanjian.save()
    isi_baris(perjanjian, target, kegiatan)
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
    organisation's draft lists each budget program with its pagu of the year. The parties
    not given are the holders on the draft's date, or on the year's first day."""
    _boleh_menyusun(oleh, organisasi)
    _belum_ada(organisasi, unit_kerja, tahun)
    renstra = renstra_tahun(organisasi=organisasi, tahun=tahun)
    if renstra is None:
        raise Ditolak(f"Belum ada Renstra yang mencakup tahun {tahun}.")
    if pihak_pertama is None or pihak_kedua is None:
        baku_pertama, baku_kedua = pihak_baku(
            organisasi=organisasi, unit_kerja=unit_kerja, pada=tanggal_pihak(tahun)
        )
        pihak_pertama, pihak_kedua = pihak_pertama or baku_pertama, pihak_kedua or baku_kedua
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
        pihak_pertama=pihak_pertama,
        pihak_kedua=pihak_kedua,
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
    kegiatan and anggaran); the parties hold the two positions on the draft's date, or on the
    year's first day when it has none yet."""
    organisasi, unit = sumber.organisasi, sumber.unit_kerja
    _boleh_menyusun(oleh, organisasi)
    if tahun == sumber.tahun:
        raise Ditolak("Untuk tahun yang sama, buat perubahan perjanjian kinerja.")
    _belum_ada(organisasi, unit, tahun)
    pertama, kedua = pihak_baku(organisasi=organisasi, unit_kerja=unit, pada=tanggal_pihak(tahun))
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


@dataclass(frozen=True)
class RencanaPerubahan:
    """What an amendment will be, shown for confirmation before it is created."""

    dari: PerjanjianKinerja
    versi: int
    pihak_pertama: Pejabat
    pihak_kedua: Pejabat
    tanggal: date | None
    jumlah_target: int
    jumlah_kegiatan: int

    @property
    def pihak_diganti(self) -> bool:
        return (self.pihak_pertama.pk, self.pihak_kedua.pk) != (
            self.dari.pihak_pertama_id,
            self.dari.pihak_kedua_id,
        )


def perjanjian_rencana_perubahan(
    *, perjanjian: PerjanjianKinerja, oleh: Pengguna
) -> RencanaPerubahan:
    """The amendment perjanjian_ubah would create now, refused for the same reasons."""
    _boleh_menyusun(oleh, perjanjian.organisasi)
    if not perjanjian.is_ditandatangani:
        raise Ditolak("Perubahan hanya dapat dibuat dari perjanjian yang sudah ditandatangani.")
    # This agreement is one of them: there is always a latest.
    terakhir = PerjanjianKinerja.objects.filter(
        organisasi=perjanjian.organisasi,
        unit_kerja=perjanjian.unit_kerja,
        tahun=perjanjian.tahun,
    ).latest("versi")
    if terakhir.versi != perjanjian.versi:
        raise Ditolak(f"Sudah ada versi {terakhir.versi}; perubahan dibuat dari versi terakhir.")
    pertama, kedua = perjanjian.pihak_pertama, perjanjian.pihak_kedua
    hari_ini = timezone.localdate()
    if any(p.selesai is not None and p.selesai < hari_ini for p in (pertama, kedua)):
        pertama, kedua = pihak_baku(
            organisasi=perjanjian.organisasi, unit_kerja=perjanjian.unit_kerja
        )
    return RencanaPerubahan(
        dari=perjanjian,
        versi=perjanjian.versi + 1,
        pihak_pertama=pertama,
        pihak_kedua=kedua,
        tanggal=_tanggal_awal(perjanjian.tahun),
        jumlah_target=perjanjian.target.count(),
        jumlah_kegiatan=perjanjian.kegiatan.count(),
    )


@transaction.atomic
def perjanjian_ubah(*, perjanjian: PerjanjianKinerja, oleh: Pengguna) -> PerjanjianKinerja:
    """An amendment (Perubahan Perjanjian Kinerja): version n+1 as a draft copy of the
    signed version n, which stays as it is."""
    perjanjian = _kunci(perjanjian)
    rencana = perjanjian_rencana_perubahan(perjanjian=perjanjian, oleh=oleh)
    target, kegiatan = _draf_dari(perjanjian)
    return _buat(
        organisasi=perjanjian.organisasi,
        unit_kerja=perjanjian.unit_kerja,
        tahun=perjanjian.tahun,
        versi=rencana.versi,
        pihak_pertama=rencana.pihak_pertama,
        pihak_kedua=rencana.pihak_kedua,
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
    tanggal: date | None,
    pihak_pertama: Pejabat,
    pihak_kedua: Pejabat,
    target: list[TargetDraf],
    kegiatan: list[KegiatanDraf],
    tanggal_luar_tahun: bool = False,
) -> PerjanjianKinerja:
    """Replace a draft's header, targets and kegiatan with what was typed. A date outside
    the agreement's year is refused unless tanggal_luar_tahun confirms it."""
    perjanjian = _kunci(perjanjian)
    _boleh_menyusun(oleh, perjanjian.organisasi)
    _harus_draf(perjanjian)
    _periksa_tanggal(perjanjian, tanggal, luar_tahun=tanggal_luar_tahun)
    _periksa_pihak(perjanjian.organisasi, pihak_pertama, pihak_kedua)
    perjanjian.tempat = tempat.strip()
    perjanjian.tanggal = tanggal
    perjanjian.pihak_pertama = pihak_pertama
    perjanjian.pihak_kedua = pihak_kedua
    validasi(perjanjian)
    perjanjian.save(update_fields=["tempat", "tanggal", "pihak_pertama", "pihak_kedua"])
    isi_baris(perjanjian, target, kegiatan)
    return perjanjian


@transaction.atomic
def perjanjian_hapus(*, perjanjian: PerjanjianKinerja, oleh: Pengguna) -> None:
    """Delete a draft that nobody has signed; signed versions are never deleted."""
    perjanjian = _kunci(perjanjian)
    _boleh_menyusun(oleh, perjanjian.organisasi)
    _harus_draf(perjanjian)
    perjanjian.delete()


def _giliran_penanda_tangan(
    perjanjian: PerjanjianKinerja, pengguna: Pengguna
) -> tuple[str, Pejabat]:
    """The party whose signature is awaited, and its official, who must be this user."""
    if perjanjian.is_draf:
        pihak, pejabat = TandaTangan.Pihak.PERTAMA, perjanjian.pihak_pertama
    elif perjanjian.status == PerjanjianKinerja.Status.SEBAGIAN:
        pihak, pejabat = TandaTangan.Pihak.KEDUA, perjanjian.pihak_kedua
    else:
        raise Ditolak("Perjanjian kinerja ini sudah ditandatangani kedua pihak.")
    if not pejabat_aktif(pengguna, pejabat):
        if pejabat_aktif(pengguna, perjanjian.pihak_kedua):
            raise TidakBerwenang("Pihak kedua menandatangani setelah pihak pertama.")
        raise TidakBerwenang(
            f"Hanya {pejabat.nama} ({pejabat.jabatan}) yang dapat menandatangani sebagai "
            f"{TandaTangan.Pihak(pihak).label.lower()}."
        )
    return pihak, pejabat


def _siap_ditandatangani(perjanjian: PerjanjianKinerja, *, abaikan_peringatan: bool) -> None:
    kesalahan = perjanjian_kesalahan(perjanjian)
    if kesalahan:
        raise Ditolak(kesalahan)
    if perjanjian_periksa(perjanjian) and not abaikan_peringatan:
        raise Ditolak(
            "Masih ada peringatan. Periksa kembali dan centang konfirmasi untuk tetap "
            "menandatangani."
        )


def _sidik_yang_ditandatangani(perjanjian: PerjanjianKinerja, pihak: str) -> str:
    """The SHA-256 this signature carries. Pihak pertama freezes the content, in the same
    transaction as the signature: pihak kedua signs this very content, and the document is
    printed from it from now on. Pihak kedua's hash must match pihak pertama's."""
    if pihak == TandaTangan.Pihak.PERTAMA:
        isi = isi_perjanjian(perjanjian)
        perjanjian.isi_beku = kanonik(isi).decode()
        return sha256_isi(isi)
    sha256 = sha256_isi(json.loads(perjanjian.isi_beku or "{}"))
    pertama = perjanjian.tanda_tangan.get(pihak=TandaTangan.Pihak.PERTAMA)
    if pertama.sha256 != sha256:
        raise Ditolak(
            "Isi perjanjian yang dibekukan tidak cocok dengan tanda tangan pihak pertama. "
            "Kembalikan ke draf agar ditandatangani ulang."
        )
    return sha256


def _catat_status(perjanjian: PerjanjianKinerja, pihak: str) -> None:
    if pihak == TandaTangan.Pihak.PERTAMA:
        perjanjian.status = PerjanjianKinerja.Status.SEBAGIAN
        perjanjian.save(update_fields=["status", "isi_beku"])
    else:
        perjanjian.status = PerjanjianKinerja.Status.DITANDATANGANI
        perjanjian.kode_verifikasi = kode_baru()
        perjanjian.save(update_fields=["status", "kode_verifikasi"])


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
    pihak, pejabat = _giliran_penanda_tangan(perjanjian, pengguna)
    if not password or not pengguna.check_password(password):
        raise Ditolak("Kata sandi salah.")
    _siap_ditandatangani(perjanjian, abaikan_peringatan=abaikan_peringatan)
    tanda_tangan = TandaTangan(
        perjanjian=perjanjian,
        pihak=pihak,
        pejabat=pejabat,
        pengguna=pengguna,
        waktu=timezone.now(),
        sha256=_sidik_yang_ditandatangani(perjanjian, pihak),
    )
    validasi(tanda_tangan)
    tanda_tangan.save()
    _catat_status(perjanjian, pihak)
    return tanda_tangan


@transaction.atomic
def perjanjian_kembalikan(*, perjanjian: PerjanjianKinerja, oleh: Pengguna) -> PerjanjianKinerja:
    """Back to draft before pihak kedua has signed: pihak pertama withdraws, or pihak kedua
    (or a drafter) returns it for corrections. Pihak pertama's signature is removed."""
    perjanjian = _kunci(perjanjian)
    if perjanjian.status != PerjanjianKinerja.Status.SEBAGIAN:
        raise Ditolak(
            "Hanya perjanjian yang menunggu tanda tangan pihak kedua yang dapat dikembalikan."
        )
    if not (
        pejabat_aktif(oleh, perjanjian.pihak_pertama)
        or pejabat_aktif(oleh, perjanjian.pihak_kedua)
        or boleh_menyusun_perjanjian(oleh, perjanjian.organisasi)
    ):
        raise TidakBerwenang("Hanya para pihak atau penyusun yang dapat mengembalikan ke draf.")
    perjanjian.tanda_tangan.all().delete()
    perjanjian.status = PerjanjianKinerja.Status.DRAF
    perjanjian.isi_beku = None
    perjanjian.save(update_fields=["status", "isi_beku"])
    return perjanjian


@transaction.atomic
def perjanjian_catat_ditandatangani(*, perjanjian: PerjanjianKinerja) -> PerjanjianKinerja:
    """Record a draft as signed on paper (the reference year's agreements), freezing its
    content as it stands. For loaders and scripts: people sign in the application."""
    perjanjian = _kunci(perjanjian)
    _harus_draf(perjanjian)
    perjanjian.isi_beku = kanonik(isi_perjanjian(perjanjian)).decode()
    perjanjian.status = PerjanjianKinerja.Status.DITANDATANGANI
    perjanjian.save(update_fields=["status", "isi_beku"])
    return perjanjian
