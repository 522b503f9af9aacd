"""Budget: programs and kegiatan with their pagu per year, and realisasi on either level.

A program's pagu is the sum of its kegiatan; absorption and totals are computed, never stored.
A kegiatan's realisasi may also be kept per month (RealisasiAnggaranBulanan); then the
yearly figure is their sum, kept so by the services and checked by AnggaranKegiatan.clean(),
so that every reader of the yearly figure (the LAKIP, Beranda, Pemantauan) stays as it is.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Klasifikasi Rincian Output: three capital letters ("EBA"); Rincian Output: the KRO, a dot
# and three digits ("EBA.994"), as the DIPA writes them.
POLA_KRO = re.compile(r"[A-Z]{3}")
POLA_RO = re.compile(r"([A-Z]{3})\.\d{3}")
NAMA_BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


class Program(models.Model):
    organisasi = models.ForeignKey(
        "organisasi.Organisasi",
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="program",
    )
    kode = models.CharField(_("kode"), max_length=20)
    nama = models.CharField(_("nama program"), max_length=255)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    history = HistoricalRecords(verbose_name=_("riwayat program"))

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["organisasi", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["organisasi", "kode"], name="program_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class Kegiatan(models.Model):
    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="kegiatan"
    )
    kode = models.CharField(_("kode"), max_length=30)
    nama = models.CharField(_("nama kegiatan"), max_length=255)
    kode_kro = models.CharField(
        _("kode KRO"),
        max_length=3,
        blank=True,
        help_text=_("Klasifikasi Rincian Output, tiga huruf kapital, misalnya EBA."),
    )
    kode_ro = models.CharField(
        _("kode RO"),
        max_length=7,
        blank=True,
        help_text=_("Rincian Output: kode KRO, titik, tiga angka, misalnya EBA.994."),
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    history = HistoricalRecords(verbose_name=_("riwayat kegiatan"))

    class Meta:
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        ordering = ["program", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["program", "kode"], name="kegiatan_kode_unik"),
            models.CheckConstraint(
                condition=Q(kode_ro="") | ~Q(kode_kro=""), name="kegiatan_ro_dengan_kro"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    @property
    def kode_lengkap(self) -> str:
        """The code as the DIPA writes it: kegiatan, then KRO or RO ("3355.EBA.994")."""
        tambahan = self.kode_ro or self.kode_kro
        return f"{self.kode}.{tambahan}" if tambahan else self.kode

    def clean(self) -> None:
        self.kode_kro = self.kode_kro.strip().upper()
        self.kode_ro = self.kode_ro.strip().upper()
        galat = galat_kode_kro_ro(self.kode_kro, self.kode_ro)
        if galat:
            raise ValidationError(galat)


def galat_kode_kro_ro(kro: str, ro: str) -> dict[str, str]:
    """What is wrong with a kegiatan's KRO and RO codes (already upper-cased), per field."""
    galat = {}
    if kro and not POLA_KRO.fullmatch(kro):
        galat["kode_kro"] = f"Kode KRO {kro!r} tidak sah: tulis tiga huruf kapital, misalnya EBA."
    cocok = POLA_RO.fullmatch(ro) if ro else None
    if ro and not cocok:
        galat["kode_ro"] = (
            f"Kode RO {ro!r} tidak sah: tulis kode KRO, titik dan tiga angka, misalnya EBA.994."
        )
    elif cocok and cocok.group(1) != kro and "kode_kro" not in galat:
        galat["kode_ro"] = (
            f"Kode RO {ro} harus diawali kode KRO kegiatan ini ({kro or 'belum diisi'})."
        )
    return galat


class SumberDana(models.TextChoices):
    APBN = "apbn", _("APBN")
    APBD = "apbd", _("APBD (hibah)")


class AnggaranKegiatan(models.Model):
    """A kegiatan's pagu in one year and, where reported on this level, its realisasi."""

    kegiatan = models.ForeignKey(
        Kegiatan, verbose_name=_("kegiatan"), on_delete=models.CASCADE, related_name="anggaran"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    pagu = models.DecimalField(_("pagu (Rp)"), max_digits=15, decimal_places=0)
    realisasi = models.DecimalField(
        _("realisasi (Rp)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    sumber_dana = models.CharField(
        _("sumber dana"), max_length=10, choices=SumberDana.choices, blank=True
    )
    history = HistoricalRecords(verbose_name=_("riwayat anggaran kegiatan"))

    class Meta:
        verbose_name = _("anggaran kegiatan")
        verbose_name_plural = _("anggaran kegiatan")
        ordering = ["kegiatan", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "tahun"], name="anggarankegiatan_unik"),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="anggarankegiatan_pagu_positif"),
            models.CheckConstraint(
                condition=Q(realisasi__isnull=True) | Q(realisasi__gte=0),
                name="anggarankegiatan_realisasi_positif",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kegiatan} {self.tahun}"

    def realisasi_bulanan_total(self) -> Decimal | None:
        """The sum of the monthly realisasi, or None when none is kept per month."""
        if self.pk is None:
            return None
        hasil = self.bulanan.aggregate(t=Sum("jumlah"), n=models.Count("pk"))
        return hasil["t"] if hasil["n"] else None

    def clean(self) -> None:
        total = self.realisasi_bulanan_total()
        if total is not None and self.realisasi != total:
            raise ValidationError(
                {
                    "realisasi": (
                        f"Realisasi {self.kegiatan.kode} tahun {self.tahun} diisi per bulan "
                        f"(jumlahnya {total}); ubah lewat isian bulanan."
                    )
                }
            )


class RealisasiAnggaranBulanan(models.Model):
    """A kegiatan's realisasi in one month of the year of its pagu."""

    anggaran_kegiatan = models.ForeignKey(
        AnggaranKegiatan,
        verbose_name=_("anggaran kegiatan"),
        on_delete=models.CASCADE,
        related_name="bulanan",
    )
    bulan = models.PositiveSmallIntegerField(_("bulan"))
    jumlah = models.DecimalField(_("realisasi (Rp)"), max_digits=15, decimal_places=0)
    history = HistoricalRecords(verbose_name=_("riwayat realisasi anggaran bulanan"))

    class Meta:
        verbose_name = _("realisasi anggaran bulanan")
        verbose_name_plural = _("realisasi anggaran bulanan")
        ordering = ["anggaran_kegiatan", "bulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["anggaran_kegiatan", "bulan"], name="realisasibulanan_unik"
            ),
            models.CheckConstraint(
                condition=Q(bulan__gte=1, bulan__lte=12), name="realisasibulanan_bulan_sah"
            ),
            models.CheckConstraint(
                condition=Q(jumlah__gte=0), name="realisasibulanan_tidak_negatif"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.anggaran_kegiatan} bulan {self.bulan}"


class RealisasiProgram(models.Model):
    """Realisasi reported for a whole program (Tabel 31 gives it per program only)."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="realisasi"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    realisasi = models.DecimalField(_("realisasi (Rp)"), max_digits=15, decimal_places=0)
    history = HistoricalRecords(verbose_name=_("riwayat realisasi program"))

    class Meta:
        verbose_name = _("realisasi program")
        verbose_name_plural = _("realisasi program")
        ordering = ["program", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["program", "tahun"], name="realisasiprogram_unik"),
            models.CheckConstraint(
                condition=Q(realisasi__gte=0), name="realisasiprogram_tidak_negatif"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} {self.tahun}"
