"""The account that signs for an official stays put while an agreement waits for them:
the database's own copy of Pejabat.periksa_ganti_akun, for raw updates.

An official's account (organisasi_pejabat.pengguna_id) may not be re-pointed or unlinked while
a draft names them as a party, or a half-signed agreement waits for them as pihak kedua.
Linking an official that has none yet stays allowed. It lives here, not in organisasi, because
it reads the agreements.
"""

from django.db import migrations

from inti.pelindung_sql import jalankan

PESAN = (
    "Akun pengguna pejabat tidak dapat diganti selama ada perjanjian kinerja yang menunggu "
    "tanda tangannya."
)
MENUNGGU = """EXISTS (SELECT 1 FROM kinerja_perjanjiankinerja p WHERE
    (p.status = 'draf' AND (p.pihak_pertama_id = OLD.id OR p.pihak_kedua_id = OLD.id))
    OR (p.status = 'sebagian' AND p.pihak_kedua_id = OLD.id))"""
SQL = {
    "sqlite": (
        [
            f"""CREATE TRIGGER organisasi_pejabat_jaga_akun BEFORE UPDATE ON organisasi_pejabat
            FOR EACH ROW WHEN OLD.pengguna_id IS NOT NULL
                AND NEW.pengguna_id IS NOT OLD.pengguna_id AND {MENUNGGU}
            BEGIN SELECT RAISE(ABORT, '{PESAN}'); END"""
        ],
        ["DROP TRIGGER IF EXISTS organisasi_pejabat_jaga_akun"],
    ),
    "postgresql": (
        [
            f"""CREATE OR REPLACE FUNCTION organisasi_pejabat_jaga_akun() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.pengguna_id IS NOT NULL
                        AND NEW.pengguna_id IS DISTINCT FROM OLD.pengguna_id
                        AND {MENUNGGU} THEN
                    RAISE EXCEPTION '{PESAN}' USING ERRCODE = '23000';
                END IF;
                RETURN NEW;
            END $$""",
            """CREATE TRIGGER organisasi_pejabat_jaga_akun BEFORE UPDATE ON organisasi_pejabat
            FOR EACH ROW EXECUTE FUNCTION organisasi_pejabat_jaga_akun()""",
        ],
        [
            "DROP TRIGGER IF EXISTS organisasi_pejabat_jaga_akun ON organisasi_pejabat",
            "DROP FUNCTION IF EXISTS organisasi_pejabat_jaga_akun()",
        ],
    ),
}


def pasang(apps, schema_editor) -> None:
    lepas(apps, schema_editor)
    jalankan(schema_editor, SQL[schema_editor.connection.vendor][0])


def lepas(apps, schema_editor) -> None:
    jalankan(schema_editor, SQL[schema_editor.connection.vendor][1])


class Migration(migrations.Migration):
    dependencies = [
        ("kinerja", "0006_perjanjian_isi_beku"),
        ("organisasi", "0002_pejabat_riwayat"),
    ]

    operations = [migrations.RunPython(pasang, lepas, elidable=False)]
