"""Writes of the budget and logistics pages: only the organisation's own admins.

Every function checks permission itself, validates through full_clean() and saves in a
transaction, so a view, a command and the import get the same answer. A refusal is
inti.galat.Ditolak (TidakBerwenang for a missing permission) with an Indonesian message.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from simple_history.utils import (  # type: ignore[import-untyped]
    bulk_create_with_history,
    bulk_update_with_history,
)

from anggaran.models import (
    NAMA_BULAN,
    AnggaranKegiatan,
    Kegiatan,
    Program,
    RealisasiAnggaranBulanan,
    RealisasiProgram,
)
from inti.galat import Ditolak, TidakBerwenang
from logistik.models import Logistik, Pemilihan
from organisasi.akses import is_admin_organisasi
from organisasi.models import Organisasi, Pengguna


def wajib_admin(pengguna: Pengguna, organisasi: Organisasi) -> None:
    if not is_admin_organisasi(pengguna, organisasi.pk):
        raise TidakBerwenang(
            "Hanya admin organisasi ini yang boleh mengubah anggaran dan logistik."
        )


def _simpan(obj: Model, pengguna: Pengguna) -> None:
    """full_clean() then save, recording who in the history; a ValidationError becomes
    Ditolak with every message."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise Ditolak([m for pesan in exc.message_dict.values() for m in pesan]) from None
    obj._history_user = pengguna  # type: ignore[attr-defined]
    obj.save()


@transaction.atomic
def program_simpan(
    *,
    pengguna: Pengguna,
    organisasi: Organisasi,
    program: Program | None = None,
    kode: str,
    nama: str,
    urutan: int = 0,
) -> Program:
    wajib_admin(pengguna, organisasi)
    program = program or Program(organisasi=organisasi)
    if program.organisasi_id != organisasi.pk:
        raise TidakBerwenang("Program ini milik organisasi lain.")
    program.kode, program.nama, program.urutan = kode.strip(), nama.strip(), urutan
    _simpan(program, pengguna)
    return program


@transaction.atomic
def kegiatan_simpan(
    *,
    pengguna: Pengguna,
    program: Program,
    kegiatan: Kegiatan | None = None,
    kode: str,
    nama: str,
    urutan: int = 0,
    kode_kro: str = "",
    kode_ro: str = "",
) -> Kegiatan:
    """A kegiatan of one of the organisation's programs, with its KRO/RO codes if used."""
    wajib_admin(pengguna, program.organisasi)
    kegiatan = kegiatan or Kegiatan()
    if kegiatan.pk and kegiatan.program.organisasi_id != program.organisasi_id:
        raise TidakBerwenang("Kegiatan ini milik organisasi lain.")
    kegiatan.program = program
    kegiatan.kode, kegiatan.nama, kegiatan.urutan = kode.strip(), nama.strip(), urutan
    kegiatan.kode_kro, kegiatan.kode_ro = kode_kro, kode_ro  # normalised by clean()
    _simpan(kegiatan, pengguna)
    return kegiatan


def _pagu_realisasi_sah(pagu: Decimal, realisasi: Decimal | None) -> None:
    if pagu < 0 or (realisasi is not None and realisasi < 0):
        raise Ditolak("Pagu dan realisasi tidak boleh negatif.")
    if pagu != pagu.to_integral_value() or (
        realisasi is not None and realisasi != realisasi.to_integral_value()
    ):
        raise Ditolak("Pagu dan realisasi ditulis dalam rupiah bulat, tanpa sen.")


@transaction.atomic
def anggaran_kegiatan_simpan(
    *,
    pengguna: Pengguna,
    kegiatan: Kegiatan,
    tahun: int,
    pagu: Decimal,
    realisasi: Decimal | None,
    sumber_dana: str = "",
) -> AnggaranKegiatan:
    """A kegiatan's pagu (and realisasi, where reported on this level) in one year."""
    wajib_admin(pengguna, kegiatan.program.organisasi)
    _pagu_realisasi_sah(pagu, realisasi)
    ak = AnggaranKegiatan.objects.filter(kegiatan=kegiatan, tahun=tahun).first()
    ak = ak or AnggaranKegiatan(kegiatan=kegiatan, tahun=tahun)
    ak.pagu, ak.realisasi, ak.sumber_dana = pagu, realisasi, sumber_dana
    _simpan(ak, pengguna)
    return ak


@transaction.atomic
def realisasi_program_simpan(
    *, pengguna: Pengguna, program: Program, tahun: int, realisasi: Decimal | None
) -> RealisasiProgram | None:
    """The realisasi reported for a whole program; None removes it (the report then sums
    the program's kegiatan)."""
    wajib_admin(pengguna, program.organisasi)
    if realisasi is None:
        RealisasiProgram.objects.filter(program=program, tahun=tahun).delete()
        return None
    _pagu_realisasi_sah(Decimal(0), realisasi)
    rp = RealisasiProgram.objects.filter(program=program, tahun=tahun).first()
    rp = rp or RealisasiProgram(program=program, tahun=tahun)
    rp.realisasi = realisasi
    _simpan(rp, pengguna)
    return rp


@transaction.atomic
def realisasi_bulanan_simpan(
    *, pengguna: Pengguna, organisasi: Organisasi, tahun: int, isian: dict[int, dict[int, Decimal]]
) -> int:
    """The monthly realisasi of the organisation's kegiatan in `tahun`, all or none.

    `isian` maps a kegiatan's pk to its filled months (1..12); a month left out has no
    realisasi, and a kegiatan left out is not touched. A kegiatan with months gets the
    months' sum as its yearly realisasi; one whose months are all emptied keeps its last
    yearly figure. Returns the number of kegiatan changed."""
    wajib_admin(pengguna, organisasi)
    anggaran = {
        a.kegiatan_id: a
        for a in AnggaranKegiatan.objects.filter(
            kegiatan__program__organisasi=organisasi, kegiatan__in=list(isian), tahun=tahun
        ).select_related("kegiatan")
    }
    lama: dict[int, dict[int, RealisasiAnggaranBulanan]] = {}
    for b in RealisasiAnggaranBulanan.objects.filter(anggaran_kegiatan__in=anggaran.values()):
        lama.setdefault(b.anggaran_kegiatan_id, {})[b.bulan] = b
    kesalahan: list[str] = []
    for pk, bulanan in isian.items():
        ak = anggaran.get(pk)
        if ak is None:
            kesalahan.append(f"Kegiatan #{pk} belum punya pagu tahun {tahun} di organisasi ini.")
            continue
        for bulan, jumlah in sorted(bulanan.items()):
            nama = NAMA_BULAN[bulan - 1] if 1 <= bulan <= 12 else f"bulan {bulan}"
            try:
                _pagu_realisasi_sah(Decimal(0), jumlah)
            except Ditolak as exc:
                kesalahan.append(f"Kegiatan {ak.kegiatan.kode}, {nama}: {exc.pesan}")
    if kesalahan:
        raise Ditolak(kesalahan)
    berubah = 0
    for pk, bulanan in isian.items():
        ak, tersimpan = anggaran[pk], lama.get(anggaran[pk].pk, {})
        if bulanan == {b: obj.jumlah for b, obj in tersimpan.items()}:
            continue
        _bulanan_ganti(ak, tersimpan, bulanan, pengguna)
        if bulanan:
            ak.realisasi = sum(bulanan.values(), Decimal(0))
            _simpan(ak, pengguna)
        berubah += 1
    return berubah


def _bulanan_ganti(
    ak: AnggaranKegiatan,
    lama: dict[int, RealisasiAnggaranBulanan],
    baru: dict[int, Decimal],
    pengguna: Pengguna,
) -> None:
    """Write the months that differ; each change leaves a history row with who made it."""
    for bulan in lama.keys() - baru.keys():
        lama[bulan]._history_user = pengguna  # type: ignore[attr-defined]
        lama[bulan].delete()
    diubah = []
    for bulan, jumlah in baru.items():
        if bulan in lama and lama[bulan].jumlah != jumlah:
            lama[bulan].jumlah = jumlah
            diubah.append(lama[bulan])
    bulk_update_with_history(diubah, RealisasiAnggaranBulanan, ["jumlah"], default_user=pengguna)
    bulk_create_with_history(
        [
            RealisasiAnggaranBulanan(anggaran_kegiatan=ak, bulan=bulan, jumlah=jumlah)
            for bulan, jumlah in baru.items()
            if bulan not in lama
        ],
        RealisasiAnggaranBulanan,
        default_user=pengguna,
    )


@transaction.atomic
def pemilihan_simpan(
    *,
    pengguna: Pengguna,
    organisasi: Organisasi,
    pemilihan: Pemilihan | None = None,
    kode: str,
    nama: str,
    tahun: int,
) -> Pemilihan:
    wajib_admin(pengguna, organisasi)
    pemilihan = pemilihan or Pemilihan(organisasi=organisasi)
    if pemilihan.organisasi_id != organisasi.pk:
        raise TidakBerwenang("Pemilihan ini milik organisasi lain.")
    pemilihan.kode, pemilihan.nama, pemilihan.tahun = kode.strip(), nama.strip(), tahun
    _simpan(pemilihan, pengguna)
    return pemilihan


@transaction.atomic
def logistik_simpan(
    *,
    pengguna: Pengguna,
    pemilihan: Pemilihan,
    logistik: Logistik | None = None,
    urutan: int,
    jenis: str,
    satuan: str,
    dipesan: int,
    diterima: int,
    baik: int,
    rusak: int,
) -> Logistik:
    """One kind of logistics of an election; good and damaged together never exceed what
    was received (the database holds the same rule)."""
    wajib_admin(pengguna, pemilihan.organisasi)
    if logistik is not None and logistik.pemilihan_id != pemilihan.pk:
        raise TidakBerwenang("Logistik ini milik pemilihan lain.")
    if baik + rusak > diterima:
        raise Ditolak(
            f"Jumlah baik ({baik}) ditambah rusak ({rusak}) melebihi jumlah yang diterima "
            f"({diterima})."
        )
    logistik = logistik or Logistik(pemilihan=pemilihan)
    logistik.urutan, logistik.jenis, logistik.satuan = urutan, jenis.strip(), satuan.strip()
    logistik.dipesan, logistik.diterima = dipesan, diterima
    logistik.baik, logistik.rusak = baik, rusak
    _simpan(logistik, pengguna)
    return logistik
