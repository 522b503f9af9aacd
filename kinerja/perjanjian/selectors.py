"""Reads for agreements: checks before signing, versions, lists, public verification."""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, Sum
from django.utils import timezone

from anggaran.models import AnggaranKegiatan
from inti.angka import format_rupiah
from inti.kode import kode_kanonik
from inti.tampilan import format_nilai
from kinerja.capaian import perjanjian_berlaku
from kinerja.models import (
    KegiatanPerjanjian,
    PerjanjianKinerja,
    TandaTangan,
    TargetKinerja,
)
from kinerja.perjanjian.dokumen import KelompokSasaran, kelompok_sasaran, tanggal_id
from kinerja.perjanjian.sidik import sha256_isi
from organisasi.models import Organisasi, Pejabat, Pengguna, UnitKerja
from renstra.models import (
    IndikatorKinerja,
    NilaiTarget,
)


def teks_target(target: NilaiTarget, indikator: IndikatorKinerja) -> str:
    """A target as the document prints it: "100 %", "80", "BB"."""
    return format_nilai(
        tipe=indikator.tipe,
        angka=target.nilai,
        kode_tingkat=target.tingkat.kode if target.tingkat else None,
        angka_atas=target.nilai_atas,
    )


def _sama_target(a: NilaiTarget, b: NilaiTarget) -> bool:
    return (a.nilai, a.nilai_atas, a.tingkat_id) == (b.nilai, b.nilai_atas, b.tingkat_id)


def perjanjian_unit_tahun(
    *, organisasi: Organisasi, tahun: int, kecuali: PerjanjianKinerja | None = None
) -> list[PerjanjianKinerja]:
    """The unit agreements of the year, one per unit: the one being checked stands for its
    own unit, every other unit is represented by its agreement in force."""
    unit_ids = (
        PerjanjianKinerja.objects.filter(
            organisasi=organisasi, tahun=tahun, unit_kerja__isnull=False
        )
        .values_list("unit_kerja", flat=True)
        .distinct()
    )
    daftar = []
    for unit in UnitKerja.objects.filter(pk__in=unit_ids).order_by("urutan"):
        if kecuali is not None and kecuali.unit_kerja_id == unit.pk:
            daftar.append(kecuali)
            continue
        berlaku = perjanjian_berlaku(organisasi=organisasi, tahun=tahun, unit_kerja=unit)
        if berlaku is not None:  # always: the unit has an agreement this year
            daftar.append(berlaku)
    return daftar


def perjanjian_kesalahan(perjanjian: PerjanjianKinerja) -> list[str]:
    """What stops an agreement from being signed at all."""
    if not perjanjian.target.exists():
        return ["Perjanjian belum memuat target kinerja."]
    return []


def perjanjian_periksa(perjanjian: PerjanjianKinerja) -> list[str]:
    """Inconsistencies of this agreement to look at before signing (signing past them needs
    a confirmation): a draft's date missing or outside its year, organisation indicators no
    unit carries, unit targets that differ from the organisation's, and kegiatan lines whose
    budget differs from the pagu they are linked to.

    The year's total against the pagu is not here: it is about all the agreements together,
    which the head signing one unit's cannot change (pagu_tahun_periksa, for the drafters)."""
    return (
        _periksa_tanggal(perjanjian) + _periksa_target(perjanjian) + _periksa_kegiatan(perjanjian)
    )


def tanggal_di_luar_tahun(tanggal: date, tahun: int) -> str:
    return f"Tanggal perjanjian ({tanggal_id(tanggal)}) berada di luar tahun perjanjian ({tahun})."


def _periksa_tanggal(perjanjian: PerjanjianKinerja) -> list[str]:
    # Only a draft: once pihak pertama has signed, the date is frozen with the content.
    if not perjanjian.is_draf:
        return []
    if perjanjian.tanggal is None:
        return ['Tanggal perjanjian belum diisi; dokumen akan mencetak "tanggal tidak tercantum".']
    if perjanjian.tanggal.year != perjanjian.tahun:
        return [tanggal_di_luar_tahun(perjanjian.tanggal, perjanjian.tahun)]
    return []


def _periksa_target(perjanjian: PerjanjianKinerja) -> list[str]:
    organisasi, tahun = perjanjian.organisasi, perjanjian.tahun
    target = list(perjanjian.target.select_related("indikator", "tingkat"))
    peringatan = []
    if perjanjian.unit_kerja_id is None:
        per_indikator: dict[int, list[tuple[PerjanjianKinerja, TargetKinerja]]] = defaultdict(list)
        unit_pk = perjanjian_unit_tahun(organisasi=organisasi, tahun=tahun)
        for t in TargetKinerja.objects.filter(perjanjian__in=unit_pk).select_related(
            "tingkat", "perjanjian__unit_kerja"
        ):
            per_indikator[t.indikator_id].append((t.perjanjian, t))
        for t in target:
            if t.indikator_id not in per_indikator:
                peringatan.append(
                    f'Indikator "{t.indikator.nama}" tidak dimuat dalam perjanjian kinerja '
                    "unit mana pun."
                )
            for pk_unit, tu in per_indikator.get(t.indikator_id, []):
                if not _sama_target(t, tu):
                    peringatan.append(
                        f'Target "{t.indikator.nama}" pada perjanjian kinerja '
                        f"{pk_unit.unit_kerja} ({teks_target(tu, t.indikator)}) berbeda "
                        f"dengan target organisasi ({teks_target(t, t.indikator)})."
                    )
        return peringatan
    induk = perjanjian_berlaku(organisasi=organisasi, tahun=tahun)
    if induk is None:
        return [f"Perjanjian kinerja organisasi tahun {tahun} belum ada."]
    target_induk = {
        t.indikator_id: t
        for t in TargetKinerja.objects.filter(perjanjian=induk).select_related("tingkat")
    }
    for t in target:
        ti = target_induk.get(t.indikator_id)
        if ti is not None and not _sama_target(t, ti):
            peringatan.append(
                f'Target "{t.indikator.nama}" ({teks_target(t, t.indikator)}) berbeda dengan '
                f"target perjanjian kinerja organisasi ({teks_target(ti, t.indikator)})."
            )
    return peringatan


def _periksa_kegiatan(perjanjian: PerjanjianKinerja) -> list[str]:
    organisasi, tahun = perjanjian.organisasi, perjanjian.tahun
    pagu = AnggaranKegiatan.objects.filter(kegiatan__program__organisasi=organisasi, tahun=tahun)
    pagu_kegiatan = dict(pagu.values_list("kegiatan", "pagu"))
    pagu_program = {
        baris["kegiatan__program"]: baris["jumlah"]
        for baris in pagu.values("kegiatan__program").annotate(jumlah=Sum("pagu"))
    }
    peringatan = []
    for k in perjanjian.kegiatan.select_related("program", "kegiatan"):
        if k.program is not None:
            nama, seharusnya = f"program {k.program.kode}", pagu_program.get(k.program_id)
        elif k.kegiatan is not None:
            nama, seharusnya = f"kegiatan {k.kegiatan.kode}", pagu_kegiatan.get(k.kegiatan.pk)
        else:
            continue
        if seharusnya is None:
            peringatan.append(f"Pagu {nama} tahun {tahun} belum tercatat.")
        elif k.anggaran != seharusnya:
            peringatan.append(
                f'Anggaran "{k.uraian}" ({format_rupiah(k.anggaran)}) tidak sama dengan pagu '
                f"{nama} tahun {tahun} ({format_rupiah(seharusnya)})."
            )
    return peringatan


def pagu_tahun_periksa(
    *, organisasi: Organisasi, tahun: int, perjanjian: PerjanjianKinerja | None = None
) -> list[str]:
    """Whether the kegiatan of the year's unit agreements add up to the pagu of the year:
    for those who draft (admins, the Sekretaris), who can correct either side. A unit
    agreement being looked at stands for its unit, as in perjanjian_unit_tahun."""
    jumlah_pagu = AnggaranKegiatan.objects.filter(
        kegiatan__program__organisasi=organisasi, tahun=tahun
    ).aggregate(jumlah=Sum("pagu"))["jumlah"]
    unit_pk = perjanjian_unit_tahun(
        organisasi=organisasi,
        tahun=tahun,
        kecuali=perjanjian if perjanjian is not None and perjanjian.unit_kerja_id else None,
    )
    jumlah_kegiatan = KegiatanPerjanjian.objects.filter(perjanjian__in=unit_pk).aggregate(
        jumlah=Sum("anggaran")
    )["jumlah"]
    if jumlah_pagu is None or jumlah_kegiatan is None or jumlah_kegiatan == jumlah_pagu:
        return []
    return [
        "Jumlah anggaran kegiatan pada perjanjian kinerja unit "
        f"({format_rupiah(jumlah_kegiatan)}) tidak sama dengan jumlah pagu program tahun "
        f"{tahun} ({format_rupiah(jumlah_pagu)})."
    ]


@dataclass
class PerubahanVersi:
    """What changed from one version of an agreement to the next."""

    indikator_ditambah: list[str] = field(default_factory=list)
    indikator_dihapus: list[str] = field(default_factory=list)
    target_berubah: list[tuple[str, str, str]] = field(default_factory=list)
    kegiatan_ditambah: list[str] = field(default_factory=list)
    kegiatan_dihapus: list[str] = field(default_factory=list)
    kegiatan_berubah: list[tuple[str, str, str]] = field(default_factory=list)
    lain: list[str] = field(default_factory=list)

    @property
    def ada(self) -> bool:
        return any(vars(self).values())

    @property
    def ringkasan(self) -> str:
        bagian = []
        for jumlah, teks in (
            (len(self.indikator_ditambah), "+{} indikator"),
            (len(self.indikator_dihapus), "\u2212{} indikator"),
            (len(self.target_berubah), "{} target berubah"),
            (len(self.kegiatan_ditambah), "+{} kegiatan"),
            (len(self.kegiatan_dihapus), "\u2212{} kegiatan"),
            (len(self.kegiatan_berubah), "{} anggaran berubah"),
        ):
            if jumlah:
                bagian.append(teks.format(jumlah))
        bagian += self.lain
        return ", ".join(bagian) or "Tidak ada perubahan isi"


@dataclass
class VersiPerjanjian:
    perjanjian: PerjanjianKinerja
    perubahan: PerubahanVersi | None  # against the previous version; None for version 1


def _isi_versi(
    perjanjian: PerjanjianKinerja,
) -> tuple[dict[int, TargetKinerja], dict[str, KegiatanPerjanjian]]:
    target = {
        t.indikator_id: t
        for t in perjanjian.target.select_related("indikator", "tingkat").order_by(
            "indikator__sasaran__nomor", "urutan"
        )
    }
    kegiatan: dict[str, KegiatanPerjanjian] = {}
    for k in perjanjian.kegiatan.order_by("urutan", "pk"):
        kegiatan.setdefault(k.uraian.strip().casefold(), k)
    return target, kegiatan


def bandingkan_versi(lama: PerjanjianKinerja, baru: PerjanjianKinerja) -> PerubahanVersi:
    target_lama, kegiatan_lama = _isi_versi(lama)
    target_baru, kegiatan_baru = _isi_versi(baru)
    p = PerubahanVersi()
    for ind_id, t in target_baru.items():
        if ind_id not in target_lama:
            p.indikator_ditambah.append(f"{t.indikator.nama} ({teks_target(t, t.indikator)})")
        elif not _sama_target(t, target_lama[ind_id]):
            p.target_berubah.append(
                (
                    t.indikator.nama,
                    teks_target(target_lama[ind_id], t.indikator),
                    teks_target(t, t.indikator),
                )
            )
    p.indikator_dihapus = [
        t.indikator.nama for ind_id, t in target_lama.items() if ind_id not in target_baru
    ]
    for kunci, k in kegiatan_baru.items():
        if kunci not in kegiatan_lama:
            p.kegiatan_ditambah.append(f"{k.uraian} ({format_rupiah(k.anggaran)})")
        elif k.anggaran != kegiatan_lama[kunci].anggaran:
            p.kegiatan_berubah.append(
                (
                    k.uraian,
                    format_rupiah(kegiatan_lama[kunci].anggaran),
                    format_rupiah(k.anggaran),
                )
            )
    p.kegiatan_dihapus = [
        k.uraian for kunci, k in kegiatan_lama.items() if kunci not in kegiatan_baru
    ]
    if lama.pihak_pertama_id != baru.pihak_pertama_id:
        p.lain.append(f"pihak pertama: {lama.pihak_pertama.nama} \u2192 {baru.pihak_pertama.nama}")
    if lama.pihak_kedua_id != baru.pihak_kedua_id:
        p.lain.append(f"pihak kedua: {lama.pihak_kedua.nama} \u2192 {baru.pihak_kedua.nama}")
    if lama.tempat != baru.tempat:
        p.lain.append(f"tempat: {lama.tempat} \u2192 {baru.tempat}")
    return p


def riwayat_versi(perjanjian: PerjanjianKinerja) -> list[VersiPerjanjian]:
    """Every version of this agreement (same organisation, unit and year), oldest first,
    each with what changed against the one before it."""
    semua = list(
        PerjanjianKinerja.objects.filter(
            organisasi_id=perjanjian.organisasi_id,
            unit_kerja_id=perjanjian.unit_kerja_id,
            tahun=perjanjian.tahun,
        )
        .select_related("pihak_pertama", "pihak_kedua")
        .order_by("versi")
    )
    return [
        VersiPerjanjian(pk, bandingkan_versi(semua[i - 1], pk) if i else None)
        for i, pk in enumerate(semua)
    ]


@dataclass
class BarisDaftarPerjanjian:
    """One owner's line of a year's list: the organisation or a unit, with its versions."""

    unit_kerja: UnitKerja | None
    nama: str
    versi: list[PerjanjianKinerja]
    ada_tahun_lalu: bool = False  # an agreement of the previous year to copy from

    @property
    def terakhir(self) -> PerjanjianKinerja | None:
        return self.versi[-1] if self.versi else None


def daftar_perjanjian(*, organisasi: Organisasi, tahun: int) -> list[BarisDaftarPerjanjian]:
    """The organisation's agreement and one per subbagian (and any other unit that has one)."""
    per_pemilik: dict[int | None, list[PerjanjianKinerja]] = defaultdict(list)
    for pk in (
        PerjanjianKinerja.objects.filter(organisasi=organisasi, tahun=tahun)
        .select_related("pihak_pertama", "pihak_kedua", "unit_kerja")
        .order_by("versi")
    ):
        per_pemilik[pk.unit_kerja_id].append(pk)
    lalu = set(
        PerjanjianKinerja.objects.filter(organisasi=organisasi, tahun=tahun - 1).values_list(
            "unit_kerja", flat=True
        )
    )
    nama = organisasi.nama_sekretariat or organisasi.nama
    baris = [BarisDaftarPerjanjian(None, nama, per_pemilik.get(None, []), None in lalu)]
    for unit in UnitKerja.objects.filter(organisasi=organisasi).order_by("urutan", "nama"):
        if unit.jenis == UnitKerja.Jenis.SUBBAGIAN or unit.pk in per_pemilik:
            baris.append(
                BarisDaftarPerjanjian(
                    unit, unit.nama, per_pemilik.get(unit.pk, []), unit.pk in lalu
                )
            )
    return baris


@dataclass
class HasilVerifikasi:
    perjanjian: PerjanjianKinerja
    isi: dict  # the frozen content: what the page shows
    sasaran: list[KelompokSasaran]  # its targets, grouped as the document prints them
    sha256: str  # of the frozen content: what both signatures must carry
    tanda_tangan: list[TandaTangan]
    cocok: bool


def verifikasi_perjanjian(kode: str) -> HasilVerifikasi | None:
    """The agreement behind a verification code, and whether its frozen content still hashes
    to what both parties signed. Edits of the live master data do not matter here.

    The code is taken as typed first (codes issued before the current format are
    case-sensitive), then as read off paper: any case, spaces and dashes ignored."""
    terkunci = PerjanjianKinerja.objects.filter(
        status=PerjanjianKinerja.Status.DITANDATANGANI
    ).select_related("organisasi", "unit_kerja", "pihak_pertama", "pihak_kedua")
    perjanjian = terkunci.filter(kode_verifikasi=kode).first()
    if perjanjian is None and kode_kanonik(kode) != kode:
        perjanjian = terkunci.filter(kode_verifikasi=kode_kanonik(kode)).first()
    if perjanjian is None:
        return None
    tanda_tangan = list(
        perjanjian.tanda_tangan.select_related("pejabat").order_by("waktu", "pihak")
    )
    # Every locked agreement has its frozen content (a database constraint).
    isi = json.loads(perjanjian.isi_beku or "{}")
    sekarang = sha256_isi(isi)
    return HasilVerifikasi(
        perjanjian=perjanjian,
        isi=isi,
        sasaran=kelompok_sasaran(isi),
        sha256=sekarang,
        tanda_tangan=tanda_tangan,
        cocok=len(tanda_tangan) == 2 and all(t.sha256 == sekarang for t in tanda_tangan),
    )


def perjanjian_giliran_tanda_tangan(
    *, pengguna: Pengguna, hari_ini: date | None = None
) -> list[PerjanjianKinerja]:
    """Agreements whose next signature is this person's: drafts naming an office they hold
    now as pihak pertama, half-signed ones naming it as pihak kedua (who signs after the
    pihak pertama). Two queries."""
    hari_ini = hari_ini or timezone.localdate()
    jabatan = list(
        Pejabat.objects.filter(pengguna=pengguna)
        .filter(Q(selesai__isnull=True) | Q(selesai__gte=hari_ini))
        .values_list("pk", flat=True)
    )
    if not jabatan:
        return []
    return list(
        PerjanjianKinerja.objects.filter(
            Q(status=PerjanjianKinerja.Status.DRAF, pihak_pertama__in=jabatan)
            | Q(status=PerjanjianKinerja.Status.SEBAGIAN, pihak_kedua__in=jabatan)
        )
        .select_related("organisasi", "unit_kerja")
        .order_by("tahun", "unit_kerja__urutan", "pk")
    )
