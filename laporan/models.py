"""What the yearly LAKIP prints besides agreements and realisasi: legal products, other
achievements, and the report's own narrative texts. (The SAKIP evaluation it prints is the
latest completed LKE of the evaluasi app.)"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.models import penyimpanan_pribadi


class ProdukHukum(models.Model):
    """Legal products issued in a year (Tabel 22)."""

    organisasi = models.ForeignKey(
        "organisasi.Organisasi",
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="produk_hukum",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    jenis_dokumen = models.CharField(_("jenis dokumen"), max_length=255)
    satuan = models.CharField(_("satuan"), max_length=30, default="dokumen")
    jumlah_hardcopy = models.PositiveIntegerField(_("hardcopy"))
    jumlah_softcopy = models.PositiveIntegerField(_("softcopy"))

    class Meta:
        verbose_name = _("produk hukum")
        verbose_name_plural = _("produk hukum")
        ordering = ["organisasi", "-tahun", "jenis_dokumen"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisasi", "tahun", "jenis_dokumen"], name="produkhukum_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jenis_dokumen} {self.tahun}"


class CapaianLain(models.Model):
    """Other achievements of the year (awards), with a picture."""

    organisasi = models.ForeignKey(
        "organisasi.Organisasi",
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="capaian_lain",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    uraian = models.TextField(_("uraian"))
    gambar = models.ImageField(_("gambar"), upload_to="capaian-lain/", blank=True)
    keterangan_gambar = models.CharField(_("keterangan gambar"), max_length=255, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("capaian kinerja lain")
        verbose_name_plural = _("capaian kinerja lain")
        ordering = ["organisasi", "-tahun", "urutan"]

    def __str__(self) -> str:
        return self.uraian[:80]


_BANTUAN_PENGANTAR = _(
    "Dicetak tepat sebelum tabel atau gambar yang diantarnya. Kosongkan untuk memakai kalimat "
    'rujukan otomatis ("... disajikan pada Tabel n").'
)


class LaporanKinerja(models.Model):
    """The yearly report's own texts, place, date and signatory; its figures come from data."""

    organisasi = models.ForeignKey(
        "organisasi.Organisasi",
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="laporan_kinerja",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    tempat = models.CharField(_("tempat"), max_length=100)
    tanggal = models.DateField(_("tanggal"), null=True, blank=True)
    penandatangan = models.ForeignKey(
        "organisasi.Pejabat",
        verbose_name=_("penandatangan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Each text has its place: a section's opening, or the paragraph that introduces one
    # table or figure (pengantar_tabel_*, pengantar_bagan), printed right before it in place
    # of the generated "... disajikan pada Tabel n" sentence.
    kata_pengantar = models.TextField(_("kata pengantar"), blank=True)
    ringkasan_eksekutif = models.TextField(_("ringkasan eksekutif"), blank=True)
    latar_belakang = models.TextField(_("latar belakang"), blank=True)
    kedudukan_tugas_fungsi = models.TextField(_("kedudukan, tugas dan fungsi"), blank=True)
    pengantar_tabel_tugas = models.TextField(
        _("pengantar tabel uraian tugas, fungsi dan wewenang"),
        blank=True,
        help_text=_BANTUAN_PENGANTAR,
    )
    struktur_organisasi = models.TextField(_("struktur organisasi"), blank=True)
    pengantar_bagan = models.TextField(
        _("pengantar bagan struktur organisasi"), blank=True, help_text=_BANTUAN_PENGANTAR
    )
    pengantar_tabel_subbagian = models.TextField(
        _("pengantar tabel uraian tugas subbagian"), blank=True, help_text=_BANTUAN_PENGANTAR
    )
    pengantar_tabel_pegawai = models.TextField(
        _("pengantar tabel jumlah pegawai"), blank=True, help_text=_BANTUAN_PENGANTAR
    )
    sistematika = models.TextField(_("sistematika laporan"), blank=True)
    pengantar_renstra = models.TextField(_("pengantar rencana strategis"), blank=True)
    setelah_visi_misi = models.TextField(_("uraian setelah visi dan misi"), blank=True)
    pengantar_tabel_tujuan = models.TextField(
        _("pengantar tabel tujuan dan sasaran"), blank=True, help_text=_BANTUAN_PENGANTAR
    )
    pengantar_tabel_renstra = models.TextField(
        _("pengantar tabel target jangka menengah"), blank=True, help_text=_BANTUAN_PENGANTAR
    )
    pengantar_perjanjian = models.TextField(_("pengantar perjanjian kinerja"), blank=True)
    pengantar_tabel_perjanjian = models.TextField(
        _("pengantar tabel target perjanjian kinerja"), blank=True, help_text=_BANTUAN_PENGANTAR
    )
    pengantar_anggaran = models.TextField(_("pengantar program dan anggaran"), blank=True)
    pengantar_akuntabilitas = models.TextField(_("pengantar akuntabilitas kinerja"), blank=True)
    pengantar_tabel_skala = models.TextField(
        _("pengantar tabel klasifikasi capaian"), blank=True, help_text=_BANTUAN_PENGANTAR
    )
    capaian_lain = models.TextField(_("capaian kinerja lain"), blank=True)
    pengantar_realisasi_anggaran = models.TextField(
        _("pengantar realisasi anggaran"), blank=True, help_text=_BANTUAN_PENGANTAR
    )
    rencana_tindak_lanjut = models.TextField(_("rencana tindak lanjut"), blank=True)
    lampiran_pohon = models.BooleanField(
        _("pohon kinerja di lampiran"),
        default=True,
        help_text=_("Cetak pohon kinerja tahun ini sebagai halaman lampiran."),
    )
    # Texts copied from last year's report when the year was started: a starting point the
    # admin must read through; saving the narrative clears it.
    perlu_ditinjau = models.BooleanField(
        _("perlu ditinjau"),
        default=False,
        help_text=_("Narasi disalin dari laporan tahun lalu dan belum ditinjau."),
    )

    class Meta:
        verbose_name = _("laporan kinerja")
        verbose_name_plural = _("laporan kinerja")
        ordering = ["organisasi", "-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["organisasi", "tahun"], name="laporankinerja_unik"),
        ]

    def __str__(self) -> str:
        return f"LAKIP {self.organisasi} {self.tahun}"


class AnalisisSasaran(models.Model):
    """The narrative analysis of one sasaran in a year's report."""

    laporan = models.ForeignKey(
        LaporanKinerja, verbose_name=_("laporan"), on_delete=models.CASCADE, related_name="analisis"
    )
    sasaran = models.ForeignKey(
        "renstra.SasaranStrategis",
        verbose_name=_("sasaran strategis"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    teks = models.TextField(_("analisis"), blank=True)

    class Meta:
        verbose_name = _("analisis sasaran")
        verbose_name_plural = _("analisis sasaran")
        ordering = ["laporan", "sasaran__nomor"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "sasaran"], name="analisissasaran_unik"),
        ]

    def __str__(self) -> str:
        return f"Analisis sasaran {self.sasaran.nomor}"


def _berkas_final(instance: "LaporanFinal", filename: str) -> str:
    laporan = instance.laporan
    return f"lakip/final/{laporan.organisasi.slug}-{laporan.tahun}-v{instance.versi}.pdf"


class LaporanFinal(models.Model):
    """A finalised LAKIP: the PDF exactly as it was signed off, with its SHA-256.

    The stored bytes never change afterwards. An admin may reopen a report; finalising it again
    stores a new version. At most one version of a report is in force (not reopened).
    """

    laporan = models.ForeignKey(
        LaporanKinerja, verbose_name=_("laporan"), on_delete=models.PROTECT, related_name="final"
    )
    versi = models.PositiveSmallIntegerField(_("versi"))
    # Private storage: no public URL, served only by the report's view, which checks access
    # and the SHA-256 on every download.
    berkas = models.FileField(_("berkas PDF"), upload_to=_berkas_final, storage=penyimpanan_pribadi)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    sidik_html = models.CharField(
        _("sidik dokumen"),
        max_length=64,
        help_text=_("SHA-256 dari HTML yang dicetak, untuk mengetahui apakah data sudah berubah."),
    )
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"))
    alasan_tanpa_analisis = models.TextField(
        _("alasan terbit tanpa analisis penyebab"),
        blank=True,
        help_text=_(
            "Diisi admin saat memfinalkan laporan yang masih memuat indikator di bawah target "
            "tanpa kendala, tindak lanjut atau faktor pendorong."
        ),
    )
    difinalkan_pada = models.DateTimeField(_("difinalkan pada"))
    difinalkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("difinalkan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Finalising publishes: the version in force is on /publik/<org>/ from this moment, and
    # the LKE asks whether the report was published on time. Its own column, not
    # difinalkan_pada, so that a later "withhold/publish" step needs no data migration.
    dipublikasikan_pada = models.DateTimeField(_("dipublikasikan pada"), null=True, blank=True)
    dibuka_pada = models.DateTimeField(_("dibuka kembali pada"), null=True, blank=True)
    dibuka_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuka kembali oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("LAKIP final")
        verbose_name_plural = _("LAKIP final")
        ordering = ["laporan", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "versi"], name="laporanfinal_versi_unik"),
            models.UniqueConstraint(
                fields=["laporan"],
                condition=Q(dibuka_pada__isnull=True),
                name="laporanfinal_satu_berlaku",
            ),
            models.CheckConstraint(condition=Q(versi__gte=1), name="laporanfinal_versi_positif"),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="laporanfinal_sha256_heksa"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.laporan} versi final {self.versi}"

    @property
    def berlaku(self) -> bool:
        return self.dibuka_pada is None


class AngkaTercetak(models.Model):
    """A figure as the source document printed it, for one table cell of a year's report.

    `kunci` names the cell as table key / row / column (e.g. "tabel-realisasi/CQ/serapan");
    where our computed figure differs, the report prints ours with a note naming this one.
    """

    organisasi = models.ForeignKey(
        "organisasi.Organisasi",
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="angka_tercetak",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    kunci = models.CharField(_("kunci sel"), max_length=120)
    teks = models.CharField(_("angka tercetak"), max_length=50)

    class Meta:
        verbose_name = _("angka tercetak")
        verbose_name_plural = _("angka tercetak")
        ordering = ["organisasi", "-tahun", "kunci"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisasi", "tahun", "kunci"], name="angkatercetak_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kunci} {self.tahun}: {self.teks}"


class StatusCetak(models.TextChoices):
    MENUNGGU = "menunggu", _("menunggu giliran")
    BERJALAN = "berjalan", _("sedang disusun")
    SELESAI = "selesai", _("selesai")
    GAGAL = "gagal", _("gagal")


class CetakLakip(models.Model):
    """The background render of one report's PDF (per organisation, year and mode).

    One row per report, claimed by a conditional UPDATE (laporan.cetak): while it waits or
    runs, another request for the same PDF joins it instead of starting a second render. The
    PDF itself goes to the cache (laporan.services.pdf_dokumen), named by the document's
    fingerprint."""

    organisasi = models.ForeignKey(
        "organisasi.Organisasi",
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    pratinjau = models.BooleanField(_("pratinjau"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=StatusCetak.choices)
    sidik = models.CharField(_("sidik dokumen yang diminta"), max_length=64, blank=True)
    galat = models.TextField(_("galat"), blank=True)
    diminta_pada = models.DateTimeField(_("diminta pada"))
    mulai_pada = models.DateTimeField(_("mulai pada"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    # Kept across claims: the estimate shown while the next render of this report runs.
    durasi_terakhir = models.DurationField(_("durasi terakhir"), null=True, blank=True)

    class Meta:
        verbose_name = _("penyusunan PDF LAKIP")
        verbose_name_plural = _("penyusunan PDF LAKIP")
        constraints = [
            models.UniqueConstraint(
                fields=["organisasi", "tahun", "pratinjau"], name="cetaklakip_satu_per_laporan"
            ),
        ]

    def __str__(self) -> str:
        return f"PDF LAKIP {self.organisasi_id} {self.tahun}: {self.status}"


class BatchLakip(models.Model):
    """Every LAKIP of a year below an organisation, rendered by workers, one item per satker."""

    organisasi = models.ForeignKey(
        "organisasi.Organisasi",
        verbose_name=_("organisasi induk"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("penyusunan LAKIP massal")
        verbose_name_plural = _("penyusunan LAKIP massal")
        ordering = ["-dibuat_pada"]

    def __str__(self) -> str:
        return f"LAKIP {self.tahun} di bawah {self.organisasi_id} ({self.dibuat_pada:%Y-%m-%d})"


class BatchLakipItem(models.Model):
    """One satker's report in a batch: claimed by one worker at a time (laporan.cetak)."""

    batch = models.ForeignKey(
        BatchLakip, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="item"
    )
    organisasi = models.ForeignKey(
        "organisasi.Organisasi",
        verbose_name=_("satker"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=StatusCetak.choices, default=StatusCetak.MENUNGGU
    )
    percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    galat = models.TextField(_("galat"), blank=True)
    sumber = models.CharField(_("sumber PDF"), max_length=10, blank=True)
    sha256 = models.CharField(_("SHA-256 PDF"), max_length=64, blank=True)
    mulai_pada = models.DateTimeField(_("mulai pada"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("satker dalam batch")
        verbose_name_plural = _("satker dalam batch")
        ordering = ["batch", "organisasi__nama"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "organisasi"], name="batchitem_satker_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.organisasi_id} dalam batch {self.batch_id}: {self.status}"


class VersiLaporan(models.Model):
    """A counter of the writes to what the LAKIP reads, bumped by the database's own triggers
    (migration 0012_versi_laporan) on every path: forms, the admin, imports, a raw
    QuerySet.update() or bulk_create(), a shell session.

    One row per organisation and year; `tahun` 0 counts the writes that hold for every year
    (the profile, officials, the Renstra), `organisasi` 0 those of tables that every
    organisation shares (ordinal scales, the LKE framework). A plain integer, not a foreign
    key: a deleted organisation's last bump must still be writable."""

    organisasi = models.BigIntegerField(_("organisasi (0: bersama)"))
    tahun = models.PositiveSmallIntegerField(_("tahun (0: semua tahun)"))
    versi = models.BigIntegerField(_("versi"), default=0)

    class Meta:
        verbose_name = _("versi data laporan")
        verbose_name_plural = _("versi data laporan")
        constraints = [
            models.UniqueConstraint(fields=["organisasi", "tahun"], name="versilaporan_unik"),
        ]

    def __str__(self) -> str:
        return f"Versi {self.organisasi}/{self.tahun}: {self.versi}"


class TembolokLakip(models.Model):
    """Which cached PDF answers a report while its data stay as they were: the key of the data
    versions it was printed from (laporan.tembolok) and the document's cache key
    (laporan.dokumen.DokumenLakip.kunci_cache). One row per organisation, year and mode."""

    organisasi = models.ForeignKey(
        "organisasi.Organisasi",
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    pratinjau = models.BooleanField(_("pratinjau"), default=False)
    kunci_versi = models.CharField(_("kunci versi data"), max_length=64)
    kunci_cache = models.CharField(_("kunci cache dokumen"), max_length=64)

    class Meta:
        verbose_name = _("tembolok PDF LAKIP")
        verbose_name_plural = _("tembolok PDF LAKIP")
        constraints = [
            models.UniqueConstraint(
                fields=["organisasi", "tahun", "pratinjau"], name="tembolok_satu_per_laporan"
            ),
        ]

    def __str__(self) -> str:
        return f"Tembolok LAKIP {self.organisasi_id} {self.tahun}"
