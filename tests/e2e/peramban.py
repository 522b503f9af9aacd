"""What every browser journey does: log in, check a page as a person on a phone and with a
screen reader would meet it (and that the browser refused nothing under the
Content-Security-Policy), keep a screenshot of it, and read the PDFs it downloads."""

import io
import re
import shutil
import subprocess
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect
from pypdf import PdfReader

SANDI = "sandi-demo-e2e-2024"
ORG = "kpu-bengkulu-utara"
LEBAR_LAYAR = 1280
LEBAR_PONSEL = 390
FOLDER_GAMBAR = Path(__file__).resolve().parents[2] / "build" / "screenshots"
# Explicit waits: long enough for a slow CI machine, never a fixed sleep.
TUNGGU_MS = 20_000
TUNGGU_PDF_MS = 120_000

# Every field a person fills in has a name a screen reader can say.
_TANPA_LABEL = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => !['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type))
  .filter(el => !((el.labels && el.labels.length) || el.getAttribute('aria-label')
                  || el.getAttribute('aria-labelledby')))
  .map(el => el.outerHTML.slice(0, 160))"""

# Sideways scrolling, of the page or of anything inside it (a table in an overflow box).
# The LAKIP's tables are the one exception: on a phone a wide report table scrolls
# sideways inside its own box rather than breaking its words letter by letter.
_LEBAR = """() => {
  const lebar = window.innerWidth;
  const geser = [...document.querySelectorAll('body *')].filter(el => {
    // Wide report tables and the pohon kinerja scroll inside their own box, by design.
    if (el.matches('.lembar table.tabel, .pohon-gulir')) return false;
    const ox = getComputedStyle(el).overflowX;
    return (ox === 'auto' || ox === 'scroll') && el.scrollWidth > el.clientWidth + 1;
  }).map(el => el.tagName + '.' + el.className);
  return {halaman: document.documentElement.scrollWidth, lebar, geser};
}"""


# Content-Security-Policy violations of every page opened in a context made by konteks():
# Chromium's console messages, and the securitypolicyviolation events (an init script runs
# before the page's own and is not subject to its policy). The e2e conftest fails any test
# that leaves one here; periksa() and keluar() fail at once.
PELANGGARAN_CSP: list[str] = []
_TANDA_CSP = "pelanggaran-csp"
_AWASI_CSP = f"""document.addEventListener('securitypolicyviolation', e => console.error(
  '{_TANDA_CSP} ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':'
  + e.lineNumber + ' di ' + document.location.href));"""


def _catat_csp(pesan: ConsoleMessage) -> None:
    teks = pesan.text
    if _TANDA_CSP in teks or "Content Security Policy" in teks:
        PELANGGARAN_CSP.append(f"{pesan.page.url if pesan.page else '?'}: {teks}")


def tanpa_pelanggaran_csp() -> None:
    ditemukan = list(PELANGGARAN_CSP)
    PELANGGARAN_CSP.clear()
    assert ditemukan == [], "pelanggaran Content-Security-Policy:\n" + "\n".join(ditemukan)


def konteks(peramban: Browser, **opsi) -> BrowserContext:
    ctx = peramban.new_context(
        **{
            "viewport": {"width": LEBAR_LAYAR, "height": 900},
            "locale": "id-ID",
            "accept_downloads": True,
            **opsi,
        }
    )
    ctx.set_default_timeout(TUNGGU_MS)
    ctx.add_init_script(_AWASI_CSP)
    ctx.on("console", _catat_csp)
    return ctx


def masuk(peramban: Browser, url: str, username: str) -> Page:
    """A new browser session in which `username` has logged in through the login page."""
    page = konteks(peramban).new_page()
    page.goto(url + "/akun/login/")
    periksa(page)
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(SANDI)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Beranda", exact=True)).to_be_visible()
    periksa(page)
    return page


def tampak(page: Page, teks: str) -> None:
    """Wait until the text shows (a message after a form was sent, a value on the page)."""
    expect(page.get_by_text(teks, exact=False).first).to_be_visible()


def keluar(page: Page) -> None:
    page.context.close()
    tanpa_pelanggaran_csp()


def periksa(page: Page, gambar: str = "", *, seluruh: bool = True, ponsel: str = "") -> None:
    """Every field has a label; at a phone's width (390 px, folded details opened) nothing
    scrolls sideways. With `gambar`, a screenshot at the desktop width (the whole page, or
    the first screen); with `ponsel`, one of the phone's first screen."""
    tanpa_pelanggaran_csp()
    tanpa_label = page.evaluate(_TANPA_LABEL)
    assert tanpa_label == [], f"{page.url}: isian tanpa label: {tanpa_label}"
    lebar_semula = page.viewport_size
    page.set_viewport_size({"width": LEBAR_PONSEL, "height": 844})
    # Folded tables (<details>) are opened for the measurement and folded again after it.
    page.evaluate(
        "() => document.querySelectorAll('details:not([open])')"
        ".forEach(d => { d.open = true; d.dataset.e2eDibuka = '1'; })"
    )
    ukuran = page.evaluate(_LEBAR)
    assert ukuran["halaman"] <= ukuran["lebar"], f"{page.url} bergeser ke samping: {ukuran}"
    assert ukuran["geser"] == [], f"{page.url}: isi yang bergeser ke samping: {ukuran['geser']}"
    page.evaluate(
        "() => document.querySelectorAll('details[data-e2e-dibuka]')"
        ".forEach(d => { d.open = false; delete d.dataset.e2eDibuka; })"
    )
    if ponsel:
        simpan_gambar(page, ponsel, seluruh=False)
    page.set_viewport_size(lebar_semula)
    if gambar:
        simpan_gambar(page, gambar, seluruh=seluruh)


def simpan_gambar(page: Page, nama: str, *, seluruh: bool = True) -> Path:
    FOLDER_GAMBAR.mkdir(parents=True, exist_ok=True)
    berkas = FOLDER_GAMBAR / f"{nama}.png"
    page.screenshot(path=berkas, full_page=seluruh)
    return berkas


def teks_pdf(isi: bytes) -> str:
    """The PDF's text: white space (no-break spaces too) collapsed, words hyphenated at a
    line end (U+2010) joined again."""
    assert isi.startswith(b"%PDF-"), isi[:40]
    teks = " ".join(h.extract_text() or "" for h in PdfReader(io.BytesIO(isi)).pages)
    return re.sub(r"\s+", " ", teks.replace("\u00a0", " ")).replace("\u2010 ", "")


def baca_qr(pdf: Path) -> list[str]:
    """Every QR code printed in a PDF: its pages as PNG (pdftoppm), decoded by zbarimg."""
    alat = {nama: shutil.which(nama) for nama in ("pdftoppm", "zbarimg")}
    for nama, jalur in alat.items():
        assert jalur, f"{nama} tidak ada: apt-get install poppler-utils zbar-tools"
    awalan = pdf.with_suffix("")
    subprocess.run(  # noqa: S603 - Debian's tool on our own file
        [alat["pdftoppm"], "-r", "150", "-png", str(pdf), str(awalan)], check=True, timeout=120
    )
    kode: list[str] = []
    for halaman in sorted(pdf.parent.glob(f"{awalan.name}-*.png")):
        hasil = subprocess.run(  # noqa: S603 - Debian's tool on our own file
            [alat["zbarimg"], "--quiet", "--raw", str(halaman)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        kode += [baris for baris in hasil.stdout.splitlines() if baris]
    return kode


def pdf_minimal(teks: str) -> bytes:
    """A small, valid one-page PDF (an evidence file), written by hand with exact offsets."""
    aliran = f"BT /F1 12 Tf 72 720 Td ({teks}) Tj ET".encode("latin-1")
    objek = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(aliran) + aliran + b"\nendstream",
    ]
    isi = bytearray(b"%PDF-1.4\n")
    posisi = []
    for nomor, badan in enumerate(objek, start=1):
        posisi.append(len(isi))
        isi += b"%d 0 obj\n" % nomor + badan + b"\nendobj\n"
    xref = len(isi)
    isi += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objek) + 1)
    for p in posisi:
        isi += b"%010d 00000 n \n" % p
    isi += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objek) + 1,
        xref,
    )
    return bytes(isi)
