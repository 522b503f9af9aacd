"""The database guard of signed agreements as the tests see it: which trigger refused."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module

import pytest
from django.db import IntegrityError, transaction

# The migration that installs the triggers (its module name starts with a digit). Each trigger
# raises its own message, so a test names the trigger that must refuse, not just any error.
PESAN: dict[str, str] = import_module("kinerja.migrations.0009_perjanjian_guard_every_path").PESAN


@contextmanager
def ditolak_oleh(pemicu: str) -> Iterator[None]:
    """The block is refused by the trigger named `pemicu` and rolled back; a unique or check
    constraint, or another trigger, does not count."""
    with pytest.raises(IntegrityError, match=re.escape(PESAN[pemicu])), transaction.atomic():
        yield
