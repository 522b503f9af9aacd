from django.contrib import admin

from logistik.models import Logistik, Pemilihan
from logistik.resources import LogistikResource
from organisasi.admin_lingkup import LingkupAdmin, LingkupInline
from organisasi.resources import ImporEksporAdmin


class LogistikInline(LingkupInline, admin.TabularInline):
    model = Logistik
    extra = 0


@admin.register(Pemilihan)
class PemilihanAdmin(LingkupAdmin, admin.ModelAdmin):
    lingkup_organisasi = "organisasi"
    list_display = ["nama", "tahun", "organisasi"]
    list_filter = ["organisasi", "tahun"]
    search_fields = ["nama", "kode"]
    inlines = [LogistikInline]


@admin.register(Logistik)
class LogistikAdmin(ImporEksporAdmin):
    lingkup_organisasi = "pemilihan__organisasi"
    resource_classes = [LogistikResource]
    list_display = [
        "urutan",
        "jenis",
        "satuan",
        "dipesan",
        "diterima",
        "baik",
        "rusak",
        "pemilihan",
    ]
    list_display_links = ["urutan", "jenis"]
    list_filter = ["pemilihan"]
    search_fields = ["jenis"]
