from django.contrib import admin

from anggaran.models import AnggaranKegiatan, Kegiatan, Program, RealisasiProgram
from anggaran.resources import AnggaranKegiatanResource, RealisasiProgramResource
from organisasi.admin_lingkup import LingkupAdmin, LingkupInline
from organisasi.resources import ImporEksporAdmin


class KegiatanInline(LingkupInline, admin.TabularInline):
    model = Kegiatan
    extra = 0
    show_change_link = True


class RealisasiProgramInline(LingkupInline, admin.TabularInline):
    model = RealisasiProgram
    extra = 0


@admin.register(Program)
class ProgramAdmin(LingkupAdmin, admin.ModelAdmin):
    lingkup_organisasi = "organisasi"
    list_display = ["kode", "nama", "organisasi"]
    list_filter = ["organisasi"]
    search_fields = ["kode", "nama"]
    inlines = [KegiatanInline, RealisasiProgramInline]


class AnggaranKegiatanInline(LingkupInline, admin.TabularInline):
    model = AnggaranKegiatan
    extra = 0


@admin.register(Kegiatan)
class KegiatanAdmin(LingkupAdmin, admin.ModelAdmin):
    lingkup_organisasi = "program__organisasi"
    list_display = ["kode", "nama", "program"]
    list_filter = ["program__organisasi", "program"]
    search_fields = ["kode", "nama"]
    inlines = [AnggaranKegiatanInline]


@admin.register(AnggaranKegiatan)
class AnggaranKegiatanAdmin(ImporEksporAdmin):
    lingkup_organisasi = "kegiatan__program__organisasi"
    resource_classes = [AnggaranKegiatanResource]
    list_display = ["kegiatan", "tahun", "pagu", "realisasi", "sumber_dana"]
    list_filter = ["tahun", "kegiatan__program", "sumber_dana"]
    search_fields = ["kegiatan__kode", "kegiatan__nama"]
    list_select_related = ["kegiatan"]


@admin.register(RealisasiProgram)
class RealisasiProgramAdmin(ImporEksporAdmin):
    lingkup_organisasi = "program__organisasi"
    resource_classes = [RealisasiProgramResource]
    list_display = ["program", "tahun", "realisasi"]
    list_filter = ["tahun", "program__organisasi"]
    search_fields = ["program__kode", "program__nama"]
