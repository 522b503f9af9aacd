"""The private file storage: uploads that reach a browser only through an access check."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PenyimpananPribadi(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT: outside the static and media paths, no URL.

    They reach a browser only through a view that checks access
    (kinerja.realisasi.views.bukti_unduh).
    """

    def __init__(self) -> None:
        super().__init__(base_url="/tidak-ada-url-publik/")

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise NotImplementedError("Berkas pribadi tidak punya URL publik.")


_PENYIMPANAN_PRIBADI = PenyimpananPribadi()


def penyimpanan_pribadi() -> PenyimpananPribadi:
    return _PENYIMPANAN_PRIBADI
