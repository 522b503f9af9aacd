from django.contrib import admin

from organisasi.admin_lingkup import LingkupAdmin, LingkupInline
from organisasi.resources import ImporEksporAdmin
from renstra.models import (
    IndikatorKinerja,
    Misi,
    Renstra,
    SasaranStrategis,
    SasaranTujuan,
    SkalaOrdinal,
    TargetRenstra,
    TingkatSkala,
    Tujuan,
)
from renstra.resources import IndikatorKinerjaResource, TargetRenstraResource


class TingkatSkalaInline(LingkupInline, admin.TabularInline):
    model = TingkatSkala
    extra = 0


@admin.register(SkalaOrdinal)
class SkalaOrdinalAdmin(LingkupAdmin, admin.ModelAdmin):
    lingkup_organisasi = None  # scales are shared by every organisation
    list_display = ["nama", "kode"]
    search_fields = ["nama", "kode"]
    inlines = [TingkatSkalaInline]


class MisiInline(LingkupInline, admin.TabularInline):
    model = Misi
    extra = 0


class TujuanInline(LingkupInline, admin.TabularInline):
    model = Tujuan
    extra = 0
    show_change_link = True


class SasaranStrategisInline(LingkupInline, admin.TabularInline):
    model = SasaranStrategis
    extra = 0
    show_change_link = True


@admin.register(Renstra)
class RenstraAdmin(LingkupAdmin, admin.ModelAdmin):
    lingkup_organisasi = "organisasi"
    list_display = ["judul", "organisasi", "tahun_mulai", "tahun_selesai", "nomor_keputusan"]
    list_filter = ["organisasi"]
    search_fields = ["judul", "nomor_keputusan", "visi"]
    inlines = [MisiInline, TujuanInline, SasaranStrategisInline]


class SasaranTujuanInline(LingkupInline, admin.TabularInline):
    model = SasaranTujuan
    extra = 0


@admin.register(Tujuan)
class TujuanAdmin(LingkupAdmin, admin.ModelAdmin):
    lingkup_organisasi = "renstra__organisasi"
    list_display = ["nomor", "teks", "renstra"]
    list_filter = ["renstra"]
    search_fields = ["teks"]
    inlines = [SasaranTujuanInline]


class IndikatorInline(LingkupInline, admin.TabularInline):
    model = IndikatorKinerja
    fields = ["urutan", "kode", "nama", "tingkat", "tipe", "unit_kerja"]
    extra = 0
    show_change_link = True


@admin.register(SasaranStrategis)
class SasaranStrategisAdmin(LingkupAdmin, admin.ModelAdmin):
    lingkup_organisasi = "renstra__organisasi"
    list_display = ["nomor", "nama", "tabel_bukti", "renstra"]
    list_display_links = ["nomor", "nama"]
    list_filter = ["renstra"]
    search_fields = ["nama"]
    inlines = [IndikatorInline]


class TargetRenstraInline(LingkupInline, admin.TabularInline):
    model = TargetRenstra
    fields = ["tahun", "nilai", "nilai_atas", "tingkat"]
    extra = 0


@admin.register(IndikatorKinerja)
class IndikatorKinerjaAdmin(ImporEksporAdmin):
    lingkup_organisasi = "sasaran__renstra__organisasi"
    resource_classes = [IndikatorKinerjaResource]
    list_display = ["nama", "sasaran_nomor", "tingkat", "tipe", "polaritas", "unit_kerja"]
    list_filter = ["sasaran__renstra", "sasaran", "tingkat", "tipe", "polaritas", "unit_kerja"]
    search_fields = ["nama", "kode", "sasaran_program"]
    list_select_related = ["sasaran", "unit_kerja"]
    inlines = [TargetRenstraInline]

    @admin.display(description="Sasaran", ordering="sasaran__nomor")
    def sasaran_nomor(self, obj: IndikatorKinerja) -> int:
        return obj.sasaran.nomor


@admin.register(TargetRenstra)
class TargetRenstraAdmin(ImporEksporAdmin):
    lingkup_organisasi = "indikator__sasaran__renstra__organisasi"
    resource_classes = [TargetRenstraResource]
    list_display = ["indikator", "tahun", "nilai", "tingkat"]
    list_filter = ["tahun", "indikator__sasaran"]
    search_fields = ["indikator__nama"]
    list_select_related = ["indikator", "tingkat"]
    ordering = ["indikator__sasaran__nomor", "indikator__urutan", "tahun"]
