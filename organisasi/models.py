"""The satker, its units, its officials and the people who use the application."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Organisasi(models.Model):
    """A satuan kerja: KPU RI, a KPU Provinsi or a KPU Kabupaten/Kota, with its secretariat."""

    nama = models.CharField(_("nama"), max_length=200)
    nama_singkat = models.CharField(_("nama singkat"), max_length=100)
    nama_sekretariat = models.CharField(_("nama sekretariat"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    induk = models.ForeignKey(
        "self",
        verbose_name=_("organisasi induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anak",
    )
    alamat = models.CharField(_("alamat"), max_length=255, blank=True)
    kota = models.CharField(
        _("kota"), max_length=100, blank=True, help_text=_("Tempat penandatanganan dokumen.")
    )
    provinsi = models.CharField(_("provinsi"), max_length=100, blank=True)
    kode_pos = models.CharField(_("kode pos"), max_length=10, blank=True)
    telepon = models.CharField(_("telepon"), max_length=50, blank=True)
    faks = models.CharField(_("faks"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logo/", blank=True)
    hari_tutup_baku = models.PositiveSmallIntegerField(
        _("hari tutup baku"),
        default=15,
        help_text=_(
            "Periode tanpa jadwal tutup ditutup sekian hari setelah triwulannya (periode "
            "tahunan: setelah tahunnya) berakhir."
        ),
    )
    # Scale-test data (laporan.nasional): never mixed with real satker, always recognisable.
    sintetis = models.BooleanField(
        _("sintetis"),
        default=False,
        help_text=_("Data uji skala dari buat_data_nasional, bukan satker nyata."),
    )

    class Meta:
        verbose_name = _("organisasi")
        verbose_name_plural = _("organisasi")
        ordering = ["nama"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(induk=F("pk")), name="organisasi_bukan_induk_sendiri"
            ),
        ]

    def __str__(self) -> str:
        return self.nama_singkat or self.nama


class UnitKerja(models.Model):
    """The secretariat and its subbagian (Tabel 2 of the reference)."""

    class Jenis(models.TextChoices):
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        SUBBAGIAN = "subbagian", _("Subbagian")

    organisasi = models.ForeignKey(
        Organisasi, verbose_name=_("organisasi"), on_delete=models.CASCADE, related_name="unit"
    )
    induk = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bawahan",
    )
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    nama = models.CharField(_("nama"), max_length=200)
    nama_singkat = models.CharField(_("nama singkat"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=50)
    tugas = models.TextField(_("uraian tugas"), blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["organisasi", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["organisasi", "slug"], name="unitkerja_slug_unik"),
        ]

    def __str__(self) -> str:
        return self.nama


class Pejabat(models.Model):
    """A person holding a position in a period: the signatories of agreements and reports."""

    class Peran(models.TextChoices):
        KETUA = "ketua", _("Ketua")
        SEKRETARIS = "sekretaris", _("Sekretaris")
        KEPALA_SUBBAGIAN = "kepala_subbagian", _("Kepala Subbagian")

    class Pelaksana(models.TextChoices):
        # An acting official signs as "Plt." (vacancy) or "Plh." (temporary absence).
        DEFINITIF = "", _("Definitif")
        PLT = "plt", _("Pelaksana Tugas (Plt.)")
        PLH = "plh", _("Pelaksana Harian (Plh.)")

    organisasi = models.ForeignKey(
        Organisasi, verbose_name=_("organisasi"), on_delete=models.CASCADE, related_name="pejabat"
    )
    unit_kerja = models.ForeignKey(
        UnitKerja,
        verbose_name=_("unit kerja yang dipimpin"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pejabat",
    )
    peran = models.CharField(_("peran"), max_length=20, choices=Peran.choices)
    nama = models.CharField(_("nama"), max_length=150, help_text=_("Dengan gelar."))
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    jabatan = models.CharField(_("jabatan"), max_length=200)
    jabatan_ttd = models.CharField(
        _("jabatan pada tanda tangan"),
        max_length=200,
        blank=True,
        help_text=_("Sebutan jabatan di atas tanda tangan, bila berbeda dari jabatan."),
    )
    pelaksana = models.CharField(
        _("pelaksana"), max_length=3, choices=Pelaksana.choices, blank=True, default=""
    )
    mulai = models.DateField(_("mulai menjabat"))
    selesai = models.DateField(_("selesai menjabat"), null=True, blank=True)
    pengguna = models.ForeignKey(
        "organisasi.Pengguna",
        verbose_name=_("akun pengguna"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jabatan",
        help_text=_(
            "Akun yang menandatangani atas nama pejabat ini. Tidak dapat diganti selama ada "
            "perjanjian kinerja yang menunggu tanda tangannya; setiap perubahan tercatat."
        ),
    )
    # Who could sign for whom, and since when: the account link is what a signature trusts.
    history = HistoricalRecords(verbose_name=_("riwayat pejabat"))

    class Meta:
        verbose_name = _("pejabat")
        verbose_name_plural = _("pejabat")
        ordering = ["organisasi", "-mulai", "nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=F("mulai")),
                name="pejabat_selesai_setelah_mulai",
            ),
            models.CheckConstraint(
                condition=Q(nip="") | Q(nip__regex=r"^[0-9]{18}$"),
                name="pejabat_nip_18_digit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.jabatan})"

    @property
    def sebutan_ttd(self) -> str:
        sebutan = self.jabatan_ttd or self.jabatan
        awalan = {self.Pelaksana.PLT: "Plt.", self.Pelaksana.PLH: "Plh."}.get(self.pelaksana)
        return f"{awalan} {sebutan}" if awalan else sebutan


class UraianTugas(models.Model):
    """Tugas, fungsi and wewenang of the organisation (Tabel 1)."""

    class Jenis(models.TextChoices):
        TUGAS = "tugas", _("Tugas")
        FUNGSI = "fungsi", _("Fungsi")
        WEWENANG = "wewenang", _("Wewenang")

    organisasi = models.ForeignKey(
        Organisasi,
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="uraian_tugas",
    )
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    teks = models.TextField(_("uraian"))

    class Meta:
        verbose_name = _("uraian tugas, fungsi dan wewenang")
        verbose_name_plural = _("uraian tugas, fungsi dan wewenang")
        ordering = ["organisasi", "jenis", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisasi", "jenis", "urutan"], name="uraiantugas_urutan_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.urutan}"


class JumlahPegawai(models.Model):
    """Staff counts by employment status in a year (Tabel 3); the total is computed."""

    organisasi = models.ForeignKey(
        Organisasi,
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="jumlah_pegawai",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    status_kepegawaian = models.CharField(_("status kepegawaian"), max_length=100)
    jumlah = models.PositiveIntegerField(_("jumlah pegawai"))
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("jumlah pegawai")
        verbose_name_plural = _("jumlah pegawai")
        ordering = ["organisasi", "-tahun", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisasi", "tahun", "status_kepegawaian"],
                name="jumlahpegawai_status_unik",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.status_kepegawaian} {self.tahun}: {self.jumlah}"


class Pengguna(AbstractUser):
    """A user of the application: belongs to one organisation and, for heads and staff, a unit."""

    class Peran(models.TextChoices):
        ADMIN = "admin", _("Admin")
        PIMPINAN = "pimpinan", _("Pimpinan")
        KEPALA = "kepala", _("Kepala Subbagian")
        STAF = "staf", _("Staf")
        # Evaluates the LKE of its own organisation and of every organisation below it.
        EVALUATOR = "evaluator", _("Evaluator (Inspektorat)")

    organisasi = models.ForeignKey(
        Organisasi,
        verbose_name=_("organisasi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengguna",
    )
    unit_kerja = models.ForeignKey(
        UnitKerja,
        verbose_name=_("unit kerja"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengguna",
    )
    peran = models.CharField(_("peran"), max_length=20, choices=Peran.choices, blank=True)
    terima_pengingat = models.BooleanField(
        _("terima pengingat lewat email"),
        default=True,
        help_text=_(
            "Paling banyak sekali sehari: nilai dikembalikan, nilai menunggu verifikasi, "
            "perjanjian menunggu tanda tangan, tenggat yang mendekat."
        ),
    )

    def clean(self) -> None:
        super().clean()
        # Not keyed to the field: a form without it (the account settings) still shows it.
        if self.unit_kerja_id and self.unit_kerja.organisasi_id != self.organisasi_id:
            raise ValidationError(
                _("Unit kerja %(unit)s bukan unit dari organisasi pengguna."),
                params={"unit": self.unit_kerja.nama},
            )

    @property
    def nama_tampilan(self) -> str:
        """How the application names a person: the full name, else the username."""
        return self.get_full_name() or self.username

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            # Heads and staff act for one unit; admins and pimpinan for the whole organisation.
            models.CheckConstraint(
                condition=~Q(peran__in=["kepala", "staf"]) | Q(unit_kerja__isnull=False),
                name="pengguna_kepala_staf_punya_unit",
            ),
            models.CheckConstraint(
                condition=Q(peran="") | Q(organisasi__isnull=False),
                name="pengguna_berperan_punya_organisasi",
            ),
        ]
