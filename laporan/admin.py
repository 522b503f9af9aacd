from django.contrib import admin, messages
from django.http import HttpResponse

from inti.galat import Ditolak
from laporan import services
from laporan.models import (
    AnalisisSasaran,
    CapaianLain,
    LaporanFinal,
    LaporanKinerja,
    ProdukHukum,
)
from organisasi.admin_lingkup import LingkupAdmin, LingkupInline
from organisasi.pesan import tampilkan_ditolak_admin


@admin.register(ProdukHukum)
class ProdukHukumAdmin(LingkupAdmin, admin.ModelAdmin):
    lingkup_organisasi = "organisasi"
    list_display = ["jenis_dokumen", "tahun", "jumlah_hardcopy", "jumlah_softcopy", "organisasi"]
    list_filter = ["organisasi", "tahun"]
    search_fields = ["jenis_dokumen"]


@admin.register(CapaianLain)
class CapaianLainAdmin(LingkupAdmin, admin.ModelAdmin):
    lingkup_organisasi = "organisasi"
    list_display = ["uraian", "tahun", "organisasi"]
    list_filter = ["organisasi", "tahun"]
    search_fields = ["uraian"]


class AnalisisSasaranInline(LingkupInline, admin.StackedInline):
    model = AnalisisSasaran
    extra = 0


@admin.register(LaporanKinerja)
class LaporanKinerjaAdmin(LingkupAdmin, admin.ModelAdmin):
    lingkup_organisasi = "organisasi"
    list_display = ["organisasi", "tahun", "tempat", "tanggal", "penandatangan"]
    list_filter = ["organisasi", "tahun"]
    search_fields = ["kata_pengantar", "latar_belakang"]
    inlines = [AnalisisSasaranInline]
    actions = ["unduh_pdf", "finalkan"]

    @admin.action(description="Unduh PDF LAKIP (satu laporan)")
    def unduh_pdf(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Pilih tepat satu laporan.", messages.ERROR)
            return None
        laporan = queryset.select_related("organisasi").get()
        try:
            pdf = services.lakip_pdf(organisasi=laporan.organisasi, tahun=laporan.tahun)
        except services.FinalRusak as exc:
            self.message_user(request, exc.pesan, messages.ERROR)
            return None
        response = HttpResponse(pdf.isi, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{pdf.nama_berkas}"'
        return response

    @admin.action(description="Finalkan LAKIP (simpan PDF dan SHA-256)")
    def finalkan(self, request, queryset):
        for laporan in queryset.select_related("organisasi"):
            try:
                final = services.laporan_finalkan(
                    organisasi=laporan.organisasi, tahun=laporan.tahun, oleh=request.user
                )
            except Ditolak as exc:
                tampilkan_ditolak_admin(self, request, exc, awalan=f"{laporan}: ")
            else:
                self.message_user(request, f"{laporan}: final versi {final.versi}.")


@admin.register(LaporanFinal)
class LaporanFinalAdmin(LingkupAdmin, admin.ModelAdmin):
    """History of finalised reports; the stored files are never edited here."""

    lingkup_organisasi = "laporan__organisasi"

    list_display = ["laporan", "versi", "difinalkan_pada", "difinalkan_oleh", "dibuka_pada"]
    list_filter = ["laporan__organisasi", "laporan__tahun"]
    # The file in private storage has no URL: show its name, not a link (which would fail).
    fields = readonly_fields = [
        "nama_berkas" if f.name == "berkas" else f.name
        for f in LaporanFinal._meta.fields
        if f.name != "id"
    ]

    @admin.display(description=LaporanFinal._meta.get_field("berkas").verbose_name)
    def nama_berkas(self, obj: LaporanFinal) -> str:
        return obj.berkas.name

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
