"""Final LAKIP PDFs move from the public media tree to the private storage.

Moved through Django's storage API (never by path), so the same migration works when the
storages are remote or shared between hosts. A file that already sits in the private storage
is left alone; a missing one stays missing (the download then reports it).
"""

import kinerja.models
import laporan.models
from django.core.files.storage import storages
from django.db import migrations, models


def _pindah(LaporanFinal, asal, tujuan) -> None:
    for final in LaporanFinal.objects.exclude(berkas=""):
        nama = final.berkas.name
        if tujuan.exists(nama) or not asal.exists(nama):
            continue
        with asal.open(nama, "rb") as berkas:
            disimpan = tujuan.save(nama, berkas)
        if disimpan != nama:
            LaporanFinal.objects.filter(pk=final.pk).update(berkas=disimpan)
        asal.delete(nama)


def ke_pribadi(apps, schema_editor):
    LaporanFinal = apps.get_model("laporan", "LaporanFinal")
    _pindah(LaporanFinal, storages["default"], kinerja.models.penyimpanan_pribadi())


def ke_publik(apps, schema_editor):
    LaporanFinal = apps.get_model("laporan", "LaporanFinal")
    _pindah(LaporanFinal, kinerja.models.penyimpanan_pribadi(), storages["default"])


class Migration(migrations.Migration):
    dependencies = [
        ("laporan", "0003_laporanfinal"),
    ]

    operations = [
        migrations.AlterField(
            model_name="laporanfinal",
            name="berkas",
            field=models.FileField(
                storage=kinerja.models.penyimpanan_pribadi,
                upload_to=laporan.models._berkas_final,
                verbose_name="berkas PDF",
            ),
        ),
        migrations.RunPython(ke_pribadi, ke_publik),
    ]
