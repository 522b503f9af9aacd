"""Realisasi: the actual value of an indicator per period, and its evidence files."""

import secrets
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .penyimpanan import penyimpanan_pribadi


class Periode(models.TextChoices):
    TW1 = "tw1", _("Triwulan I")
    TW2 = "tw2", _("Triwulan II")
    TW3 = "tw3", _("Triwulan III")
    TW4 = "tw4", _("Triwulan IV")
    TAHUNAN = "tahunan", _("Tahunan")


PERIODE_TRIWULAN = (Periode.TW1, Periode.TW2, Periode.TW3, Periode.TW4)

# Kendala and tindak lanjut are a few sentences for the report's table, not documents (those
# are evidence files). One limit for the entry form, the spreadsheet import, the admin and
# its file import: the model field carries it, a check constraint enforces it in the
# database (SQLite enforces no length on text columns, PostgreSQL none on `text`).
PANJANG_TEKS_MAKS = 5_000
PESAN_TEKS_PANJANG = (
    f"Kendala, tindak lanjut dan faktor pendorong paling panjang {PANJANG_TEKS_MAKS} huruf."
)


class Realisasi(models.Model):
    """The actual value of an indicator for a year and period, with obstacles and follow-up."""

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
        DIVERIFIKASI = "diverifikasi", _("Diverifikasi")

    indikator = models.ForeignKey(
        "renstra.IndikatorKinerja",
        verbose_name=_("indikator"),
        on_delete=models.PROTECT,
        related_name="realisasi",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    periode = models.CharField(_("periode"), max_length=10, choices=Periode.choices)
    nilai = models.DecimalField(
        _("realisasi"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    tingkat = models.ForeignKey(
        "renstra.TingkatSkala",
        verbose_name=_("realisasi (tingkat)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kendala = models.TextField(
        _("kendala"),
        blank=True,
        max_length=PANJANG_TEKS_MAKS,
        validators=[MaxLengthValidator(PANJANG_TEKS_MAKS)],
    )
    tindak_lanjut = models.TextField(
        _("tindak lanjut"),
        blank=True,
        max_length=PANJANG_TEKS_MAKS,
        validators=[MaxLengthValidator(PANJANG_TEKS_MAKS)],
    )
    faktor_pendorong = models.TextField(
        _("faktor pendorong"),
        blank=True,
        max_length=PANJANG_TEKS_MAKS,
        validators=[MaxLengthValidator(PANJANG_TEKS_MAKS)],
        help_text=_("Apa yang membuat target tercapai atau terlampaui."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAF
    )
    # Optimistic locking: every save increments it and checks it in the UPDATE.
    versi = models.PositiveIntegerField(_("versi"), default=1)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)
    catatan_verifikasi = models.TextField(
        _("catatan verifikator"),
        blank=True,
        help_text=_("Alasan pengembalian dari kepala subbagian atau pimpinan."),
    )
    history = HistoricalRecords(
        verbose_name=_("riwayat realisasi"), excluded_fields=["diubah_pada"]
    )

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["tahun", "indikator__sasaran__nomor", "indikator__urutan", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "periode"], name="realisasi_periode_unik"
            ),
            # A realisasi row holds a value; a missing value is no row at all.
            models.CheckConstraint(
                condition=Q(nilai__isnull=False, tingkat__isnull=True)
                | Q(nilai__isnull=True, tingkat__isnull=False),
                name="realisasi_satu_jenis_nilai",
            ),
            models.CheckConstraint(
                condition=Q(nilai__isnull=True) | Q(nilai__gte=Decimal("0")),
                name="realisasi_tidak_negatif",
            ),
            *[
                models.CheckConstraint(
                    condition=LessThanOrEqual(Length(kolom), PANJANG_TEKS_MAKS),
                    name=f"realisasi_{kolom}_panjang_maks",
                    violation_error_message=PESAN_TEKS_PANJANG,
                )
                for kolom in ("kendala", "tindak_lanjut", "faktor_pendorong")
            ],
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.tahun} {self.get_periode_display()}"


def nama_berkas_bukti(instance: "BuktiDukung", filename: str) -> str:
    """A random name: nothing of what the user called the file reaches the disk."""
    akhiran = PurePosixPath(filename).suffix.lower()
    return f"bukti/{secrets.token_hex(16)}{akhiran}"


class BuktiDukung(models.Model):
    """An evidence file for a realisasi (pdf, jpg, png, xlsx, docx), checked by content."""

    realisasi = models.ForeignKey(
        Realisasi, verbose_name=_("realisasi"), on_delete=models.PROTECT, related_name="bukti"
    )
    berkas = models.FileField(
        _("berkas"), upload_to=nama_berkas_bukti, storage=penyimpanan_pribadi, max_length=200
    )
    nama_asli = models.CharField(_("nama berkas asli"), max_length=255)
    jenis_konten = models.CharField(_("jenis isi"), max_length=100)
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"))
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    diunggah_pada = models.DateTimeField(_("diunggah pada"), auto_now_add=True)
    history = HistoricalRecords(verbose_name=_("riwayat bukti dukung"))

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["realisasi", "diunggah_pada", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ukuran__gt=0) & Q(ukuran__lte=10 * 1024 * 1024),
                name="buktidukung_ukuran_maks_10mb",
            ),
        ]

    def __str__(self) -> str:
        return self.nama_asli
