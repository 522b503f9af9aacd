from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kinerja.models import (
    KegiatanPerjanjian,
    PerjanjianKinerja,
    Realisasi,
    RentangPenilaian,
    SkalaPenilaian,
    TargetKinerja,
)
from kinerja.selectors import capaian_realisasi
from organisasi.angka import format_persen


class RentangPenilaianInline(admin.TabularInline):
    model = RentangPenilaian
    extra = 0


@admin.register(SkalaPenilaian)
class SkalaPenilaianAdmin(admin.ModelAdmin):
    list_display = ["jenis", "renstra"]
    list_filter = ["jenis", "renstra"]
    inlines = [RentangPenilaianInline]


class TargetKinerjaInline(admin.TabularInline):
    model = TargetKinerja
    fields = ["urutan", "indikator", "nilai", "nilai_atas", "tingkat"]
    autocomplete_fields = ["indikator"]
    extra = 0


class KegiatanPerjanjianInline(admin.TabularInline):
    model = KegiatanPerjanjian
    fields = ["urutan", "uraian", "anggaran", "program", "kegiatan"]
    extra = 0


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(admin.ModelAdmin):
    list_display = ["__str__", "tahun", "versi", "unit_kerja", "status", "tanggal"]
    list_filter = ["organisasi", "tahun", "status", "unit_kerja"]
    search_fields = ["pihak_pertama__nama", "pihak_kedua__nama", "unit_kerja__nama"]
    list_select_related = ["organisasi", "unit_kerja"]
    inlines = [TargetKinerjaInline, KegiatanPerjanjianInline]


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
