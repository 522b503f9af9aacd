"""The one domain error: an operation the rules refuse.

Services raise it with a message in Indonesian that is shown to the user as is; views,
commands and the admin turn it into a message in one way. Subclasses exist only where a
caller must tell cases apart (a version conflict, a missing permission).
"""


class Ditolak(Exception):
    """A refused operation; `pesan` is the Indonesian text shown to the user."""

    def __init__(self, pesan: str) -> None:
        self.pesan = pesan
        super().__init__(pesan)
