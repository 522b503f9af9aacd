from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kinerja.models import (
    KegiatanPerjanjian,
    PerjanjianKinerja,
    Realisasi,
    RentangPenilaian,
    SkalaPenilaian,
    TandaTangan,
    TargetKinerja,
)
from kinerja.selectors import capaian_realisasi
from organisasi.angka import format_persen


def _terkunci(obj: PerjanjianKinerja | None) -> bool:
    return obj is not None and obj.is_terkunci


class IsiPerjanjianInline(admin.TabularInline):
    """Targets and kegiatan are read-only once pihak pertama has signed."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return not _terkunci(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _terkunci(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _terkunci(obj) and super().has_delete_permission(request, obj)


class RentangPenilaianInline(admin.TabularInline):
    model = RentangPenilaian
    extra = 0


@admin.register(SkalaPenilaian)
class SkalaPenilaianAdmin(admin.ModelAdmin):
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


class TandaTanganInline(admin.TabularInline):
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
class PerjanjianKinerjaAdmin(admin.ModelAdmin):
    """Drafts can be corrected here; a signed agreement is shown read-only. Status and the
    verification code change only through the signing service (the agreement pages)."""

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


@admin.register(Realisasi)
class RealisasiAdmin(admin.ModelAdmin):
    list_display = ["indikator", "tahun", "periode", "nilai", "tingkat", "status"]
    list_filter = ["tahun", "periode", "status", "indikator__sasaran", "indikator__unit_kerja"]
    search_fields = ["indikator__nama", "kendala", "tindak_lanjut"]
    list_select_related = ["indikator", "tingkat"]
    autocomplete_fields = ["indikator"]
    readonly_fields = ["capaian", "kategori", "versi", "diubah_oleh", "diubah_pada"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("indikator__sasaran__renstra__organisasi", "indikator__skala")
        )

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
