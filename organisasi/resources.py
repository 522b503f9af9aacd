"""What every django-import-export resource and admin of the project shares.

- Exported cells go through inti.xlsx.sel_aman: no text an application user typed can
  reach a spreadsheet as a formula (django-import-export's own setting only strips "=").
  Re-imported, such text gets its apostrophe back off (sel_asli), so a round trip is exact.
- Numbers are read with the one parser (inti.angka, through angka_dari_sel) and written
  as numbers to XLSX, the Indonesian way to CSV.
- Imports are all-or-nothing: one transaction, rolled back on any error or invalid row; the
  admin shows the dry run first, as django-import-export does, and only admins may import
  or export.
"""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from import_export import resources, widgets
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from inti.angka import AngkaTidakValid, format_tersimpan
from inti.xlsx import angka_dari_sel, sel_aman, sel_asli
from organisasi.admin_lingkup import LingkupAdmin, melihat_semua, organisasi_id_dari
from organisasi.akses import is_admin
from organisasi.models import UnitKerja


class AngkaWidget(widgets.Widget):
    """A Decimal (or, with `bulat`, an int) read from a cell: numbers as Excel stores them,
    text as people type it ("96,7", "1.234,5")."""

    def __init__(self, bulat: bool = False) -> None:
        super().__init__(coerce_to_string=True)
        self.bulat = bulat

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            angka = angka_dari_sel(sel_asli(value))
        except AngkaTidakValid as exc:
            raise ValueError(str(exc)) from None
        if self.bulat:
            if angka != angka.to_integral_value():
                raise ValueError(f"{format_tersimpan(angka)} bukan bilangan bulat.")
            return int(angka)
        return angka

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return None if kwargs.get("force_native_type") else ""
        if kwargs.get("force_native_type"):
            return value  # XLSX: a real number
        if self.bulat:
            return str(value)  # years, versions, order numbers and counts: plain digits
        return format_tersimpan(Decimal(value))


class BilanganWidget(AngkaWidget):
    """A whole number (counts, years, order numbers) read the same way."""

    def __init__(self, **kwargs) -> None:
        super().__init__(bulat=True)


class UnitKerjaWidget(widgets.ForeignKeyWidget):
    """A unit by its slug within the row's organisation (column "organisasi")."""

    def __init__(self) -> None:
        super().__init__(UnitKerja, field="slug")

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {"slug": value, "organisasi__slug": (row or {}).get("organisasi")}

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except UnitKerja.DoesNotExist:
            raise ValueError(f'Unit kerja "{value}" tidak ada pada organisasi ini.') from None


class SumberDaya(resources.ModelResource):
    """The base of every resource: safe exports, exact round trips, one transaction."""

    class Meta:
        use_transactions = True
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def __init__(self, *, lingkup_organisasi: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        # Given by the admin (its own declaration): rows must stay in the user's organisation.
        self.lingkup_organisasi = lingkup_organisasi

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        # Every number of every resource goes through the one parser.
        if isinstance(f, models.DecimalField):
            return AngkaWidget
        if isinstance(f, models.IntegerField) and not f.primary_key:
            return BilanganWidget
        if isinstance(f, models.CharField | models.TextField) and not f.null:
            return widgets.CharWidget  # an empty cell is an empty text, never NULL
        return super().widget_from_django_field(f, default)

    def export_field(self, field, instance, **kwargs):
        return sel_aman(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        for kunci, nilai in list(row.items()):
            row[kunci] = sel_asli(nilai)
        super().before_import_row(row, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        # Checked on the row as found and as filled in: a file may neither change another
        # organisation's row nor point a row at another organisation.
        if instance.pk:
            self._periksa_lingkup(instance, kwargs.get("user"))
        super().import_instance(instance, row, **kwargs)
        self._periksa_lingkup(instance, kwargs.get("user"))

    def _periksa_lingkup(self, instance, user) -> None:
        if self.lingkup_organisasi is None or user is None or melihat_semua(user):
            return
        milik = organisasi_id_dari(instance, self.lingkup_organisasi)
        if milik is None or milik != user.organisasi_id:
            raise ValidationError(
                "Baris ini milik organisasi lain; Anda hanya dapat mengimpor data "
                "organisasi Anda sendiri."
            )


class ImporEksporAdmin(LingkupAdmin, ImportExportModelAdmin):
    """XLSX and CSV, import and export for admins only; all rows or none; rows of the
    user's organisation only (superusers: every organisation)."""

    import_formats = [XLSX, CSV]
    export_formats = [XLSX, CSV]

    def has_import_permission(self, request):
        return is_admin(request.user) and super().has_import_permission(request)

    def has_export_permission(self, request):
        return is_admin(request.user) and super().has_export_permission(request)

    def get_export_queryset(self, request):
        # An export reads: the rows of the organisations below the user's too.
        request.lingkup_ekspor = True
        return super().get_export_queryset(request)

    def get_import_resource_kwargs(self, request, **kwargs):
        data = super().get_import_resource_kwargs(request, **kwargs)
        data["lingkup_organisasi"] = self.lingkup_organisasi
        return data

    def get_import_data_kwargs(self, **kwargs):
        data = super().get_import_data_kwargs(**kwargs)
        # An invalid row rolls back the whole import, not only a row that raised.
        data["rollback_on_validation_errors"] = True
        return data

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The data changed between the dry run and the confirmation.
            baris = [str(n) for n, _ in result.row_errors()] + [
                str(r.number) for r in result.invalid_rows
            ]
            messages.error(
                request,
                "Tidak ada yang disimpan: data berubah sejak pratinjau; baris "
                f"{', '.join(baris) or '-'} kini salah. Impor ulang untuk melihat rinciannya.",
            )
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)
