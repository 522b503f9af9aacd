"""What a Perjanjian Kinerja and the RKT print, in the layout of the reference's pages.

The templates (templates/kinerja/_dokumen_perjanjian.html, _dokumen_rkt.html) only lay out
what these functions gather; the report's Lampiran and the agreement's own HTML/PDF page
include the same templates.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import segno
from django.conf import settings
from django.db.models import Case, When
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.safestring import SafeString, mark_safe

from inti.kode import kode_cetak
from inti.tampilan import format_nilai
from kinerja.models import PerjanjianKinerja, TandaTangan
from kinerja.perjanjian.sidik import isi_tercetak
from organisasi.models import Organisasi

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


# What a document prints is read from the agreement's content (kinerja.perjanjian.sidik): the
# frozen snapshot once signed, the live content for a draft. These small records stand in for
# the models in the templates, with the same attribute names.


@dataclass(frozen=True)
class LogoCetak:
    name: str

    @property
    def url(self) -> str:
        return Organisasi._meta.get_field("logo").storage.url(self.name)


@dataclass(frozen=True)
class OrganisasiCetak:
    pk: int
    nama: str
    nama_singkat: str
    nama_sekretariat: str
    alamat: str
    kota: str
    kode_pos: str
    telepon: str
    faks: str
    email: str
    logo: LogoCetak | None


@dataclass(frozen=True)
class PejabatCetak:
    nama: str
    nip: str
    jabatan: str
    sebutan_ttd: str


@dataclass(frozen=True)
class SasaranCetak:
    pk: int
    nomor: int
    nama: str


@dataclass(frozen=True)
class IndikatorCetak:
    pk: int
    nama: str


@dataclass(frozen=True)
class KodeCetak:
    kode: str


@dataclass(frozen=True)
class KegiatanCetak:
    uraian: str
    anggaran: Decimal
    program: KodeCetak | None
    kegiatan: KodeCetak | None

    # As on KegiatanPerjanjian, for readers that test the link (laporan.xlsx).
    @property
    def program_id(self) -> str | None:
        return self.program.kode if self.program else None

    @property
    def kegiatan_id(self) -> str | None:
        return self.kegiatan.kode if self.kegiatan else None


@dataclass(frozen=True)
class BarisTarget:
    indikator: IndikatorCetak
    target: str


@dataclass(frozen=True)
class KelompokSasaran:
    """One sasaran of the page with its indicators; numbered locally, as the pages print."""

    nomor: int
    sasaran: SasaranCetak
    baris: list[BarisTarget]


@dataclass(frozen=True)
class DokumenPerjanjian:
    perjanjian: PerjanjianKinerja
    organisasi: OrganisasiCetak
    nama_pemilik: str
    judul: str
    judul_lampiran: list[str]
    pihak_pertama: PejabatCetak
    pihak_kedua: PejabatCetak
    tempat: str
    tanggal: date | None
    sasaran: list[KelompokSasaran]
    kegiatan: list[KegiatanCetak]
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


KOP = ("nama_singkat", "nama_sekretariat", "alamat", "kota", "kode_pos", "telepon", "faks", "email")


def _organisasi(isi: dict) -> OrganisasiCetak:
    o = isi["organisasi"]
    return OrganisasiCetak(
        pk=o["id"],
        nama=o["nama"],
        # A format-1 snapshot (signed before snapshots existed) lacks the letterhead.
        **{k: o.get(k, "") for k in KOP},
        logo=LogoCetak(o["logo"]) if o.get("logo") else None,
    )


def _pihak(p: dict) -> PejabatCetak:
    return PejabatCetak(p["nama"], p["nip"], p["jabatan"], p["jabatan_ttd"])


def _desimal(teks: str | None) -> Decimal | None:
    return None if teks is None else Decimal(teks)


def _sebutan(pejabat: PejabatCetak, organisasi: OrganisasiCetak) -> str:
    sebutan = pejabat.sebutan_ttd
    return sebutan if organisasi.nama.lower() in sebutan.lower() else f"{sebutan} {organisasi.nama}"


def kelompok_sasaran(isi: dict) -> list[KelompokSasaran]:
    kelompok: list[KelompokSasaran] = []
    for t in isi["target"]:
        s = t["sasaran"]
        if not kelompok or kelompok[-1].sasaran.pk != s["id"]:
            kelompok.append(
                KelompokSasaran(len(kelompok) + 1, SasaranCetak(s["id"], s["nomor"], s["nama"]), [])
            )
        teks = format_nilai(
            tipe=t["tipe"],
            angka=_desimal(t["nilai"]),
            kode_tingkat=t["tingkat"],
            angka_atas=_desimal(t["nilai_atas"]),
        )
        kelompok[-1].baris.append(
            BarisTarget(IndikatorCetak(t["indikator_id"], t["indikator"]), teks)
        )
    return kelompok


def _kegiatan(isi: dict) -> list[KegiatanCetak]:
    return [
        KegiatanCetak(
            uraian=k["uraian"],
            anggaran=Decimal(k["anggaran"]),
            program=KodeCetak(k["program"]) if k["program"] else None,
            kegiatan=KodeCetak(k["kegiatan"]) if k["kegiatan"] else None,
        )
        for k in isi["kegiatan"]
    ]


def tanggal_id(tanggal: date) -> str:
    """ "6 Januari 2025", whatever language the request is in."""
    with translation.override("id"):
        return formats.date_format(tanggal, "j F Y")


def keterangan_elektronik(tanda_tangan: TandaTangan) -> str:
    """ "Ditandatangani secara elektronik pada 6 Januari 2025 pukul 09.15 WIB"."""
    waktu = timezone.localtime(tanda_tangan.waktu)
    tanggal = tanggal_id(waktu)
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

    A signed agreement prints its frozen content (isi_beku), a draft its live content.
    alamat_situs ("https://sakip.example.go.id") builds the verification URL printed with the
    QR code; without it, settings.SITE_URL is used.
    """
    isi = isi_tercetak(perjanjian)
    organisasi = _organisasi(isi)
    pertama, kedua = _pihak(isi["pihak_pertama"]), _pihak(isi["pihak_kedua"])
    unit = isi["unit_kerja"]
    sekretariat = organisasi.nama_sekretariat
    pemilik = unit["nama"] if unit else sekretariat
    kegiatan = _kegiatan(isi)
    ttd = {t.pihak: t for t in perjanjian.tanda_tangan.all()}
    pertama_ttd, kedua_ttd = ttd.get(TandaTangan.Pihak.PERTAMA), ttd.get(TandaTangan.Pihak.KEDUA)
    kode = perjanjian.kode_verifikasi or ""
    url = url_verifikasi(kode, alamat_situs) if kode else ""
    judul = "Perubahan Perjanjian Kinerja" if isi["versi"] > 1 else "Perjanjian Kinerja"
    return DokumenPerjanjian(
        perjanjian=perjanjian,
        organisasi=organisasi,
        nama_pemilik=pemilik or organisasi.nama,
        judul=f"{judul} {_sebutan(pertama, organisasi)} Tahun {isi['tahun']}",
        judul_lampiran=[
            judul,
            *([pemilik, sekretariat] if unit else [pemilik]),
            f"Tahun {isi['tahun']}",
        ],
        pihak_pertama=pertama,
        pihak_kedua=kedua,
        tempat=isi["tempat"],
        tanggal=date.fromisoformat(isi["tanggal"]) if isi["tanggal"] else None,
        sasaran=kelompok_sasaran(isi),
        kegiatan=kegiatan,
        total_anggaran=sum((k.anggaran for k in kegiatan), Decimal(0)),
        keterangan_ttd_pertama=keterangan_elektronik(pertama_ttd) if pertama_ttd else "",
        keterangan_ttd_kedua=keterangan_elektronik(kedua_ttd) if kedua_ttd else "",
        kode_verifikasi=kode_cetak(kode),
        url_verifikasi=url,
        qr_svg=qr_svg(url) if url else mark_safe(""),  # noqa: S308 - empty
    )


@dataclass(frozen=True)
class DokumenRkt:
    perjanjian: PerjanjianKinerja
    organisasi: OrganisasiCetak
    nama_unit: str
    tahun: int
    penandatangan: PejabatCetak
    sasaran: list[KelompokSasaran]
    program: list[KegiatanCetak]
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
    # Printed from the agreement's content: the frozen one once signed.
    isi = isi_tercetak(perjanjian)
    dari = _organisasi(isi)
    program = _kegiatan(isi)
    return DokumenRkt(
        perjanjian=perjanjian,
        organisasi=dari,
        nama_unit=dari.nama_sekretariat or dari.nama,
        tahun=tahun,
        penandatangan=_pihak(isi["pihak_pertama"]),
        sasaran=kelompok_sasaran(isi),
        program=program,
        total_anggaran=sum((k.anggaran for k in program), Decimal(0)),
    )
