"""Signed agreements keep the content they were signed with.

isi_beku holds the canonical JSON of kinerja.perjanjian.sidik exactly as hashed. This
migration fills it for agreements already (partly) signed, adds the constraint that a locked
agreement always has one, and a trigger that stops it from changing once locked (the move
sebagian → draf, when pihak kedua returns the agreement, clears it).

Adding the constraint rebuilds the table on SQLite, which fails while the triggers of
0004_perjanjian_guard name it and would drop its own: the guard is removed for the rebuild and
installed again right after, in the same migration.
"""

import importlib

from django.db import migrations, models

from inti.pelindung_sql import jalankan
from kinerja.perjanjian.sidik import isi_perjanjian, kanonik

guard = importlib.import_module("kinerja.migrations.0004_perjanjian_guard")

PESAN = "Isi perjanjian kinerja yang sudah ditandatangani tidak dapat diubah."
BOLEH_KOSONG = "OLD.status = 'sebagian' AND NEW.status = 'draf' AND NEW.isi_beku IS NULL"
SQL = {
    "sqlite": (
        [
            f"""CREATE TRIGGER kinerja_pk_jaga_beku BEFORE UPDATE ON kinerja_perjanjiankinerja
            FOR EACH ROW WHEN OLD.status IN {guard.TERKUNCI}
                AND NEW.isi_beku IS NOT OLD.isi_beku AND NOT ({BOLEH_KOSONG})
            BEGIN SELECT RAISE(ABORT, '{PESAN}'); END"""
        ],
        ["DROP TRIGGER IF EXISTS kinerja_pk_jaga_beku"],
    ),
    "postgresql": (
        [
            f"""CREATE OR REPLACE FUNCTION kinerja_pk_jaga_beku() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.status IN {guard.TERKUNCI}
                        AND NEW.isi_beku IS DISTINCT FROM OLD.isi_beku
                        AND NOT ({BOLEH_KOSONG}) THEN
                    RAISE EXCEPTION '{PESAN}' USING ERRCODE = '23000';
                END IF;
                RETURN NEW;
            END $$""",
            """CREATE TRIGGER kinerja_pk_jaga_beku BEFORE UPDATE ON kinerja_perjanjiankinerja
            FOR EACH ROW EXECUTE FUNCTION kinerja_pk_jaga_beku()""",
        ],
        [
            "DROP TRIGGER IF EXISTS kinerja_pk_jaga_beku ON kinerja_perjanjiankinerja",
            "DROP FUNCTION IF EXISTS kinerja_pk_jaga_beku()",
        ],
    ),
}


def pasang_penjaga_beku(apps, schema_editor) -> None:
    lepas_penjaga_beku(apps, schema_editor)
    jalankan(schema_editor, SQL[schema_editor.connection.vendor][0])


def lepas_penjaga_beku(apps, schema_editor) -> None:
    jalankan(schema_editor, SQL[schema_editor.connection.vendor][1])


def bekukan(apps, schema_editor) -> None:
    """Freeze the content of every agreement already locked, as its data stands now.

    Agreements signed in the application before this migration signed the format-1 subset
    (see sidik.isi_format_1): their snapshot is marked "format": 1 so that the verification
    page checks the subset they covered. If the live data already differs from what they
    signed, the verification page says so, as it did before.
    """
    PerjanjianKinerja = apps.get_model("kinerja", "PerjanjianKinerja")
    TandaTangan = apps.get_model("kinerja", "TandaTangan")
    for perjanjian in PerjanjianKinerja.objects.filter(
        status__in=["sebagian", "ditandatangani"], isi_beku__isnull=True
    ).select_related("organisasi", "unit_kerja", "pihak_pertama", "pihak_kedua"):
        isi = isi_perjanjian(perjanjian)
        if TandaTangan.objects.filter(perjanjian=perjanjian).exists():
            isi["format"] = 1
        PerjanjianKinerja.objects.filter(pk=perjanjian.pk).update(
            isi_beku=kanonik(isi).decode()
        )


class Migration(migrations.Migration):
    dependencies = [("kinerja", "0005_realisasi_entry")]

    operations = [
        migrations.AddField(
            model_name="perjanjiankinerja",
            name="isi_beku",
            field=models.TextField(
                blank=True, editable=False, null=True, verbose_name="isi yang ditandatangani"
            ),
        ),
        migrations.RunPython(bekukan, migrations.RunPython.noop, elidable=False),
        # SQLite cannot rebuild a table that other tables' triggers name: off, then on again.
        migrations.RunPython(guard.lepas_pelindung, guard.pasang_pelindung, elidable=False),
        migrations.AddConstraint(
            model_name="perjanjiankinerja",
            constraint=models.CheckConstraint(
                condition=models.Q(("isi_beku__isnull", True), ("status", "draf"))
                | models.Q(models.Q(("status", "draf"), _negated=True), ("isi_beku__isnull", False)),
                name="pk_isi_beku_bila_terkunci",
            ),
        ),
        migrations.RunPython(guard.pasang_pelindung, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(pasang_penjaga_beku, lepas_penjaga_beku, elidable=False),
    ]
