"""The private file storage: uploads that reach a browser only through an access check.

It is the storage alias "private" of settings.STORAGES, so that an installation chooses its
backend by configuration: by default PenyimpananPribadi below (a folder on disk), or an object
store through django-storages, which web and worker hosts then share without a shared disk.
"""

from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, cached_property, empty

ALIAS = "private"


class PenyimpananPribadi(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT: outside the static and media paths, no URL.

    They reach a browser only through a view that checks access
    (kinerja.realisasi.views.bukti_unduh). The folder follows PRIVATE_MEDIA_ROOT unless
    OPTIONS name a `location`.
    """

    def __init__(self, location: str | None = None, **opsi: Any) -> None:
        self._lokasi = location
        super().__init__(location, base_url="/tidak-ada-url-publik/", **opsi)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._lokasi, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise NotImplementedError("Berkas pribadi tidak punya URL publik.")


class _PenyimpananPribadiMalas(LazyObject):
    """storages["private"], looked up on first use and again after STORAGES changes.

    A FileField calls its storage callable once, when the model class is built; handing it
    this proxy (as Django hands out default_storage) keeps every field on the configured
    backend, including a backend that a test or a deployment sets after import."""

    def _setup(self) -> None:
        self._wrapped = storages[ALIAS]


_PENYIMPANAN_PRIBADI = _PenyimpananPribadiMalas()


@receiver(setting_changed)
def _storages_berubah(*, setting: str, **kwargs: object) -> None:
    if setting == "STORAGES":
        # As Django resets default_storage; the stubs type _wrapped as the wrapped object only.
        _PENYIMPANAN_PRIBADI._wrapped = empty  # type: ignore[assignment]


def penyimpanan_pribadi() -> Storage:
    """The private storage. FileFields name this function as their storage (the migrations
    refer to it), so the backend is configuration, never part of a migration."""
    return _PENYIMPANAN_PRIBADI  # type: ignore[return-value]
