from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from anggaran.models import (
    AnggaranKegiatan,
    Kegiatan,
    Program,
    RealisasiAnggaranBulanan,
    RealisasiProgram,
)
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
class ProgramAdmin(LingkupAdmin, SimpleHistoryAdmin):
    lingkup_organisasi = "organisasi"
    list_display = ["kode", "nama", "organisasi"]
    list_filter = ["organisasi"]
    search_fields = ["kode", "nama"]
    inlines = [KegiatanInline, RealisasiProgramInline]


class AnggaranKegiatanInline(LingkupInline, admin.TabularInline):
    model = AnggaranKegiatan
    extra = 0


@admin.register(Kegiatan)
class KegiatanAdmin(LingkupAdmin, SimpleHistoryAdmin):
    lingkup_organisasi = "program__organisasi"
    list_display = ["kode", "kode_kro", "kode_ro", "nama", "program"]
    list_filter = ["program__organisasi", "program"]
    search_fields = ["kode", "kode_kro", "kode_ro", "nama"]
    inlines = [AnggaranKegiatanInline]


class RealisasiBulananInline(LingkupInline, admin.TabularInline):
    """Read-only here: the yearly realisasi is the months' sum, which the budget page's
    monthly grid keeps (a month changed alone would leave the two apart)."""

    model = RealisasiAnggaranBulanan
    extra = 0
    fields = ["bulan", "jumlah"]
    readonly_fields = ["bulan", "jumlah"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AnggaranKegiatan)
class AnggaranKegiatanAdmin(ImporEksporAdmin, SimpleHistoryAdmin):
    lingkup_organisasi = "kegiatan__program__organisasi"
    resource_classes = [AnggaranKegiatanResource]
    list_display = ["kegiatan", "tahun", "pagu", "realisasi", "sumber_dana"]
    list_filter = ["tahun", "kegiatan__program", "sumber_dana"]
    search_fields = ["kegiatan__kode", "kegiatan__nama"]
    list_select_related = ["kegiatan"]
    inlines = [RealisasiBulananInline]


@admin.register(RealisasiProgram)
class RealisasiProgramAdmin(ImporEksporAdmin, SimpleHistoryAdmin):
    lingkup_organisasi = "program__organisasi"
    resource_classes = [RealisasiProgramResource]
    list_display = ["program", "tahun", "realisasi"]
    list_filter = ["tahun", "program__organisasi"]
    search_fields = ["program__kode", "program__nama"]
