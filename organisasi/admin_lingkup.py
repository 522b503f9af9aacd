"""The admin, scoped to the user's organisation: only superusers see every organisation.

Every ModelAdmin of the project inherits LingkupAdmin and declares `lingkup_organisasi`,
the lookup path from its model to the Organisasi it belongs to:

- "indikator__sasaran__renstra__organisasi": a row of that organisation;
- "": the model is Organisasi itself;
- None: shared by every organisation (a scale, a group): readable, changed only by superusers.

From that one declaration the admin filters its lists, change pages, history and actions
(get_queryset), offers only the organisation's rows in foreign-key choices, and refuses
import rows that belong to another organisation (ImporEksporAdmin passes the path to the
resource). Lists, change pages and exports also show, read-only, the rows of the
organisations below the user's (organisasi.akses.organisasi_terbaca); every POST other than
an export (a save, a delete, an action) works on the user's own organisation's rows only.
tests/test_admin_lingkup.py checks that every registered ModelAdmin declares it.
"""

from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import Http404

from organisasi.admin_angka import (
    FORMFIELD_ANGKA,
    field_angka,
    ganti_isian,
    ganti_kolom_angka,
    kolom_angka,
    nama_tampil,
)
from organisasi.akses import organisasi_terbaca
from organisasi.models import Organisasi

BELUM = object()  # `lingkup_organisasi` not declared: the registry test fails on it


def melihat_semua(user) -> bool:
    return user.is_active and user.is_superuser


def saring_organisasi(queryset: models.QuerySet, jalur: str | None, user) -> models.QuerySet:
    """The rows of `queryset` (whose model reaches Organisasi by `jalur`) the user may see."""
    if jalur is None or melihat_semua(user):
        return queryset
    if user.organisasi_id is None:
        return queryset.none()
    return queryset.filter(**{jalur or "pk": user.organisasi_id})


def saring_terbaca(queryset: models.QuerySet, jalur: str | None, user) -> models.QuerySet:
    """The rows of `queryset` the user may read: those of saring_organisasi and those of the
    organisations below the user's."""
    if jalur is None or melihat_semua(user):
        return queryset
    return queryset.filter(**{f"{jalur or 'pk'}__in": organisasi_terbaca(user)})


def untuk_menulis(request) -> bool:
    """A request that may change rows: anything but a read or an export."""
    return request.method not in ("GET", "HEAD", "OPTIONS") and not getattr(
        request, "lingkup_ekspor", False
    )


def milik_sendiri(obj: models.Model | None, jalur: str | None, user) -> bool:
    """Whether the user may change `obj` here: it belongs to the user's own organisation
    (or to none in particular, or no object is named)."""
    if obj is None or jalur is None or melihat_semua(user):
        return True
    return organisasi_id_dari(obj, jalur) == user.organisasi_id


def organisasi_id_dari(obj: models.Model, jalur: str) -> int | None:
    """The pk of the organisation `obj` belongs to, following `jalur` attribute by attribute."""
    if jalur == "":
        return obj.pk
    *antara, akhir = jalur.split("__")
    for nama in antara:
        obj = getattr(obj, nama, None)
        if obj is None:
            return None
    return getattr(obj, f"{akhir}_id", None)


def jalur_model(admin_site: admin.AdminSite, model: type[models.Model]) -> str | None:
    """The path from `model` to Organisasi, as its registered admin declares it; None for a
    model shared by every organisation (or not in the admin: the lookup tables of a scale)."""
    if model is Organisasi:
        return ""
    terdaftar = admin_site._registry.get(model)
    jalur = getattr(terdaftar, "lingkup_organisasi", None)
    return None if jalur is BELUM else jalur


class PilihanDalamLingkup:
    """Foreign-key choices limited to the user's organisation (ModelAdmins and inlines);
    numbers typed and shown the Indonesian way (organisasi.admin_angka)."""

    formfield_overrides = FORMFIELD_ANGKA

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not melihat_semua(request.user):
            terkait = db_field.remote_field.model
            jalur = jalur_model(self.admin_site, terkait)
            if jalur is not None:
                dasar = kwargs.get("queryset")
                if dasar is None:
                    dasar = terkait._default_manager.all()
                kwargs["queryset"] = saring_organisasi(dasar, jalur, request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AngkaBacaSaja:
    """Numbers shown read-only through inti.angka (organisasi.admin_angka): the ones declared
    read-only, or every one on a page (or inline) the user may only view."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nama in field_angka(self.model):
            setattr(self, nama_tampil(nama), kolom_angka(self.model, nama))

    def get_readonly_fields(self, request, obj=None):
        angka = set(field_angka(self.model))
        return ganti_isian(super().get_readonly_fields(request, obj), angka)

    def get_fieldsets(self, request, obj=None):
        angka = set(field_angka(self.model))
        if obj is None or self.has_change_permission(request, obj):
            baca_saja = set(self.get_readonly_fields(request, obj))
            angka = {n for n in angka if nama_tampil(n) in baca_saja}
        return [
            (judul, {**opsi, "fields": ganti_isian(opsi["fields"], angka)})
            for judul, opsi in super().get_fieldsets(request, obj)
        ]


class LingkupInline(AngkaBacaSaja, PilihanDalamLingkup):
    """Mixin for inlines: their rows follow the parent object, their choices the user; the
    rows of a parent read from an organisation below the user's are read-only."""

    def _induk_milik_sendiri(self, request, obj) -> bool:
        return milik_sendiri(obj, jalur_model(self.admin_site, self.parent_model), request.user)

    def has_add_permission(self, request, obj=None):
        return self._induk_milik_sendiri(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._induk_milik_sendiri(request, obj) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return self._induk_milik_sendiri(request, obj) and super().has_delete_permission(
            request, obj
        )

    def get_formset(self, request, obj=None, **kwargs):
        # A `_tampil` display is no form field (a view-only ModelAdmin excludes every field
        # itself; an inline does not).
        if "fields" not in kwargs:
            tampil = {nama_tampil(n) for n in field_angka(self.model)}
            kwargs["fields"] = [
                n for n in flatten_fieldsets(self.get_fieldsets(request, obj)) if n not in tampil
            ]
        return super().get_formset(request, obj, **kwargs)


class LingkupAdmin(AngkaBacaSaja, PilihanDalamLingkup):
    """Mixin for every ModelAdmin of the project (before admin.ModelAdmin in the bases)."""

    lingkup_organisasi: str | None = BELUM  # type: ignore[assignment]

    def get_queryset(self, request):
        saring = saring_organisasi if untuk_menulis(request) else saring_terbaca
        return saring(super().get_queryset(request), self.lingkup_organisasi, request.user)

    def get_list_display(self, request):
        return ganti_kolom_angka(
            self.model, super().get_list_display(request), tetap=self.list_editable
        )

    def _boleh_ubah(self, request) -> bool:
        return self.lingkup_organisasi is not None or melihat_semua(request.user)

    def has_add_permission(self, request, *args):
        return self._boleh_ubah(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return (
            self._boleh_ubah(request)
            and milik_sendiri(obj, self.lingkup_organisasi, request.user)
            and super().has_change_permission(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return (
            self._boleh_ubah(request)
            and milik_sendiri(obj, self.lingkup_organisasi, request.user)
            and super().has_delete_permission(request, obj)
        )

    def get_list_filter(self, request):
        # A filter by a related row lists only the rows present in the scoped list, so the
        # names of other organisations' rows do not show in the sidebar either.
        daftar = super().get_list_filter(request)
        if melihat_semua(request.user):
            return daftar
        return [self._filter_dalam_lingkup(f) for f in daftar]

    def _filter_dalam_lingkup(self, filter):
        if not isinstance(filter, str):
            return filter
        model = self.model
        try:
            for nama in filter.split("__"):
                field = model._meta.get_field(nama)
                model = field.related_model
        except FieldDoesNotExist:
            return filter
        return (filter, RelatedOnlyFieldListFilter) if field.is_relation else filter

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history reads the historical row directly, past get_queryset.
        if not melihat_semua(request.user) and self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        # simple_history falls back to the history of a row not in get_queryset.
        if not melihat_semua(request.user) and self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().history_view(request, object_id, extra_context)


class HanyaSuperuserAdmin(LingkupAdmin):
    """Mixin for rows of every organisation that no organisation's admin may read: groups
    of permissions, login attempts (user names and addresses of every organisation)."""

    lingkup_organisasi = None

    def has_module_permission(self, request):
        return melihat_semua(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return melihat_semua(request.user) and super().has_view_permission(request, obj)
