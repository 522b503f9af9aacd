from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from inti.angka import format_persen, format_tersimpan
from inti.berkas import nama_unduhan
from kinerja.capaian import capaian_realisasi
from kinerja.models import (
    BuktiDukung,
    JadwalPeriode,
    KegiatanPerjanjian,
    KunciTahun,
    PembukaanPeriode,
    PemetaanKegiatan,
    PengingatTerkirim,
    PerjanjianKinerja,
    Realisasi,
    RentangPenilaian,
    SkalaPenilaian,
    StandarNasional,
    TandaTangan,
    TargetKinerja,
    TenggatWaktu,
)
from kinerja.perjanjian.akses import pesan_ganti_akun
from kinerja.realisasi.admin_tahun import BukaTahunAdmin
from kinerja.realisasi.periode import pastikan_periode_terbuka, pesan_periode_tertutup
from kinerja.resources import RealisasiResource, TargetKinerjaResource
from organisasi.admin_lingkup import LingkupAdmin, LingkupInline
from organisasi.models import Pejabat
from organisasi.pesan import sebagai_validasi
from organisasi.resources import ImporEksporAdmin


def _terkunci(obj: PerjanjianKinerja | None) -> bool:
    return obj is not None and obj.is_terkunci


class IsiPerjanjianInline(LingkupInline, admin.TabularInline):
    """Targets and kegiatan are read-only once pihak pertama has signed."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return not _terkunci(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _terkunci(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _terkunci(obj) and super().has_delete_permission(request, obj)


class RentangPenilaianInline(LingkupInline, admin.TabularInline):
    model = RentangPenilaian
    extra = 0


@admin.register(SkalaPenilaian)
class SkalaPenilaianAdmin(LingkupAdmin, admin.ModelAdmin):
    lingkup_organisasi = "renstra__organisasi"
    list_display = ["jenis", "renstra"]
    list_filter = ["jenis", "renstra"]
    inlines = [RentangPenilaianInline]


class TargetKinerjaInline(IsiPerjanjianInline):
    model = TargetKinerja
    fields = ["urutan", "indikator", "nilai", "nilai_atas", "tingkat"]
    autocomplete_fields = ["indikator"]


class KegiatanPerjanjianInline(IsiPerjanjianInline):
    model = KegiatanPerjanjian
    fields = ["urutan", "uraian", "anggaran", "program", "kegiatan"]


class TandaTanganInline(LingkupInline, admin.TabularInline):
    """Signatures are written only by the signing service, never here."""

    model = TandaTangan
    fields = ["pihak", "pejabat", "pengguna", "waktu", "sha256"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(LingkupAdmin, admin.ModelAdmin):
    """Drafts can be corrected here; a signed agreement is shown read-only. Status and the
    verification code change only through the signing service (the agreement pages)."""

    lingkup_organisasi = "organisasi"

    list_display = ["__str__", "tahun", "versi", "unit_kerja", "status", "tanggal"]
    list_filter = ["organisasi", "tahun", "status", "unit_kerja"]
    search_fields = ["pihak_pertama__nama", "pihak_kedua__nama", "unit_kerja__nama"]
    list_select_related = ["organisasi", "unit_kerja"]
    readonly_fields = ["status", "kode_verifikasi"]
    inlines = [TargetKinerjaInline, KegiatanPerjanjianInline, TandaTanganInline]

    def has_change_permission(self, request, obj=None):
        return not _terkunci(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _terkunci(obj) and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # The bulk delete would try signed agreements too; drafts are deleted one by one.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(TargetKinerja)
class TargetKinerjaAdmin(ImporEksporAdmin):
    """Targets of every agreement in one list, for import and export. A signed agreement's
    targets are read-only here as in the agreement's own page."""

    lingkup_organisasi = "perjanjian__organisasi"

    list_display = ["indikator", "perjanjian", "target"]
    list_filter = ["perjanjian__tahun", "perjanjian__status", "perjanjian__unit_kerja"]
    search_fields = ["indikator__nama", "indikator__kode"]
    list_select_related = [
        "indikator",
        "perjanjian__organisasi",
        "perjanjian__unit_kerja",
        "tingkat",
    ]
    autocomplete_fields = ["indikator"]
    resource_classes = [TargetKinerjaResource]

    @admin.display(description=_("target"), ordering="nilai")
    def target(self, obj: TargetKinerja) -> str:
        # One column for a number, a range or a level (three fields, mostly empty).
        if obj.tingkat_id:
            return obj.tingkat.kode
        if obj.nilai is None:
            return "-"
        if obj.nilai_atas is not None:
            return f"{format_tersimpan(obj.nilai)}–{format_tersimpan(obj.nilai_atas)}"
        return format_tersimpan(obj.nilai)

    def has_change_permission(self, request, obj=None):
        return not (obj and obj.perjanjian.is_terkunci) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return not (obj and obj.perjanjian.is_terkunci) and super().has_delete_permission(
            request, obj
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "perjanjian":
            kwargs["queryset"] = PerjanjianKinerja.objects.filter(
                status=PerjanjianKinerja.Status.DRAF
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RealisasiAdminForm(forms.ModelForm):
    """Carries the version the admin saw, so an edit here cannot overwrite a newer one.
    Status and the verifier's note are not fields: they change only through the services
    (submit, verify, return), which check who may do it."""

    versi_dilihat = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Realisasi
        fields = [
            "indikator",
            "tahun",
            "periode",
            "nilai",
            "tingkat",
            "kendala",
            "tindak_lanjut",
            "faktor_pendorong",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["versi_dilihat"].initial = self.instance.versi

    def clean(self):
        data = super().clean()
        # A value of a closed period (every period of a year whose report is final) changes
        # neither from nor into it here; see kinerja.periode_terbuka.
        with sebagai_validasi():
            if self.instance.pk:
                lama = Realisasi.objects.select_related("indikator").get(pk=self.instance.pk)
                pastikan_periode_terbuka(
                    indikator=lama.indikator, tahun=lama.tahun, periode=lama.periode
                )
            if data.get("indikator") and data.get("tahun") and data.get("periode"):
                pastikan_periode_terbuka(
                    indikator=data["indikator"], tahun=data["tahun"], periode=data["periode"]
                )
        if self.instance.pk:
            sekarang = (
                Realisasi.objects.select_related("diubah_oleh", "tingkat", "indikator")
                .select_for_update(of=("self",))
                .get(pk=self.instance.pk)
            )
            if data.get("versi_dilihat") != sekarang.versi:
                oleh = sekarang.diubah_oleh
                raise forms.ValidationError(
                    f"Nilai ini sudah diubah oleh "
                    f"{oleh.nama_tampilan if oleh else 'pengguna lain'}; "
                    f"nilai sekarang {sekarang.nilai if sekarang.nilai is not None else ''}"
                    f"{sekarang.tingkat.kode if sekarang.tingkat_id else ''}. Muat ulang halaman."
                )
        return data


@admin.register(Realisasi)
class RealisasiAdmin(ImporEksporAdmin, SimpleHistoryAdmin):
    lingkup_organisasi = "indikator__sasaran__renstra__organisasi"
    form = RealisasiAdminForm
    resource_classes = [RealisasiResource]
    # One column for the value, a number or a level: the list fits a 1366 px screen.
    list_display = ["indikator", "tahun", "periode", "nilai_tampil", "status", "diubah_oleh"]
    list_filter = ["tahun", "periode", "status", "indikator__sasaran", "indikator__unit_kerja"]
    search_fields = ["indikator__nama", "kendala", "tindak_lanjut"]
    list_select_related = ["indikator", "tingkat", "diubah_oleh"]
    autocomplete_fields = ["indikator"]
    readonly_fields = [
        "status",
        "catatan_verifikasi",
        "capaian",
        "kategori",
        "versi",
        "diubah_oleh",
        "diubah_pada",
    ]
    history_list_display = ["status", "nilai", "tingkat", "versi"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("indikator__sasaran__renstra__organisasi", "indikator__skala")
        )

    @admin.display(description=_("realisasi"), ordering="nilai")
    def nilai_tampil(self, obj: Realisasi) -> str:
        if obj.nilai is not None:
            return format_tersimpan(obj.nilai)
        return obj.tingkat.kode if obj.tingkat_id else "-"

    @admin.display(description=_("capaian"))
    def capaian(self, obj: Realisasi) -> str:
        if obj.pk is None:
            return "-"
        hasil, _kategori = capaian_realisasi(obj)
        return format_persen(hasil.persen) if hasil.persen is not None else hasil.status.label

    @admin.display(description=_("kategori"))
    def kategori(self, obj: Realisasi) -> str:
        if obj.pk is None:
            return "-"
        _hasil, kategori = capaian_realisasi(obj)
        return kategori.nama if kategori else "-"

    def has_delete_permission(self, request, obj=None):
        if obj is not None and pesan_periode_tertutup(
            indikator=obj.indikator, tahun=obj.tahun, periode=obj.periode
        ):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # The bulk delete would skip the period check; values are deleted one by one.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        # An edit here is a change like any other: it bumps the version, so a web form
        # opened before it is refused instead of overwriting it.
        obj.diubah_oleh = request.user
        obj._change_reason = "Diubah lewat halaman administrasi"
        if change:
            obj.versi = form.cleaned_data["versi_dilihat"] + 1
        super().save_model(request, obj, form, change)


@admin.register(BuktiDukung)
class BuktiDukungAdmin(LingkupAdmin, SimpleHistoryAdmin):
    lingkup_organisasi = "realisasi__indikator__sasaran__renstra__organisasi"
    list_display = ["nama_asli", "realisasi", "jenis_konten", "ukuran", "diunggah_oleh"]
    list_select_related = ["realisasi__indikator", "diunggah_oleh"]
    search_fields = ["nama_asli", "realisasi__indikator__nama"]
    # The file is shown as a link to the app's own download view, which checks access:
    # the private storage has no URL, so the default file widget would fail (HTTP 500).
    fields = [
        "realisasi",
        "unduh",
        "nama_asli",
        "jenis_konten",
        "ukuran",
        "diunggah_oleh",
        "diunggah_pada",
    ]
    readonly_fields = [
        "realisasi",
        "unduh",
        "nama_asli",
        "jenis_konten",
        "ukuran",
        "diunggah_oleh",
        "diunggah_pada",
    ]

    def has_add_permission(self, request):
        return False  # uploads go through the entry form, which checks the content

    @admin.display(description=_("berkas"))
    def unduh(self, obj: BuktiDukung) -> str:
        if obj.pk is None:
            return "-"
        return format_html(
            '<a href="{}">Unduh {}</a>',
            reverse("kinerja:bukti", args=[obj.pk]),
            nama_unduhan(obj.nama_asli, obj.jenis_konten),
        )


@admin.register(JadwalPeriode)
class JadwalPeriodeAdmin(LingkupAdmin, SimpleHistoryAdmin):
    lingkup_organisasi = "organisasi"
    list_display = ["organisasi", "tahun", "periode", "tanggal_tutup"]
    list_filter = ["organisasi", "tahun", "periode"]
    list_editable = ["tanggal_tutup"]


@admin.register(TenggatWaktu)
class TenggatWaktuAdmin(LingkupAdmin, SimpleHistoryAdmin):
    """Deadlines moved from their default (kinerja/kalender.py); the entry deadline of a
    period is its Jadwal periode."""

    lingkup_organisasi = "organisasi"
    list_display = ["organisasi", "tahun", "jenis", "periode", "tanggal"]
    list_filter = ["organisasi", "tahun", "jenis"]
    list_editable = ["tanggal"]


@admin.register(PengingatTerkirim)
class PengingatTerkirimAdmin(LingkupAdmin, admin.ModelAdmin):
    """What the daily reminders sent, to whom: read-only, written by kirim_pengingat."""

    lingkup_organisasi = "pengguna__organisasi"
    list_display = ["tanggal", "pengguna", "jenis", "kunci", "dikirim_pada"]
    list_filter = ["tanggal", "jenis"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(KunciTahun)
class KunciTahunAdmin(LingkupAdmin, SimpleHistoryAdmin):
    lingkup_organisasi = "organisasi"
    list_display = ["organisasi", "tahun", "alasan", "dikunci_oleh", "dikunci_pada"]
    list_filter = ["organisasi", "tahun"]
    readonly_fields = ["dikunci_oleh", "dikunci_pada"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.dikunci_oleh, obj.dikunci_pada = request.user, timezone.now()
        obj._change_reason = obj.alasan
        super().save_model(request, obj, form, change)


@admin.register(PembukaanPeriode)
class PembukaanPeriodeAdmin(BukaTahunAdmin, LingkupAdmin, SimpleHistoryAdmin):
    lingkup_organisasi = "unit_kerja__organisasi"
    list_display = ["unit_kerja", "tahun", "periode", "sampai", "alasan", "dibuka_oleh"]
    list_filter = ["tahun", "periode", "unit_kerja"]
    readonly_fields = ["dibuka_oleh", "dibuka_pada"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.dibuka_oleh, obj.dibuka_pada = request.user, timezone.now()
        obj._change_reason = obj.alasan
        super().save_model(request, obj, form, change)


class PejabatForm(forms.ModelForm):
    # No Meta: the admin builds it from PejabatAdmin for the model and its fields.
    def clean(self):
        data = super().clean()
        pesan = pesan_ganti_akun(self.instance, data.get("pengguna"))
        if pesan:
            self.add_error("pengguna", pesan)
        return data


# Pejabat's admin is registered here, not in organisasi: whether the account that signs for an
# official may change depends on agreements waiting for signatures, a kinerja rule, and
# organisasi imports no app above it.
@admin.register(Pejabat)
class PejabatAdmin(LingkupAdmin, SimpleHistoryAdmin):
    """The history page shows who linked which account, and when (Pejabat.pengguna)."""

    lingkup_organisasi = "organisasi"
    form = PejabatForm
    list_display = ["nama", "jabatan", "peran", "unit_kerja", "pengguna"]  # NIP: search
    list_filter = ["organisasi", "peran"]
    search_fields = ["nama", "nip", "jabatan"]
    autocomplete_fields = ["pengguna"]


@admin.register(PemetaanKegiatan)
class PemetaanKegiatanAdmin(LingkupAdmin, admin.ModelAdmin):
    """The sasaran a kegiatan line serves stays editable after its agreement is signed."""

    lingkup_organisasi = "kegiatan__perjanjian__organisasi"
    list_display = ["kegiatan", "sasaran", "indikator", "sumber_dana", "realisasi"]
    list_filter = ["kegiatan__perjanjian__tahun", "sumber_dana", "sasaran"]
    list_select_related = ["kegiatan__perjanjian__unit_kerja", "sasaran", "indikator"]
    autocomplete_fields = ["indikator"]
    search_fields = ["kegiatan__uraian"]


@admin.register(StandarNasional)
class StandarNasionalAdmin(LingkupAdmin, admin.ModelAdmin):
    lingkup_organisasi = "indikator__sasaran__renstra__organisasi"
    list_display = ["indikator", "tahun", "nilai", "tingkat", "sumber"]
    list_filter = ["tahun"]
    autocomplete_fields = ["indikator"]
