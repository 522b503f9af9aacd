"""Agreements (Perjanjian Kinerja), their targets, realisasi, and the scales that classify them.

Nothing derived is stored here: capaian, categories and totals come from inti.capaian.
"""

import secrets
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from anggaran.models import SumberDana
from renstra.models import NilaiTarget


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


# ---------------------------------------------------------------- realisasi entry


class PenyimpananPribadi(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT: outside the static and media paths, no URL.

    They reach a browser only through a view that checks access
    (kinerja.realisasi.views.bukti_unduh).
    """

    def __init__(self) -> None:
        super().__init__(base_url="/tidak-ada-url-publik/")

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise NotImplementedError("Berkas pribadi tidak punya URL publik.")


_PENYIMPANAN_PRIBADI = PenyimpananPribadi()


def penyimpanan_pribadi() -> PenyimpananPribadi:
    return _PENYIMPANAN_PRIBADI


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
