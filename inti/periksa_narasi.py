"""Years and legal citations in a report's typed narratives that contradict each other or
the report's own year. Pure text rules; the report supplies its year and its texts.

The rules, each chosen to flag a real slip without flagging what a LAKIP legitimately says:

1. The report's own year. "Laporan Kinerja … Tahun NNNN", "Laporan Tahunan … Tahun NNNN",
   "LAKIP … NNNN" and "Tahun Anggaran NNNN" name the year reported on: NNNN must be the
   report year (a text copied from last year's report keeps last year's number).
2. A year in the future. Any year 2000–2100 after the year following the report year. The
   following year is legitimate: the report is written and signed in it, and the letters
   that ask for it are numbered in it ("…/01/2025"). A period "2025-2029" that starts by
   then (the next Renstra) is exempt as a whole.
3. A letter dated another year than it is numbered. "Nomor …/YYYY tanggal D Bulan ZZZZ":
   a letter numbered in YYYY is dated in YYYY.
4. One regulation cited two ways. Citations "<jenis> Nomor N Tahun YYYY" of the same kind
   (Undang-Undang, Peraturan KPU, …) across all the texts: the same number with two years,
   or the same year with two numbers, is flagged ("Nomor 7 Tahun 2017" against
   "Nomor 17 Tahun 2017"). Two different regulations of one kind and year are possible, so
   this finding asks for a check rather than asserting an error.

Years of regulations ("Nomor 14 Tahun 2020") are otherwise never compared with the report
year: a LAKIP cites laws of any past year.
"""

import re
from dataclasses import dataclass

__all__ = ["Janggal", "RujukanBeda", "periksa_rujukan", "periksa_tahun"]

_BULAN = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
_TAHUN = r"(?:20[0-9]{2}|2100)"
_TAHUN_SENDIRI = re.compile(
    rf"(?:Laporan\s+(?:Kinerja|Tahunan)|LAKIP|LKj(?:IP)?)(?:(?!Nomor)[^.\n]){{0,60}}?\s"
    rf"(?:[Tt]ahun\s+)?(?P<tahun>{_TAHUN})(?![0-9]|\s*[-–]\s*[0-9])"
    rf"|Tahun\s+Anggaran\s+(?P<anggaran>{_TAHUN})(?![0-9])"
)
_SEBUT_TAHUN = re.compile(rf"(?<![0-9])(?P<awal>{_TAHUN})(?:\s*[-–]\s*{_TAHUN})?(?![0-9])")
_SURAT = re.compile(
    r"Nomor\s*:?\s*(?P<nomor>[\w.\-]+(?:\s*/\s*[\w.\-]+)*?\s*/\s*(?P<tahun_nomor>[0-9]{4}))"
    rf",?\s+tanggal\s+(?P<tanggal>[0-9]{{1,2}}\s+(?:{_BULAN})\s+(?P<tahun_tanggal>[0-9]{{4}}))"
)
# The kind of a regulation: from a keyword to "Nomor", never across another citation.
_KATA_JENIS = r"Undang-[Uu]ndang|UU|Peraturan|Perpres|PKPU|Permen\w*|Keputusan|Instruksi|Surat"
_RUJUKAN = re.compile(
    rf"(?P<jenis>(?:{_KATA_JENIS})(?:(?!{_KATA_JENIS}|Nomor)[^.;:\n]){{0,100}}?)"
    rf"\s+Nomor\s+(?P<nomor>[0-9]+)\s+Tahun\s+(?P<tahun>[0-9]{{4}})"
)
_SEBUTAN_JENIS = [
    (re.compile(r"\brepublik indonesia\b"), ""),
    (re.compile(r"\bkomisi pemilihan umum\b"), "kpu"),
    (re.compile(r"^uu\b"), "undang-undang"),
    (re.compile(r"^pkpu\b"), "peraturan kpu"),
    (re.compile(r"^perpres\b"), "peraturan presiden"),
]


@dataclass(frozen=True)
class Janggal:
    """One passage of one text whose year does not fit, and why."""

    kutipan: str
    alasan: str


@dataclass(frozen=True)
class RujukanBeda:
    """One regulation kind cited with different number/year pairs, and where."""

    jenis: str  # as first written: "Undang-undang"
    sebutan: list[tuple[str, str]]  # ("Nomor 7 Tahun 2017", label of the text), in order


def _kutipan(teks: str, awal: int, akhir: int, lebar: int = 40) -> str:
    mulai, selesai = max(awal - lebar, 0), min(akhir + lebar, len(teks))
    isi = " ".join(teks[mulai:selesai].split())
    return ("…" if mulai > 0 else "") + isi + ("…" if selesai < len(teks) else "")


def periksa_tahun(teks: str, tahun: int) -> list[Janggal]:
    """Rules 1-3 on one text of the report of `tahun`, in the order they occur."""
    temuan: list[tuple[int, Janggal]] = []
    for m in _TAHUN_SENDIRI.finditer(teks):
        disebut = int(m["tahun"] or m["anggaran"])
        if disebut != tahun:
            alasan = f"menyebut tahun {disebut} untuk laporan tahun {tahun}"
            temuan.append((m.start(), Janggal(_kutipan(teks, m.start(), m.end()), alasan)))
    for m in _SEBUT_TAHUN.finditer(teks):
        awal = int(m["awal"])
        if awal > tahun + 1:
            alasan = f"tahun {awal} belum terjadi pada laporan tahun {tahun}"
            temuan.append((m.start(), Janggal(_kutipan(teks, m.start(), m.end()), alasan)))
    for m in _SURAT.finditer(teks):
        if m["tahun_nomor"] != m["tahun_tanggal"]:
            alasan = (
                f"surat bernomor tahun {m['tahun_nomor']} bertanggal {m['tanggal']}"
                f" (tahun {m['tahun_tanggal']})"
            )
            temuan.append((m.start(), Janggal(_kutipan(teks, m.start(), m.end()), alasan)))
    return [j for _, j in sorted(temuan, key=lambda t: t[0])]


def _jenis_baku(jenis: str) -> str:
    baku = " ".join(jenis.lower().split())
    for pola, ganti in _SEBUTAN_JENIS:
        baku = pola.sub(ganti, baku)
    return " ".join(baku.split())


def periksa_rujukan(teks: dict[str, str]) -> list[RujukanBeda]:
    """Rule 4 across the texts of one report (label → text), in order of first citation."""
    per_jenis: dict[str, list[tuple[str, str, str]]] = {}
    tertulis: dict[str, str] = {}  # the kind as first written, to name it in the finding
    for label, isi in teks.items():
        for m in _RUJUKAN.finditer(isi):
            baku = _jenis_baku(m["jenis"])
            tertulis.setdefault(baku, " ".join(m["jenis"].split()))
            per_jenis.setdefault(baku, []).append((m["nomor"], m["tahun"], label))
    hasil = []
    for baku, sebutan in per_jenis.items():
        pasangan = {(n, t) for n, t, _ in sebutan}
        bentrok = {
            p for p in pasangan for q in pasangan if p != q and (p[0] == q[0] or p[1] == q[1])
        }
        if bentrok:
            unik = dict.fromkeys(
                (f"Nomor {n} Tahun {t}", label) for n, t, label in sebutan if (n, t) in bentrok
            )
            hasil.append(RujukanBeda(tertulis[baku], list(unik)))
    return hasil
