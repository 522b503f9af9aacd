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


def bagan_organisasi(simpul: Sequence[Simpul], *, judul: str) -> str:
    """A top-down tree: every unit a box under its parent, leaves spread evenly."""
    if not simpul:
        return ""
    anak: dict[int | None, list[Simpul]] = {}
    for s in simpul:
        anak.setdefault(s.induk, []).append(s)
    kunci = {s.kunci for s in simpul}
    # A unit whose parent is not drawn is a root.
    akar = [s for s in simpul if s.induk is None or s.induk not in kunci]

    def daun(s: Simpul) -> int:
        return sum(daun(a) for a in anak.get(s.kunci, [])) or 1

    def kedalaman(s: Simpul) -> int:
        return 1 + max((kedalaman(a) for a in anak.get(s.kunci, [])), default=0)

    slot, kotak_tinggi, jarak_tingkat, ukuran = 170, 74, 46, 10
    kotak_lebar = slot - 14
    jumlah_daun = sum(daun(a) for a in akar)
    lebar = jumlah_daun * slot + 10
    tinggi = max(kedalaman(a) for a in akar) * (kotak_tinggi + jarak_tingkat) - jarak_tingkat + 10
    maks_huruf = int((kotak_lebar - 10) / (ukuran * LEBAR_HURUF))
    bagian: list[str] = []

    def gambar(s: Simpul, kiri: int, tingkat: int) -> int:
        """Draw s over the slots starting at `kiri`; return the x of its centre."""
        lebar_s = daun(s) * slot
        tengah = 5 + kiri + lebar_s // 2
        atas = 5 + tingkat * (kotak_tinggi + jarak_tingkat)
        x = tengah - kotak_lebar // 2
        bagian.append(
            f'<rect x="{x}" y="{atas}" width="{kotak_lebar}" height="{kotak_tinggi}" '
            f'rx="4" fill="{"#dde6f3" if tingkat == 0 else "#f4f6fa"}" stroke="#234" />'
        )
        nama = bungkus(s.nama, maks_huruf)[:3]
        ket = bungkus(s.keterangan, maks_huruf + 2)[:2] if s.keterangan else []
        baris_teks = len(nama) + len(ket)
        y0 = atas + (kotak_tinggi - baris_teks * ukuran * 12 // 10) // 2 + ukuran
        bagian.append(_teks(tengah, y0, nama, ukuran, text_anchor="middle", font_weight="bold"))
        if ket:
            y1 = y0 + len(nama) * ukuran * 12 // 10
            bagian.append(_teks(tengah, y1, ket, ukuran - 1, text_anchor="middle"))
        anak_s = anak.get(s.kunci, [])
        if anak_s:
            bawah = atas + kotak_tinggi
            tengah_garis = bawah + jarak_tingkat // 2
            pusat = []
            geser = kiri
            for a in anak_s:
                pusat.append(gambar(a, geser, tingkat + 1))
                geser += daun(a) * slot
            atas_anak = bawah + jarak_tingkat
            bagian.append(
                f'<path d="M{tengah} {bawah}V{tengah_garis}M{min(pusat)} {tengah_garis}'
                f'H{max(pusat)}" stroke="#234" fill="none" />'
            )
            for p in pusat:
                bagian.append(
                    f'<path d="M{p} {tengah_garis}V{atas_anak}" stroke="#234" fill="none" />'
                )
        return tengah

    kiri = 0
    for a in akar:
        gambar(a, kiri, 0)
        kiri += daun(a) * slot
    return _svg(lebar, tinggi, "".join(bagian), judul)


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
    starts the axis above 0, drawn as a broken axis with its start written out. Sized for
    print: 640 units span about 16 cm, so 12-unit labels print at 8,5 pt and values at 8 pt."""
    if not baris:
        return ""
    nilai_ada = [v for _, nilai in baris for v in nilai if v is not None]
    maks = max([maks or Decimal(0), acuan or Decimal(0), *nilai_ada, mulai + 1])
    lebar, kiri_label, kanan_ruang, ukuran = 640, 250, 62, 12
    tinggi_batang, jarak = 16, 10
    maks_huruf = int((kiri_label - 12) / (ukuran * LEBAR_HURUF))
    area = lebar - kiri_label - kanan_ruang
    kelompok = [(bungkus(label, maks_huruf)[:4], nilai) for label, nilai in baris]
    tinggi_kelompok = [
        max(len(seri) * tinggi_batang, len(lbl) * ukuran * 12 // 10) for lbl, _ in kelompok
    ]

    def x_nilai(v: Decimal) -> int:
        return kiri_label + _bulat(Decimal(area) * (max(v, mulai) - mulai) / (maks - mulai))

    legenda_tinggi = 24
    bagian: list[str] = []
    # Legend: the series, then the reference line.
    x = kiri_label
    for s in seri:
        bagian.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{s.warna}" />')
        bagian.append(_teks(x + 16, 15, [s.nama], ukuran))
        x += 30 + _lebar_teks(s.nama, ukuran)
    if acuan is not None:
        label_acuan = label_acuan or f"Target {format_nilai(acuan)}"
        bagian.append(
            f'<path d="M{x + 6} 2V18" stroke="#a00" stroke-width="2" '
            f'stroke-dasharray="4 2" fill="none" />'
        )
        bagian.append(_teks(x + 16, 15, [label_acuan], ukuran))
    y = legenda_tinggi + jarak
    atas_area = y
    for (label, nilai), tinggi_k in zip(kelompok, tinggi_kelompok, strict=True):
        tinggi_label = len(label) * ukuran * 12 // 10
        bagian.append(
            _teks(
                kiri_label - 8,
                y + (tinggi_k - tinggi_label) // 2 + ukuran - 1,
                label,
                ukuran,
                text_anchor="end",
            )
        )
        y_batang = y + (tinggi_k - len(seri) * tinggi_batang) // 2
        for s, v in zip(seri, nilai, strict=True):
            if v is not None:
                panjang = x_nilai(v) - kiri_label
                bagian.append(
                    f'<rect x="{kiri_label}" y="{y_batang + 1}" width="{panjang}" '
                    f'height="{tinggi_batang - 2}" fill="{s.warna}" />'
                )
                # The value inside the bar's end when it fits: clear of the target line.
                teks = format_nilai(v)
                di_dalam = panjang >= _lebar_teks(teks, ukuran - 1) + 10
                bagian.append(
                    _teks(
                        kiri_label + panjang - 4 if di_dalam else kiri_label + panjang + 4,
                        y_batang + tinggi_batang - 4,
                        [teks],
                        ukuran - 1,
                        **({"text_anchor": "end", "fill": s.warna_teks} if di_dalam else {}),
                    )
                )
            y_batang += tinggi_batang
        y += tinggi_k + jarak
    # Axis: gridlines with their values, every 5 points on a cut axis, else every 20.
    langkah = Decimal(5) if mulai else Decimal(20)
    garis = mulai
    while garis <= maks:
        xg = x_nilai(garis)
        bagian.append(f'<path d="M{xg} {atas_area - 4}V{y}" stroke="#ccc" fill="none" />')
        bagian.append(_teks(xg, y + 14, [format_sumbu(garis)], ukuran - 1, text_anchor="middle"))
        garis += langkah
    bagian.append(f'<path d="M{kiri_label} {atas_area - 4}V{y}" stroke="#333" fill="none" />')
    if mulai:
        # The broken axis: a zigzag on the axis line and its start written out.
        bagian.append(
            f'<path d="M{kiri_label - 5} {y - 10}l10 -4M{kiri_label - 5} {y - 4}l10 -4" '
            f'stroke="#333" stroke-width="1.5" fill="none" />'
        )
        bagian.append(
            _teks(
                kiri_label,
                y + 30,
                [f"Sumbu terpotong: dimulai pada {format_sumbu(mulai)}, bukan 0"],
                ukuran - 1,
                font_style="italic",
            )
        )
    if acuan is not None:
        xa = x_nilai(acuan)
        bagian.append(
            f'<path d="M{xa} {atas_area - 6}V{y + 2}" stroke="#a00" stroke-width="2" '
            f'stroke-dasharray="4 2" fill="none" />'
        )
    return _svg(lebar, y + (36 if mulai else 20), "".join(bagian), judul)


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
    lebar, ukuran = LEBAR_SEMPIT, UKURAN_SEMPIT
    nilai_ada = [b.nilai for b in batang if b.nilai is not None]
    maks = max([acuan or Decimal(0), *nilai_ada, Decimal(1)])
    area = lebar - 2
    maks_huruf = int(lebar / (ukuran * LEBAR_HURUF))
    garis = _tinggi_baris(ukuran)
    bagian: list[str] = []
    y = 0
    x_acuan = None
    if acuan is not None:
        x_acuan = _bulat(Decimal(area) * acuan / maks)
        teks_acuan = label_acuan or f"Target {format_nilai(acuan)}"
        bagian.append(
            _teks(
                min(x_acuan, lebar - _lebar_teks(teks_acuan, ukuran - 1) // 2),
                ukuran - 1,
                [teks_acuan],
                ukuran - 1,
                text_anchor="middle",
                fill=WARNA_TEKS,
            )
        )
        y = garis + 2
    atas = y
    for b in batang:
        label = _potong(b.label, maks_huruf, 2)
        bagian.append(_teks(0, y + ukuran, label, ukuran, fill=WARNA_TEKS))
        y += len(label) * garis + 3
        if b.nilai is None:
            bagian.append(
                _teks(
                    0, y + ukuran + 1, [kosong], ukuran - 1, fill=WARNA_SAMAR, font_style="italic"
                )
            )
        else:
            panjang = max(_bulat(Decimal(area) * b.nilai / maks), 1)
            teks = format_nilai(b.nilai) + (f" · {b.keterangan}" if b.keterangan else "")
            kelas = f' class="{escape(b.kelas)}"' if b.kelas else ""
            bagian.append(
                f'<rect x="0" y="{y}" width="{panjang}" height="{TINGGI_BATANG}" '
                f'fill="{warna}"{kelas} />'
            )
            di_dalam = panjang >= _lebar_teks(teks, ukuran - 1) + 12
            bagian.append(
                _teks(
                    6 if di_dalam else panjang + 4,
                    y + TINGGI_BATANG - 5,
                    [teks],
                    ukuran - 1,
                    fill="#fff" if di_dalam and not b.kelas else WARNA_TEKS,
                )
            )
        y += TINGGI_BATANG + JARAK_BARIS
    if x_acuan is not None:
        bagian.append(
            f'<path d="M{x_acuan} {atas - 2}V{y - JARAK_BARIS + 2}" stroke="{WARNA_TEKS}" '
            f'stroke-width="1.5" stroke-dasharray="4 3" fill="none" />'
        )
    return _svg(lebar, y - JARAK_BARIS + 4, "".join(bagian), judul, kode)


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
    lebar, ukuran = LEBAR_SEMPIT, UKURAN_SEMPIT
    garis = _tinggi_baris(ukuran)
    bagian, y = _legenda(seri, lebar=lebar, ukuran=ukuran)
    for label, jumlah, ringkasan in baris:
        lebar_ringkasan = _lebar_teks(ringkasan, ukuran - 1) + 8
        maks_huruf = int((lebar - lebar_ringkasan) / (ukuran * LEBAR_HURUF))
        teks_label = _potong(label, maks_huruf, 2)
        bagian.append(_teks(0, y + ukuran, teks_label, ukuran, fill=WARNA_TEKS))
        bagian.append(
            _teks(
                lebar,
                y + ukuran,
                [ringkasan],
                ukuran - 1,
                text_anchor="end",
                fill=WARNA_SAMAR,
            )
        )
        y += len(teks_label) * garis + 3
        total = sum(jumlah)
        kumulatif = 0
        x = 0
        for s, n in zip(seri, jumlah, strict=True):
            kumulatif += n
            # Cumulative rounding: the segments always add up to the whole bar.
            x_akhir = _bulat(Decimal(lebar) * kumulatif / total) if total else 0
            if n:
                bagian.append(
                    f'<rect x="{x}" y="{y}" width="{x_akhir - x}" height="{TINGGI_BATANG}" '
                    f'fill="{s.warna}" />'
                )
                angka = format_angka(n)
                if x_akhir - x >= _lebar_teks(angka, ukuran - 1) + 6:
                    bagian.append(
                        _teks(
                            (x + x_akhir) // 2,
                            y + TINGGI_BATANG - 5,
                            [angka],
                            ukuran - 1,
                            text_anchor="middle",
                            fill=s.warna_teks,
                        )
                    )
            x = x_akhir
        bagian.append(
            f'<rect x="0" y="{y}" width="{lebar}" height="{TINGGI_BATANG}" '
            f'fill="none" stroke="#6c757d" stroke-width="0.5" />'
        )
        y += TINGGI_BATANG + JARAK_BARIS
    return _svg(lebar, y - JARAK_BARIS + 2, "".join(bagian), judul, kode)
