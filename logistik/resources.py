"""Logistics lines of an election, in and out of XLSX/CSV in the admin (by the election's
code and the line number)."""

from import_export import fields, widgets

from logistik.models import Logistik, Pemilihan
from organisasi.resources import SumberDaya


class PemilihanWidget(widgets.ForeignKeyWidget):
    def __init__(self) -> None:
        super().__init__(Pemilihan, field="kode")

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {"kode": str(value).strip(), "organisasi__slug": row.get("organisasi")}

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except Pemilihan.DoesNotExist:
            raise ValueError(f'Pemilu/pemilihan "{value}" tidak ada pada organisasi ini.') from None


class LogistikResource(SumberDaya):
    organisasi = fields.Field(column_name="organisasi", readonly=True)
    pemilihan = fields.Field(
        attribute="pemilihan", column_name="pemilihan", widget=PemilihanWidget()
    )

    class Meta:
        model = Logistik
        fields = [
            "organisasi",
            "pemilihan",
            "urutan",
            "jenis",
            "satuan",
            "dipesan",
            "diterima",
            "baik",
            "rusak",
        ]
        import_id_fields = ["pemilihan", "urutan"]
        export_order = fields

    def dehydrate_organisasi(self, obj: Logistik) -> str:
        return obj.pemilihan.organisasi.slug

    def get_queryset(self):
        return Logistik.objects.select_related("pemilihan__organisasi")
