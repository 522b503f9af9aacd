"""A refused operation (inti.galat.Ditolak) as the user sees it: the one place where views,
the admin and Django forms turn a service's refusal into a message."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest

from inti.galat import Ditolak, TidakBerwenang


def pesan_ditolak(exc: Ditolak) -> list[str]:
    """The reasons to show on the page. A missing permission answers 403, as the views' own
    checks do: the page offers no such action, so only a forged or stale request gets here."""
    if isinstance(exc, TidakBerwenang):
        raise PermissionDenied(exc.pesan) from exc
    return exc.daftar


def ditolak_ke_form(form: BaseForm, exc: Ditolak) -> None:
    """A service's refusal as errors on the form that was sent: nothing was saved, the typing
    stays on the page."""
    for pesan in pesan_ditolak(exc):
        form.add_error(None, pesan)


def tampilkan_ditolak(request: HttpRequest, exc: Ditolak) -> None:
    """One error message per reason, shown on the next page."""
    for pesan in pesan_ditolak(exc):
        messages.error(request, pesan)


def tampilkan_ditolak_admin(
    model_admin: ModelAdmin, request: HttpRequest, exc: Ditolak, *, awalan: str = ""
) -> None:
    """An admin action's refusal, missing permission included, as error messages."""
    for pesan in exc.daftar:
        model_admin.message_user(request, f"{awalan}{pesan}", messages.ERROR)


@contextmanager
def sebagai_validasi() -> Iterator[None]:
    """For Django forms and import-export rows, which report a ValidationError."""
    try:
        yield
    except Ditolak as exc:
        raise ValidationError(exc.daftar) from None
