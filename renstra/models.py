"""The five-year strategic plan: visi, misi, tujuan, sasaran, indicators and their targets.

How an indicator is measured (its kind of value, polarity and the way quarters make a year)
is described here as data; the rules that turn those into capaian live in inti.capaian.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from inti.capaian import Agregasi, Polaritas, TipeNilai

# Choices come from the engine's enums, so the stored values are exactly what it understands.
POLARITAS_CHOICES = [(p.value, p.label) for p in Polaritas]
AGREGASI_CHOICES = [(a.value, a.label) for a in Agregasi]
TIPE_NILAI_CHOICES = [(t.value, t.label) for t in TipeNilai]


class SkalaOrdinal(models.Model):
    """A scale of ordered levels (Predikat AKIP, Opini BPK): a new scale needs no code."""

    kode = models.SlugField(_("kode"), max_length=50, unique=True)
    nama = models.CharField(_("nama"), max_length=100)

    class Meta:
        verbose_name = _("skala ordinal")
        verbose_name_plural = _("skala ordinal")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class TingkatSkala(models.Model):
    """One level of an ordinal scale; its rank is what the capaian is computed from."""

    skala = models.ForeignKey(
        SkalaOrdinal, verbose_name=_("skala"), on_delete=models.CASCADE, related_name="tingkat"
    )
    kode = models.CharField(_("kode"), max_length=10)
    nama = models.CharField(_("nama"), max_length=100)
    peringkat = models.PositiveSmallIntegerField(
        _("peringkat"), help_text=_("1 untuk tingkat terendah.")
    )

    class Meta:
        verbose_name = _("tingkat skala")
        verbose_name_plural = _("tingkat skala")
        ordering = ["skala", "peringkat"]
        constraints = [
            models.UniqueConstraint(fields=["skala", "kode"], name="tingkatskala_kode_unik"),
            models.UniqueConstraint(
                fields=["skala", "peringkat"], name="tingkatskala_peringkat_unik"
            ),
            models.CheckConstraint(
                condition=Q(peringkat__gte=1), name="tingkatskala_peringkat_positif"
            ),
        ]

    def __str__(self) -> str:
        return self.kode


class Renstra(models.Model):
    organisasi = models.ForeignKey(
        "organisasi.Organisasi",
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="renstra",
    )
    judul = models.CharField(_("judul"), max_length=255)
    tahun_mulai = models.PositiveSmallIntegerField(_("tahun mulai"))
    tahun_selesai = models.PositiveSmallIntegerField(_("tahun selesai"))
    nomor_keputusan = models.CharField(_("nomor keputusan"), max_length=100, blank=True)
    tanggal_keputusan = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    visi = models.TextField(_("visi"))

    class Meta:
        verbose_name = _("renstra")
        verbose_name_plural = _("renstra")
        ordering = ["organisasi", "-tahun_mulai"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tahun_mulai__lt=F("tahun_selesai")),
                name="renstra_mulai_sebelum_selesai",
            ),
            models.UniqueConstraint(
                fields=["organisasi", "tahun_mulai"], name="renstra_periode_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.tahun_mulai}–{self.tahun_selesai}"

    @property
    def tahun(self) -> range:
        return range(self.tahun_mulai, self.tahun_selesai + 1)


class Misi(models.Model):
    renstra = models.ForeignKey(
        Renstra, verbose_name=_("renstra"), on_delete=models.CASCADE, related_name="misi"
    )
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    teks = models.TextField(_("misi"))

    class Meta:
        verbose_name = _("misi")
        verbose_name_plural = _("misi")
        ordering = ["renstra", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "nomor"], name="misi_nomor_unik"),
        ]

    def __str__(self) -> str:
        return f"Misi {self.nomor}"


class Tujuan(models.Model):
    renstra = models.ForeignKey(
        Renstra, verbose_name=_("renstra"), on_delete=models.CASCADE, related_name="tujuan"
    )
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    teks = models.TextField(_("tujuan"))

    class Meta:
        verbose_name = _("tujuan")
        verbose_name_plural = _("tujuan")
        ordering = ["renstra", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "nomor"], name="tujuan_nomor_unik"),
        ]

    def __str__(self) -> str:
        return f"Tujuan {self.nomor}"


class SasaranTujuan(models.Model):
    """A sasaran listed under a tujuan (Tabel 4); not the sasaran strategis that are measured."""

    tujuan = models.ForeignKey(
        Tujuan, verbose_name=_("tujuan"), on_delete=models.CASCADE, related_name="sasaran"
    )
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    teks = models.TextField(_("sasaran"))

    class Meta:
        verbose_name = _("sasaran tujuan")
        verbose_name_plural = _("sasaran tujuan")
        ordering = ["tujuan", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["tujuan", "nomor"], name="sasarantujuan_nomor_unik"),
        ]

    def __str__(self) -> str:
        return self.teks


class SasaranStrategis(models.Model):
    class TabelBukti(models.TextChoices):
        # The LAKIP's recap tables (BAB III) that can evidence a sasaran. Plain choices: the
        # plan names the table, the report (which renstra does not import) prints the link.
        EVALUASI_AKUNTABILITAS = (
            "evaluasi_akuntabilitas",
            _("Hasil evaluasi akuntabilitas kinerja (SAKIP)"),
        )
        LOGISTIK = "logistik", _("Pengadaan dan distribusi logistik")
        PRODUK_HUKUM = "produk_hukum", _("Produk hukum")

    renstra = models.ForeignKey(
        Renstra, verbose_name=_("renstra"), on_delete=models.CASCADE, related_name="sasaran"
    )
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    nama = models.TextField(_("sasaran strategis"))
    tabel_bukti = models.CharField(
        _("tabel bukti di laporan kinerja"),
        max_length=30,
        choices=TabelBukti.choices,
        blank=True,
        help_text=_(
            "Tabel rekap laporan kinerja yang menjadi bukti capaian sasaran ini; analisis "
            "sasaran di laporan merujuk ke tabel tersebut."
        ),
    )

    class Meta:
        verbose_name = _("sasaran strategis")
        verbose_name_plural = _("sasaran strategis")
        ordering = ["renstra", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "nomor"], name="sasaran_nomor_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.nama}"


class IndikatorKinerja(models.Model):
    class Tingkat(models.TextChoices):
        SASARAN_STRATEGIS = "sasaran_strategis", _("Indikator sasaran strategis")
        SASARAN_PROGRAM = "sasaran_program", _("Indikator sasaran program (outcome)")

    sasaran = models.ForeignKey(
        SasaranStrategis,
        verbose_name=_("sasaran strategis"),
        on_delete=models.CASCADE,
        related_name="indikator",
    )
    kode = models.SlugField(
        _("kode"), max_length=60, help_text=_("Pengenal tetap, dipakai impor dan ekspor.")
    )
    nama = models.TextField(_("nama indikator"))
    tingkat = models.CharField(
        _("tingkat"),
        max_length=20,
        choices=Tingkat.choices,
        default=Tingkat.SASARAN_STRATEGIS,
    )
    sasaran_program = models.TextField(
        _("sasaran program (outcome)"),
        blank=True,
        help_text=_("Untuk indikator tingkat sasaran program."),
    )
    tipe = models.CharField(
        _("jenis nilai"), max_length=20, choices=TIPE_NILAI_CHOICES, default=TipeNilai.PERSENTASE
    )
    skala = models.ForeignKey(
        SkalaOrdinal,
        verbose_name=_("skala ordinal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indikator",
    )
    satuan = models.CharField(_("satuan"), max_length=30, default="%")
    polaritas = models.CharField(
        _("polaritas"), max_length=10, choices=POLARITAS_CHOICES, default=Polaritas.NAIK
    )
    agregasi = models.CharField(
        _("nilai tahunan dari triwulan"),
        max_length=10,
        choices=AGREGASI_CHOICES,
        default=Agregasi.TERAKHIR,
    )
    unit_kerja = models.ForeignKey(
        "organisasi.UnitKerja",
        verbose_name=_("unit penanggung jawab"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indikator",
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    # Across a Renstra period change the same measure gets a new row; this link is what lets
    # the report compare it with the years before (an unlinked one is not comparable).
    pendahulu = models.ForeignKey(
        "self",
        verbose_name=_("indikator pendahulu"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="penerus",
        help_text=_(
            "Indikator yang sama pada Renstra periode sebelumnya, agar laporan dapat "
            "membandingkan capaian lintas periode."
        ),
    )
    # The indicator's manual (PermenPANRB 53/2014: the "manual IKU"): what it measures, how it
    # is computed and where the figure comes from; kept with the indicator as plain text.
    definisi_operasional = models.TextField(_("definisi operasional"), blank=True, default="")
    formula = models.TextField(_("formula perhitungan"), blank=True, default="")
    sumber_data = models.CharField(_("sumber data"), max_length=255, blank=True, default="")

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ["sasaran__nomor", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sasaran", "kode"], name="indikator_kode_unik"),
            models.CheckConstraint(
                condition=Q(tipe=TipeNilai.ORDINAL, skala__isnull=False)
                | (~Q(tipe=TipeNilai.ORDINAL) & Q(skala__isnull=True)),
                name="indikator_ordinal_punya_skala",
            ),
            # An ordinal scale is ranked, never a band or lower-is-better.
            models.CheckConstraint(
                condition=~Q(tipe=TipeNilai.ORDINAL) | Q(polaritas=Polaritas.NAIK),
                name="indikator_ordinal_naik",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        p = self.pendahulu
        if p is None or not self.sasaran_id:
            return
        renstra, renstra_p = self.sasaran.renstra, p.sasaran.renstra
        if renstra_p.organisasi_id != renstra.organisasi_id:
            raise ValidationError({"pendahulu": _("Pendahulu harus indikator organisasi ini.")})
        if renstra_p.tahun_mulai >= renstra.tahun_mulai:
            raise ValidationError(
                {"pendahulu": _("Pendahulu harus indikator Renstra periode sebelumnya.")}
            )

    @property
    def is_ordinal(self) -> bool:
        return self.tipe == TipeNilai.ORDINAL


class NilaiTarget(models.Model):
    """A target in the indicator's kind of value: a number, a band or a level."""

    nilai = models.DecimalField(_("target"), max_digits=20, decimal_places=4, null=True, blank=True)
    nilai_atas = models.DecimalField(
        _("batas atas target"),
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Hanya untuk indikator dengan rentang target."),
    )
    tingkat = models.ForeignKey(
        TingkatSkala,
        verbose_name=_("target (tingkat)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True

    @classmethod
    def target_constraints(cls, prefix: str) -> list[models.BaseConstraint]:
        return [
            # Exactly one of a number or a level.
            models.CheckConstraint(
                condition=Q(nilai__isnull=False, tingkat__isnull=True)
                | Q(nilai__isnull=True, tingkat__isnull=False),
                name=f"{prefix}_satu_jenis_nilai",
            ),
            models.CheckConstraint(
                condition=Q(nilai_atas__isnull=True) | Q(nilai_atas__gte=F("nilai")),
                name=f"{prefix}_rentang_urut",
            ),
            models.CheckConstraint(
                condition=Q(nilai__isnull=True) | Q(nilai__gte=0), name=f"{prefix}_tidak_negatif"
            ),
        ]


class TargetRenstra(NilaiTarget):
    """The Renstra's target for an indicator in one year of its period (Tabel 5)."""

    indikator = models.ForeignKey(
        IndikatorKinerja,
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="target_renstra",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))

    class Meta:
        verbose_name = _("target renstra")
        verbose_name_plural = _("target renstra")
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="targetrenstra_unik"),
            *NilaiTarget.target_constraints("targetrenstra"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.tahun}"
