"""Staff's writes: saving the entry form or an import, and submitting for verification.

Each write takes the acting user and checks, with kinerja.realisasi.akses, that they may do
it (TidakBerwenang otherwise); every other refusal is inti.galat.Ditolak.
"""

from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from inti.berkas import JenisBerkas
from inti.galat import Ditolak, TidakBerwenang
from kinerja.models import BuktiDukung, Periode, Realisasi, penyimpanan_pribadi
from kinerja.realisasi.akses import boleh_mengisi
from kinerja.realisasi.aturan import konflik_versi, pastikan_dapat_diubah
from kinerja.realisasi.periode import STATUS_DAPAT_DIUBAH, pesan_tertutup, status_periode_unit
from kinerja.realisasi.services.terjaga import (
    KonflikVersi,
    VersiBerubah,
    atomik,
    catat_riwayat,
    pastikan_boleh_mengisi,
    pastikan_unit_terbuka,
    perbarui_terjaga,
    realisasi_periode,
    ubah_status,
)
from organisasi.akses import is_admin_organisasi
from organisasi.models import Organisasi, Pengguna, UnitKerja
from renstra.models import IndikatorKinerja, TingkatSkala


@dataclass
class IsianBaris:
    """One validated row of the entry form."""

    indikator: IndikatorKinerja
    versi: int  # the version the user saw; 0 when there was no value yet
    nilai: Decimal | None = None
    tingkat: TingkatSkala | None = None
    kendala: str = ""
    tindak_lanjut: str = ""
    faktor_pendorong: str = ""
    berkas: list[tuple[UploadedFile, JenisBerkas]] = dc_field(default_factory=list)


@dataclass
class HasilSimpan:
    dibuat: int = 0
    diubah: int = 0
    bukti: int = 0
    diajukan: int = 0

    @property
    def jumlah(self) -> int:
        return self.dibuat + self.diubah


def _berubah(lama: Realisasi, baris: IsianBaris) -> bool:
    return (
        lama.nilai != baris.nilai
        or lama.tingkat_id != (baris.tingkat.pk if baris.tingkat else None)
        or lama.kendala != baris.kendala
        or lama.tindak_lanjut != baris.tindak_lanjut
        or lama.faktor_pendorong != baris.faktor_pendorong
    )


def realisasi_simpan_formulir(
    *,
    pengguna: Pengguna,
    unit_kerja: UnitKerja,
    tahun: int,
    periode: str,
    isian: list[IsianBaris],
    ajukan: bool = False,
    hari_ini: date | None = None,
) -> HasilSimpan:
    """Save a unit's entry form: every row or, on any refusal, none. With `ajukan`, the
    period's drafts (those just saved among them) are then submitted for verification in
    the same transaction: saved and submitted, or neither.

    Rows whose value the user saw at an older version are refused with who changed them
    and their current value. Evidence files are written first and removed again when the
    transaction does not commit.
    """
    pastikan_boleh_mengisi(pengguna, unit_kerja, "mengajukan" if ajukan else "mengisi")
    ditulis: list[str] = []
    baru = {b.indikator.pk: 0 for b in isian if b.versi == 0}
    try:
        with atomik(baru=baru, tahun=tahun, periode=periode):
            hasil = _simpan_formulir(
                pengguna=pengguna,
                unit_kerja=unit_kerja,
                tahun=tahun,
                periode=periode,
                isian=isian,
                hari_ini=hari_ini,
                ditulis=ditulis,
            )
            if ajukan:
                hasil.diajukan = _ajukan(
                    pengguna=pengguna, unit_kerja=unit_kerja, tahun=tahun, periode=periode
                )
            return hasil
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
    pastikan_unit_terbuka(unit_kerja=unit_kerja, tahun=tahun, periode=periode, hari_ini=hari_ini)
    for b in isian:
        if b.indikator.unit_kerja_id != unit_kerja.pk:
            raise Ditolak(f"{b.indikator.nama} bukan indikator {unit_kerja.nama}.")
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
    sekarang = timezone.now()
    jejak = {"status": status, "diubah_oleh": pengguna, "diubah_pada": sekarang}
    baru, diubah, dengan_bukti = _pilah_isian(
        isian,
        _tersimpan(isian, tahun=tahun, periode=periode),
        tahun=tahun,
        periode=periode,
        jejak=jejak,
        semua_status=semua_status,
    )
    # The callers validated every value; the table's constraints hold them all the same.
    Realisasi.objects.bulk_create(baru)
    _perbarui_isian(diubah, jejak=jejak, tahun=tahun, periode=periode)
    catat_riwayat(baru, pengguna=pengguna, alasan=alasan_baru, baru=True)
    catat_riwayat(diubah, pengguna=pengguna, alasan=alasan_ubah)
    return baru, diubah, dengan_bukti


def _tersimpan(isian: list[IsianBaris], *, tahun: int, periode: str) -> dict[int, Realisasi]:
    """The stored values of the rows (indicator pk -> value)."""
    return {
        r.indikator_id: r
        for r in Realisasi.objects.filter(
            indikator_id__in=[b.indikator.pk for b in isian], tahun=tahun, periode=periode
        ).select_related("indikator", "tingkat", "diubah_oleh")
    }


def _pilah_isian(
    isian: list[IsianBaris],
    lama: dict[int, Realisasi],
    *,
    tahun: int,
    periode: str,
    jejak: dict[str, Any],
    semua_status: bool,
) -> tuple[list[Realisasi], list[Realisasi], list[tuple[Realisasi, list]]]:
    """Sort the rows into values to create, values to change (already carrying their new
    contents) and values receiving evidence, after the version and status rules; every
    version conflict is reported at once (KonflikVersi)."""
    konflik, baru, diubah, dengan_bukti = [], [], [], []
    for b in isian:
        r = lama.get(b.indikator.pk)
        if k := konflik_versi(r, indikator=b.indikator, versi_dilihat=b.versi):
            konflik.append(k)
            continue
        if r is None:
            r = _realisasi_baru(b, tahun=tahun, periode=periode, jejak=jejak)
            baru.append(r)
        elif _berubah(r, b) or b.berkas:
            pastikan_dapat_diubah(r, indikator=b.indikator, semua_status=semua_status)
            if _berubah(r, b):
                r.nilai, r.tingkat = b.nilai, b.tingkat
                r.kendala, r.tindak_lanjut = b.kendala, b.tindak_lanjut
                r.faktor_pendorong = b.faktor_pendorong
                diubah.append(r)
        if b.berkas:
            dengan_bukti.append((r, b.berkas))
    if konflik:
        raise KonflikVersi(konflik)
    return baru, diubah, dengan_bukti


def _realisasi_baru(b: IsianBaris, *, tahun: int, periode: str, jejak: dict[str, Any]) -> Realisasi:
    return Realisasi(
        indikator=b.indikator,
        tahun=tahun,
        periode=periode,
        nilai=b.nilai,
        tingkat=b.tingkat,
        kendala=b.kendala,
        tindak_lanjut=b.tindak_lanjut,
        faktor_pendorong=b.faktor_pendorong,
        versi=1,
        **jejak,
    )


def _perbarui_isian(
    diubah: list[Realisasi], *, jejak: dict[str, Any], tahun: int, periode: str
) -> None:
    """UPDATE the changed values under the optimistic lock (a lost race rolls back as a
    version conflict), then bring the objects in line with what was written."""
    disentuh = perbarui_terjaga(
        diubah,
        jejak,
        {
            "nilai": {r.pk: r.nilai for r in diubah},
            "tingkat": {r.pk: r.tingkat_id for r in diubah},
            "kendala": {r.pk: r.kendala for r in diubah},
            "tindak_lanjut": {r.pk: r.tindak_lanjut for r in diubah},
            "faktor_pendorong": {r.pk: r.faktor_pendorong for r in diubah},
        },
    )
    if disentuh != len(diubah):
        raise VersiBerubah({r.indikator_id: r.versi for r in diubah}, tahun, periode)
    for r in diubah:
        r.versi += 1
        for nama, nilai in jejak.items():
            setattr(r, nama, nilai)


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
    """Save rows read from a file (kinerja.realisasi.impor), across the units of the organisation:
    all of them or, on any refusal, none.

    The rules are the entry form's: the period must be open for each row's unit, and a value
    someone else changed after the file was made is refused. `terverifikasi` is an admin's
    import from the command line: its values land verified, whatever their status was;
    otherwise they land as drafts that follow the submit and verify path, and submitted or
    verified values cannot change. `alasan` goes to every value's history.

    `pengguna` must be allowed to enter every row's unit; a verified import needs an admin of
    the organisation, or None: the system, for the management command only (an operator on
    the server, not reachable from the web).
    """
    id_indikator = {b.indikator.pk for b in isian}
    milik = IndikatorKinerja.objects.filter(
        pk__in=id_indikator, sasaran__renstra__organisasi=organisasi, unit_kerja__isnull=False
    )
    if milik.count() != len(id_indikator):
        raise Ditolak("Ada indikator yang bukan indikator unit organisasi ini.")
    # Every one has a unit (checked just above).
    unit_ids = sorted({pk for b in isian if (pk := b.indikator.unit_kerja_id) is not None})
    _boleh_impor(pengguna, organisasi, unit_ids, terverifikasi=terverifikasi)
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
        raise Ditolak(pesan_tertutup(Periode(periode), tahun, untuk=nama))
    baru = {b.indikator.pk: 0 for b in isian if b.versi == 0}
    with atomik(baru=baru, tahun=tahun, periode=periode):
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


def _boleh_impor(
    pengguna: Pengguna | None, organisasi: Organisasi, unit_ids: list[int], *, terverifikasi: bool
) -> None:
    if terverifikasi:
        if pengguna is not None and not is_admin_organisasi(pengguna, organisasi.pk):
            raise TidakBerwenang("Hanya admin yang dapat mengimpor nilai terverifikasi.")
        return
    if pengguna is None:
        raise TidakBerwenang("Impor dari halaman isian membutuhkan pengguna yang mengisi.")
    ditolak = [
        u.nama
        for u in UnitKerja.objects.filter(pk__in=unit_ids).order_by("urutan")
        if not boleh_mengisi(pengguna, u)
    ]
    if ditolak:
        raise TidakBerwenang(f"Anda tidak berwenang mengisi realisasi {', '.join(ditolak)}.")


@atomik()
def realisasi_ajukan(
    *,
    pengguna: Pengguna,
    unit_kerja: UnitKerja,
    tahun: int,
    periode: str,
    hari_ini: date | None = None,
) -> int:
    """Submit the unit's draft and returned values of a period for verification."""
    pastikan_boleh_mengisi(pengguna, unit_kerja, "mengajukan")
    pastikan_unit_terbuka(unit_kerja=unit_kerja, tahun=tahun, periode=periode, hari_ini=hari_ini)
    return _ajukan(pengguna=pengguna, unit_kerja=unit_kerja, tahun=tahun, periode=periode)


def _ajukan(*, pengguna: Pengguna, unit_kerja: UnitKerja, tahun: int, periode: str) -> int:
    baris = list(
        realisasi_periode(unit_kerja=unit_kerja, tahun=tahun, periode=periode).filter(
            status__in=STATUS_DAPAT_DIUBAH
        )
    )
    if not baris:
        raise Ditolak("Belum ada nilai baru yang dapat diajukan.")
    ubah_status(
        baris,
        pengguna=pengguna,
        status=Realisasi.Status.DIAJUKAN,
        alasan="Diajukan untuk verifikasi",
        tahun=tahun,
        periode=periode,
    )
    return len(baris)


@atomik()
def realisasi_hapus(
    *, pengguna: Pengguna, realisasi: Realisasi, versi: int, hari_ini: date | None = None
) -> None:
    """Delete a draft value (or one returned to its staff) at the version the user saw: the
    entry undone, the period's row empty again. Its history keeps it, with who deleted it and
    when; its evidence goes with it (recorded too; the files leave storage after commit).
    Submitted and verified values stay: the verifier returns them first."""
    indikator = realisasi.indikator
    unit_kerja = indikator.unit_kerja
    if unit_kerja is None:
        raise Ditolak(f"{indikator.nama} bukan indikator unit kerja.")
    pastikan_boleh_mengisi(pengguna, unit_kerja, "menghapus")
    pastikan_unit_terbuka(
        unit_kerja=unit_kerja, tahun=realisasi.tahun, periode=realisasi.periode, hari_ini=hari_ini
    )
    if k := konflik_versi(realisasi, indikator=indikator, versi_dilihat=versi):
        raise KonflikVersi([k])
    if realisasi.status not in STATUS_DAPAT_DIUBAH:
        raise Ditolak(
            f"Nilai {indikator.nama} sudah {realisasi.get_status_display().lower()} dan tidak "
            "dapat dihapus kecuali dikembalikan oleh verifikator."
        )
    # The optimistic lock first: a value changed meanwhile is not deleted.
    if perbarui_terjaga([realisasi], {"diubah_oleh": pengguna}, {}) != 1:
        raise VersiBerubah({indikator.pk: versi}, realisasi.tahun, realisasi.periode)
    realisasi.versi += 1
    realisasi.diubah_oleh = pengguna
    berkas = []
    for bukti in realisasi.bukti.all():
        berkas.append(bukti.berkas.name)
        _hapus_tercatat(bukti, pengguna=pengguna, alasan="Dihapus bersama nilainya")
    _hapus_tercatat(realisasi, pengguna=pengguna, alasan="Draf dihapus")
    transaction.on_commit(lambda: _hapus_berkas(berkas))


def _hapus_tercatat(obj: Realisasi | BuktiDukung, *, pengguna: Pengguna, alasan: str) -> None:
    """Delete with simple_history's record of it naming the user, whatever the caller (a
    view, a command, a test) and whether or not a request is in flight."""
    obj._history_user = pengguna  # type: ignore[union-attr]
    obj._change_reason = alasan  # type: ignore[union-attr]
    obj.delete()
