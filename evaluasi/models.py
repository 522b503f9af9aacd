"""The LKE (PermenPANRB 88/2021): its structure as data, an evaluation per organisation and
year, the answers of both sides, and the evaluator's recommendations.

The structure (KerangkaLke .. KriteriaLke) is loaded from fixtures/lke/*.toml by `load_lke`;
people never edit it. An evaluation is filled twice: the organisation's self-assessment
(mandiri) and the evaluator's answers; each side is frozen when submitted (services refuse,
and the database triggers of migration 0002 refuse whatever slips past them).
"""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inti.lke import Dimensi, JenisJawaban
from kinerja.models import penyimpanan_pribadi


class KerangkaLke(models.Model):
    """One regulation's LKE (e.g. PermenPANRB 88/2021)."""

    kode = models.SlugField(_("kode"), max_length=60, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    berlaku_mulai = models.PositiveSmallIntegerField(_("berlaku mulai tahun"))

    class Meta:
        verbose_name = _("kerangka LKE")
        verbose_name_plural = _("kerangka LKE")
        ordering = ["-berlaku_mulai"]

    def __str__(self) -> str:
        return self.nama


class KomponenLke(models.Model):
    kerangka = models.ForeignKey(
        KerangkaLke, verbose_name=_("kerangka"), on_delete=models.CASCADE, related_name="komponen"
    )
    kode = models.CharField(_("kode"), max_length=10)
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    nama = models.CharField(_("nama"), max_length=200)
    nama_singkat = models.CharField(
        _("nama singkat"), max_length=100, blank=True, help_text=_("Nama pada tabel LAKIP.")
    )
    bobot = models.DecimalField(_("bobot"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("komponen LKE")
        verbose_name_plural = _("komponen LKE")
        ordering = ["kerangka", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["kerangka", "kode"], name="komponenlke_kode_unik"),
            models.CheckConstraint(
                condition=Q(bobot__gt=0) & Q(bobot__lte=100), name="komponenlke_bobot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode}. {self.nama}"

    @property
    def nama_tabel(self) -> str:
        return self.nama_singkat or self.nama


class SubKomponenLke(models.Model):
    class Dimensi(models.TextChoices):
        KEBERADAAN = Dimensi.KEBERADAAN.value, _("Keberadaan")
        KUALITAS = Dimensi.KUALITAS.value, _("Kualitas")
        PEMANFAATAN = Dimensi.PEMANFAATAN.value, _("Pemanfaatan")

    komponen = models.ForeignKey(
        KomponenLke, verbose_name=_("komponen"), on_delete=models.CASCADE, related_name="sub"
    )
    kode = models.CharField(_("kode"), max_length=10)
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    dimensi = models.CharField(_("dimensi"), max_length=20, choices=Dimensi.choices)
    nama = models.TextField(_("nama"))
    bobot = models.DecimalField(_("bobot"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("sub-komponen LKE")
        verbose_name_plural = _("sub-komponen LKE")
        ordering = ["komponen", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["komponen", "kode"], name="subkomponenlke_kode_unik"),
            models.UniqueConstraint(
                fields=["komponen", "dimensi"], name="subkomponenlke_dimensi_unik"
            ),
            models.CheckConstraint(condition=Q(bobot__gt=0), name="subkomponenlke_bobot"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.get_dimensi_display()}"


class KriteriaLke(models.Model):
    class Jenis(models.TextChoices):
        YT = JenisJawaban.YT.value, _("Ya/Tidak")
        ABCDE = JenisJawaban.ABCDE.value, _("A/B/C/D/E")

    sub_komponen = models.ForeignKey(
        SubKomponenLke,
        verbose_name=_("sub-komponen"),
        on_delete=models.CASCADE,
        related_name="kriteria",
    )
    kode = models.CharField(_("kode"), max_length=12)
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    teks = models.TextField(_("kriteria"))
    jenis = models.CharField(_("jenis jawaban"), max_length=10, choices=Jenis.choices)
    saran = models.CharField(
        _("saran dari data"),
        max_length=40,
        blank=True,
        help_text=_("Kunci saran jawaban yang dihitung aplikasi dari datanya."),
    )

    class Meta:
        verbose_name = _("kriteria LKE")
        verbose_name_plural = _("kriteria LKE")
        ordering = ["sub_komponen", "nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_komponen", "nomor"], name="kriterialke_nomor_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.teks[:60]}"


class Evaluasi(models.Model):
    """The LKE of one organisation for one evaluated year."""

    organisasi = models.ForeignKey(
        "organisasi.Organisasi",
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="evaluasi_lke",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun yang dievaluasi"))
    kerangka = models.ForeignKey(
        KerangkaLke, verbose_name=_("kerangka"), on_delete=models.PROTECT, related_name="+"
    )
    mandiri_diajukan_pada = models.DateTimeField(
        _("penilaian mandiri diajukan pada"), null=True, blank=True
    )
    mandiri_diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penilaian mandiri diajukan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    selesai_pada = models.DateTimeField(_("evaluasi selesai pada"), null=True, blank=True)
    selesai_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluasi diselesaikan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    nama_evaluator = models.CharField(_("evaluator"), max_length=150, blank=True)
    nomor_lhe = models.CharField(_("nomor LHE"), max_length=100, blank=True)
    diimpor = models.BooleanField(
        _("hasil diimpor"),
        default=False,
        help_text=_(
            "Hasil dari LHE yang hanya mencetak nilai sub-komponen: nilainya tersimpan pada "
            "nilai sub-komponen, tanpa jawaban per kriteria."
        ),
    )
    history = HistoricalRecords(verbose_name=_("riwayat evaluasi LKE"))

    class Meta:
        verbose_name = _("evaluasi LKE")
        verbose_name_plural = _("evaluasi LKE")
        ordering = ["organisasi", "-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["organisasi", "tahun"], name="evaluasi_unik"),
            models.CheckConstraint(
                condition=Q(diimpor=False) | Q(selesai_pada__isnull=False),
                name="evaluasi_impor_selesai",
            ),
        ]

    def __str__(self) -> str:
        return f"Evaluasi LKE {self.organisasi} {self.tahun}"

    @property
    def mandiri_terkunci(self) -> bool:
        return self.mandiri_diajukan_pada is not None

    @property
    def selesai(self) -> bool:
        return self.selesai_pada is not None


def nama_berkas_lke(instance: "Jawaban", filename: str) -> str:
    """A random name: nothing of what the user called the file reaches the disk."""
    return f"lke/{secrets.token_hex(16)}{PurePosixPath(filename).suffix.lower()}"


class Jawaban(models.Model):
    """Both sides' answer to one criterion. The self-assessment columns freeze when the
    organisation submits; the evaluator's when the evaluation is completed."""

    class Pilihan(models.TextChoices):
        YA = "Y", _("Ya")
        TIDAK = "T", _("Tidak")
        A = "A", "A"
        B = "B", "B"
        C = "C", "C"
        D = "D", "D"
        E = "E", "E"

    evaluasi = models.ForeignKey(
        Evaluasi, verbose_name=_("evaluasi"), on_delete=models.CASCADE, related_name="jawaban"
    )
    kriteria = models.ForeignKey(
        KriteriaLke, verbose_name=_("kriteria"), on_delete=models.PROTECT, related_name="+"
    )
    jawaban_mandiri = models.CharField(
        _("jawaban mandiri"), max_length=1, choices=Pilihan.choices, blank=True
    )
    penjelasan = models.TextField(_("penjelasan"), blank=True)
    bukti_tautan = models.CharField(
        _("bukti dukung (dokumen aplikasi)"),
        max_length=300,
        blank=True,
        help_text=_("Alamat dokumen di aplikasi ini, mis. /laporan/.../final/1/."),
    )
    bukti_berkas = models.FileField(
        _("bukti dukung (berkas)"),
        upload_to=nama_berkas_lke,
        storage=penyimpanan_pribadi,
        max_length=200,
        blank=True,
    )
    bukti_nama_asli = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
    bukti_jenis_konten = models.CharField(_("jenis isi"), max_length=100, blank=True)
    jawaban_evaluator = models.CharField(
        _("jawaban evaluator"), max_length=1, choices=Pilihan.choices, blank=True
    )
    catatan_evaluator = models.TextField(_("catatan evaluator"), blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)
    history = HistoricalRecords(verbose_name=_("riwayat jawaban LKE"))

    class Meta:
        verbose_name = _("jawaban LKE")
        verbose_name_plural = _("jawaban LKE")
        ordering = ["evaluasi", "kriteria"]
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "kriteria"], name="jawaban_unik"),
            models.CheckConstraint(
                condition=Q(bukti_tautan="") | Q(bukti_tautan__startswith="/"),
                name="jawaban_bukti_tautan_lokal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluasi} {self.kriteria.kode}"


class NilaiSubKomponen(models.Model):
    """A sub-component score typed from a printed LHE (an imported evaluation): it stands in
    for the criteria's answers, which such a document does not print."""

    evaluasi = models.ForeignKey(
        Evaluasi, verbose_name=_("evaluasi"), on_delete=models.CASCADE, related_name="nilai_sub"
    )
    sub_komponen = models.ForeignKey(
        SubKomponenLke, verbose_name=_("sub-komponen"), on_delete=models.PROTECT, related_name="+"
    )
    nilai = models.DecimalField(_("nilai"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("nilai sub-komponen (impor)")
        verbose_name_plural = _("nilai sub-komponen (impor)")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluasi", "sub_komponen"], name="nilaisubkomponen_unik"
            ),
            models.CheckConstraint(condition=Q(nilai__gte=0), name="nilaisubkomponen_positif"),
        ]

    def __str__(self) -> str:
        return f"{self.sub_komponen}: {self.nilai}"


class Rekomendasi(models.Model):
    """An evaluator's recommendation, followed up by the organisation until closed."""

    class Status(models.TextChoices):
        TERBUKA = "terbuka", _("Belum ditindaklanjuti")
        PROSES = "proses", _("Dalam proses")
        SELESAI = "selesai", _("Selesai")

    evaluasi = models.ForeignKey(
        Evaluasi, verbose_name=_("evaluasi"), on_delete=models.CASCADE, related_name="rekomendasi"
    )
    uraian = models.TextField(_("rekomendasi"))
    penanggung_jawab = models.ForeignKey(
        "organisasi.UnitKerja",
        verbose_name=_("penanggung jawab tindak lanjut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Kosong: organisasi (sekretariat) secara keseluruhan."),
    )
    batas_waktu = models.DateField(_("batas waktu"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TERBUKA
    )
    tindak_lanjut = models.TextField(_("tindak lanjut"), blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(verbose_name=_("riwayat rekomendasi"))

    class Meta:
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")
        ordering = ["batas_waktu", "pk"]

    def __str__(self) -> str:
        return self.uraian[:80]
