"""Writes for the LAKIP: the report's texts, its PDF (cached) and its finalisation.

The PDF cache: the rendered standalone HTML is the report's complete input (data, texts,
stylesheets, embedded pictures and the site address in the QR codes), so its SHA-256 together
with the WeasyPrint version is the cache key. Producing the PDF again renders the HTML (a fixed
number of queries and one template pass, well under 0.2 s) and returns the stored bytes when
that key was printed before; only a change that alters the document costs a WeasyPrint run.
The files live under the private storage under lakip/cache/, named by the key, one per
organisation, year and mode.

Before any of that, the report is looked up by the versions of its data (laporan.tembolok):
while no write touched what it reads, the PDF last printed for it is served without
assembling the report at all.

The writes (texts, finalising, reopening) take the acting user and are for admins of the
organisation only (TidakBerwenang otherwise); other refusals are inti.galat.Ditolak.
"""

import hashlib
import logging
import re
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from inti.galat import Ditolak, TidakBerwenang
from inti.pdf import html_ke_pdf
from kinerja.models import penyimpanan_pribadi
from kinerja.realisasi.periode import periode_buka_kunci_tahun, periode_kunci_tahun
from laporan import tembolok
from laporan.dokumen import DokumenLakip, nama_berkas, susun_dokumen
from laporan.models import AnalisisSasaran, LaporanFinal, LaporanKinerja
from laporan.selectors import FIELD_NARASI, data_lakip, final_berlaku, laporan_kinerja
from organisasi.akses import is_admin_organisasi
from organisasi.models import Organisasi, Pengguna

logger = logging.getLogger(__name__)


class FinalRusak(Ditolak):
    """The stored final PDF is missing or its bytes no longer match the recorded SHA-256:
    the download is refused (the page shows it as a server fault, status 500)."""

    def __init__(self, final: LaporanFinal, sebab: str) -> None:
        self.final = final
        super().__init__(
            f"Berkas PDF final versi {final.versi} {sebab}, sehingga tidak dapat diunduh. "
            "Hubungi admin: berkas harus dipulihkan dari cadangan."
        )


@dataclass(frozen=True)
class PdfLakip:
    isi: bytes
    sumber: str  # "final", "cache" or "baru"
    nama_berkas: str
    final: LaporanFinal | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.isi).hexdigest()


_FOLDER_CACHE = "lakip/cache"


def pdf_dokumen(dokumen: DokumenLakip) -> PdfLakip:
    """The PDF of a rendered document: the cached bytes when this exact document was printed
    before, else a WeasyPrint run whose result replaces the older cache of the same report.

    The cache lives in the private storage (no URL: a preview holds unverified values) and is
    reached through Django's storage API, so web and worker hosts can share it."""
    tersimpan_lalu = pdf_tercache(dokumen)
    if tersimpan_lalu is not None:
        return tersimpan_lalu
    penyimpanan = penyimpanan_pribadi()
    awalan = dokumen.nama_berkas
    nama = _nama_cache(dokumen)
    isi = html_ke_pdf(dokumen.html)
    tersimpan = penyimpanan.save(nama, ContentFile(isi))
    if tersimpan != nama:
        # Another request printed the same document meanwhile: keep one copy.
        penyimpanan.delete(tersimpan)
    _buang_cache_lama(awalan, kecuali=nama)
    return PdfLakip(isi, "baru", f"{awalan}.pdf")


def _nama_cache(dokumen: DokumenLakip) -> str:
    return f"{_FOLDER_CACHE}/{dokumen.nama_berkas}-{dokumen.kunci_cache}.pdf"


@dataclass(frozen=True)
class _MenurutVersi:
    """The version key of a report, and its PDF when one was printed under that key."""

    kunci_versi: str
    pdf: PdfLakip | None = None
    kunci_cache: str = ""


def _pdf_menurut_versi(*, organisasi: Organisasi, tahun: int, pratinjau: bool) -> _MenurutVersi:
    """The PDF printed under the report's current version key, without assembling the
    report: two queries and a read of the stored file (see laporan.tembolok)."""
    versi = tembolok.kunci_versi(organisasi=organisasi, tahun=tahun, pratinjau=pratinjau)
    kunci_cache = tembolok.kunci_cache_tercatat(
        organisasi=organisasi, tahun=tahun, pratinjau=pratinjau, kunci_versi=versi
    )
    if kunci_cache is None:
        return _MenurutVersi(versi)
    awalan = nama_berkas(slug=organisasi.slug, tahun=tahun, pratinjau=pratinjau)
    penyimpanan = penyimpanan_pribadi()
    nama = f"{_FOLDER_CACHE}/{awalan}-{kunci_cache}.pdf"
    try:
        if not penyimpanan.exists(nama):
            return _MenurutVersi(versi)
        with penyimpanan.open(nama, "rb") as f:
            pdf = PdfLakip(f.read(), "cache", f"{awalan}.pdf")
    except FileNotFoundError:  # replaced by a newer render meanwhile
        return _MenurutVersi(versi)
    return _MenurutVersi(versi, pdf, kunci_cache)


def _catat_versi(dokumen: DokumenLakip, kunci_versi: str) -> None:
    data = dokumen.data
    tembolok.catat(
        organisasi=data.organisasi,
        tahun=data.tahun,
        pratinjau=data.pratinjau,
        kunci_versi=kunci_versi,
        kunci_cache=dokumen.kunci_cache,
    )


def pdf_tercache(dokumen: DokumenLakip) -> PdfLakip | None:
    """The cached PDF of exactly this document, or None when it was never printed."""
    penyimpanan = penyimpanan_pribadi()
    nama = _nama_cache(dokumen)
    if not penyimpanan.exists(nama):
        return None
    with penyimpanan.open(nama, "rb") as f:
        return PdfLakip(f.read(), "cache", f"{dokumen.nama_berkas}.pdf")


def _buang_cache_lama(awalan: str, *, kecuali: str) -> None:
    penyimpanan = penyimpanan_pribadi()
    try:
        _, berkas = penyimpanan.listdir(_FOLDER_CACHE)
    except FileNotFoundError:
        return
    for b in berkas:
        # Only this report's older fingerprints, not another report whose name extends it.
        nama = f"{_FOLDER_CACHE}/{b}"
        if nama != kecuali and re.fullmatch(rf"{re.escape(awalan)}-[0-9a-f]{{64}}\.pdf", b):
            penyimpanan.delete(nama)


def lakip_pdf(*, organisasi: Organisasi, tahun: int, pratinjau: bool = False) -> PdfLakip:
    """The report's PDF: the final version's stored bytes when the report is final (never
    rendered again), else the current data's PDF, from the cache when nothing changed."""
    if not pratinjau:
        final = final_berlaku(organisasi=organisasi, tahun=tahun)
        if final is not None:
            nama = f"lakip-{organisasi.slug}-{tahun}-final-v{final.versi}.pdf"
            return PdfLakip(final_baca(final), "final", nama, final)
    versi = _pdf_menurut_versi(organisasi=organisasi, tahun=tahun, pratinjau=pratinjau)
    if versi.pdf is not None:
        return versi.pdf
    dokumen = susun_dokumen(data_lakip(organisasi=organisasi, tahun=tahun, pratinjau=pratinjau))
    pdf = pdf_dokumen(dokumen)
    _catat_versi(dokumen, versi.kunci_versi)
    return pdf


def lakip_pdf_tersimpan(
    *, organisasi: Organisasi, tahun: int, pratinjau: bool = False
) -> tuple[PdfLakip | None, str]:
    """Like lakip_pdf, without rendering: the final or cached PDF (None when the current data
    were never printed), with the fingerprint of the current document."""
    if not pratinjau:
        final = final_berlaku(organisasi=organisasi, tahun=tahun)
        if final is not None:
            return lakip_pdf(organisasi=organisasi, tahun=tahun), final.sidik_html
    versi = _pdf_menurut_versi(organisasi=organisasi, tahun=tahun, pratinjau=pratinjau)
    if versi.pdf is not None:
        return versi.pdf, versi.kunci_cache
    dokumen = susun_dokumen(data_lakip(organisasi=organisasi, tahun=tahun, pratinjau=pratinjau))
    pdf = pdf_tercache(dokumen)
    if pdf is not None:
        _catat_versi(dokumen, versi.kunci_versi)
    return pdf, dokumen.kunci_cache


def final_baca(final: LaporanFinal) -> bytes:
    """The final PDF's stored bytes, checked against the SHA-256 recorded at finalisation on
    every read: a changed or missing file is refused and logged, never served."""
    try:
        with final.berkas.open("rb") as f:
            isi: bytes = f.read()
    except FileNotFoundError:
        logger.error("LAKIP final %s (id %s): berkas %s tidak ada", final, final.pk, final.berkas)
        raise FinalRusak(final, "tidak ditemukan") from None
    sha256 = hashlib.sha256(isi).hexdigest()
    if sha256 != final.sha256:
        logger.error(
            "LAKIP final %s (id %s): SHA-256 berkas %s (%s bita) %s, tercatat %s",
            final,
            final.pk,
            final.berkas,
            len(isi),
            sha256,
            final.sha256,
        )
        raise FinalRusak(final, "sudah berubah sejak difinalkan (SHA-256 tidak cocok)")
    return isi


def _boleh_mengubah(oleh: Pengguna, organisasi: Organisasi, tindakan: str) -> None:
    if not is_admin_organisasi(oleh, organisasi.pk):
        raise TidakBerwenang(f"Hanya admin yang dapat {tindakan} laporan kinerja.")


def laporan_kinerja_buat(*, organisasi: Organisasi, tahun: int) -> LaporanKinerja:
    """The year's report, created with the default texts when it does not exist yet."""
    laporan, tersimpan = laporan_kinerja(organisasi=organisasi, tahun=tahun)
    if tersimpan:
        return laporan
    laporan.full_clean()
    laporan.save()
    return laporan


@transaction.atomic
def laporan_narasi_simpan(
    *,
    organisasi: Organisasi,
    tahun: int,
    nilai: dict[str, object],
    analisis: dict[int, str],
    oleh: Pengguna,
) -> LaporanKinerja:
    """Save the report's texts, place, date and signatory, and each sasaran's analysis."""
    _boleh_mengubah(oleh, organisasi, "mengubah")
    laporan = laporan_kinerja_buat(organisasi=organisasi, tahun=tahun)
    boleh = {"tempat", "tanggal", "penandatangan", "lampiran_pohon", *FIELD_NARASI}
    berubah = [nama for nama in nilai if nama in boleh]
    for nama in berubah:
        setattr(laporan, nama, nilai[nama])
    # Saving is the admin's review of texts copied from last year.
    laporan.perlu_ditinjau = False
    berubah.append("perlu_ditinjau")
    laporan.full_clean()
    laporan.save(update_fields=berubah)
    for sasaran_id, teks in analisis.items():
        AnalisisSasaran.objects.update_or_create(
            laporan=laporan, sasaran_id=sasaran_id, defaults={"teks": teks.strip()}
        )
    return laporan


def laporan_finalkan(
    *, organisasi: Organisasi, tahun: int, oleh: Pengguna, alasan_tanpa_analisis: str = ""
) -> LaporanFinal:
    """Print the report from verified data and store that PDF and its SHA-256 as the final
    version. The stored file never changes afterwards, whatever happens to the data.

    While indicators lack their cause (below target without kendala or tindak lanjut, at or
    above it without faktor pendorong: the consistency panel lists them), the admin gives a
    reason to publish without it, stored with the final version."""
    _boleh_mengubah(oleh, organisasi, "memfinalkan")
    if final_berlaku(organisasi=organisasi, tahun=tahun) is not None:
        raise Ditolak("Laporan tahun ini sudah final. Buka kembali dulu untuk mengubahnya.")
    data = data_lakip(organisasi=organisasi, tahun=tahun)
    tanpa_analisis = data.tanpa_analisis
    alasan = alasan_tanpa_analisis.strip() if tanpa_analisis else ""
    if tanpa_analisis and not alasan:
        raise Ditolak(
            f"{len(tanpa_analisis)} indikator belum memuat penyebab keberhasilan atau "
            "kegagalannya (lihat Pemeriksaan kelengkapan). Lengkapi kendala, tindak lanjut "
            "atau faktor pendorongnya, atau tulis alasan menerbitkan laporan tanpa analisis "
            "tersebut."
        )
    laporan = laporan_kinerja_buat(organisasi=organisasi, tahun=tahun)
    # Rendered outside the transaction: WeasyPrint takes seconds and SQLite would hold its
    # write lock all that time.
    dokumen = susun_dokumen(data)
    pdf = pdf_dokumen(dokumen)
    with transaction.atomic():
        laporan = LaporanKinerja.objects.select_for_update().get(pk=laporan.pk)
        if LaporanFinal.objects.filter(laporan=laporan, dibuka_pada__isnull=True).exists():
            raise Ditolak("Laporan tahun ini sudah final.")
        versi = (
            LaporanFinal.objects.filter(laporan=laporan).aggregate(v=Max("versi"))["v"] or 0
        ) + 1
        sekarang = timezone.now()
        final = LaporanFinal(
            laporan=laporan,
            versi=versi,
            sha256=pdf.sha256,
            sidik_html=dokumen.sidik,
            ukuran=len(pdf.isi),
            alasan_tanpa_analisis=alasan,
            difinalkan_pada=sekarang,
            difinalkan_oleh=oleh,
            # Finalising publishes the report on /publik/<org>/ (publik.selectors).
            dipublikasikan_pada=sekarang,
        )
        final.berkas.save("lakip.pdf", ContentFile(pdf.isi), save=False)
        final.full_clean()
        final.save()
        # A final report closes every period of the year; from now on only an admin can
        # reopen a unit's period, with a reason.
        periode_kunci_tahun(
            organisasi=organisasi,
            tahun=tahun,
            alasan=f"Laporan kinerja tahun {tahun} difinalkan (versi {versi}).",
            pengguna=oleh,
        )
    return final


@transaction.atomic
def laporan_buka_kembali(*, organisasi: Organisasi, tahun: int, oleh: Pengguna) -> LaporanFinal:
    """Reopen a final report: its stored PDF stays as it was (history); the next
    finalisation stores a new version.

    The year's lock goes with it: a lock means "the report is final", and keeping it would have
    the entry forms say so. Periods whose closing date has passed stay closed until an admin
    reopens them; the next finalisation locks the year afresh, ending every reopening."""
    _boleh_mengubah(oleh, organisasi, "membuka kembali")
    final = final_berlaku(organisasi=organisasi, tahun=tahun)
    if final is None:
        raise Ditolak("Laporan tahun ini belum final.")
    final.dibuka_pada = timezone.now()
    final.dibuka_oleh = oleh
    final.save(update_fields=["dibuka_pada", "dibuka_oleh"])
    periode_buka_kunci_tahun(
        organisasi=organisasi,
        tahun=tahun,
        alasan=f"Laporan kinerja tahun {tahun} dibuka kembali (versi {final.versi}).",
        pengguna=oleh,
    )
    return final


__all__ = [
    "FinalRusak",
    "PdfLakip",
    "final_baca",
    "lakip_pdf",
    "lakip_pdf_tersimpan",
    "laporan_buka_kembali",
    "laporan_finalkan",
    "laporan_kinerja_buat",
    "laporan_narasi_simpan",
    "pdf_dokumen",
    "pdf_tercache",
]
