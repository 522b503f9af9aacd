"""Budget: programs and kegiatan with their pagu per year, and realisasi on either level.

A program's pagu is the sum of its kegiatan; absorption and totals are computed, never stored.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        ordering = ["program", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["program", "kode"], name="kegiatan_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


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


class RealisasiProgram(models.Model):
    """Realisasi reported for a whole program (Tabel 31 gives it per program only)."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="realisasi"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    realisasi = models.DecimalField(_("realisasi (Rp)"), max_digits=15, decimal_places=0)

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
