from django.contrib import admin

from laporan.models import (
    AnalisisSasaran,
    CapaianLain,
    EvaluasiSakip,
    KomponenSakip,
    LaporanKinerja,
    ProdukHukum,
)


class KomponenSakipInline(admin.TabularInline):
    model = KomponenSakip
    extra = 0


@admin.register(EvaluasiSakip)
class EvaluasiSakipAdmin(admin.ModelAdmin):
    list_display = ["organisasi", "tahun", "nomor_lhe", "evaluator"]
    list_filter = ["organisasi", "tahun"]
    search_fields = ["nomor_lhe"]
    inlines = [KomponenSakipInline]


@admin.register(ProdukHukum)
class ProdukHukumAdmin(admin.ModelAdmin):
    list_display = ["jenis_dokumen", "tahun", "jumlah_hardcopy", "jumlah_softcopy", "organisasi"]
    list_filter = ["organisasi", "tahun"]
    search_fields = ["jenis_dokumen"]


@admin.register(CapaianLain)
class CapaianLainAdmin(admin.ModelAdmin):
    list_display = ["uraian", "tahun", "organisasi"]
    list_filter = ["organisasi", "tahun"]
    search_fields = ["uraian"]


class AnalisisSasaranInline(admin.StackedInline):
    model = AnalisisSasaran
    extra = 0


@admin.register(LaporanKinerja)
class LaporanKinerjaAdmin(admin.ModelAdmin):
    list_display = ["organisasi", "tahun", "tempat", "tanggal", "penandatangan"]
    list_filter = ["organisasi", "tahun"]
    search_fields = ["kata_pengantar", "latar_belakang"]
    inlines = [AnalisisSasaranInline]
