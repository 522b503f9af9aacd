"""The budget-realisation workbook a satker already keeps: read, plan, save, and the
template offered for download.

A workbook holds one sheet per program (or a single sheet) whose header row names the
columns Kode, Uraian, Pagu and Realisasi (any order, "(Rp)" allowed, case ignored). A row
whose Kode is a kegiatan sets that kegiatan's pagu and realisasi for the year; a row whose
Kode is a program sets the realisasi reported for the whole program (its pagu is the sum
of its kegiatan, so a program row's Pagu is not stored). An empty Realisasi cell changes
nothing. Rows without a Kode (totals, notes) are skipped. Every bad row is reported as
"Sheet, baris N: ..."; any error and nothing is saved.
"""

import io
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db import transaction
from openpyxl import Workbook, load_workbook

from anggaran.models import AnggaranKegiatan, Kegiatan, Program, RealisasiProgram
from inti.angka import AngkaTidakValid
from inti.batas_xlsx import BatasXlsx, XlsxMelebihiBatas, periksa_xlsx
from inti.galat import Ditolak
from inti.xlsx import angka_dari_sel, judul_kolom, ke_bytes, sel_asli, tulis
from organisasi.models import Organisasi, Pengguna
from perencanaan.anggaran.layanan import (
    anggaran_kegiatan_simpan,
    realisasi_program_simpan,
    wajib_admin,
)

JUDUL = ["Kode", "Uraian", "Pagu (Rp)", "Realisasi (Rp)"]
_KUNCI = ["kode", "uraian", "pagu", "realisasi"]
FORMAT_RUPIAH = "#,##0"
_BARIS_MAKS = 2000
BATAS = BatasXlsx(
    bagian_maks=200,  # a sheet per program: a few dozen sheets at most
    ukuran_bagian_maks=5 * 1024 * 1024,
    ukuran_total_maks=20 * 1024 * 1024,
    rasio_maks=100,
    teks_maks=_BARIS_MAKS * 4,
    baris_maks=_BARIS_MAKS,
    kolom_maks=30,
)
PESAN_TIDAK_TERBACA = "Berkas tidak dapat dibaca sebagai Excel (.xlsx). Simpan ulang sebagai .xlsx."


class BerkasTidakValid(Ditolak):
    """The file as a whole cannot be read (not a workbook, too large, no header row)."""


@dataclass
class BarisImpor:
    lembar: str
    nomor: int
    kode: str
    uraian: str
    pagu: str | None  # Decimal as text: the rows wait in the session until confirmed
    realisasi: str | None

    @property
    def letak(self) -> str:
        return f"{self.lembar}, baris {self.nomor}"


@dataclass
class Perubahan:
    letak: str
    jenis: str  # "kegiatan" or "program"
    kode: str
    nama: str
    pagu_lama: Decimal | None
    pagu_baru: Decimal | None
    realisasi_lama: Decimal | None
    realisasi_baru: Decimal | None


@dataclass
class Rencana:
    perubahan: list[Perubahan]
    kesalahan: list[str]


def _teks(nilai: object) -> str:
    nilai = sel_asli(nilai)
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return str(nilai).strip()


def _angka(nilai: object, letak: str, kolom: str, kesalahan: list[str]) -> str | None:
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        return None
    try:
        return str(angka_dari_sel(sel_asli(nilai)))
    except AngkaTidakValid as exc:
        kesalahan.append(f"{letak}: {kolom}: {exc}")
        return None


def _kolom(baris: tuple) -> dict[str, int] | None:
    """Column index of each expected header, if this row is the header row."""
    nama = [_teks(v).lower().replace("(rp)", "").strip() for v in baris]
    if not all(k in nama for k in _KUNCI):
        return None
    return {k: nama.index(k) for k in _KUNCI}


def baca_berkas(isi: bytes) -> tuple[list[BarisImpor], list[str]]:
    """The rows of every sheet that has the header row, and the cells that are no number."""
    try:
        periksa_xlsx(isi, BATAS)
    except XlsxMelebihiBatas as exc:
        raise BerkasTidakValid(exc.pesan) from None
    try:
        wb = load_workbook(io.BytesIO(isi), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - zip, XML and openpyxl errors all mean the same here
        raise BerkasTidakValid(PESAN_TIDAK_TERBACA) from None
    hasil: list[BarisImpor] = []
    kesalahan: list[str] = []
    ada_judul = False
    try:
        for ws in wb.worksheets:
            kolom = None
            for nomor, baris in enumerate(ws.iter_rows(values_only=True), start=1):
                if kolom is None:
                    kolom = _kolom(baris) if nomor <= 10 else None
                    ada_judul = ada_judul or kolom is not None
                    continue
                sel = [baris[kolom[k]] if kolom[k] < len(baris) else None for k in _KUNCI]
                kode = _teks(sel[0])
                if not kode:
                    continue
                letak = f"{ws.title}, baris {nomor}"
                hasil.append(
                    BarisImpor(
                        lembar=ws.title,
                        nomor=nomor,
                        kode=kode,
                        uraian=_teks(sel[1]),
                        pagu=_angka(sel[2], letak, "Pagu", kesalahan),
                        realisasi=_angka(sel[3], letak, "Realisasi", kesalahan),
                    )
                )
    except (ValueError, IndexError, KeyError, TypeError, SyntaxError, EOFError):
        raise BerkasTidakValid(PESAN_TIDAK_TERBACA) from None
    finally:
        wb.close()
    if not ada_judul:
        raise BerkasTidakValid(
            "Tidak ada lembar dengan baris judul kolom " + ", ".join(JUDUL) + ". Unduh templat "
            "dari halaman anggaran, atau beri judul kolom yang sama pada berkas Anda."
        )
    return hasil, kesalahan


def _rupiah(teks: str | None, letak: str, kolom: str, kesalahan: list[str]) -> Decimal | None:
    if teks is None:
        return None
    nilai = Decimal(teks)
    if nilai < 0:
        kesalahan.append(f"{letak}: {kolom} tidak boleh negatif.")
    elif nilai != nilai.to_integral_value():
        kesalahan.append(f"{letak}: {kolom} ditulis dalam rupiah bulat, tanpa sen.")
    elif len(str(int(nilai))) > 15:
        kesalahan.append(f"{letak}: {kolom} terlalu besar.")
    else:
        return nilai
    return None


def rencana_impor(*, organisasi: Organisasi, tahun: int, baris: list[BarisImpor]) -> Rencana:
    """What the rows change, and every row that cannot be saved. Four queries."""
    kesalahan: list[str] = []
    program = {p.kode: p for p in Program.objects.filter(organisasi=organisasi)}
    kegiatan: dict[str, list[Kegiatan]] = {}
    for k in Kegiatan.objects.filter(program__organisasi=organisasi).select_related("program"):
        kegiatan.setdefault(k.kode, []).append(k)
    ak = {
        a.kegiatan_id: a
        for a in AnggaranKegiatan.objects.filter(
            kegiatan__program__organisasi=organisasi, tahun=tahun
        )
    }
    rp = dict(
        RealisasiProgram.objects.filter(program__organisasi=organisasi, tahun=tahun).values_list(
            "program_id", "realisasi"
        )
    )
    perubahan: list[Perubahan] = []
    terlihat: dict[str, str] = {}
    for b in baris:
        if b.kode in terlihat:
            kesalahan.append(f"{b.letak}: kode {b.kode} sudah ada di {terlihat[b.kode]}.")
            continue
        terlihat[b.kode] = b.letak
        pagu = _rupiah(b.pagu, b.letak, "Pagu", kesalahan)
        realisasi = _rupiah(b.realisasi, b.letak, "Realisasi", kesalahan)
        if b.kode in program:
            p = program[b.kode]
            if realisasi is not None and rp.get(p.pk) != realisasi:
                perubahan.append(
                    Perubahan(
                        b.letak, "program", p.kode, p.nama, None, None, rp.get(p.pk), realisasi
                    )
                )
            continue
        cocok = kegiatan.get(b.kode, [])
        if not cocok:
            kesalahan.append(
                f"{b.letak}: kode {b.kode} bukan program atau kegiatan organisasi ini."
            )
            continue
        if len(cocok) > 1:
            kesalahan.append(f"{b.letak}: kode {b.kode} dipakai lebih dari satu program.")
            continue
        if b.pagu is None:
            kesalahan.append(f"{b.letak}: Pagu kegiatan {b.kode} belum diisi.")
            continue
        k, lama = cocok[0], ak.get(cocok[0].pk)
        pagu_lama, real_lama = (lama.pagu, lama.realisasi) if lama else (None, None)
        if b.realisasi is None:  # an empty cell keeps what is stored
            realisasi = real_lama
        if pagu is not None and (pagu, realisasi) != (pagu_lama, real_lama):
            perubahan.append(
                Perubahan(
                    b.letak, "kegiatan", k.kode, k.nama, pagu_lama, pagu, real_lama, realisasi
                )
            )
    return Rencana(perubahan=[] if kesalahan else perubahan, kesalahan=kesalahan)


@transaction.atomic
def anggaran_impor(
    *, pengguna: Pengguna, organisasi: Organisasi, tahun: int, baris: list[BarisImpor]
) -> int:
    """Save every change of the rows, or none: the plan is made again inside the
    transaction. Returns the number of rows changed."""
    wajib_admin(pengguna, organisasi)
    rencana = rencana_impor(organisasi=organisasi, tahun=tahun, baris=baris)
    if rencana.kesalahan:
        raise Ditolak(rencana.kesalahan)
    program = {p.kode: p for p in Program.objects.filter(organisasi=organisasi)}
    kegiatan = {
        k.kode: k
        for k in Kegiatan.objects.filter(program__organisasi=organisasi).select_related(
            "program__organisasi"
        )
    }
    sumber = dict(
        AnggaranKegiatan.objects.filter(
            kegiatan__program__organisasi=organisasi, tahun=tahun
        ).values_list("kegiatan__kode", "sumber_dana")
    )
    for p in rencana.perubahan:
        if p.jenis == "program":
            realisasi_program_simpan(
                pengguna=pengguna, program=program[p.kode], tahun=tahun, realisasi=p.realisasi_baru
            )
        else:
            assert p.pagu_baru is not None
            anggaran_kegiatan_simpan(
                pengguna=pengguna,
                kegiatan=kegiatan[p.kode],
                tahun=tahun,
                pagu=p.pagu_baru,
                realisasi=p.realisasi_baru,
                sumber_dana=sumber.get(p.kode, ""),
            )
    return len(rencana.perubahan)


def baris_ke_sesi(baris: list[BarisImpor]) -> list[dict]:
    return [asdict(b) for b in baris]


def baris_dari_sesi(data: list[dict]) -> list[BarisImpor]:
    return [BarisImpor(**d) for d in data]


def _judul_lembar(kode: str, dipakai: set[str]) -> str:
    judul = "".join(c for c in kode if c not in "[]:*?/\\")[:28] or "Program"
    while judul in dipakai:
        judul += "_"
    dipakai.add(judul)
    return judul


def templat_anggaran(*, organisasi: Organisasi, tahun: int) -> bytes:
    """A sheet per program: the program's row, then its kegiatan with this year's pagu and
    realisasi, ready to be filled and uploaded again."""
    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    ak = {
        a.kegiatan_id: a
        for a in AnggaranKegiatan.objects.filter(
            kegiatan__program__organisasi=organisasi, tahun=tahun
        )
    }
    rp = dict(
        RealisasiProgram.objects.filter(program__organisasi=organisasi, tahun=tahun).values_list(
            "program_id", "realisasi"
        )
    )
    dipakai: set[str] = set()
    for p in Program.objects.filter(organisasi=organisasi).prefetch_related("kegiatan"):
        ws = wb.create_sheet(_judul_lembar(p.kode, dipakai))
        judul_kolom(ws, 1, JUDUL, [18, 60, 20, 20])
        tulis(ws, 2, 1, p.kode)
        tulis(ws, 2, 2, p.nama)
        tulis(ws, 2, 4, rp.get(p.pk), FORMAT_RUPIAH)
        for i, k in enumerate(p.kegiatan.all(), start=3):
            a = ak.get(k.pk)
            tulis(ws, i, 1, k.kode)
            tulis(ws, i, 2, k.nama)
            tulis(ws, i, 3, a.pagu if a else None, FORMAT_RUPIAH)
            tulis(ws, i, 4, a.realisasi if a else None, FORMAT_RUPIAH)
    if not wb.worksheets:
        judul_kolom(wb.create_sheet("Anggaran"), 1, JUDUL, [18, 60, 20, 20])
    return ke_bytes(wb)
