"""Writes with rules for agreements, realisasi and scales."""

from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from kinerja.bukti import JenisBerkas
from kinerja.capaian import SKALA_CAPAIAN_BAKU, SKALA_EFEKTIVITAS_BAKU
from kinerja.models import (
    BuktiDukung,
    KunciTahun,
    PembukaanPeriode,
    Periode,
    Realisasi,
    RentangPenilaian,
    SkalaPenilaian,
    penyimpanan_pribadi,
)
from kinerja.selectors import STATUS_DAPAT_DIUBAH, status_periode
from kinerja.tampilan import format_nilai
from organisasi.models import Organisasi, Pengguna, UnitKerja
from renstra.models import IndikatorKinerja, TingkatSkala

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


def _perbarui_terjaga(
    baris: list[Realisasi], ubah: dict[str, Any], nilai_per_baris: dict[str, dict[int, Any]]
) -> int:
    """UPDATE ... WHERE (id, versi) match what the user saw: the optimistic lock.

    One statement for all rows; the number of rows it touched tells whether anyone else
    changed one of them in between.
    """
    if not baris:
        return 0
    cocok = Q()
    for r in baris:
        cocok |= Q(pk=r.pk, versi=r.versi)
    kolom = {
        nama: _case(nilai, Realisasi._meta.get_field(nama))
        for nama, nilai in nilai_per_baris.items()
    }
    return Realisasi.objects.filter(cocok).update(versi=F("versi") + 1, **ubah, **kolom)


def _catat_riwayat(
    objs: list[Realisasi], *, pengguna: Pengguna, alasan: str, baru: bool = False
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
                status=Realisasi.Status.DRAF,
                versi=1,
                diubah_oleh=pengguna,
                diubah_pada=sekarang,
            )
            baru.append(r)
        elif r.versi != b.versi:
            konflik.append(Konflik(b.indikator, _nama_pengguna(r.diubah_oleh), _teks_nilai(r)))
            continue
        elif _berubah(r, b) or b.berkas:
            if r.status not in STATUS_DAPAT_DIUBAH:
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

    # The form validated every value; the table's constraints hold them all the same.
    Realisasi.objects.bulk_create(baru)
    disentuh = _perbarui_terjaga(
        diubah,
        {"status": Realisasi.Status.DRAF, "diubah_oleh": pengguna, "diubah_pada": sekarang},
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
        r.status = Realisasi.Status.DRAF
        r.diubah_oleh, r.diubah_pada = pengguna, sekarang
    _catat_riwayat(baru, pengguna=pengguna, alasan="Diisi", baru=True)
    _catat_riwayat(diubah, pengguna=pengguna, alasan="Diubah")

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
    pembukaan.full_clean()
    pembukaan._change_reason = alasan
    pembukaan._history_user = pengguna
    pembukaan.save()
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
    kunci.full_clean()
    kunci._change_reason = alasan
    kunci._history_user = pengguna
    kunci.save()
    return kunci
