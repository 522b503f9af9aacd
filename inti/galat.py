"""The one domain error: an operation the rules refuse.

Services raise it with a message in Indonesian that is shown to the user as is; views,
commands and the admin turn it into a message in one way (organisasi.pesan). Subclasses exist
only where a caller must tell cases apart: a missing permission (TidakBerwenang, answered 403
by the views like their own checks), a version conflict, an import refused row by row.
"""

from collections.abc import Sequence


class Ditolak(Exception):
    """A refused operation. `daftar` lists every reason (one, or several when a check
    gathers all the problems at once); `pesan` is them joined, the text shown to the user."""

    def __init__(self, pesan: str | Sequence[str]) -> None:
        self.daftar = [pesan] if isinstance(pesan, str) else list(pesan)
        self.pesan = " ".join(self.daftar)
        super().__init__(self.pesan)


class TidakBerwenang(Ditolak):
    """The acting user may not do this; nothing changed."""
