"""Importing a filled realisasi template: check every row, preview the changes, save.

Every row of a read file (kinerja.realisasi.baca) is checked with the entry form's rules
(kinerja.realisasi.aturan, kinerja.realisasi.periode) and all rows are saved or none
(kinerja.realisasi.services.isian.realisasi_simpan_impor). Every refusal names the spreadsheet
row: "baris 7: ...". A blank Realisasi cell means "no change". The lookups are batched: the
number of queries does not grow with the number of rows.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import PurePath

from django.db import transaction

from inti.angka import AngkaTidakValid
from inti.capaian import HasilCapaian, Rentang, TipeNilai, klasifikasi
from inti.galat import Ditolak, TidakBerwenang
from inti.tampilan import format_nilai
from inti.xlsx import angka_dari_sel
from kinerja.capaian import Nilai, hitung, renstra_tahun, skala_renstra
from kinerja.models import PANJANG_TEKS_MAKS, Periode, Realisasi, SkalaPenilaian
from kinerja.realisasi.akses import boleh_mengisi
from kinerja.realisasi.aturan import (
    PESAN_TANPA_NILAI,
    IsianTidakValid,
    konflik_versi,
    melebihi_wajar,
    pastikan_dapat_diubah,
    periksa_angka,
    pesan_melebihi,
    tingkat_dari_kode,
)
from kinerja.realisasi.baca import (
    BarisBerkas,
    BerkasRealisasi,
    BerkasTidakValid,
    InfoTemplat,
    baca_templat,
    sel_kosong,
    singkat,
    teks_sel,
)
from kinerja.realisasi.periode import StatusPeriode, pastikan_terbuka, status_periode_unit
from kinerja.realisasi.selectors import IndikatorUnit, indikator_unit
from kinerja.realisasi.services.isian import HasilSimpan, IsianBaris, realisasi_simpan_impor
from kinerja.realisasi.templat import tingkat_per_skala
from organisasi.models import Organisasi, Pengguna, UnitKerja
from renstra.models import IndikatorKinerja, TingkatSkala

# ---------------------------------------------------------------- checking, previewing


@dataclass
class PerubahanImpor:
    """One row that would change a value: old → new, and the new capaian and category."""

    nomor: int
    indikator_unit: IndikatorUnit
    lama: Realisasi | None
    isian: IsianBaris
    hasil: HasilCapaian
    kategori: Rentang | None
    melebihi: bool = False

    @property
    def indikator(self):
        return self.indikator_unit.indikator

    @property
    def teks_lama(self) -> str:
        r = self.lama
        if r is None:
            return ""
        return format_nilai(
            tipe=self.indikator.tipe,
            angka=r.nilai,
            kode_tingkat=r.tingkat.kode if r.tingkat is not None else None,
        )

    @property
    def teks_baru(self) -> str:
        return format_nilai(
            tipe=self.indikator.tipe,
            angka=self.isian.nilai,
            kode_tingkat=self.isian.tingkat.kode if self.isian.tingkat else None,
        )

    @property
    def teks_target(self) -> str:
        t = self.indikator_unit.target
        return format_nilai(
            tipe=self.indikator.tipe,
            angka=t.angka,
            kode_tingkat=t.tingkat.kode if t.tingkat else None,
            angka_atas=t.angka_atas,
        )

    @property
    def kendala_berubah(self) -> bool:
        """Whether kendala, tindak lanjut or faktor pendorong change."""
        lama, isian = self.lama, self.isian
        return _teks_lama(lama) != (isian.kendala, isian.tindak_lanjut, isian.faktor_pendorong)


@dataclass
class RencanaImpor:
    """What a file would change, or why it cannot be imported."""

    info: InfoTemplat
    periode: Periode
    perubahan: list[PerubahanImpor] = field(default_factory=list)
    kesalahan: list[str] = field(default_factory=list)
    tanpa_perubahan: int = 0

    @property
    def melebihi(self) -> list[PerubahanImpor]:
        return [p for p in self.perubahan if p.melebihi]

    @property
    def isian(self) -> list[IsianBaris]:
        return [p.isian for p in self.perubahan]


class _BarisSalah(Exception):
    pass


@dataclass(frozen=True)
class _Acuan:
    """What every row is checked against, read once for the whole file."""

    per_kode: dict[str, IndikatorUnit]
    ganda: set[str]  # codes that more than one indicator of the year carries
    lama: dict[int, Realisasi]  # indicator pk -> the value stored now
    tingkat: dict[int, list[TingkatSkala]]  # scale pk -> its levels
    status: dict[int, StatusPeriode]  # unit pk -> the period's status for it
    skala: tuple[Rentang, ...]


def _acuan(
    *, organisasi: Organisasi, tahun: int, periode: Periode, hari_ini: date | None
) -> _Acuan:
    daftar = indikator_unit(organisasi=organisasi, tahun=tahun)
    per_kode: dict[str, IndikatorUnit] = {}
    ganda: set[str] = set()
    for d in daftar:
        if d.indikator.kode in per_kode:
            ganda.add(d.indikator.kode)
        per_kode[d.indikator.kode] = d
    lama = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(
            indikator_id__in=[d.indikator.pk for d in daftar], tahun=tahun, periode=periode
        ).select_related("tingkat", "diubah_oleh")
    }
    # indikator_unit lists only indicators with a responsible unit.
    unit_ids = sorted({d.indikator.unit_kerja_id for d in daftar if d.indikator.unit_kerja_id})
    status = status_periode_unit(
        organisasi=organisasi, tahun=tahun, periode=periode, unit_ids=unit_ids, hari_ini=hari_ini
    )
    skala = skala_renstra(
        renstra_tahun(organisasi=organisasi, tahun=tahun), SkalaPenilaian.Jenis.CAPAIAN
    )
    return _Acuan(per_kode, ganda, lama, tingkat_per_skala(daftar), status, skala)


def rencana_impor(
    *,
    berkas: BerkasRealisasi,
    organisasi: Organisasi,
    tahun: int,
    pengguna: Pengguna | None,
    unit_kerja: UnitKerja | None = None,
    periode: Periode | None = None,
    baris_perintah: bool = False,
    konfirmasi_melebihi: bool = False,
    hari_ini: date | None = None,
) -> RencanaImpor:
    """Check every row of a read file against the rules and the stored values. Raises
    BerkasTidakValid for a file made for something else; row errors are collected as
    "baris N: ...". A fixed number of queries (eleven), however many rows.

    `unit_kerja`, `periode`: the upload page's; the file must be that unit's template of that
    period (the command line takes the period from the file).
    `baris_perintah`: an admin's import from the command line (every unit may change,
    submitted and verified values too). Otherwise `pengguna` must be allowed to enter the
    row's unit, and only drafts and returned values change.
    """
    info = berkas.info
    _periksa_info(info, organisasi=organisasi, tahun=tahun, unit_kerja=unit_kerja, periode=periode)
    rencana = RencanaImpor(info=info, periode=info.periode)
    acuan = _acuan(organisasi=organisasi, tahun=tahun, periode=info.periode, hari_ini=hari_ini)

    def boleh(ind: IndikatorKinerja) -> bool:
        return baris_perintah or (
            pengguna is not None
            and ind.unit_kerja is not None
            and boleh_mengisi(pengguna, ind.unit_kerja)
            and (unit_kerja is None or ind.unit_kerja_id == unit_kerja.pk)
        )

    dilihat: dict[str, int] = {}
    for b in berkas.baris:
        try:
            d = _indikator_baris(b, acuan, dilihat, organisasi=organisasi, tahun=tahun)
            perubahan = _periksa_baris(
                b,
                d,
                acuan=acuan,
                boleh=boleh(d.indikator),
                semua_status=baris_perintah,
                konfirmasi_melebihi=konfirmasi_melebihi,
                tahun=tahun,
            )
        except (_BarisSalah, Ditolak) as exc:
            rencana.kesalahan.append(f"baris {b.nomor}: {exc}")
            continue
        if perubahan is None:
            rencana.tanpa_perubahan += 1
        else:
            rencana.perubahan.append(perubahan)
    return rencana


def _indikator_baris(
    b: BarisBerkas,
    acuan: _Acuan,
    dilihat: dict[str, int],
    *,
    organisasi: Organisasi,
    tahun: int,
) -> IndikatorUnit:
    """The indicator a row is for, by its hidden code: once per file, unique in the year."""
    if not b.kode:
        raise _BarisSalah(
            "kode indikator (kolom tersembunyi) kosong; baris ini bukan baris templat."
        )
    if b.kode in dilihat:
        raise _BarisSalah(f"indikator ini sudah ada pada baris {dilihat[b.kode]}.")
    dilihat[b.kode] = b.nomor
    if b.kode in acuan.ganda:
        raise _BarisSalah(f'kode indikator "{b.kode}" tidak unik pada tahun {tahun}.')
    d = acuan.per_kode.get(b.kode)
    if d is None:
        raise _BarisSalah(
            f'indikator dengan kode "{b.kode}" tidak ada pada perjanjian kinerja '
            f"{organisasi.nama_singkat} tahun {tahun}."
        )
    return d


def _periksa_info(
    info: InfoTemplat,
    *,
    organisasi: Organisasi,
    tahun: int,
    unit_kerja: UnitKerja | None,
    periode: Periode | None,
) -> None:
    if info.organisasi != organisasi.slug:
        raise BerkasTidakValid(
            f"Berkas ini templat untuk organisasi lain ({info.organisasi}), bukan "
            f"{organisasi.nama_singkat}."
        )
    if info.tahun != tahun:
        raise BerkasTidakValid(
            f"Berkas ini templat tahun {info.tahun}, bukan tahun {tahun}. Unduh templat tahun "
            f"{tahun}."
        )
    if periode is not None and info.periode != periode:
        raise BerkasTidakValid(
            f"Berkas ini templat {info.periode.label} {info.tahun}, bukan {periode.label}. "
            f"Unggah di halaman {info.periode.label}, atau unduh templat {periode.label}."
        )
    if unit_kerja is not None and info.unit != unit_kerja.slug:
        untuk = f"unit {info.unit}" if info.unit else "seluruh unit"
        raise BerkasTidakValid(
            f"Berkas ini templat untuk {untuk}, bukan {unit_kerja.nama}. Unduh templat dari "
            "halaman realisasi unit ini."
        )


def _periksa_baris(
    b: BarisBerkas,
    d: IndikatorUnit,
    *,
    acuan: _Acuan,
    boleh: bool,
    semua_status: bool,
    konfirmasi_melebihi: bool,
    tahun: int,
) -> PerubahanImpor | None:
    """One row: None when it changes nothing, else the change; _BarisSalah (or the rules'
    Ditolak) when refused."""
    ind = d.indikator
    lama = acuan.lama.get(ind.pk)
    _periksa_sel(b)
    catatan = _catatan(b)
    if sel_kosong(b.realisasi):
        _periksa_tanpa_nilai(lama, catatan)
        return None
    nilai, pilihan = _nilai_baris(b, d, acuan.tingkat.get(ind.skala_id or 0, []))
    if lama is not None and (
        lama.nilai == nilai
        and lama.tingkat_id == (pilihan.pk if pilihan else None)
        and _teks_lama(lama) == catatan
    ):
        return None
    _periksa_boleh_mengubah(
        b,
        d,
        lama,
        boleh=boleh,
        semua_status=semua_status,
        status=acuan.status[ind.unit_kerja_id or 0],
        tahun=tahun,
    )
    melebihi = nilai is not None and melebihi_wajar(nilai, d.target)
    if melebihi and not konfirmasi_melebihi:
        raise _BarisSalah(
            f"{pesan_melebihi(ind, d.target)} Periksa lagi; bila sudah benar, konfirmasi "
            "nilai yang melebihi saat mengimpor."
        )
    isian = IsianBaris(
        indikator=ind,
        versi=lama.versi if lama else 0,
        nilai=nilai,
        tingkat=pilihan,
        kendala=catatan[0],
        tindak_lanjut=catatan[1],
        faktor_pendorong=catatan[2],
    )
    hasil = hitung(ind, d.target, Nilai(angka=nilai, tingkat=pilihan))
    return PerubahanImpor(
        nomor=b.nomor,
        indikator_unit=d,
        lama=lama,
        isian=isian,
        hasil=hasil,
        kategori=klasifikasi(hasil.persen, acuan.skala) if hasil.persen is not None else None,
        melebihi=melebihi,
    )


def _periksa_sel(b: BarisBerkas) -> None:
    """Input cells hold values: no formula, nothing unreadable."""
    if b.rumus:
        raise _BarisSalah(
            f"sel {', '.join(b.rumus)} berisi rumus; tulis nilainya saja, tanpa rumus."
        )
    if b.rusak:
        raise _BarisSalah(
            f"sel {', '.join(b.rusak)} tidak dapat dibaca sebagai nilai; ketik ulang nilainya."
        )


Catatan = tuple[str, str, str]  # kendala, tindak lanjut, faktor pendorong


def _teks_lama(lama: Realisasi | None) -> Catatan:
    if lama is None:
        return ("", "", "")
    return (lama.kendala, lama.tindak_lanjut, lama.faktor_pendorong)


def _catatan(b: BarisBerkas) -> Catatan:
    """Kendala, tindak lanjut and faktor pendorong as text, within the length the table
    holds."""
    catatan = (teks_sel(b.kendala), teks_sel(b.tindak_lanjut), teks_sel(b.faktor_pendorong))
    if max(len(t) for t in catatan) > PANJANG_TEKS_MAKS:
        raise _BarisSalah(
            f"kendala, tindak lanjut dan faktor pendorong paling panjang {PANJANG_TEKS_MAKS} huruf."
        )
    return catatan


def _periksa_tanpa_nilai(lama: Realisasi | None, catatan: Catatan) -> None:
    """A blank Realisasi cell changes nothing, so text typed beside it would be silently
    lost: refused unless it is what is stored already."""
    if not any(catatan):
        return
    if lama is None:
        raise _BarisSalah(PESAN_TANPA_NILAI)
    if catatan != _teks_lama(lama):
        raise _BarisSalah(
            "sel Realisasi kosong berarti baris ini tidak diubah; isi juga realisasinya "
            "bila kendala, tindak lanjut atau faktor pendorong hendak diubah."
        )


def _nilai_baris(
    b: BarisBerkas, d: IndikatorUnit, tingkat: list[TingkatSkala]
) -> tuple[Decimal | None, TingkatSkala | None]:
    """The row's realisasi: a number, or a level of the indicator's scale."""
    ind = d.indikator
    try:
        if ind.is_ordinal:
            return None, tingkat_dari_kode(teks_sel(b.realisasi), tingkat, str(ind.skala))
        angka = angka_dari_sel(b.realisasi)
        if (
            ind.tipe == TipeNilai.PERSENTASE
            and not isinstance(b.realisasi, str)
            and _format_persen_excel(b.format_realisasi)
        ):
            angka = angka * 100  # Excel stored "96,7 %" typed in the cell as 0.967
        return periksa_angka(angka, tipe=ind.tipe), None
    except AngkaTidakValid as exc:
        raise _BarisSalah(str(exc)) from None
    except IsianTidakValid as exc:
        raise _BarisSalah(exc.pesan) from None


def _periksa_boleh_mengubah(
    b: BarisBerkas,
    d: IndikatorUnit,
    lama: Realisasi | None,
    *,
    boleh: bool,
    semua_status: bool,
    status: StatusPeriode,
    tahun: int,
) -> None:
    """A row that changes a value: the user's unit, the status, version and open-period
    rules of every entry path."""
    ind = d.indikator
    if not boleh:
        unit = ind.unit_kerja.nama if ind.unit_kerja is not None else "unit lain"
        raise _BarisSalah(
            f'"{singkat(ind.nama)}" adalah indikator {unit}; Anda tidak dapat mengubahnya.'
        )
    pastikan_dapat_diubah(lama, indikator=ind, semua_status=semua_status)
    if konflik := konflik_versi(lama, indikator=ind, versi_dilihat=b.versi or 0):
        raise _BarisSalah(
            f"{konflik.pesan}. Unduh templat baru, atau kosongkan sel Realisasi baris ini."
        )
    pastikan_terbuka(status, tahun=tahun, untuk=ind.unit_kerja.nama if ind.unit_kerja else "")


def _format_persen_excel(fmt: str) -> bool:
    """A real percentage format ("0.00%"), which makes Excel store 96,7 % as 0.967; a
    quoted "%" (the template's own format) is only a suffix."""
    tanpa_kutip = re.sub(r'"[^"]*"|\\.', "", fmt or "")
    return "%" in tanpa_kutip


# ---------------------------------------------------------------- importing


class ImporDitolak(Ditolak):
    """Nothing was saved; `kesalahan` (the refusal's `daftar`) lists every reason, row by row."""

    def __init__(self, kesalahan: list[str]) -> None:
        self.kesalahan = kesalahan
        super().__init__(kesalahan)


@dataclass
class HasilImpor:
    rencana: RencanaImpor
    simpan: HasilSimpan


def nama_sumber(nama_berkas: str) -> str:
    """The file name as the history shows it: no folders, at most 100 characters."""
    nama = PurePath(nama_berkas.replace("\\", "/")).name.strip() or "berkas tanpa nama"
    return nama[:100]


def realisasi_impor(
    *,
    isi: bytes,
    nama_berkas: str,
    organisasi: Organisasi,
    tahun: int,
    pengguna: Pengguna | None,
    unit_kerja: UnitKerja | None = None,
    periode: Periode | None = None,
    baris_perintah: bool = False,
    konfirmasi_melebihi: bool = False,
    hari_ini: date | None = None,
) -> HasilImpor:
    """Import a filled template: every row or, if any row is refused, none (ImporDitolak
    with every bad row, or BerkasTidakValid for the file as a whole).

    From the command line (`baris_perintah`, an admin) the values land verified; from the
    upload page they land as drafts for the submit and verify path. The history of every
    changed value names the file.
    """
    berkas = baca_templat(isi)
    alasan = f"Impor dari {nama_sumber(nama_berkas)}"
    if baris_perintah:
        alasan += " oleh admin (baris perintah)"
    with transaction.atomic():
        # Checked and written in one transaction: what was checked is what gets saved.
        rencana = rencana_impor(
            berkas=berkas,
            organisasi=organisasi,
            tahun=tahun,
            pengguna=pengguna,
            unit_kerja=unit_kerja,
            periode=periode,
            baris_perintah=baris_perintah,
            konfirmasi_melebihi=konfirmasi_melebihi,
            hari_ini=hari_ini,
        )
        if rencana.kesalahan:
            raise ImporDitolak(rencana.kesalahan)
        if not rencana.perubahan:
            return HasilImpor(rencana, HasilSimpan())
        try:
            simpan = realisasi_simpan_impor(
                pengguna=pengguna,
                organisasi=organisasi,
                tahun=tahun,
                periode=rencana.periode,
                isian=rencana.isian,
                alasan=alasan,
                terverifikasi=baris_perintah,
                hari_ini=hari_ini,
            )
        except TidakBerwenang:
            raise
        except Ditolak as exc:
            raise ImporDitolak(exc.daftar) from None
    return HasilImpor(rencana, simpan)
