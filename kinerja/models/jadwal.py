"""The year's calendar: when periods close, reopen and lock, deadlines, and reminders sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .realisasi import Periode


class JadwalPeriode(models.Model):
    """The last day on which a period's realisasi may be entered, per organisation and year.

    A period without a row closes at the organisation's default deadline
    (Organisasi.hari_tutup_baku days after it ends): periods fail closed.
    """

    organisasi = models.ForeignKey(
        "organisasi.Organisasi",
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="jadwal_periode",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    periode = models.CharField(_("periode"), max_length=10, choices=Periode.choices)
    tanggal_tutup = models.DateField(
        _("tanggal tutup"),
        help_text=_("Hari terakhir pengisian; sesudah tanggal ini periode terkunci."),
    )
    history = HistoricalRecords(verbose_name=_("riwayat jadwal periode"))

    class Meta:
        verbose_name = _("jadwal periode")
        verbose_name_plural = _("jadwal periode")
        ordering = ["organisasi", "-tahun", "tanggal_tutup"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisasi", "tahun", "periode"], name="jadwalperiode_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_periode_display()} {self.tahun}: tutup {self.tanggal_tutup:%d-%m-%Y}"


class KunciTahun(models.Model):
    """A year whose report is final: every period of every unit is closed."""

    organisasi = models.ForeignKey(
        "organisasi.Organisasi",
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="kunci_tahun",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    alasan = models.TextField(_("alasan"))
    dikunci_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dikunci oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dikunci_pada = models.DateTimeField(_("dikunci pada"))
    history = HistoricalRecords(verbose_name=_("riwayat kunci tahun"))

    class Meta:
        verbose_name = _("kunci tahun")
        verbose_name_plural = _("kunci tahun")
        ordering = ["organisasi", "-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["organisasi", "tahun"], name="kuncitahun_unik"),
            models.CheckConstraint(condition=~Q(alasan=""), name="kuncitahun_alasan_wajib"),
        ]

    def __str__(self) -> str:
        return f"{self.organisasi} {self.tahun}"


class PembukaanPeriode(models.Model):
    """An admin reopened one unit's closed period until a date, for a stated reason."""

    unit_kerja = models.ForeignKey(
        "organisasi.UnitKerja",
        verbose_name=_("unit kerja"),
        on_delete=models.CASCADE,
        related_name="pembukaan_periode",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    periode = models.CharField(_("periode"), max_length=10, choices=Periode.choices)
    sampai = models.DateField(_("dibuka sampai"))
    alasan = models.TextField(_("alasan"))
    dibuka_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuka oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dibuka_pada = models.DateTimeField(_("dibuka pada"))
    history = HistoricalRecords(verbose_name=_("riwayat pembukaan periode"))

    class Meta:
        verbose_name = _("pembukaan periode")
        verbose_name_plural = _("pembukaan periode")
        ordering = ["-dibuka_pada"]
        constraints = [
            models.CheckConstraint(condition=~Q(alasan=""), name="pembukaanperiode_alasan_wajib"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_kerja} {self.get_periode_display()} {self.tahun}"


class TenggatWaktu(models.Model):
    """A deadline of the year's calendar that an admin set instead of its default.

    Without a row each deadline has a default (kinerja/kalender.py): agreements signed by 31
    January, each quarter verified 10 days after its entry closes, the LAKIP by the end of
    February internally and by 31 March legally (Perpres 29/2014: three months after the year).
    The entry deadline itself is the period's schedule (JadwalPeriode), not a row here.
    """

    class Jenis(models.TextChoices):
        TANDA_TANGAN = "tanda_tangan", _("Penandatanganan perjanjian kinerja")
        VERIFIKASI = "verifikasi", _("Batas verifikasi realisasi")
        LAKIP_INTERNAL = "lakip_internal", _("Batas internal penyusunan LAKIP")
        LAKIP = "lakip", _("Batas penyampaian LAKIP")

    organisasi = models.ForeignKey(
        "organisasi.Organisasi",
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="tenggat_waktu",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"), help_text=_("Tahun kinerja."))
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    periode = models.CharField(
        _("periode"),
        max_length=10,
        choices=Periode.choices,
        blank=True,
        help_text=_("Hanya untuk batas verifikasi."),
    )
    tanggal = models.DateField(_("tanggal"))
    history = HistoricalRecords(verbose_name=_("riwayat tenggat waktu"))

    class Meta:
        verbose_name = _("tenggat waktu")
        verbose_name_plural = _("tenggat waktu")
        ordering = ["organisasi", "-tahun", "tanggal"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisasi", "tahun", "jenis", "periode"], name="tenggatwaktu_unik"
            ),
            # A verification deadline belongs to a period; the others to the whole year.
            models.CheckConstraint(
                condition=Q(jenis="verifikasi", periode__gt="")
                | (~Q(jenis="verifikasi") & Q(periode="")),
                name="tenggatwaktu_periode_hanya_verifikasi",
            ),
        ]

    def __str__(self) -> str:
        periode = f" {self.get_periode_display()}" if self.periode else ""
        return f"{self.get_jenis_display()}{periode} {self.tahun}: {self.tanggal:%d-%m-%Y}"


class PengingatTerkirim(models.Model):
    """One reminder sent to a person about one thing on one day: at most once a day."""

    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="pengingat_terkirim",
    )
    jenis = models.CharField(_("jenis"), max_length=20)
    kunci = models.CharField(_("tentang"), max_length=100)
    tanggal = models.DateField(_("tanggal"))
    dikirim_pada = models.DateTimeField(_("dikirim pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("pengingat terkirim")
        verbose_name_plural = _("pengingat terkirim")
        ordering = ["-tanggal", "pengguna"]
        constraints = [
            models.UniqueConstraint(
                fields=["pengguna", "jenis", "kunci", "tanggal"], name="pengingatterkirim_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pengguna} {self.jenis} {self.kunci} {self.tanggal}"
