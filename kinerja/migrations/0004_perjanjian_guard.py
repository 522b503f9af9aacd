"""The database's own guard for signed agreements, on SQLite and PostgreSQL.

Services refuse to change an agreement once pihak pertama has signed (status "sebagian" or
"ditandatangani"), and the admin shows it read-only; these triggers stop whatever slips past
both (a raw QuerySet.update(), bulk_create(), a shell session):

- kinerja_perjanjiankinerja: no change of its content columns and no DELETE while locked; a
  signed agreement never leaves "ditandatangani"; a verification code, once given, stays.
  The moves draf → sebagian → ditandatangani, draf → ditandatangani (paper-signed reference
  agreements) and sebagian → draf (pihak kedua returns it) stay allowed.
- kinerja_targetkinerja, kinerja_kegiatanperjanjian: no INSERT, UPDATE or DELETE on a locked
  agreement.
- kinerja_tandatangan: never updated; no INSERT or DELETE once the agreement is signed.

Replaced by 0009_perjanjian_guard_every_path (one trigger per rule, REPLACE, UPSERT and
TRUNCATE closed): a later migration that alters one of these tables must run that migration's
pasang_pelindung again, not this one's.

SQLite drops a table's triggers when Django rebuilds the table (most ALTERs on SQLite). The
tests in tests/test_perjanjian_kunci.py fail loudly if a trigger is missing. On SQLite,
`manage.py flush` (and pytest's transactional_db) cannot empty signed agreements either, since
its DELETE FROM fires the triggers.
"""

from django.db import migrations

from inti.pelindung_sql import Pelindung

TERKUNCI = "('sebagian', 'ditandatangani')"
PESAN_PK = "Perjanjian kinerja yang sudah ditandatangani tidak dapat diubah atau dihapus."
PESAN_ISI = "Isi perjanjian kinerja yang sudah ditandatangani tidak dapat diubah."
PESAN_TTD = "Tanda tangan perjanjian kinerja tidak dapat diubah atau dihapus."

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
ANAK = ("kinerja_targetkinerja", "kinerja_kegiatanperjanjian")


def _sqlite() -> tuple[list[str], list[str]]:
    isi_berubah = " OR ".join(f"NEW.{k} IS NOT OLD.{k}" for k in KOLOM_ISI)
    pasang = [
        f"""CREATE TRIGGER kinerja_pk_jaga_isi BEFORE UPDATE ON kinerja_perjanjiankinerja
        FOR EACH ROW WHEN OLD.status IN {TERKUNCI} AND ({isi_berubah})
        BEGIN SELECT RAISE(ABORT, '{PESAN_PK}'); END""",
        f"""CREATE TRIGGER kinerja_pk_jaga_status BEFORE UPDATE ON kinerja_perjanjiankinerja
        FOR EACH ROW WHEN (OLD.status = 'ditandatangani' AND NEW.status IS NOT 'ditandatangani')
            OR (OLD.kode_verifikasi IS NOT NULL
                AND NEW.kode_verifikasi IS NOT OLD.kode_verifikasi)
        BEGIN SELECT RAISE(ABORT, '{PESAN_PK}'); END""",
        f"""CREATE TRIGGER kinerja_pk_jaga_hapus BEFORE DELETE ON kinerja_perjanjiankinerja
        FOR EACH ROW WHEN OLD.status IN {TERKUNCI}
        BEGIN SELECT RAISE(ABORT, '{PESAN_PK}'); END""",
    ]
    status = "(SELECT status FROM kinerja_perjanjiankinerja WHERE id = {}.perjanjian_id)"
    for tabel in ANAK:
        pasang += [
            f"""CREATE TRIGGER {tabel}_jaga_tambah BEFORE INSERT ON {tabel}
            FOR EACH ROW WHEN {status.format("NEW")} IN {TERKUNCI}
            BEGIN SELECT RAISE(ABORT, '{PESAN_ISI}'); END""",
            f"""CREATE TRIGGER {tabel}_jaga_ubah BEFORE UPDATE ON {tabel}
            FOR EACH ROW WHEN {status.format("OLD")} IN {TERKUNCI}
                OR {status.format("NEW")} IN {TERKUNCI}
            BEGIN SELECT RAISE(ABORT, '{PESAN_ISI}'); END""",
            f"""CREATE TRIGGER {tabel}_jaga_hapus BEFORE DELETE ON {tabel}
            FOR EACH ROW WHEN {status.format("OLD")} IN {TERKUNCI}
            BEGIN SELECT RAISE(ABORT, '{PESAN_ISI}'); END""",
        ]
    pasang += [
        f"""CREATE TRIGGER kinerja_tandatangan_jaga_ubah BEFORE UPDATE ON kinerja_tandatangan
        FOR EACH ROW BEGIN SELECT RAISE(ABORT, '{PESAN_TTD}'); END""",
        f"""CREATE TRIGGER kinerja_tandatangan_jaga_tambah BEFORE INSERT ON kinerja_tandatangan
        FOR EACH ROW WHEN {status.format("NEW")} = 'ditandatangani'
        BEGIN SELECT RAISE(ABORT, '{PESAN_TTD}'); END""",
        f"""CREATE TRIGGER kinerja_tandatangan_jaga_hapus BEFORE DELETE ON kinerja_tandatangan
        FOR EACH ROW WHEN {status.format("OLD")} = 'ditandatangani'
        BEGIN SELECT RAISE(ABORT, '{PESAN_TTD}'); END""",
    ]
    nama = ["kinerja_pk_jaga_isi", "kinerja_pk_jaga_status", "kinerja_pk_jaga_hapus"]
    nama += [f"{t}_jaga_{aksi}" for t in ANAK for aksi in ("tambah", "ubah", "hapus")]
    nama += [f"kinerja_tandatangan_jaga_{aksi}" for aksi in ("ubah", "tambah", "hapus")]
    lepas = [f"DROP TRIGGER IF EXISTS {n}" for n in nama]
    return lepas + pasang, lepas


def _postgresql() -> tuple[list[str], list[str]]:
    baru = ", ".join(f"NEW.{k}" for k in KOLOM_ISI)
    lama = ", ".join(f"OLD.{k}" for k in KOLOM_ISI)
    # 23000 = integrity_constraint_violation: Django raises IntegrityError, as for a CHECK.
    gagal = "RAISE EXCEPTION '{}' USING ERRCODE = '23000';"
    # FOR SHARE waits for a signature being written in another transaction, then reads the
    # status it committed, so a row cannot slip in while the agreement is being signed.
    terkunci = (
        "EXISTS (SELECT 1 FROM kinerja_perjanjiankinerja WHERE id = {}.perjanjian_id"
        f" AND status IN {TERKUNCI} FOR SHARE)"
    )
    ditandatangani = (
        "EXISTS (SELECT 1 FROM kinerja_perjanjiankinerja WHERE id = {}.perjanjian_id"
        " AND status = 'ditandatangani' FOR SHARE)"
    )
    pasang = [
        f"""CREATE OR REPLACE FUNCTION kinerja_pk_jaga() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                IF OLD.status IN {TERKUNCI} THEN {gagal.format(PESAN_PK)} END IF;
                RETURN OLD;
            END IF;
            IF OLD.status IN {TERKUNCI} AND ROW({baru}) IS DISTINCT FROM ROW({lama}) THEN
                {gagal.format(PESAN_PK)}
            END IF;
            IF OLD.status = 'ditandatangani' AND NEW.status <> 'ditandatangani' THEN
                {gagal.format(PESAN_PK)}
            END IF;
            IF OLD.kode_verifikasi IS NOT NULL
                    AND NEW.kode_verifikasi IS DISTINCT FROM OLD.kode_verifikasi THEN
                {gagal.format(PESAN_PK)}
            END IF;
            RETURN NEW;
        END $$""",
        """CREATE TRIGGER kinerja_pk_jaga BEFORE UPDATE OR DELETE ON kinerja_perjanjiankinerja
        FOR EACH ROW EXECUTE FUNCTION kinerja_pk_jaga()""",
        f"""CREATE OR REPLACE FUNCTION kinerja_isi_pk_jaga() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                IF {terkunci.format("OLD")} THEN {gagal.format(PESAN_ISI)} END IF;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                IF {terkunci.format("NEW")} THEN {gagal.format(PESAN_ISI)} END IF;
                RETURN NEW;
            END IF;
            RETURN OLD;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION kinerja_tandatangan_jaga() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN {gagal.format(PESAN_TTD)} END IF;
            IF TG_OP = 'INSERT' THEN
                IF {ditandatangani.format("NEW")} THEN {gagal.format(PESAN_TTD)} END IF;
                RETURN NEW;
            END IF;
            IF {ditandatangani.format("OLD")} THEN {gagal.format(PESAN_TTD)} END IF;
            RETURN OLD;
        END $$""",
        """CREATE TRIGGER kinerja_tandatangan_jaga
        BEFORE INSERT OR UPDATE OR DELETE ON kinerja_tandatangan
        FOR EACH ROW EXECUTE FUNCTION kinerja_tandatangan_jaga()""",
    ]
    for tabel in ANAK:
        pasang.append(
            f"""CREATE TRIGGER {tabel}_jaga BEFORE INSERT OR UPDATE OR DELETE ON {tabel}
            FOR EACH ROW EXECUTE FUNCTION kinerja_isi_pk_jaga()"""
        )
    lepas = [
        "DROP TRIGGER IF EXISTS kinerja_pk_jaga ON kinerja_perjanjiankinerja",
        "DROP TRIGGER IF EXISTS kinerja_tandatangan_jaga ON kinerja_tandatangan",
        *(f"DROP TRIGGER IF EXISTS {t}_jaga ON {t}" for t in ANAK),
        "DROP FUNCTION IF EXISTS kinerja_pk_jaga()",
        "DROP FUNCTION IF EXISTS kinerja_isi_pk_jaga()",
        "DROP FUNCTION IF EXISTS kinerja_tandatangan_jaga()",
    ]
    return lepas + pasang, lepas


PELINDUNG = Pelindung("perjanjian kinerja", {"sqlite": _sqlite, "postgresql": _postgresql})
# RunPython functions; a later migration that rebuilds a guarded table imports them.
pasang_pelindung = PELINDUNG.pasang
lepas_pelindung = PELINDUNG.lepas


class Migration(migrations.Migration):
    dependencies = [("kinerja", "0003_perjanjian_lifecycle")]

    operations = [migrations.RunPython(pasang_pelindung, lepas_pelindung, elidable=False)]
