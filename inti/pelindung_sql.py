"""Plumbing of the database guards: triggers that migrations install on SQLite and PostgreSQL.

A guard migration writes its SQL per database vendor as two lists of statements, to install
and to uninstall; the install list drops what it creates first, so it may run again (SQLite
drops a table's triggers when Django rebuilds the table, and the migration that alters it
installs them anew). This module picks the vendor's lists and runs them through the schema
editor that RunPython passes. Plain Python, no Django and no models: migrations import it.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

# (install, uninstall)
Perintah = tuple[list[str], list[str]]


class _Koneksi(Protocol):
    @property
    def vendor(self) -> str: ...


class PenyuntingSkema(Protocol):
    """What a guard needs of Django's schema editor."""

    @property
    def connection(self) -> _Koneksi: ...

    def execute(self, sql: str, params: Any = ...) -> Any: ...


def jalankan(schema_editor: PenyuntingSkema, perintah: Iterable[str]) -> None:
    """Run statements as they are: trigger bodies hold no parameters (nor % to escape)."""
    for p in perintah:
        schema_editor.execute(p, params=None)


@dataclass(frozen=True)
class Pelindung:
    """One guard: what it protects (named when a database has no SQL written) and a function
    per vendor that returns its statements. `pasang` and `lepas` are RunPython functions."""

    nama: str
    sql: Mapping[str, Callable[[], Perintah]]

    def perintah(self, schema_editor: PenyuntingSkema) -> Perintah:
        vendor = schema_editor.connection.vendor
        if vendor not in self.sql:
            raise NotImplementedError(f"Pelindung {self.nama} belum ditulis untuk {vendor}.")
        return self.sql[vendor]()

    def pasang(self, apps: object, schema_editor: PenyuntingSkema) -> None:
        """Install, replacing the guard's own triggers if they are there."""
        jalankan(schema_editor, self.perintah(schema_editor)[0])

    def lepas(self, apps: object, schema_editor: PenyuntingSkema) -> None:
        jalankan(schema_editor, self.perintah(schema_editor)[1])
