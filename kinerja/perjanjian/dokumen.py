"""What a Perjanjian Kinerja and the RKT print, in the layout of the reference's pages.

The templates (templates/kinerja/_dokumen_perjanjian.html, _dokumen_rkt.html) only lay out
what these functions gather; the report's Lampiran and the agreement's own HTML/PDF page
include the same templates.
"""

from dataclasses import dataclass
from decimal import Decimal

import segno
from django.conf import settings
from django.db.models import Case, When
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.safestring import SafeString, mark_safe

from inti.tampilan import format_nilai
from kinerja.models import KegiatanPerjanjian, PerjanjianKinerja, TandaTangan, TargetKinerja
from organisasi.models import Organisasi, Pejabat
from renstra.models import IndikatorKinerja, SasaranStrategis

KALIMAT_PEMBUKA = (
    "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel "
    "serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
)
JANJI_PIHAK_PERTAMA = (
    "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
    "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
    "ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja "
    "tersebut menjadi tanggung jawab kami."
)
JANJI_PIHAK_KEDUA = (
    "Pihak kedua akan memberikan supervisi yang diperlukan serta akan melakukan evaluasi "
    "terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam "
    "rangka pemberian penghargaan dan sanksi."
)


@dataclass(frozen=True)
class BarisTarget:
    indikator: IndikatorKinerja
    target: str


@dataclass(frozen=True)
class KelompokSasaran:
    """One sasaran of the page with its indicators; numbered locally, as the pages print."""

    nomor: int
    sasaran: SasaranStrategis
    baris: list[BarisTarget]


@dataclass(frozen=True)
class DokumenPerjanjian:
    perjanjian: PerjanjianKinerja
    organisasi: Organisasi
    judul: str
    judul_lampiran: list[str]
    pihak_pertama: Pejabat
    pihak_kedua: Pejabat
    sasaran: list[KelompokSasaran]
    kegiatan: list[KegiatanPerjanjian]
    total_anggaran: Decimal
    # Shown in the signature space once a party has signed in the application.
    keterangan_ttd_pertama: str = ""
    keterangan_ttd_kedua: str = ""
    # Only for agreements signed by both parties in the application.
    kode_verifikasi: str = ""
    url_verifikasi: str = ""
    qr_svg: SafeString = mark_safe("")  # noqa: S308 - empty
    kalimat_pembuka: str = KALIMAT_PEMBUKA
    janji_pihak_pertama: str = JANJI_PIHAK_PERTAMA
    janji_pihak_kedua: str = JANJI_PIHAK_KEDUA


def _sebutan(pejabat: Pejabat, organisasi: Organisasi) -> str:
    sebutan = pejabat.sebutan_ttd
    return sebutan if organisasi.nama.lower() in sebutan.lower() else f"{sebutan} {organisasi.nama}"


def _kelompok_sasaran(perjanjian: PerjanjianKinerja) -> list[KelompokSasaran]:
    targets = (
        TargetKinerja.objects.filter(perjanjian=perjanjian)
        .select_related("indikator__sasaran", "tingkat")
        .order_by("indikator__sasaran__nomor", "urutan", "indikator__urutan")
    )
    kelompok: list[KelompokSasaran] = []
    for t in targets:
        sasaran = t.indikator.sasaran
        if not kelompok or kelompok[-1].sasaran.pk != sasaran.pk:
            kelompok.append(KelompokSasaran(len(kelompok) + 1, sasaran, []))
        teks = format_nilai(
            tipe=t.indikator.tipe,
            angka=t.nilai,
            kode_tingkat=t.tingkat.kode if t.tingkat else None,
            angka_atas=t.nilai_atas,
        )
        kelompok[-1].baris.append(BarisTarget(t.indikator, teks))
    return kelompok


def keterangan_elektronik(tanda_tangan: TandaTangan) -> str:
    """ "Ditandatangani secara elektronik pada 6 Januari 2025 pukul 09.15 WIB"."""
    waktu = timezone.localtime(tanda_tangan.waktu)
    with translation.override("id"):
        tanggal = formats.date_format(waktu, "j F Y")
    return f"Ditandatangani secara elektronik pada {tanggal} pukul {waktu:%H.%M} {waktu:%Z}".strip()


def url_verifikasi(kode: str, alamat_situs: str | None = None) -> str:
    """The absolute address of the public verification page (SITE_URL outside a request)."""
    situs = (alamat_situs or settings.SITE_URL).rstrip("/")
    return situs + reverse("verifikasi", args=[kode])


def qr_svg(teks: str) -> SafeString:
    """An inline SVG QR code (sized by CSS), readable in the browser and in WeasyPrint."""
    svg = segno.make(teks, error="m").svg_inline(scale=1, border=2, omitsize=True)
    return mark_safe(svg)  # noqa: S308 - segno's own markup around a URL we built


def dokumen_perjanjian(
    perjanjian: PerjanjianKinerja, *, alamat_situs: str | None = None
) -> DokumenPerjanjian:
    """Everything one agreement prints: statement page and attachment with its tables.

    alamat_situs ("https://sakip.example.go.id") builds the verification URL printed with the
    QR code; without it, settings.SITE_URL is used.
    """
    organisasi = perjanjian.organisasi
    pertama, kedua = perjanjian.pihak_pertama, perjanjian.pihak_kedua
    pemilik = (
        perjanjian.unit_kerja.nama if perjanjian.unit_kerja_id else organisasi.nama_sekretariat
    )
    kegiatan = list(perjanjian.kegiatan.select_related("program", "kegiatan"))
    ttd = {t.pihak: t for t in perjanjian.tanda_tangan.all()}
    pertama_ttd, kedua_ttd = ttd.get(TandaTangan.Pihak.PERTAMA), ttd.get(TandaTangan.Pihak.KEDUA)
    kode = perjanjian.kode_verifikasi or ""
    url = url_verifikasi(kode, alamat_situs) if kode else ""
    return DokumenPerjanjian(
        perjanjian=perjanjian,
        organisasi=organisasi,
        judul=f"{perjanjian.judul} {_sebutan(pertama, organisasi)} Tahun {perjanjian.tahun}",
        judul_lampiran=[
            perjanjian.judul,
            *([pemilik, organisasi.nama_sekretariat] if perjanjian.unit_kerja_id else [pemilik]),
            f"Tahun {perjanjian.tahun}",
        ],
        pihak_pertama=pertama,
        pihak_kedua=kedua,
        sasaran=_kelompok_sasaran(perjanjian),
        kegiatan=kegiatan,
        total_anggaran=sum((k.anggaran for k in kegiatan), Decimal(0)),
        keterangan_ttd_pertama=keterangan_elektronik(pertama_ttd) if pertama_ttd else "",
        keterangan_ttd_kedua=keterangan_elektronik(kedua_ttd) if kedua_ttd else "",
        kode_verifikasi=kode,
        url_verifikasi=url,
        qr_svg=qr_svg(url) if url else mark_safe(""),  # noqa: S308 - empty
    )


@dataclass(frozen=True)
class DokumenRkt:
    perjanjian: PerjanjianKinerja
    organisasi: Organisasi
    nama_unit: str
    tahun: int
    penandatangan: Pejabat
    sasaran: list[KelompokSasaran]
    program: list[KegiatanPerjanjian]
    total_anggaran: Decimal


def perjanjian_awal(*, organisasi: Organisasi, tahun: int) -> PerjanjianKinerja | None:
    """The organisation's first signed agreement of the year, else its first draft."""
    return (
        PerjanjianKinerja.objects.filter(organisasi=organisasi, tahun=tahun, unit_kerja=None)
        .select_related("organisasi", "pihak_pertama", "pihak_kedua")
        .order_by(
            Case(When(status=PerjanjianKinerja.Status.DITANDATANGANI, then=0), default=1), "versi"
        )
        .first()
    )


def dokumen_rkt(*, organisasi: Organisasi, tahun: int) -> DokumenRkt | None:
    """The Rencana Kinerja Tahunan, generated from the organisation's agreement.

    The RKT is the plan set at the start of the year, so it follows the first signed version;
    an amendment changes the agreement, not the year's original plan (as in the reference).
    """
    perjanjian = perjanjian_awal(organisasi=organisasi, tahun=tahun)
    if perjanjian is None:
        return None
    program = list(perjanjian.kegiatan.select_related("program"))
    return DokumenRkt(
        perjanjian=perjanjian,
        organisasi=organisasi,
        nama_unit=organisasi.nama_sekretariat or organisasi.nama,
        tahun=tahun,
        penandatangan=perjanjian.pihak_pertama,
        sasaran=_kelompok_sasaran(perjanjian),
        program=program,
        total_anggaran=sum((k.anggaran for k in program), Decimal(0)),
    )
