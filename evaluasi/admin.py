"""The LKE in the admin: read-only. The structure comes from fixtures/lke (load_lke); answers
and scores are written through the worksheet, whose services check who writes and what is
frozen."""

from django.contrib import admin

from evaluasi.models import Evaluasi, KerangkaLke, KriteriaLke, Rekomendasi
from organisasi.admin_lingkup import LingkupAdmin


class _HanyaBaca(LingkupAdmin, admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(KerangkaLke)
class KerangkaLkeAdmin(_HanyaBaca):
    lingkup_organisasi = None  # the regulation's structure, shared by every organisation
    list_display = ["nama", "kode", "berlaku_mulai"]


@admin.register(KriteriaLke)
class KriteriaLkeAdmin(_HanyaBaca):
    lingkup_organisasi = None
    list_display = ["kode", "teks", "jenis", "saran"]
    list_filter = ["sub_komponen__komponen__kerangka", "jenis"]
    search_fields = ["teks", "kode"]


@admin.register(Evaluasi)
class EvaluasiAdmin(_HanyaBaca):
    lingkup_organisasi = "organisasi"
    list_display = ["organisasi", "tahun", "mandiri_diajukan_pada", "selesai_pada", "diimpor"]
    list_filter = ["organisasi", "tahun"]


@admin.register(Rekomendasi)
class RekomendasiAdmin(_HanyaBaca):
    lingkup_organisasi = "evaluasi__organisasi"
    list_display = ["uraian", "evaluasi", "penanggung_jawab", "batas_waktu", "status"]
    list_filter = ["status"]
