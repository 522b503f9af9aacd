from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from organisasi.admin_lingkup import HanyaSuperuserAdmin, LingkupAdmin, LingkupInline, melihat_semua
from organisasi.models import JumlahPegawai, Organisasi, Pengguna, UnitKerja, UraianTugas


class UnitKerjaInline(LingkupInline, admin.TabularInline):
    model = UnitKerja
    fields = ["urutan", "nama", "nama_singkat", "slug", "jenis", "induk"]
    extra = 0


class UraianTugasInline(LingkupInline, admin.TabularInline):
    model = UraianTugas
    fields = ["jenis", "urutan", "teks"]
    extra = 0


class JumlahPegawaiInline(LingkupInline, admin.TabularInline):
    model = JumlahPegawai
    fields = ["tahun", "urutan", "status_kepegawaian", "jumlah"]
    extra = 0


@admin.register(Organisasi)
class OrganisasiAdmin(LingkupAdmin, admin.ModelAdmin):
    """An organisation's admin edits their own organisation; only superusers add one or
    place it in the tree (its parent is another organisation)."""

    lingkup_organisasi = ""
    list_display = ["nama", "nama_singkat", "slug", "induk", "kota"]
    search_fields = ["nama", "nama_singkat", "slug"]
    list_filter = ["provinsi", "sintetis"]
    prepopulated_fields = {"slug": ["nama_singkat"]}
    inlines = [UnitKerjaInline, UraianTugasInline, JumlahPegawaiInline]

    def has_add_permission(self, request):
        return melihat_semua(request.user) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return melihat_semua(request.user) and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        tetap = super().get_readonly_fields(request, obj)
        return tetap if melihat_semua(request.user) else [*tetap, "induk"]


@admin.register(UnitKerja)
class UnitKerjaAdmin(LingkupAdmin, admin.ModelAdmin):
    lingkup_organisasi = "organisasi"
    list_display = ["nama", "organisasi", "jenis", "urutan"]
    list_filter = ["organisasi", "jenis"]
    search_fields = ["nama", "nama_singkat", "tugas"]


@admin.register(UraianTugas)
class UraianTugasAdmin(LingkupAdmin, admin.ModelAdmin):
    lingkup_organisasi = "organisasi"
    list_display = ["organisasi", "jenis", "urutan", "teks"]
    list_filter = ["organisasi", "jenis"]
    search_fields = ["teks"]


@admin.register(JumlahPegawai)
class JumlahPegawaiAdmin(LingkupAdmin, admin.ModelAdmin):
    lingkup_organisasi = "organisasi"
    list_display = ["organisasi", "tahun", "status_kepegawaian", "jumlah"]
    list_filter = ["organisasi", "tahun"]
    search_fields = ["status_kepegawaian"]


@admin.register(Pengguna)
class PenggunaAdmin(LingkupAdmin, UserAdmin):
    """An organisation's admin manages its users, but neither sees superusers nor grants
    superuser status, groups or permissions: that would reach past the organisation."""

    lingkup_organisasi = "organisasi"
    list_display = [
        "username",
        "first_name",
        "organisasi",
        "unit_kerja",
        "peran",
        "is_active",
    ]
    list_filter = ["organisasi", "peran", "unit_kerja", "is_active", "is_staff"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (_("Organisasi dan peran"), {"fields": ["organisasi", "unit_kerja", "peran"]}),
        (_("Pengingat"), {"fields": ["terima_pengingat"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        (_("Kontak"), {"fields": ["first_name", "email"]}),
        (_("Organisasi dan peran"), {"fields": ["organisasi", "unit_kerja", "peran"]}),
    ]

    def get_queryset(self, request):
        semua = super().get_queryset(request)
        return semua if melihat_semua(request.user) else semua.filter(is_superuser=False)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "unit_kerja" and melihat_semua(request.user):
            # Every satker has its "Subbagian Keuangan, Umum dan Logistik": a superuser, who
            # is offered the units of every organisation, tells them apart by their owner.
            field.queryset = field.queryset.select_related("organisasi")
            field.label_from_instance = lambda unit: f"{unit.nama} ({unit.organisasi})"
        return field

    def get_readonly_fields(self, request, obj=None):
        tetap = super().get_readonly_fields(request, obj)
        if melihat_semua(request.user):
            return tetap
        return [*tetap, "is_superuser", "groups", "user_permissions"]


# Shared by every organisation: superusers only.
admin.site.unregister(Group)


@admin.register(Group)
class GrupAdmin(HanyaSuperuserAdmin, GroupAdmin):
    pass


for _model, _admin in [
    (AccessAttempt, axes_admin.AccessAttemptAdmin),
    (AccessLog, axes_admin.AccessLogAdmin),
    (AccessFailureLog, axes_admin.AccessFailureLogAdmin),
]:
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
        admin.site.register(_model, type(_admin.__name__, (HanyaSuperuserAdmin, _admin), {}))
