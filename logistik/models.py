"""Election logistics: what was ordered, received, and found good or damaged (Tabel 27)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Pemilihan(models.Model):
    organisasi = models.ForeignKey(
        "organisasi.Organisasi",
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="pemilihan",
    )
    kode = models.SlugField(_("kode"), max_length=50)
    nama = models.CharField(_("nama pemilu/pemilihan"), max_length=255)
    tahun = models.PositiveSmallIntegerField(_("tahun"))

    class Meta:
        verbose_name = _("pemilu/pemilihan")
        verbose_name_plural = _("pemilu/pemilihan")
        ordering = ["organisasi", "-tahun", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["organisasi", "kode"], name="pemilihan_kode_unik"),
        ]

    def __str__(self) -> str:
        return self.nama


class Logistik(models.Model):
    pemilihan = models.ForeignKey(
        Pemilihan, verbose_name=_("pemilihan"), on_delete=models.CASCADE, related_name="logistik"
    )
    urutan = models.PositiveSmallIntegerField(_("nomor"))
    jenis = models.CharField(_("jenis logistik"), max_length=150)
    satuan = models.CharField(_("satuan"), max_length=30)
    dipesan = models.PositiveIntegerField(_("jumlah yang dipesan"))
    diterima = models.PositiveIntegerField(_("jumlah yang diterima"))
    baik = models.PositiveIntegerField(_("baik"))
    rusak = models.PositiveIntegerField(_("rusak"))

    class Meta:
        verbose_name = _("logistik")
        verbose_name_plural = _("logistik")
        ordering = ["pemilihan", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["pemilihan", "urutan"], name="logistik_nomor_unik"),
            models.UniqueConstraint(fields=["pemilihan", "jenis"], name="logistik_jenis_unik"),
            models.CheckConstraint(
                condition=Q(baik__lte=F("diterima") - F("rusak")),
                name="logistik_baik_rusak_tidak_melebihi_diterima",
            ),
        ]

    def __str__(self) -> str:
        return self.jenis
