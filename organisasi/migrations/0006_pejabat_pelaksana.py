"""Pejabat.pelaksana: an acting official (Plt./Plh.).

On SQLite Django adds a NOT NULL column by rebuilding the table, which drops the trigger that
kinerja migration 0007 installs on organisasi_pejabat (the signing account guard). SQLite can
add this column in place (NOT NULL with a constant default), so the column is added with a
plain ALTER there and the guard stays; other databases use the schema editor as usual.
"""

from django.db import migrations, models

KOLOM = models.CharField(
    blank=True,
    choices=[
        ("", "Definitif"),
        ("plt", "Pelaksana Tugas (Plt.)"),
        ("plh", "Pelaksana Harian (Plh.)"),
    ],
    default="",
    max_length=3,
    verbose_name="pelaksana",
)
MODEL = ["pejabat", "historicalpejabat"]


def tambah(apps, schema_editor) -> None:
    for nama in MODEL:
        model = apps.get_model("organisasi", nama)
        field = model._meta.get_field("pelaksana")
        if schema_editor.connection.vendor == "sqlite":
            tabel = schema_editor.quote_name(model._meta.db_table)
            schema_editor.execute(
                f"ALTER TABLE {tabel} ADD COLUMN \"pelaksana\" varchar(3) NOT NULL DEFAULT ''"
            )
        else:
            schema_editor.add_field(model, field)


def buang(apps, schema_editor) -> None:
    for nama in MODEL:
        model = apps.get_model("organisasi", nama)
        if schema_editor.connection.vendor == "sqlite":  # in place too (SQLite 3.35+)
            tabel = schema_editor.quote_name(model._meta.db_table)
            schema_editor.execute(f'ALTER TABLE {tabel} DROP COLUMN "pelaksana"')
        else:
            schema_editor.remove_field(model, model._meta.get_field("pelaksana"))


class Migration(migrations.Migration):
    dependencies = [
        ("organisasi", "0005_pengguna_terima_pengingat"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(model_name=nama, name="pelaksana", field=KOLOM.clone())
                for nama in MODEL
            ],
        ),
        migrations.RunPython(tambah, buang, elidable=False),
    ]
