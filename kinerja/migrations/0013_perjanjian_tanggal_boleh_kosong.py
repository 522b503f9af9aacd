"""An agreement's date may be unknown (null) where the source document does not print it.

SQLite rebuilds the table for this ALTER and drops its triggers, so the guard of signed
agreements is installed again (0009_perjanjian_guard_every_path, and 0006's frozen-content
guard); the pejabat account guard
of 0007 names this table, which SQLite refuses to rebuild under it, so it is lifted meanwhile.
"""

from importlib import import_module

from django.db import migrations, models

pelindung = import_module("kinerja.migrations.0009_perjanjian_guard_every_path")
jaga_akun = import_module("kinerja.migrations.0007_pejabat_akun_guard")
beku = import_module("kinerja.migrations.0006_perjanjian_isi_beku")

# Triggers of the child tables name the agreement table: SQLite cannot rebuild it under them.
lepas_pelindung = pelindung.lepas_pelindung


class Migration(migrations.Migration):
    dependencies = [("kinerja", "0012_tenggat_waktu_pengingat")]

    operations = [
        migrations.RunPython(jaga_akun.lepas, jaga_akun.pasang, elidable=False),
        migrations.RunPython(lepas_pelindung, pelindung.pasang_pelindung, elidable=False),
        migrations.AlterField(
            model_name="perjanjiankinerja",
            name="tanggal",
            field=models.DateField(blank=True, null=True, verbose_name="tanggal"),
        ),
        migrations.RunPython(pelindung.pasang_pelindung, lepas_pelindung, elidable=False),
        migrations.RunPython(beku.pasang_penjaga_beku, beku.lepas_penjaga_beku, elidable=False),
        migrations.RunPython(jaga_akun.pasang, jaga_akun.lepas, elidable=False),
    ]
