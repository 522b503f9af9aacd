"""The guard of signed agreements, closed on every path, on SQLite and PostgreSQL.

Replaces the triggers of 0004_perjanjian_guard with one trigger per rule, each raising its own
message (so a refusal says which rule held, and a test can tell its trigger from a unique
constraint), the same names and messages on both databases. New since 0004:

- SQLite's REPLACE conflict resolution (`INSERT OR REPLACE`, `REPLACE`, `UPDATE OR REPLACE`)
  deletes the rows in the way without firing their delete triggers (unless the connection
  turned on recursive_triggers, which `manage.py dbshell` or any other client does not). So
  every table gets "timpa" rules: an INSERT or UPDATE whose new row shares a unique key (the
  id, or any other unique constraint) with a row that the table's delete rule protects is
  refused before the row is displaced. Written as triggers, this holds for every connection;
  the pragma would hold only for connections configured by our settings.
- An agreement row that takes the key of a signed one is refused, so a signed agreement can no
  longer be replaced by a draft with its id, edited and signed again under its old code.
- UPSERT (`INSERT … ON CONFLICT DO UPDATE`, on both databases) fires the BEFORE INSERT
  triggers first, so it meets the same "timpa" rules; its UPDATE branch meets the update rules.
- A signature can be added only in the order of signing: pihak pertama on a draft, pihak kedua
  on an agreement that pihak pertama signed. Signatures of a signed agreement never change.
- PostgreSQL's TRUNCATE fires no row triggers: a statement-level BEFORE TRUNCATE trigger on
  each table refuses it while it holds rows that the delete rule protects. Like `DELETE FROM`
  on SQLite, this means `manage.py flush` refuses a database that holds signed agreements.

SQLite drops a table's triggers when Django rebuilds the table (most ALTERs on SQLite): a later
migration that alters one of these tables must run pasang_pelindung again (import it from
here). tests/test_perjanjian_kunci.py and tests/test_perjanjian_kunci_sql.py name the trigger
each refusal must come from.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import migrations

from inti.pelindung_sql import Pelindung

PK = "kinerja_perjanjiankinerja"
TARGET = "kinerja_targetkinerja"
KEGIATAN = "kinerja_kegiatanperjanjian"
TTD = "kinerja_tandatangan"
ANAK = (TARGET, KEGIATAN)
TERKUNCI = "('sebagian', 'ditandatangani')"
DRAF = "('draf')"
SEBAGIAN = "('sebagian')"

# Every column whose value is part of what the parties signed.
KOLOM_ISI = (
    "id",
    "organisasi_id",
    "unit_kerja_id",
    "tahun",
    "versi",
    "pihak_pertama_id",
    "pihak_kedua_id",
    "tempat",
    "tanggal",
)


@dataclass(frozen=True)
class Dialek:
    vendor: str

    def beda(self, a: str, b: str) -> str:
        return f"{a} IS NOT {b}" if self.vendor == "sqlite" else f"{a} IS DISTINCT FROM {b}"

    def sama(self, a: str, b: str) -> str:
        return f"{a} IS {b}" if self.vendor == "sqlite" else f"{a} IS NOT DISTINCT FROM {b}"

    @property
    def bagi(self) -> str:
        # FOR SHARE waits for a signature being written in another transaction, then reads
        # the status it committed, so a row cannot slip in while the agreement is being signed.
        return "" if self.vendor == "sqlite" else " FOR SHARE"


@dataclass(frozen=True)
class Aturan:
    nama: str  # the trigger's name, the same on both databases
    tabel: str
    peristiwa: str  # INSERT, UPDATE, DELETE or TRUNCATE (PostgreSQL only)
    syarat: Callable[[Dialek], str]  # refused when true; NEW and OLD as the event has them
    pesan: str


def _status_pk(baris: str, status: str, d: Dialek) -> str:
    return (
        f"EXISTS (SELECT 1 FROM {PK} WHERE id = {baris}.perjanjian_id"
        f" AND status IN {status}{d.bagi})"
    )


def _pk_isi(d: Dialek) -> str:
    berubah = " OR ".join(d.beda(f"NEW.{k}", f"OLD.{k}") for k in KOLOM_ISI)
    return f"OLD.status IN {TERKUNCI} AND ({berubah})"


def _pk_memakai_kunci(d: Dialek, *, kecuali_diri: bool) -> str:
    """A locked agreement, other than the row being updated, holding one of NEW's unique keys:
    the id, the verification code, or organisation + unit + year + version."""
    lain = " AND p.id <> OLD.id" if kecuali_diri else ""
    return (
        f"EXISTS (SELECT 1 FROM {PK} p WHERE p.status IN {TERKUNCI}{lain} AND ("
        "p.id = NEW.id OR p.kode_verifikasi = NEW.kode_verifikasi"
        " OR (p.organisasi_id = NEW.organisasi_id AND p.tahun = NEW.tahun"
        f" AND p.versi = NEW.versi AND {d.sama('p.unit_kerja_id', 'NEW.unit_kerja_id')})))"
    )


def _anak_memakai_id(tabel: str, *, kecuali_diri: bool) -> Callable[[Dialek], str]:
    # The other unique key of the targets (agreement + indicator) names NEW's own agreement,
    # which the insert and update rules already check.
    def syarat(d: Dialek) -> str:
        lain = " AND a.id <> OLD.id" if kecuali_diri else ""
        return (
            f"EXISTS (SELECT 1 FROM {tabel} a JOIN {PK} p ON p.id = a.perjanjian_id"
            f" WHERE a.id = NEW.id{lain} AND p.status IN {TERKUNCI})"
        )

    return syarat


def _aturan() -> list[Aturan]:
    aturan = [
        Aturan(
            "kinerja_pk_jaga_isi",
            PK,
            "UPDATE",
            _pk_isi,
            "Isi perjanjian kinerja yang sudah ditandatangani tidak dapat diubah.",
        ),
        Aturan(
            "kinerja_pk_jaga_status",
            PK,
            "UPDATE",
            lambda d: f"OLD.status = 'ditandatangani' AND {d.beda('NEW.status', 'OLD.status')}",
            "Status perjanjian kinerja yang sudah ditandatangani tidak dapat diubah.",
        ),
        Aturan(
            "kinerja_pk_jaga_kode",
            PK,
            "UPDATE",
            lambda d: (
                "OLD.kode_verifikasi IS NOT NULL AND "
                + d.beda("NEW.kode_verifikasi", "OLD.kode_verifikasi")
            ),
            "Kode verifikasi perjanjian kinerja tidak dapat diubah.",
        ),
        Aturan(
            "kinerja_pk_jaga_hapus",
            PK,
            "DELETE",
            lambda d: f"OLD.status IN {TERKUNCI}",
            "Perjanjian kinerja yang sudah ditandatangani tidak dapat dihapus.",
        ),
        Aturan(
            "kinerja_pk_jaga_timpa_tambah",
            PK,
            "INSERT",
            lambda d: _pk_memakai_kunci(d, kecuali_diri=False),
            "Perjanjian kinerja baru tidak boleh memakai id, kode verifikasi, atau tahun dan "
            "versi milik perjanjian yang sudah ditandatangani.",
        ),
        Aturan(
            "kinerja_pk_jaga_timpa_ubah",
            PK,
            "UPDATE",
            lambda d: _pk_memakai_kunci(d, kecuali_diri=True),
            "Perjanjian kinerja tidak boleh diubah menjadi id, kode verifikasi, atau tahun dan "
            "versi milik perjanjian lain yang sudah ditandatangani.",
        ),
        Aturan(
            f"{PK}_jaga_kosongkan",
            PK,
            "TRUNCATE",
            lambda d: f"EXISTS (SELECT 1 FROM {PK} WHERE status IN {TERKUNCI})",
            "Tabel perjanjian kinerja yang memuat perjanjian yang sudah ditandatangani tidak "
            "dapat dikosongkan.",
        ),
    ]
    for tabel, benda in ((TARGET, "Target kinerja"), (KEGIATAN, "Kegiatan dan anggaran")):
        aturan += [
            Aturan(
                f"{tabel}_jaga_tambah",
                tabel,
                "INSERT",
                lambda d: _status_pk("NEW", TERKUNCI, d),
                f"{benda} tidak dapat ditambahkan ke perjanjian kinerja yang sudah ditandatangani.",
            ),
            Aturan(
                f"{tabel}_jaga_ubah",
                tabel,
                "UPDATE",
                lambda d: f"{_status_pk('OLD', TERKUNCI, d)} OR {_status_pk('NEW', TERKUNCI, d)}",
                f"{benda} perjanjian kinerja yang sudah ditandatangani tidak dapat diubah.",
            ),
            Aturan(
                f"{tabel}_jaga_hapus",
                tabel,
                "DELETE",
                lambda d: _status_pk("OLD", TERKUNCI, d),
                f"{benda} perjanjian kinerja yang sudah ditandatangani tidak dapat dihapus.",
            ),
            Aturan(
                f"{tabel}_jaga_timpa_tambah",
                tabel,
                "INSERT",
                _anak_memakai_id(tabel, kecuali_diri=False),
                f"{benda} baru tidak boleh memakai id baris milik perjanjian kinerja yang "
                "sudah ditandatangani.",
            ),
            Aturan(
                f"{tabel}_jaga_timpa_ubah",
                tabel,
                "UPDATE",
                _anak_memakai_id(tabel, kecuali_diri=True),
                f"{benda} tidak boleh diubah menjadi id baris milik perjanjian kinerja yang "
                "sudah ditandatangani.",
            ),
            Aturan(
                f"{tabel}_jaga_kosongkan",
                tabel,
                "TRUNCATE",
                lambda d, tabel=tabel: (
                    f"EXISTS (SELECT 1 FROM {tabel} a JOIN {PK} p ON p.id = a.perjanjian_id"
                    f" WHERE p.status IN {TERKUNCI})"
                ),
                f"{benda} perjanjian kinerja yang sudah ditandatangani tidak dapat dikosongkan.",
            ),
        ]
    aturan += [
        Aturan(
            "kinerja_tandatangan_jaga_ubah",
            TTD,
            "UPDATE",
            lambda d: "1 = 1",
            "Tanda tangan perjanjian kinerja tidak dapat diubah.",
        ),
        Aturan(
            "kinerja_tandatangan_jaga_tambah",
            TTD,
            "INSERT",
            # Pihak pertama signs a draft, pihak kedua an agreement pihak pertama signed.
            lambda d: (
                f"NOT ((NEW.pihak = 'pertama' AND {_status_pk('NEW', DRAF, d)})"
                f" OR (NEW.pihak = 'kedua' AND {_status_pk('NEW', SEBAGIAN, d)}))"
            ),
            "Tanda tangan hanya dapat ditambahkan menurut urutannya: pihak pertama pada draf, "
            "pihak kedua sesudah pihak pertama.",
        ),
        Aturan(
            "kinerja_tandatangan_jaga_hapus",
            TTD,
            "DELETE",
            lambda d: _status_pk("OLD", "('ditandatangani')", d),
            "Tanda tangan perjanjian kinerja yang sudah ditandatangani tidak dapat dihapus.",
        ),
        Aturan(
            "kinerja_tandatangan_jaga_timpa",
            TTD,
            "INSERT",
            lambda d: (
                f"EXISTS (SELECT 1 FROM {TTD} t JOIN {PK} p ON p.id = t.perjanjian_id"
                " WHERE t.id = NEW.id AND p.status = 'ditandatangani')"
            ),
            "Tanda tangan baru tidak boleh memakai id tanda tangan perjanjian kinerja yang "
            "sudah ditandatangani.",
        ),
        Aturan(
            f"{TTD}_jaga_kosongkan",
            TTD,
            "TRUNCATE",
            lambda d: (
                f"EXISTS (SELECT 1 FROM {TTD} t JOIN {PK} p ON p.id = t.perjanjian_id"
                " WHERE p.status = 'ditandatangani')"
            ),
            "Tanda tangan perjanjian kinerja yang sudah ditandatangani tidak dapat dikosongkan.",
        ),
    ]
    return aturan


ATURAN = _aturan()
PESAN = {a.nama: a.pesan for a in ATURAN}

# The triggers and functions of 0004_perjanjian_guard, replaced by the rules above.
LAMA_SQLITE = [
    "kinerja_pk_jaga_isi",
    "kinerja_pk_jaga_status",
    "kinerja_pk_jaga_hapus",
    *(f"{t}_jaga_{aksi}" for t in ANAK for aksi in ("tambah", "ubah", "hapus")),
    *(f"kinerja_tandatangan_jaga_{aksi}" for aksi in ("ubah", "tambah", "hapus")),
]
LAMA_POSTGRESQL = [
    f"DROP TRIGGER IF EXISTS kinerja_pk_jaga ON {PK}",
    f"DROP TRIGGER IF EXISTS kinerja_tandatangan_jaga ON {TTD}",
    *(f"DROP TRIGGER IF EXISTS {t}_jaga ON {t}" for t in ANAK),
    "DROP FUNCTION IF EXISTS kinerja_pk_jaga()",
    "DROP FUNCTION IF EXISTS kinerja_isi_pk_jaga()",
    "DROP FUNCTION IF EXISTS kinerja_tandatangan_jaga()",
]


def _sqlite() -> tuple[list[str], list[str]]:
    d = Dialek("sqlite")
    # SQLite has no TRUNCATE: its `DELETE FROM` fires the delete rules row by row.
    aturan = [a for a in ATURAN if a.peristiwa != "TRUNCATE"]
    lepas = [f"DROP TRIGGER IF EXISTS {a.nama}" for a in aturan]
    pasang = [
        f"""CREATE TRIGGER {a.nama} BEFORE {a.peristiwa} ON {a.tabel}
        FOR EACH ROW WHEN {a.syarat(d)}
        BEGIN SELECT RAISE(ABORT, '{a.pesan}'); END"""
        for a in aturan
    ]
    lama = [f"DROP TRIGGER IF EXISTS {n}" for n in LAMA_SQLITE]
    return lama + lepas + pasang, lepas


def _postgresql() -> tuple[list[str], list[str]]:
    d = Dialek("postgresql")
    pasang, lepas = [], []
    for a in ATURAN:
        kembali = {"INSERT": "NEW", "UPDATE": "NEW", "DELETE": "OLD", "TRUNCATE": "NULL"}
        tingkat = "STATEMENT" if a.peristiwa == "TRUNCATE" else "ROW"
        # 23000 = integrity_constraint_violation: Django raises IntegrityError, as for a CHECK.
        pasang += [
            f"""CREATE OR REPLACE FUNCTION {a.nama}() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF {a.syarat(d)} THEN
                    RAISE EXCEPTION '{a.pesan}' USING ERRCODE = '23000';
                END IF;
                RETURN {kembali[a.peristiwa]};
            END $$""",
            f"""CREATE TRIGGER {a.nama} BEFORE {a.peristiwa} ON {a.tabel}
            FOR EACH {tingkat} EXECUTE FUNCTION {a.nama}()""",
        ]
        lepas += [
            f"DROP TRIGGER IF EXISTS {a.nama} ON {a.tabel}",
            f"DROP FUNCTION IF EXISTS {a.nama}()",
        ]
    return LAMA_POSTGRESQL + lepas + pasang, lepas


PELINDUNG = Pelindung("perjanjian kinerja", {"sqlite": _sqlite, "postgresql": _postgresql})
# RunPython functions; a later migration that rebuilds a guarded table imports them.
pasang_pelindung = PELINDUNG.pasang
lepas_pelindung = PELINDUNG.lepas


def kembali_ke_0004(apps, schema_editor) -> None:
    from importlib import import_module

    lepas_pelindung(apps, schema_editor)
    import_module("kinerja.migrations.0004_perjanjian_guard").pasang_pelindung(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("kinerja", "0008_realisasi_batas_teks")]

    operations = [migrations.RunPython(pasang_pelindung, kembali_ke_0004, elidable=False)]
