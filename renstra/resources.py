"""Renstra indicators and their yearly targets, in and out of XLSX/CSV in the admin.

Rows are found by natural keys, never by database ids: an indicator by its organisation,
its Renstra (first year), its sasaran number and its code; a target by the indicator (the
Renstra covering the target's year) and the year.
"""

from django.core.exceptions import ValidationError
from import_export import fields, widgets

from organisasi.resources import AngkaWidget, SumberDaya, UnitKerjaWidget
from renstra.models import (
    IndikatorKinerja,
    SasaranStrategis,
    SkalaOrdinal,
    TargetRenstra,
    TingkatSkala,
)


class SasaranWidget(widgets.ForeignKeyWidget):
    """A sasaran by its number, in the Renstra of the row's organisation and first year."""

    def __init__(self) -> None:
        super().__init__(SasaranStrategis, field="nomor")

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {
            "nomor": value,
            "renstra__organisasi__slug": row.get("organisasi"),
            "renstra__tahun_mulai": row.get("renstra"),
        }

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (SasaranStrategis.DoesNotExist, ValueError, TypeError):
            raise ValueError(
                f"Sasaran {value} Renstra {row.get('renstra')} organisasi "
                f"{row.get('organisasi')} tidak ada."
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value.nomor if value else None


class IndikatorWidget(widgets.ForeignKeyWidget):
    """An indicator by its code, in the Renstra of the row's organisation that covers the
    row's year (column "tahun")."""

    def __init__(self) -> None:
        super().__init__(IndikatorKinerja, field="kode")

    def get_lookup_kwargs(self, value, row, **kwargs):
        tahun = AngkaWidget(bulat=True).clean(row.get("tahun"))
        return {
            "kode": value,
            "sasaran__renstra__organisasi__slug": row.get("organisasi"),
            "sasaran__renstra__tahun_mulai__lte": tahun,
            "sasaran__renstra__tahun_selesai__gte": tahun,
        }

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except IndikatorKinerja.DoesNotExist:
            raise ValueError(
                f'Indikator "{value}" tidak ada pada Renstra organisasi {row.get("organisasi")} '
                f"yang mencakup tahun {row.get('tahun')}."
            ) from None
        except IndikatorKinerja.MultipleObjectsReturned:
            raise ValueError(f'Kode indikator "{value}" tidak unik pada Renstra ini.') from None

    def render(self, value, obj=None, **kwargs):
        return value.kode if value else None


class TingkatWidget(widgets.ForeignKeyWidget):
    """A level by its code, in the scale of the row's indicator."""

    def __init__(self) -> None:
        super().__init__(TingkatSkala, field="kode")

    def get_lookup_kwargs(self, value, row, **kwargs):
        indikator = IndikatorWidget().clean(row.get("kode_indikator"), row)
        return {"kode": str(value).strip(), "skala_id": indikator.skala_id if indikator else None}

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except TingkatSkala.DoesNotExist:
            raise ValueError(f'"{value}" bukan tingkat skala indikator ini.') from None

    def render(self, value, obj=None, **kwargs):
        return value.kode if value else None


class IndikatorKinerjaResource(SumberDaya):
    organisasi = fields.Field(column_name="organisasi", readonly=True)
    renstra = fields.Field(column_name="renstra", readonly=True)
    sasaran = fields.Field(attribute="sasaran", column_name="sasaran", widget=SasaranWidget())
    skala = fields.Field(
        attribute="skala",
        column_name="skala",
        widget=widgets.ForeignKeyWidget(SkalaOrdinal, "kode"),
    )
    unit_kerja = fields.Field(
        attribute="unit_kerja", column_name="unit_kerja", widget=UnitKerjaWidget()
    )

    class Meta:
        model = IndikatorKinerja
        fields = [
            "organisasi",
            "renstra",
            "sasaran",
            "kode",
            "nama",
            "tingkat",
            "sasaran_program",
            "tipe",
            "skala",
            "satuan",
            "polaritas",
            "agregasi",
            "unit_kerja",
            "urutan",
        ]
        import_id_fields = ["sasaran", "kode"]
        export_order = fields

    def dehydrate_organisasi(self, obj: IndikatorKinerja) -> str:
        return obj.sasaran.renstra.organisasi.slug

    def dehydrate_renstra(self, obj: IndikatorKinerja) -> int:
        return obj.sasaran.renstra.tahun_mulai

    def get_queryset(self):
        return IndikatorKinerja.objects.select_related(
            "sasaran__renstra__organisasi", "skala", "unit_kerja"
        )


class TargetRenstraResource(SumberDaya):
    organisasi = fields.Field(column_name="organisasi", readonly=True)
    indikator = fields.Field(
        attribute="indikator", column_name="kode_indikator", widget=IndikatorWidget()
    )
    nilai = fields.Field(attribute="nilai", column_name="nilai", widget=AngkaWidget())
    nilai_atas = fields.Field(
        attribute="nilai_atas", column_name="nilai_atas", widget=AngkaWidget()
    )
    tingkat = fields.Field(attribute="tingkat", column_name="tingkat", widget=TingkatWidget())

    class Meta:
        model = TargetRenstra
        fields = ["organisasi", "indikator", "tahun", "nilai", "nilai_atas", "tingkat"]
        import_id_fields = ["indikator", "tahun"]
        export_order = fields

    def dehydrate_organisasi(self, obj: TargetRenstra) -> str:
        return obj.indikator.sasaran.renstra.organisasi.slug

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        renstra = instance.indikator.sasaran.renstra
        if instance.tahun not in renstra.tahun:
            raise ValidationError({"tahun": f"Tahun di luar periode {renstra}."})

    def get_queryset(self):
        return TargetRenstra.objects.select_related(
            "indikator__sasaran__renstra__organisasi", "tingkat"
        )
