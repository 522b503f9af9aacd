"""Numbers in the admin the Indonesian way: typed with inti.angka.parse_angka ("96,7",
"1.234,5"), shown with inti.angka's formatters ("Rp57.487.073.000", "96,7").

Django's own number display would print "57487073000" (its thousand separator stays off so
that years never print as "2.024"), and its DecimalField refuses "96,7". LingkupAdmin and
LingkupInline use both helpers for every DecimalField, so no admin class lists them by hand.
Money is a DecimalField without decimals: every whole-rupiah column of the project.
Read-only fields (declared so, or all of them on a page the user may only view) are shown
through an attribute `<field>_tampil` the mixin adds, since Django displays a model field
read-only with its own number format.
"""

from collections.abc import Callable
from decimal import Decimal

from django import forms
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models

from inti.angka import AngkaTidakValid, format_rupiah, format_tersimpan, parse_angka


class AngkaField(forms.DecimalField):
    """A DecimalField that reads what people type ("96,7", "1.234,5", "Rp 2.928.042.000")
    and shows a stored value as they would type it."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        try:
            return parse_angka(str(value))
        except AngkaTidakValid as exc:
            raise ValidationError(str(exc), code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, Decimal) and value.is_finite():
            return format_tersimpan(value)
        return value


FORMFIELD_ANGKA = {models.DecimalField: {"form_class": AngkaField}}


def tampil_angka(nilai: Decimal | None, field: models.DecimalField) -> str:
    if nilai is None:
        return "-"
    return format_rupiah(nilai) if field.decimal_places == 0 else format_tersimpan(nilai)


def kolom_angka(model: type[models.Model], nama: str) -> Callable[[models.Model], str]:
    """A list_display column for the DecimalField `nama`, sortable, labelled as the field."""
    field = model._meta.get_field(nama)
    assert isinstance(field, models.DecimalField)
    label = str(field.verbose_name).replace(" (Rp)", "")

    @admin.display(description=label, ordering=nama)
    def kolom(obj: models.Model) -> str:
        return tampil_angka(getattr(obj, nama), field)

    kolom.__name__ = nama  # the column's CSS class (column-<name>) stays the field's
    return kolom


def ganti_kolom_angka(model: type[models.Model], daftar, *, tetap=()) -> list:
    """list_display with each DecimalField name replaced by its formatted column, except the
    names in `tetap` (list_editable columns must stay fields)."""
    hasil = []
    for nama in daftar:
        if nama in tetap:
            hasil.append(nama)
            continue
        try:
            field = model._meta.get_field(nama) if isinstance(nama, str) else None
        except FieldDoesNotExist:
            field = None
        hasil.append(kolom_angka(model, nama) if isinstance(field, models.DecimalField) else nama)
    return hasil


def nama_tampil(nama: str) -> str:
    """The ModelAdmin attribute that shows the DecimalField `nama` read-only."""
    return f"{nama}_tampil"


def field_angka(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.fields if isinstance(f, models.DecimalField)]


def ganti_isian(daftar, angka: set[str]) -> list:
    """Field names (or tuples of names on one line) with the names in `angka` replaced by
    their read-only display, without repeating one already there."""
    hasil: list = []
    for nama in daftar:
        if isinstance(nama, list | tuple):
            hasil.append(tuple(ganti_isian(nama, angka)))
            continue
        baru = nama_tampil(nama) if nama in angka else nama
        if baru not in hasil:
            hasil.append(baru)
    return hasil
