"""How a result is judged: a Renstra's classification scales and national benchmarks."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SkalaPenilaian(models.Model):
    """A Renstra's classification scale: capaian (Tabel 8) or budget absorption (Tabel 32)."""

    class Jenis(models.TextChoices):
        CAPAIAN = "capaian", _("Klasifikasi capaian kinerja")
        ANGGARAN = "anggaran", _("Efektivitas kinerja anggaran")

    renstra = models.ForeignKey(
        "renstra.Renstra",
        verbose_name=_("renstra"),
        on_delete=models.CASCADE,
        related_name="skala_penilaian",
    )
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)

    class Meta:
        verbose_name = _("skala penilaian")
        verbose_name_plural = _("skala penilaian")
        ordering = ["renstra", "jenis"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "jenis"], name="skalapenilaian_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} ({self.renstra})"


class RentangPenilaian(models.Model):
    """One band: values above batas_bawah (or from it, when inklusif) up to the next band."""

    skala = models.ForeignKey(
        SkalaPenilaian, verbose_name=_("skala"), on_delete=models.CASCADE, related_name="rentang"
    )
    nama = models.CharField(_("kategori"), max_length=50)
    batas_bawah = models.DecimalField(
        _("batas bawah"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Kosongkan untuk kategori terendah."),
    )
    inklusif = models.BooleanField(
        _("batas bawah termasuk"),
        default=False,
        help_text=_("Centang bila nilai yang sama dengan batas bawah masuk kategori ini."),
    )
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("rentang penilaian")
        verbose_name_plural = _("rentang penilaian")
        ordering = ["skala", F("batas_bawah").desc(nulls_last=True)]
        constraints = [
            models.UniqueConstraint(fields=["skala", "nama"], name="rentang_nama_unik"),
            models.UniqueConstraint(
                fields=["skala", "batas_bawah", "inklusif"], name="rentang_batas_unik"
            ),
            models.UniqueConstraint(
                fields=["skala"],
                condition=Q(batas_bawah__isnull=True),
                name="rentang_satu_terendah",
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class StandarNasional(models.Model):
    """A national standard or benchmark for an indicator in a year (e.g. a KPU RI target)."""

    indikator = models.ForeignKey(
        "renstra.IndikatorKinerja",
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="standar_nasional",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    nilai = models.DecimalField(_("nilai"), max_digits=20, decimal_places=4, null=True, blank=True)
    tingkat = models.ForeignKey(
        "renstra.TingkatSkala",
        verbose_name=_("nilai (tingkat)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sumber = models.CharField(_("sumber"), max_length=255)
    # Edited by the organisation's admins on the indicator page: who changed it, and from what.
    history = HistoricalRecords(verbose_name=_("riwayat standar nasional"))

    class Meta:
        verbose_name = _("standar nasional")
        verbose_name_plural = _("standar nasional")
        ordering = ["tahun", "indikator__sasaran__nomor", "indikator__urutan"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="standarnasional_unik"),
            models.CheckConstraint(
                condition=Q(nilai__isnull=False, tingkat__isnull=True)
                | Q(nilai__isnull=True, tingkat__isnull=False),
                name="standarnasional_satu_jenis_nilai",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.tahun}"
