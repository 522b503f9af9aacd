from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from organisasi.models import JumlahPegawai, Organisasi, Pengguna, UnitKerja, UraianTugas


class UnitKerjaInline(admin.TabularInline):
    model = UnitKerja
    fields = ["urutan", "nama", "nama_singkat", "slug", "jenis", "induk"]
    extra = 0


class UraianTugasInline(admin.TabularInline):
    model = UraianTugas
    fields = ["jenis", "urutan", "teks"]
    extra = 0


class JumlahPegawaiInline(admin.TabularInline):
    model = JumlahPegawai
    fields = ["tahun", "urutan", "status_kepegawaian", "jumlah"]
    extra = 0


@admin.register(Organisasi)
class OrganisasiAdmin(admin.ModelAdmin):
    list_display = ["nama", "nama_singkat", "slug", "induk", "kota"]
    search_fields = ["nama", "nama_singkat", "slug"]
    list_filter = ["provinsi"]
    prepopulated_fields = {"slug": ["nama_singkat"]}
    inlines = [UnitKerjaInline, UraianTugasInline, JumlahPegawaiInline]


@admin.register(UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ["nama", "organisasi", "jenis", "urutan"]
    list_filter = ["organisasi", "jenis"]
    search_fields = ["nama", "nama_singkat", "tugas"]


@admin.register(UraianTugas)
class UraianTugasAdmin(admin.ModelAdmin):
    list_display = ["organisasi", "jenis", "urutan", "teks"]
    list_filter = ["organisasi", "jenis"]
    search_fields = ["teks"]


@admin.register(JumlahPegawai)
class JumlahPegawaiAdmin(admin.ModelAdmin):
    list_display = ["organisasi", "tahun", "status_kepegawaian", "jumlah"]
    list_filter = ["organisasi", "tahun"]
    search_fields = ["status_kepegawaian"]


@admin.register(Pengguna)
class PenggunaAdmin(UserAdmin):
    list_display = ["username", "first_name", "organisasi", "unit_kerja", "peran", "is_active"]
    list_filter = ["organisasi", "peran", "unit_kerja", "is_active", "is_staff"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (_("Organisasi dan peran"), {"fields": ["organisasi", "unit_kerja", "peran"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        (_("Organisasi dan peran"), {"fields": ["organisasi", "unit_kerja", "peran"]}),
    ]
