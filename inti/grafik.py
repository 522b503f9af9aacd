"""Charts and the organisation chart as inline SVG, drawn on the server.

No JavaScript and nothing fetched: the same markup shows in the browser and in WeasyPrint.
Geometry is computed in whole SVG units from Decimal values; labels go through the one
number formatter. The text is wrapped here because SVG does not wrap it.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from inti.angka import bulatkan, format_angka, format_persen

FONT = 'font-family="DejaVu Sans, sans-serif"'
# DejaVu Sans averages a little under 0.6 em per character: enough to wrap labels.
LEBAR_HURUF = Decimal("0.58")


def _bulat(nilai: Decimal) -> int:
    return int(bulatkan(nilai, 0))


def bungkus(teks: str, maks_huruf: int) -> list[str]:
    """Split text into lines of at most maks_huruf characters, at spaces."""
    baris: list[str] = []
    sekarang = ""
    for kata in teks.split():
        calon = f"{sekarang} {kata}" if sekarang else kata
        if len(calon) <= maks_huruf or not sekarang:
            sekarang = calon
        else:
            baris.append(sekarang)
            sekarang = kata
    if sekarang:
        baris.append(sekarang)
    return baris or [""]


def _teks(x: int, y: int, baris: Sequence[str], ukuran: int, **atribut: str) -> str:
    lain = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in atribut.items())
    isi = "".join(
        f'<tspan x="{x}" dy="{0 if i == 0 else _bulat(Decimal(ukuran) * Decimal("1.2"))}">'
        f"{escape(b)}</tspan>"
        for i, b in enumerate(baris)
    )
    return f'<text x="{x}" y="{y}" font-size="{ukuran}" {FONT}{lain}>{isi}</text>'


def _svg(lebar: int, tinggi: int, isi: str, judul: str, kode: str = "") -> str:
    """The svg element; with a `kode` (unique on the page) its title is its accessible name
    through aria-labelledby, else through aria-label (documents that show one chart)."""
    if kode:
        nama = f'aria-labelledby="{escape(kode)}-judul"'
        judul_svg = f'<title id="{escape(kode)}-judul">{escape(judul)}</title>'
    else:
        nama = f'aria-label="{escape(judul)}"'
        judul_svg = f"<title>{escape(judul)}</title>"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi}" '
        f'width="{lebar}" height="{tinggi}" role="img" {nama}>{judul_svg}{isi}</svg>'
    )


def _lebar_teks(teks: str, ukuran: int) -> int:
    return _bulat(Decimal(len(teks) * ukuran) * LEBAR_HURUF)


def _potong(teks: str, maks_huruf: int, maks_baris: int) -> list[str]:
    """Wrapped lines, at most maks_baris; an ellipsis says that more was cut."""
    baris = bungkus(teks, maks_huruf)
    if len(baris) <= maks_baris:
        return baris
    terakhir = baris[maks_baris - 1]
    if len(terakhir) >= maks_huruf:
        terakhir = terakhir[: maks_huruf - 1].rstrip()
    return [*baris[: maks_baris - 1], terakhir + "…"]


@dataclass(frozen=True)
class Simpul:
    """A unit of the organisation chart."""

    kunci: int
    induk: int | None
    nama: str
    keterangan: str = ""


class _Bagan:
    """The organisation chart's layout: every unit gets as many slots as it has leaves below
    it, and sits centred over them."""

    slot, kotak_tinggi, jarak_tingkat, ukuran = 170, 74, 46, 10
    kotak_lebar = slot - 14

    def __init__(self, simpul: Sequence[Simpul]) -> None:
        self.anak: dict[int | None, list[Simpul]] = {}
        for s in simpul:
            self.anak.setdefault(s.induk, []).append(s)
        kunci = {s.kunci for s in simpul}
        # A unit whose parent is not drawn is a root.
        self.akar = [s for s in simpul if s.induk is None or s.induk not in kunci]
        self.maks_huruf = int((self.kotak_lebar - 10) / (self.ukuran * LEBAR_HURUF))
        self.bagian: list[str] = []

    def daun(self, s: Simpul) -> int:
        return sum(self.daun(a) for a in self.anak.get(s.kunci, [])) or 1

    def kedalaman(self, s: Simpul) -> int:
        return 1 + max((self.kedalaman(a) for a in self.anak.get(s.kunci, [])), default=0)

    def ukuran_bagan(self) -> tuple[int, int]:
        lebar = sum(self.daun(a) for a in self.akar) * self.slot + 10
        tingkat = max(self.kedalaman(a) for a in self.akar)
        return lebar, tingkat * (self.kotak_tinggi + self.jarak_tingkat) - self.jarak_tingkat + 10

    def gambar(self, s: Simpul, kiri: int, tingkat: int) -> int:
        """Draw s and its subtree over the slots starting at `kiri`; return the x of its
        centre."""
        tengah = 5 + kiri + self.daun(s) * self.slot // 2
        atas = 5 + tingkat * (self.kotak_tinggi + self.jarak_tingkat)
        self._kotak(s, tengah, atas, tingkat)
        anak_s = self.anak.get(s.kunci, [])
        if anak_s:
            pusat = []
            geser = kiri
            for a in anak_s:
                pusat.append(self.gambar(a, geser, tingkat + 1))
                geser += self.daun(a) * self.slot
            self._garis(tengah, atas + self.kotak_tinggi, pusat)
        return tengah

    def _kotak(self, s: Simpul, tengah: int, atas: int, tingkat: int) -> None:
        """The box with the unit's name in bold and its keterangan below."""
        ukuran = self.ukuran
        x = tengah - self.kotak_lebar // 2
        self.bagian.append(
            f'<rect x="{x}" y="{atas}" width="{self.kotak_lebar}" height="{self.kotak_tinggi}" '
            f'rx="4" fill="{"#dde6f3" if tingkat == 0 else "#f4f6fa"}" stroke="#234" />'
        )
        nama = bungkus(s.nama, self.maks_huruf)[:3]
        ket = bungkus(s.keterangan, self.maks_huruf + 2)[:2] if s.keterangan else []
        baris_teks = len(nama) + len(ket)
        y0 = atas + (self.kotak_tinggi - baris_teks * ukuran * 12 // 10) // 2 + ukuran
        self.bagian.append(
            _teks(tengah, y0, nama, ukuran, text_anchor="middle", font_weight="bold")
        )
        if ket:
            y1 = y0 + len(nama) * ukuran * 12 // 10
            self.bagian.append(_teks(tengah, y1, ket, ukuran - 1, text_anchor="middle"))

    def _garis(self, tengah: int, bawah: int, pusat: list[int]) -> None:
        """The connector from a box's bottom to the tops of its children's boxes."""
        tengah_garis = bawah + self.jarak_tingkat // 2
        atas_anak = bawah + self.jarak_tingkat
        self.bagian.append(
            f'<path d="M{tengah} {bawah}V{tengah_garis}M{min(pusat)} {tengah_garis}'
            f'H{max(pusat)}" stroke="#234" fill="none" />'
        )
        for p in pusat:
            self.bagian.append(
                f'<path d="M{p} {tengah_garis}V{atas_anak}" stroke="#234" fill="none" />'
            )


def bagan_organisasi(simpul: Sequence[Simpul], *, judul: str) -> str:
    """A top-down tree: every unit a box under its parent, leaves spread evenly."""
    if not simpul:
        return ""
    bagan = _Bagan(simpul)
    kiri = 0
    for a in bagan.akar:
        bagan.gambar(a, kiri, 0)
        kiri += bagan.daun(a) * bagan.slot
    lebar, tinggi = bagan.ukuran_bagan()
    return _svg(lebar, tinggi, "".join(bagan.bagian), judul)


@dataclass(frozen=True)
class Seri:
    nama: str
    warna: str
    warna_teks: str = "#fff"  # numbers written on the series' bars


def awal_sumbu(nilai: Sequence[Decimal | None], *, langkah: Decimal = Decimal(10)) -> Decimal:
    """Where a percent axis starts so that the differences show: 0 unless every value lies
    in the upper half (capaian of 85-100 %), then the step at least 5 points below the
    smallest value. A chart that uses it marks its axis as broken."""
    ada = [v for v in nilai if v is not None]
    if not ada or min(ada) < 50:
        return Decimal(0)
    return ((min(ada) - 5) // langkah) * langkah


# ---------------------------------------------------------------- wide charts (LAKIP)
# Sized for print: 640 units span about 16 cm, so 12-unit labels print at 8,5 pt and values
# at 8 pt. Row labels stand left of the bars, in a column of their own.

LEBAR_LAPORAN = 640
KIRI_LABEL = 250  # the label column; the value axis starts here
KANAN_RUANG = 62  # room right of the longest bar for its value
UKURAN_LAPORAN = 12
TINGGI_BATANG_LAPORAN = 16
JARAK_KELOMPOK = 10
TINGGI_LEGENDA = 24


@dataclass(frozen=True)
class _Sumbu:
    """The value axis of a wide chart, from `mulai` to `maks`."""

    mulai: Decimal
    maks: Decimal
    area: int = LEBAR_LAPORAN - KIRI_LABEL - KANAN_RUANG

    def x(self, v: Decimal) -> int:
        """Where a value lands; below the start of a cut axis, at the start."""
        geser = Decimal(self.area) * (max(v, self.mulai) - self.mulai) / (self.maks - self.mulai)
        return KIRI_LABEL + _bulat(geser)


def _legenda_laporan(seri: Sequence[Seri], label_acuan: str | None) -> list[str]:
    """The series' colour keys in one row above the bars, then the reference line's."""
    ukuran = UKURAN_LAPORAN
    bagian: list[str] = []
    x = KIRI_LABEL
    for s in seri:
        bagian.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{s.warna}" />')
        bagian.append(_teks(x + 16, 15, [s.nama], ukuran))
        x += 30 + _lebar_teks(s.nama, ukuran)
    if label_acuan is not None:
        bagian.append(
            f'<path d="M{x + 6} 2V18" stroke="#a00" stroke-width="2" '
            f'stroke-dasharray="4 2" fill="none" />'
        )
        bagian.append(_teks(x + 16, 15, [label_acuan], ukuran))
    return bagian


def _kelompok_laporan(
    label: list[str],
    batang: Sequence[tuple[Seri, Decimal | None]],
    y: int,
    sumbu: _Sumbu,
    format_nilai: Callable[[Decimal], str],
) -> tuple[list[str], int]:
    """One row: its wrapped label and one bar per series, from `y`; returns the parts and
    the row's height (the taller of the label and the bars, both centred in it)."""
    ukuran, tinggi_batang = UKURAN_LAPORAN, TINGGI_BATANG_LAPORAN
    tinggi_label = len(label) * ukuran * 12 // 10
    tinggi = max(len(batang) * tinggi_batang, tinggi_label)
    y_label = y + (tinggi - tinggi_label) // 2 + ukuran - 1
    bagian = [_teks(KIRI_LABEL - 8, y_label, label, ukuran, text_anchor="end")]
    y_batang = y + (tinggi - len(batang) * tinggi_batang) // 2
    for s, v in batang:
        if v is not None:
            bagian += _batang_laporan(s, v, y_batang, sumbu, format_nilai(v))
        y_batang += tinggi_batang
    return bagian, tinggi


def _batang_laporan(s: Seri, v: Decimal, y: int, sumbu: _Sumbu, teks: str) -> list[str]:
    """One bar with its value: inside the bar's end when it fits (clear of the target
    line), else just after it."""
    ukuran, tinggi_batang = UKURAN_LAPORAN, TINGGI_BATANG_LAPORAN
    panjang = sumbu.x(v) - KIRI_LABEL
    di_dalam = panjang >= _lebar_teks(teks, ukuran - 1) + 10
    return [
        f'<rect x="{KIRI_LABEL}" y="{y + 1}" width="{panjang}" '
        f'height="{tinggi_batang - 2}" fill="{s.warna}" />',
        _teks(
            KIRI_LABEL + panjang - 4 if di_dalam else KIRI_LABEL + panjang + 4,
            y + tinggi_batang - 4,
            [teks],
            ukuran - 1,
            **({"text_anchor": "end", "fill": s.warna_teks} if di_dalam else {}),
        ),
    ]


def _sumbu_laporan(
    sumbu: _Sumbu, atas: int, bawah: int, format_sumbu: Callable[[Decimal], str]
) -> list[str]:
    """Gridlines with their values, every 5 points on a cut axis, else every 20; the axis
    line; on a cut axis, a zigzag on it and its start written out."""
    ukuran = UKURAN_LAPORAN
    bagian: list[str] = []
    langkah = Decimal(5) if sumbu.mulai else Decimal(20)
    garis = sumbu.mulai
    while garis <= sumbu.maks:
        xg = sumbu.x(garis)
        bagian.append(f'<path d="M{xg} {atas - 4}V{bawah}" stroke="#ccc" fill="none" />')
        bagian.append(
            _teks(xg, bawah + 14, [format_sumbu(garis)], ukuran - 1, text_anchor="middle")
        )
        garis += langkah
    bagian.append(f'<path d="M{KIRI_LABEL} {atas - 4}V{bawah}" stroke="#333" fill="none" />')
    if sumbu.mulai:
        bagian.append(
            f'<path d="M{KIRI_LABEL - 5} {bawah - 10}l10 -4M{KIRI_LABEL - 5} {bawah - 4}l10 -4" '
            f'stroke="#333" stroke-width="1.5" fill="none" />'
        )
        bagian.append(
            _teks(
                KIRI_LABEL,
                bawah + 30,
                [f"Sumbu terpotong: dimulai pada {format_sumbu(sumbu.mulai)}, bukan 0"],
                ukuran - 1,
                font_style="italic",
            )
        )
    return bagian


def grafik_batang(
    *,
    baris: Sequence[tuple[str, Sequence[Decimal | None]]],
    seri: Sequence[Seri],
    judul: str,
    maks: Decimal | None = None,
    format_nilai: Callable[[Decimal], str] = format_persen,
    acuan: Decimal | None = None,
    label_acuan: str = "",
    mulai: Decimal = Decimal(0),
    format_sumbu: Callable[[Decimal], str] = lambda v: format_persen(v, 0),
) -> str:
    """Horizontal grouped bars: one group per row label, one bar per series, value at its end.

    `acuan` draws a reference line (the target) instead of a constant bar series; `mulai`
    starts the axis above 0, drawn as a broken axis with its start written out."""
    if not baris:
        return ""
    nilai_ada = [v for _, nilai in baris for v in nilai if v is not None]
    sumbu = _Sumbu(mulai, max([maks or Decimal(0), acuan or Decimal(0), *nilai_ada, mulai + 1]))
    maks_huruf = int((KIRI_LABEL - 12) / (UKURAN_LAPORAN * LEBAR_HURUF))
    if acuan is not None:
        label_acuan = label_acuan or f"Target {format_nilai(acuan)}"
    bagian = _legenda_laporan(seri, label_acuan if acuan is not None else None)
    y = atas = TINGGI_LEGENDA + JARAK_KELOMPOK
    for label, nilai in baris:
        batang = list(zip(seri, nilai, strict=True))
        kelompok, tinggi = _kelompok_laporan(
            bungkus(label, maks_huruf)[:4], batang, y, sumbu, format_nilai
        )
        bagian += kelompok
        y += tinggi + JARAK_KELOMPOK
    bagian += _sumbu_laporan(sumbu, atas, y, format_sumbu)
    if acuan is not None:
        xa = sumbu.x(acuan)
        bagian.append(
            f'<path d="M{xa} {atas - 6}V{y + 2}" stroke="#a00" stroke-width="2" '
            f'stroke-dasharray="4 2" fill="none" />'
        )
    return _svg(LEBAR_LAPORAN, y + (36 if mulai else 20), "".join(bagian), judul)


# ---------------------------------------------------------------- narrow charts (Beranda)
# Drawn 480 units wide with each label above its bar, so that they still read when a phone
# scales them down to its width.

LEBAR_SEMPIT = 480
UKURAN_SEMPIT = 14
TINGGI_BATANG = 20
JARAK_BARIS = 12
WARNA_TEKS = "#212529"
WARNA_SAMAR = "#5c636a"


def _tinggi_baris(ukuran: int) -> int:
    return _bulat(Decimal(ukuran) * Decimal("1.25"))


def _legenda(seri: Sequence[Seri], *, lebar: int, ukuran: int) -> tuple[list[str], int]:
    """Colour keys in rows that wrap at the chart's width; returns the parts and the height."""
    bagian: list[str] = []
    x, y = 0, 0
    for s in seri:
        w = 18 + _lebar_teks(s.nama, ukuran) + 14
        if x and x + w > lebar:
            x, y = 0, y + _tinggi_baris(ukuran) + 4
        bagian.append(
            f'<rect x="{x}" y="{y + 1}" width="12" height="12" fill="{s.warna}" '
            f'stroke="#6c757d" stroke-width="0.5" />'
        )
        bagian.append(_teks(x + 16, y + ukuran, [s.nama], ukuran, fill=WARNA_TEKS))
        x += w
    return bagian, y + _tinggi_baris(ukuran) + 6


@dataclass(frozen=True)
class Batang:
    label: str
    nilai: Decimal | None
    keterangan: str = ""  # written after the value, e.g. its category
    # CSS classes of the bar (a capaian category's tint, from the page's stylesheet); a bar with
    # them is light, so the value on it is written dark.
    kelas: str = ""


def _label_acuan_sempit(x_acuan: int, teks: str) -> str:
    """The target's label above the bars, centred on its line but kept inside the chart."""
    ukuran = UKURAN_SEMPIT - 1
    return _teks(
        min(x_acuan, LEBAR_SEMPIT - _lebar_teks(teks, ukuran) // 2),
        ukuran,
        [teks],
        ukuran,
        text_anchor="middle",
        fill=WARNA_TEKS,
    )


def _batang_sempit(
    b: Batang,
    y: int,
    *,
    maks: Decimal,
    warna: str,
    format_nilai: Callable[[Decimal], str],
    kosong: str,
) -> tuple[list[str], int]:
    """One row from `y`: the label (two lines at most) above the bar, or above `kosong` when
    there is no value; returns the parts and the y where the next row starts."""
    ukuran = UKURAN_SEMPIT
    label = _potong(b.label, int(LEBAR_SEMPIT / (ukuran * LEBAR_HURUF)), 2)
    bagian = [_teks(0, y + ukuran, label, ukuran, fill=WARNA_TEKS)]
    y += len(label) * _tinggi_baris(ukuran) + 3
    if b.nilai is None:
        bagian.append(
            _teks(0, y + ukuran + 1, [kosong], ukuran - 1, fill=WARNA_SAMAR, font_style="italic")
        )
    else:
        panjang = max(_bulat(Decimal(LEBAR_SEMPIT - 2) * b.nilai / maks), 1)
        teks = format_nilai(b.nilai) + (f" · {b.keterangan}" if b.keterangan else "")
        # The value inside the bar in white when it fits, else after the bar's end.
        di_dalam = panjang >= _lebar_teks(teks, ukuran - 1) + 12
        kelas = f' class="{escape(b.kelas)}"' if b.kelas else ""
        bagian += [
            f'<rect x="0" y="{y}" width="{panjang}" height="{TINGGI_BATANG}" '
            f'fill="{warna}"{kelas} />',
            _teks(
                6 if di_dalam else panjang + 4,
                y + TINGGI_BATANG - 5,
                [teks],
                ukuran - 1,
                fill="#fff" if di_dalam and not b.kelas else WARNA_TEKS,
            ),
        ]
    return bagian, y + TINGGI_BATANG + JARAK_BARIS


def grafik_batang_sempit(
    *,
    batang: Sequence[Batang],
    judul: str,
    kode: str,
    warna: str,
    acuan: Decimal | None = None,
    label_acuan: str = "",
    format_nilai: Callable[[Decimal], str] = format_persen,
    kosong: str = "belum ada nilai",
) -> str:
    """One horizontal bar per row with its label above it, the value (and its keterangan) on
    the bar, and a dashed line at `acuan` (the target, 100 %) when given."""
    if not batang:
        return ""
    nilai_ada = [b.nilai for b in batang if b.nilai is not None]
    maks = max([acuan or Decimal(0), *nilai_ada, Decimal(1)])
    bagian: list[str] = []
    y = 0
    x_acuan = None
    if acuan is not None:
        x_acuan = _bulat(Decimal(LEBAR_SEMPIT - 2) * acuan / maks)
        teks_acuan = label_acuan or f"Target {format_nilai(acuan)}"
        bagian.append(_label_acuan_sempit(x_acuan, teks_acuan))
        y = _tinggi_baris(UKURAN_SEMPIT) + 2
    atas = y
    for b in batang:
        baris, y = _batang_sempit(
            b, y, maks=maks, warna=warna, format_nilai=format_nilai, kosong=kosong
        )
        bagian += baris
    if x_acuan is not None:
        bagian.append(
            f'<path d="M{x_acuan} {atas - 2}V{y - JARAK_BARIS + 2}" stroke="{WARNA_TEKS}" '
            f'stroke-width="1.5" stroke-dasharray="4 3" fill="none" />'
        )
    return _svg(LEBAR_SEMPIT, y - JARAK_BARIS + 4, "".join(bagian), judul, kode)


def _segmen_tumpuk(seri: Sequence[Seri], jumlah: Sequence[int], y: int) -> list[str]:
    """A row's bar split into the series' counts, each count written on its segment when it
    has room; the bar always spans the whole width."""
    ukuran = UKURAN_SEMPIT - 1
    bagian: list[str] = []
    total = sum(jumlah)
    kumulatif = 0
    x = 0
    for s, n in zip(seri, jumlah, strict=True):
        kumulatif += n
        # Cumulative rounding: the segments always add up to the whole bar.
        x_akhir = _bulat(Decimal(LEBAR_SEMPIT) * kumulatif / total) if total else 0
        if n:
            bagian.append(
                f'<rect x="{x}" y="{y}" width="{x_akhir - x}" height="{TINGGI_BATANG}" '
                f'fill="{s.warna}" />'
            )
            angka = format_angka(n)
            if x_akhir - x >= _lebar_teks(angka, ukuran) + 6:
                bagian.append(
                    _teks(
                        (x + x_akhir) // 2,
                        y + TINGGI_BATANG - 5,
                        [angka],
                        ukuran,
                        text_anchor="middle",
                        fill=s.warna_teks,
                    )
                )
        x = x_akhir
    return bagian


def _baris_tumpuk(
    label: str, jumlah: Sequence[int], ringkasan: str, seri: Sequence[Seri], y: int
) -> tuple[list[str], int]:
    """One row from `y`: the label with the summary at its right, the stacked bar below in
    a thin frame; returns the parts and the y where the next row starts."""
    lebar, ukuran = LEBAR_SEMPIT, UKURAN_SEMPIT
    lebar_ringkasan = _lebar_teks(ringkasan, ukuran - 1) + 8
    teks_label = _potong(label, int((lebar - lebar_ringkasan) / (ukuran * LEBAR_HURUF)), 2)
    bagian = [
        _teks(0, y + ukuran, teks_label, ukuran, fill=WARNA_TEKS),
        _teks(lebar, y + ukuran, [ringkasan], ukuran - 1, text_anchor="end", fill=WARNA_SAMAR),
    ]
    y += len(teks_label) * _tinggi_baris(ukuran) + 3
    bagian += _segmen_tumpuk(seri, jumlah, y)
    bagian.append(
        f'<rect x="0" y="{y}" width="{lebar}" height="{TINGGI_BATANG}" '
        f'fill="none" stroke="#6c757d" stroke-width="0.5" />'
    )
    return bagian, y + TINGGI_BATANG + JARAK_BARIS


def grafik_tumpuk(
    *,
    baris: Sequence[tuple[str, Sequence[int], str]],
    seri: Sequence[Seri],
    judul: str,
    kode: str,
) -> str:
    """One bar per row (label, counts per series, a summary written to its right), split
    into the series' counts; every bar is the row's whole, so rows of different sizes
    compare as shares. Counts are written on the segments that have room for them."""
    if not baris:
        return ""
    bagian, y = _legenda(seri, lebar=LEBAR_SEMPIT, ukuran=UKURAN_SEMPIT)
    for label, jumlah, ringkasan in baris:
        baris_svg, y = _baris_tumpuk(label, jumlah, ringkasan, seri, y)
        bagian += baris_svg
    return _svg(LEBAR_SEMPIT, y - JARAK_BARIS + 2, "".join(bagian), judul, kode)
