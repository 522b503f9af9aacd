from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse

from laporan import services
from laporan.models import (
    AnalisisSasaran,
    CapaianLain,
    LaporanFinal,
    LaporanKinerja,
    ProdukHukum,
)


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
    actions = ["unduh_pdf", "finalkan"]

    @admin.action(description="Unduh PDF LAKIP (satu laporan)")
    def unduh_pdf(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Pilih tepat satu laporan.", messages.ERROR)
            return None
        laporan = queryset.select_related("organisasi").get()
        pdf = services.lakip_pdf(organisasi=laporan.organisasi, tahun=laporan.tahun)
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
            except ValidationError as exc:
                self.message_user(request, f"{laporan}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                self.message_user(request, f"{laporan}: final versi {final.versi}.")


@admin.register(LaporanFinal)
class LaporanFinalAdmin(admin.ModelAdmin):
    """History of finalised reports; the stored files are never edited here."""

    list_display = ["laporan", "versi", "difinalkan_pada", "difinalkan_oleh", "dibuka_pada"]
    list_filter = ["laporan__organisasi", "laporan__tahun"]
    readonly_fields = [f.name for f in LaporanFinal._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
