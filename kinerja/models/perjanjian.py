"""Agreements (Perjanjian Kinerja): their targets, kegiatan lines and signatures.

Nothing derived is stored here: capaian, categories and totals come from inti.capaian.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from anggaran.models import SumberDana
from renstra.models import NilaiTarget


class PerjanjianKinerja(models.Model):
    """One version of a year's agreement, of the organisation (unit_kerja empty) or of a unit."""

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        # Pihak pertama has signed; waiting for pihak kedua. The content is already locked.
        SEBAGIAN = "sebagian", _("Menunggu tanda tangan pihak kedua")
        DITANDATANGANI = "ditandatangani", _("Ditandatangani")

    # Statuses under which the content may no longer change (enforced by services, the admin
    # and the database triggers of migration 0006_perjanjian_guard_every_path).
    STATUS_TERKUNCI = (Status.SEBAGIAN, Status.DITANDATANGANI)

    organisasi = models.ForeignKey(
        "organisasi.Organisasi",
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="perjanjian_kinerja",
    )
    unit_kerja = models.ForeignKey(
        "organisasi.UnitKerja",
        verbose_name=_("unit kerja"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="perjanjian_kinerja",
        help_text=_("Kosongkan untuk perjanjian kinerja organisasi."),
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    versi = models.PositiveSmallIntegerField(
        _("versi"), default=1, help_text=_("Versi 2 dan seterusnya adalah perubahan.")
    )
    pihak_pertama = models.ForeignKey(
        "organisasi.Pejabat",
        verbose_name=_("pihak pertama"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    pihak_kedua = models.ForeignKey(
        "organisasi.Pejabat",
        verbose_name=_("pihak kedua"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    tempat = models.CharField(_("tempat"), max_length=100)
    # Null where the source does not print it (the reference year's amendment); forms require it.
    tanggal = models.DateField(_("tanggal"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAF
    )
    kode_verifikasi = models.CharField(
        _("kode verifikasi"),
        max_length=32,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Diberikan saat pihak kedua menandatangani di aplikasi."),
    )
    # The canonical JSON of kinerja.perjanjian.sidik, exactly as hashed, frozen when pihak
    # pertama signs (or when a paper-signed agreement is recorded): the signed document is
    # printed from it, never re-rendered from master data that may change afterwards.
    isi_beku = models.TextField(  # noqa: DJ001 - NULL for "none yet", never an empty snapshot
        _("isi yang ditandatangani"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        ordering = ["organisasi", "-tahun", F("unit_kerja__urutan").asc(nulls_first=True), "versi"]
        constraints = [
            # NULL never equals NULL in a unique index, so the organisation's own agreement
            # (no unit) needs its own partial constraint.
            models.UniqueConstraint(
                fields=["organisasi", "tahun", "versi"],
                condition=Q(unit_kerja__isnull=True),
                name="pk_organisasi_versi_unik",
            ),
            models.UniqueConstraint(
                fields=["organisasi", "unit_kerja", "tahun", "versi"],
                condition=Q(unit_kerja__isnull=False),
                name="pk_unit_versi_unik",
            ),
            models.CheckConstraint(condition=Q(versi__gte=1), name="pk_versi_positif"),
            models.CheckConstraint(
                condition=~Q(pihak_pertama=F("pihak_kedua")), name="pk_dua_pihak_berbeda"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draf", "sebagian", "ditandatangani"]),
                name="pk_status_dikenal",
            ),
            # Only an agreement signed in the application carries a verification code.
            models.CheckConstraint(
                condition=Q(kode_verifikasi__isnull=True) | Q(status="ditandatangani"),
                name="pk_kode_hanya_bila_ditandatangani",
            ),
            # A draft has no frozen content; a (partly) signed agreement always has one.
            models.CheckConstraint(
                condition=Q(status="draf", isi_beku__isnull=True)
                | (~Q(status="draf") & Q(isi_beku__isnull=False)),
                name="pk_isi_beku_bila_terkunci",
            ),
        ]

    def __str__(self) -> str:
        pemilik = self.unit_kerja.nama if self.unit_kerja_id else self.organisasi.nama_singkat
        return f"{self.judul} {pemilik} {self.tahun} (versi {self.versi})"

    @property
    def judul(self) -> str:
        return "Perubahan Perjanjian Kinerja" if self.versi > 1 else "Perjanjian Kinerja"

    @property
    def is_ditandatangani(self) -> bool:
        return self.status == self.Status.DITANDATANGANI

    @property
    def is_draf(self) -> bool:
        return self.status == self.Status.DRAF

    @property
    def is_terkunci(self) -> bool:
        return self.status in self.STATUS_TERKUNCI


class TargetKinerja(NilaiTarget):
    perjanjian = models.ForeignKey(
        PerjanjianKinerja,
        verbose_name=_("perjanjian kinerja"),
        on_delete=models.CASCADE,
        related_name="target",
    )
    indikator = models.ForeignKey(
        "renstra.IndikatorKinerja",
        verbose_name=_("indikator"),
        on_delete=models.PROTECT,
        related_name="target_kinerja",
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("target kinerja")
        verbose_name_plural = _("target kinerja")
        ordering = ["perjanjian", "indikator__sasaran__nomor", "urutan"]
        constraints = [
            # One target per indicator, year and agreement version (the agreement is unique
            # per organisation or unit, year and version).
            models.UniqueConstraint(
                fields=["perjanjian", "indikator"], name="targetkinerja_indikator_unik"
            ),
            *NilaiTarget.target_constraints("targetkinerja"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator}"


class KegiatanPerjanjian(models.Model):
    """A line of the agreement's kegiatan and anggaran table."""

    perjanjian = models.ForeignKey(
        PerjanjianKinerja,
        verbose_name=_("perjanjian kinerja"),
        on_delete=models.CASCADE,
        related_name="kegiatan",
    )
    uraian = models.CharField(_("kegiatan"), max_length=255)
    anggaran = models.DecimalField(_("anggaran (Rp)"), max_digits=15, decimal_places=0)
    program = models.ForeignKey(
        "anggaran.Program",
        verbose_name=_("program anggaran"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kegiatan = models.ForeignKey(
        "anggaran.Kegiatan",
        verbose_name=_("kegiatan anggaran"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kegiatan dan anggaran perjanjian")
        verbose_name_plural = _("kegiatan dan anggaran perjanjian")
        ordering = ["perjanjian", "urutan"]
        constraints = [
            models.CheckConstraint(
                condition=Q(anggaran__gte=0), name="kegiatanperjanjian_anggaran_tidak_negatif"
            ),
            models.CheckConstraint(
                condition=Q(program__isnull=True) | Q(kegiatan__isnull=True),
                name="kegiatanperjanjian_program_atau_kegiatan",
            ),
        ]

    def __str__(self) -> str:
        return self.uraian


class PemetaanKegiatan(models.Model):
    """Which sasaran (and indicator) a kegiatan line of an agreement serves, and its funds.

    Kept beside the agreement rather than on it: a signed agreement is frozen, while this link
    is analysis data an admin may correct after signing. One line serves one sasaran, so the
    per-sasaran budget tables of the LAKIP add up to the agreements' total.
    """

    kegiatan = models.OneToOneField(
        KegiatanPerjanjian,
        verbose_name=_("kegiatan perjanjian"),
        on_delete=models.CASCADE,
        related_name="pemetaan",
    )
    sasaran = models.ForeignKey(
        "renstra.SasaranStrategis",
        verbose_name=_("sasaran strategis yang didukung"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    indikator = models.ForeignKey(
        "renstra.IndikatorKinerja",
        verbose_name=_("indikator yang didukung"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sumber_dana = models.CharField(
        _("sumber dana"),
        max_length=10,
        choices=SumberDana.choices,
        blank=True,
        help_text=_("Kosong bila dokumen tidak mencantumkannya."),
    )
    realisasi = models.DecimalField(
        _("realisasi anggaran (Rp)"),
        max_digits=15,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Kosong bila realisasi per kegiatan tidak dilaporkan."),
    )

    class Meta:
        verbose_name = _("pemetaan kegiatan ke sasaran")
        verbose_name_plural = _("pemetaan kegiatan ke sasaran")
        ordering = ["sasaran__nomor", "kegiatan__perjanjian", "kegiatan__urutan"]
        constraints = [
            models.CheckConstraint(
                condition=Q(realisasi__isnull=True) | Q(realisasi__gte=0),
                name="pemetaankegiatan_realisasi_tidak_negatif",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kegiatan} → sasaran {self.sasaran.nomor}"

    def clean(self) -> None:
        if self.indikator_id and self.sasaran_id and self.indikator.sasaran_id != self.sasaran_id:
            raise ValidationError(
                {"indikator": _("Indikator ini bukan indikator sasaran yang dipilih.")}
            )


class TandaTangan(models.Model):
    """One party's signature given in the application, with the content hash it signed."""

    class Pihak(models.TextChoices):
        PERTAMA = "pertama", _("Pihak pertama")
        KEDUA = "kedua", _("Pihak kedua")

    perjanjian = models.ForeignKey(
        PerjanjianKinerja,
        verbose_name=_("perjanjian kinerja"),
        on_delete=models.PROTECT,
        related_name="tanda_tangan",
    )
    pihak = models.CharField(_("pihak"), max_length=10, choices=Pihak.choices)
    pejabat = models.ForeignKey(
        "organisasi.Pejabat",
        verbose_name=_("pejabat"),
        on_delete=models.PROTECT,
        related_name="tanda_tangan",
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun penanda tangan"),
        on_delete=models.PROTECT,
        related_name="tanda_tangan",
    )
    waktu = models.DateTimeField(_("waktu"))
    sha256 = models.CharField(
        _("SHA-256 isi perjanjian"),
        max_length=64,
        help_text=_("Sidik isi perjanjian pada saat ditandatangani."),
    )

    class Meta:
        verbose_name = _("tanda tangan elektronik")
        verbose_name_plural = _("tanda tangan elektronik")
        ordering = ["perjanjian", "waktu"]
        constraints = [
            models.UniqueConstraint(
                fields=["perjanjian", "pihak"], name="tandatangan_satu_per_pihak"
            ),
            models.CheckConstraint(
                condition=Q(pihak__in=["pertama", "kedua"]), name="tandatangan_pihak_dikenal"
            ),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="tandatangan_sha256_heksa"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_pihak_display()}: {self.pejabat.nama} ({self.waktu:%Y-%m-%d %H:%M})"
