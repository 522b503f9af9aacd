"""The budget-realisation workbook a satker already keeps: read, plan, save, and the
template offered for download.

A workbook holds one sheet per program (or a single sheet) whose header row names the
columns Kode, Uraian, Pagu and Realisasi (any order, "(Rp)" allowed, case ignored). A row
whose Kode is a kegiatan sets that kegiatan's pagu and realisasi for the year; a row whose
Kode is a program sets the realisasi reported for the whole program (its pagu is the sum
of its kegiatan, so a program row's Pagu is not stored). An empty Realisasi cell changes
nothing. Rows without a Kode (totals, notes) are skipped. Every bad row is reported as
"Sheet, baris N: ..."; any error and nothing is saved.

Optional columns: "Kode KRO" (or "KRO") and "Kode RO" (or "RO") set a kegiatan's codes (an
empty cell keeps them); month columns ("Jan".."Des", the full names, or 1..12) give a
kegiatan's realisasi per month: when any of a row's month cells is filled, its months replace
the stored ones and the yearly realisasi becomes their sum (a Realisasi cell beside them must
equal it).
"""

import io
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db import transaction
from openpyxl import Workbook, load_workbook

from anggaran.models import (
    NAMA_BULAN,
    AnggaranKegiatan,
    Kegiatan,
    Program,
    RealisasiAnggaranBulanan,
    RealisasiProgram,
    galat_kode_kro_ro,
)
from inti.angka import AngkaTidakValid
from inti.batas_xlsx import BatasXlsx, XlsxMelebihiBatas, periksa_xlsx
from inti.galat import Ditolak
from inti.xlsx import angka_dari_sel, judul_kolom, ke_bytes, sel_asli, tulis
from organisasi.models import Organisasi, Pengguna
from perencanaan.anggaran.layanan import (
    anggaran_kegiatan_simpan,
    kegiatan_simpan,
    realisasi_bulanan_simpan,
    realisasi_program_simpan,
    wajib_admin,
)

JUDUL = ["Kode", "Uraian", "Pagu (Rp)", "Realisasi (Rp)"]
JUDUL_TAMBAHAN = ["Kode KRO", "Kode RO", *(n[:3] for n in NAMA_BULAN)]
_KUNCI = ["kode", "uraian", "pagu", "realisasi"]
# Optional headers, as read (lower case, "(rp)" dropped) -> key; months are keys 1..12.
_KUNCI_PILIHAN: dict[str, str | int] = {
    "kode kro": "kro",
    "kro": "kro",
    "kode ro": "ro",
    "ro": "ro",
}
for _b, _nama in enumerate(NAMA_BULAN, start=1):
    _KUNCI_PILIHAN.update({_nama.lower(): _b, _nama[:3].lower(): _b, str(_b): _b})
_KUNCI_PILIHAN.update({"agt": 8, "ags": 8})
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
    kode_kro: str | None = None  # None: no such column, or an empty cell
    kode_ro: str | None = None
    bulanan: dict[str, str] | None = None  # month ("1".."12") -> Decimal as text

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
    kode_kro: str = ""  # a kegiatan's codes after the import
    kode_ro: str = ""
    bulanan: dict[int, Decimal] | None = None  # its new months; None leaves them


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


def _kolom(baris: tuple) -> dict[str | int, int] | None:
    """Column index of each expected header and of the optional ones present, if this row
    is the header row."""
    nama = [_teks(v).lower().replace("(rp)", "").strip() for v in baris]
    if not all(k in nama for k in _KUNCI):
        return None
    kolom: dict[str | int, int] = {k: nama.index(k) for k in _KUNCI}
    for i, n in enumerate(nama):
        kunci = _KUNCI_PILIHAN.get(n)
        if kunci is not None and kunci not in kolom:
            kolom[kunci] = i
    return kolom


def _baris(
    ws_title: str, nomor: int, sel: Mapping[str | int, object], kesalahan: list[str]
) -> BarisImpor:
    letak = f"{ws_title}, baris {nomor}"
    bulanan = {
        str(b): teks
        for b in range(1, 13)
        if (teks := _angka(sel.get(b), letak, NAMA_BULAN[b - 1], kesalahan)) is not None
    }
    return BarisImpor(
        lembar=ws_title,
        nomor=nomor,
        kode=_teks(sel["kode"]),
        uraian=_teks(sel["uraian"]),
        pagu=_angka(sel["pagu"], letak, "Pagu", kesalahan),
        realisasi=_angka(sel["realisasi"], letak, "Realisasi", kesalahan),
        kode_kro=_teks(sel.get("kro")).upper() or None,
        kode_ro=_teks(sel.get("ro")).upper() or None,
        bulanan=bulanan or None,
    )


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
                sel = {k: baris[i] if i < len(baris) else None for k, i in kolom.items()}
                if _teks(sel["kode"]):
                    hasil.append(_baris(ws.title, nomor, sel, kesalahan))
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


@dataclass
class _Tersimpan:
    """What the organisation holds for the year, read once per plan."""

    program: dict[str, Program]
    kegiatan: dict[str, list[Kegiatan]]
    anggaran: dict[int, AnggaranKegiatan]  # by kegiatan pk
    realisasi_program: dict[int, Decimal]
    bulanan: dict[int, dict[int, Decimal]]  # by kegiatan pk


def _tersimpan(organisasi: Organisasi, tahun: int) -> _Tersimpan:
    """Five queries."""
    kegiatan: dict[str, list[Kegiatan]] = {}
    for k in Kegiatan.objects.filter(program__organisasi=organisasi).select_related("program"):
        kegiatan.setdefault(k.kode, []).append(k)
    anggaran = AnggaranKegiatan.objects.filter(
        kegiatan__program__organisasi=organisasi, tahun=tahun
    )
    bulanan: dict[int, dict[int, Decimal]] = {}
    for kegiatan_id, bulan, jumlah in RealisasiAnggaranBulanan.objects.filter(
        anggaran_kegiatan__in=anggaran
    ).values_list("anggaran_kegiatan__kegiatan_id", "bulan", "jumlah"):
        bulanan.setdefault(kegiatan_id, {})[bulan] = jumlah
    return _Tersimpan(
        program={p.kode: p for p in Program.objects.filter(organisasi=organisasi)},
        kegiatan=kegiatan,
        anggaran={a.kegiatan_id: a for a in anggaran},
        realisasi_program=dict(
            RealisasiProgram.objects.filter(
                program__organisasi=organisasi, tahun=tahun
            ).values_list("program_id", "realisasi")
        ),
        bulanan=bulanan,
    )


def _bulanan(b: BarisImpor, kesalahan: list[str]) -> dict[int, Decimal] | None:
    if not b.bulanan:
        return None
    hasil = {
        int(m): _rupiah(t, b.letak, NAMA_BULAN[int(m) - 1], kesalahan) for m, t in b.bulanan.items()
    }
    if any(v is None for v in hasil.values()):
        return None
    return {m: v for m, v in sorted(hasil.items()) if v is not None}


def _rencana_kegiatan(
    b: BarisImpor, k: Kegiatan, ada: _Tersimpan, kesalahan: list[str]
) -> Perubahan | None:
    """What a kegiatan's row changes: pagu, realisasi (yearly or by month), KRO/RO codes."""
    jumlah_salah = len(kesalahan)
    pagu = _rupiah(b.pagu, b.letak, "Pagu", kesalahan)
    realisasi = _rupiah(b.realisasi, b.letak, "Realisasi", kesalahan)
    kro = k.kode_kro if b.kode_kro is None else b.kode_kro
    ro = k.kode_ro if b.kode_ro is None else b.kode_ro
    kesalahan += [f"{b.letak}: {pesan}" for pesan in galat_kode_kro_ro(kro, ro).values()]
    lama = ada.anggaran.get(k.pk)
    pagu_lama, real_lama = (lama.pagu, lama.realisasi) if lama else (None, None)
    bulan_lama = ada.bulanan.get(k.pk, {})
    bulanan = _bulanan(b, kesalahan)
    if bulanan is not None:
        total = sum(bulanan.values(), Decimal(0))
        if realisasi is not None and realisasi != total:
            kesalahan.append(
                f"{b.letak}: Realisasi ({realisasi}) tidak sama dengan jumlah bulanannya ({total})."
            )
        realisasi = total
    elif b.realisasi is None:  # an empty cell keeps what is stored
        realisasi = real_lama
    elif bulan_lama and realisasi != real_lama:
        kesalahan.append(
            f"{b.letak}: realisasi kegiatan {k.kode} diisi per bulan; isi kolom bulannya, "
            "bukan hanya Realisasi."
        )
    if len(kesalahan) > jumlah_salah or pagu is None:
        return None
    if bulanan == bulan_lama:
        bulanan = None
    if (pagu, realisasi, kro, ro) == (pagu_lama, real_lama, k.kode_kro, k.kode_ro) and (
        bulanan is None
    ):
        return None
    return Perubahan(
        b.letak, "kegiatan", k.kode, k.nama, pagu_lama, pagu, real_lama, realisasi, kro, ro, bulanan
    )


def rencana_impor(*, organisasi: Organisasi, tahun: int, baris: list[BarisImpor]) -> Rencana:
    """What the rows change, and every row that cannot be saved. Five queries."""
    kesalahan: list[str] = []
    ada = _tersimpan(organisasi, tahun)
    perubahan: list[Perubahan] = []
    terlihat: dict[str, str] = {}
    for b in baris:
        if b.kode in terlihat:
            kesalahan.append(f"{b.letak}: kode {b.kode} sudah ada di {terlihat[b.kode]}.")
            continue
        terlihat[b.kode] = b.letak
        if b.kode in ada.program:
            p = ada.program[b.kode]
            if b.bulanan or b.kode_kro or b.kode_ro:
                kesalahan.append(
                    f"{b.letak}: realisasi bulanan dan kode KRO/RO diisi pada baris kegiatan, "
                    f"bukan baris program {p.kode}."
                )
                continue
            realisasi = _rupiah(b.realisasi, b.letak, "Realisasi", kesalahan)
            lama = ada.realisasi_program.get(p.pk)
            if realisasi is not None and lama != realisasi:
                perubahan.append(
                    Perubahan(b.letak, "program", p.kode, p.nama, None, None, lama, realisasi)
                )
            continue
        cocok = ada.kegiatan.get(b.kode, [])
        if not cocok:
            kesalahan.append(
                f"{b.letak}: kode {b.kode} bukan program atau kegiatan organisasi ini."
            )
        elif len(cocok) > 1:
            kesalahan.append(f"{b.letak}: kode {b.kode} dipakai lebih dari satu program.")
        elif b.pagu is None:
            kesalahan.append(f"{b.letak}: Pagu kegiatan {b.kode} belum diisi.")
        elif p_k := _rencana_kegiatan(b, cocok[0], ada, kesalahan):
            perubahan.append(p_k)
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
    ada = _tersimpan(organisasi, tahun)
    bulanan: dict[int, dict[int, Decimal]] = {}
    for p in rencana.perubahan:
        if p.jenis == "program":
            realisasi_program_simpan(
                pengguna=pengguna,
                program=ada.program[p.kode],
                tahun=tahun,
                realisasi=p.realisasi_baru,
            )
            continue
        (k,) = ada.kegiatan[p.kode]
        if (p.kode_kro, p.kode_ro) != (k.kode_kro, k.kode_ro):
            kegiatan_simpan(
                pengguna=pengguna,
                program=k.program,
                kegiatan=k,
                kode=k.kode,
                nama=k.nama,
                urutan=k.urutan,
                kode_kro=p.kode_kro,
                kode_ro=p.kode_ro,
            )
        # Months are written after the pagu; until then the yearly figure stays consistent
        # with the months stored.
        realisasi = p.realisasi_lama if p.bulanan is not None else p.realisasi_baru
        lama = ada.anggaran.get(k.pk)
        if lama is None or (lama.pagu, lama.realisasi) != (p.pagu_baru, realisasi):
            assert p.pagu_baru is not None
            anggaran_kegiatan_simpan(
                pengguna=pengguna,
                kegiatan=k,
                tahun=tahun,
                pagu=p.pagu_baru,
                realisasi=realisasi,
                sumber_dana=lama.sumber_dana if lama else "",
            )
        if p.bulanan is not None:
            bulanan[k.pk] = p.bulanan
    if bulanan:
        realisasi_bulanan_simpan(
            pengguna=pengguna, organisasi=organisasi, tahun=tahun, isian=bulanan
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
    """A sheet per program: the program's row, then its kegiatan with this year's pagu,
    realisasi, KRO/RO codes and months, ready to be filled and uploaded again."""
    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    ada = _tersimpan(organisasi, tahun)
    judul, lebar = [*JUDUL, *JUDUL_TAMBAHAN], [18, 60, 20, 20, 10, 10, *([16] * 12)]
    dipakai: set[str] = set()
    for p in Program.objects.filter(organisasi=organisasi).prefetch_related("kegiatan"):
        ws = wb.create_sheet(_judul_lembar(p.kode, dipakai))
        judul_kolom(ws, 1, judul, lebar)
        tulis(ws, 2, 1, p.kode)
        tulis(ws, 2, 2, p.nama)
        tulis(ws, 2, 4, ada.realisasi_program.get(p.pk), FORMAT_RUPIAH)
        for i, k in enumerate(p.kegiatan.all(), start=3):
            a = ada.anggaran.get(k.pk)
            tulis(ws, i, 1, k.kode)
            tulis(ws, i, 2, k.nama)
            tulis(ws, i, 3, a.pagu if a else None, FORMAT_RUPIAH)
            tulis(ws, i, 4, a.realisasi if a else None, FORMAT_RUPIAH)
            tulis(ws, i, 5, k.kode_kro)
            tulis(ws, i, 6, k.kode_ro)
            for b, jumlah in ada.bulanan.get(k.pk, {}).items():
                tulis(ws, i, 6 + b, jumlah, FORMAT_RUPIAH)
    if not wb.worksheets:
        judul_kolom(wb.create_sheet("Anggaran"), 1, judul, lebar)
    return ke_bytes(wb)
