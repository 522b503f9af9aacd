"""Writes of the profile pages: the organisation, its units, duties, officials and staff
counts. Only the organisation's admins (superusers: any) write; each function checks that
itself, validates the rows with full_clean() and saves all of them or none."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from inti.galat import Ditolak, TidakBerwenang
from kinerja.perjanjian.akses import pesan_ganti_akun
from organisasi.akses import is_admin_organisasi, turunan_ids
from organisasi.models import JumlahPegawai, Organisasi, Pejabat, Pengguna, UnitKerja, UraianTugas

# What the profile form may change; the slug names the organisation in every URL and the
# parent places it in the tree, so those stay with superusers.
KOLOM_PROFIL = (
    "nama",
    "nama_singkat",
    "nama_sekretariat",
    "alamat",
    "kota",
    "provinsi",
    "kode_pos",
    "telepon",
    "faks",
    "email",
)


def _boleh(oleh: Pengguna, organisasi: Organisasi) -> None:
    if not is_admin_organisasi(oleh, organisasi.pk):
        raise TidakBerwenang("Hanya admin organisasi ini yang dapat mengubah profilnya.")


def _periksa(obj: Any, *, awalan: str = "") -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise Ditolak([f"{awalan}{pesan}" for pesan in exc.messages]) from None


def organisasi_ubah(
    *,
    organisasi: Organisasi,
    nilai: Mapping[str, Any],
    oleh: Pengguna,
    logo: Any = None,
    ganti_induk: bool = False,
    induk: Organisasi | None = None,
) -> Organisasi:
    """Change the profile fields; `logo` a checked upload (None: keep); with `ganti_induk`
    the parent becomes `induk` (only superusers)."""
    _boleh(oleh, organisasi)
    for kolom in KOLOM_PROFIL:
        if kolom in nilai:
            setattr(organisasi, kolom, nilai[kolom])
    if ganti_induk:
        if not oleh.is_superuser:
            raise TidakBerwenang("Hanya superuser yang dapat mengganti organisasi induk.")
        if induk and induk.pk in [organisasi.pk, *turunan_ids(organisasi.pk)]:
            raise Ditolak("Organisasi induk tidak boleh organisasi ini sendiri atau bawahannya.")
        organisasi.induk = induk
    if logo is not None:
        organisasi.logo = logo
    _periksa(organisasi)
    with transaction.atomic():
        organisasi.save()
    return organisasi


def unit_simpan(
    *, organisasi: Organisasi, unit: UnitKerja | None, nilai: Mapping[str, Any], oleh: Pengguna
) -> UnitKerja:
    """Add a unit (unit None) or change one of this organisation."""
    _boleh(oleh, organisasi)
    if unit is None:
        unit = UnitKerja(organisasi=organisasi)
    elif unit.organisasi_id != organisasi.pk:
        raise TidakBerwenang("Unit ini bukan milik organisasi ini.")
    for kolom, isi in nilai.items():
        setattr(unit, kolom, isi)
    if unit.induk is not None and unit.induk.organisasi_id != organisasi.pk:
        raise Ditolak("Unit induk harus unit organisasi ini.")
    _periksa(unit)
    with transaction.atomic():
        unit.save()
    return unit


def unit_hapus(*, unit: UnitKerja, oleh: Pengguna) -> None:
    """Delete a unit nothing refers to (users, officials, agreements, targets…)."""
    _boleh(oleh, unit.organisasi)
    try:
        with transaction.atomic():
            unit.delete()
    except ProtectedError as exc:
        jenis = sorted({str(o._meta.verbose_name) for o in exc.protected_objects})
        raise Ditolak(
            f"{unit.nama} tidak dapat dihapus karena masih dirujuk oleh: {', '.join(jenis)}. "
            "Pindahkan atau hapus rujukan itu lebih dahulu."
        ) from None


@dataclass(frozen=True)
class BarisUraian:
    jenis: str
    urutan: int
    teks: str


def uraian_tugas_simpan(
    *, organisasi: Organisasi, baris: Sequence[BarisUraian], oleh: Pengguna
) -> list[UraianTugas]:
    """Replace the organisation's tugas, fungsi and wewenang with these rows."""
    _boleh(oleh, organisasi)
    baru = [
        UraianTugas(organisasi=organisasi, jenis=b.jenis, urutan=b.urutan, teks=b.teks)
        for b in baris
    ]
    kunci = [(u.jenis, u.urutan) for u in baru]
    if len(set(kunci)) != len(kunci):
        raise Ditolak("Nomor urut tidak boleh sama dalam satu jenis (tugas, fungsi, wewenang).")
    for i, u in enumerate(baru, start=1):
        _periksa_kecuali(u, ["organisasi"], awalan=f"Baris {i}: ")
    with transaction.atomic():
        UraianTugas.objects.filter(organisasi=organisasi).delete()
        UraianTugas.objects.bulk_create(baru)
    return baru


def _periksa_kecuali(obj: Any, kecuali: list[str], *, awalan: str) -> None:
    # Uniqueness is checked on the whole set above: the old rows are replaced in one go.
    try:
        obj.full_clean(exclude=kecuali, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise Ditolak([f"{awalan}{pesan}" for pesan in exc.messages]) from None


def pejabat_simpan(
    *, organisasi: Organisasi, pejabat: Pejabat | None, nilai: Mapping[str, Any], oleh: Pengguna
) -> Pejabat:
    """Add an official (pejabat None) or change one; history is recorded."""
    _boleh(oleh, organisasi)
    if pejabat is None:
        pejabat = Pejabat(organisasi=organisasi)
    elif pejabat.organisasi_id != organisasi.pk:
        raise TidakBerwenang("Pejabat ini bukan milik organisasi ini.")
    pengguna = nilai.get("pengguna")
    if pengguna is not None and pengguna.organisasi_id != organisasi.pk:
        raise Ditolak("Akun pengguna harus akun organisasi ini.")
    unit = nilai.get("unit_kerja")
    if unit is not None and unit.organisasi_id != organisasi.pk:
        raise Ditolak("Unit kerja harus unit organisasi ini.")
    if "pengguna" in nilai and (pesan := pesan_ganti_akun(pejabat, pengguna)):
        raise Ditolak(pesan)
    for kolom, isi in nilai.items():
        setattr(pejabat, kolom, isi)
    _periksa(pejabat)
    with transaction.atomic():
        pejabat._change_reason = "Halaman Perencanaan"  # type: ignore[attr-defined]
        pejabat.save()
    return pejabat


@dataclass(frozen=True)
class BarisPegawai:
    status_kepegawaian: str
    jumlah: int
    urutan: int


def jumlah_pegawai_simpan(
    *, organisasi: Organisasi, tahun: int, baris: Sequence[BarisPegawai], oleh: Pengguna
) -> list[JumlahPegawai]:
    """Replace the staff counts of one year with these rows."""
    _boleh(oleh, organisasi)
    nama = [b.status_kepegawaian.strip().lower() for b in baris]
    if len(set(nama)) != len(nama):
        raise Ditolak("Status kepegawaian tidak boleh disebut dua kali dalam satu tahun.")
    baru = [
        JumlahPegawai(
            organisasi=organisasi,
            tahun=tahun,
            status_kepegawaian=b.status_kepegawaian.strip(),
            jumlah=b.jumlah,
            urutan=b.urutan,
        )
        for b in baris
    ]
    for i, j in enumerate(baru, start=1):
        _periksa_kecuali(j, ["organisasi"], awalan=f"Baris {i}: ")
    with transaction.atomic():
        JumlahPegawai.objects.filter(organisasi=organisasi, tahun=tahun).delete()
        JumlahPegawai.objects.bulk_create(baru)
    return baru
