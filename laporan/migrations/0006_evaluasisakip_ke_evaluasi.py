"""The LAKIP's SAKIP table now reads the latest completed LKE evaluation (evaluasi app): each
EvaluasiSakip with its KomponenSakip rows becomes an imported, completed evaluation whose
sub-component scores are the three printed per component (components matched by position,
as Tabel 18 prints them in the LKE's order), then the two models go.
"""

from django.db import migrations
from django.utils import timezone


def pindahkan(apps, schema_editor) -> None:
    EvaluasiSakip = apps.get_model("laporan", "EvaluasiSakip")
    if not EvaluasiSakip.objects.exists():
        return
    # The structure comes from fixtures/lke, as `make setup` loads it.
    from evaluasi.struktur import lke_muat

    lke_muat()
    KerangkaLke = apps.get_model("evaluasi", "KerangkaLke")
    SubKomponenLke = apps.get_model("evaluasi", "SubKomponenLke")
    Evaluasi = apps.get_model("evaluasi", "Evaluasi")
    NilaiSubKomponen = apps.get_model("evaluasi", "NilaiSubKomponen")
    for lama in EvaluasiSakip.objects.all():
        kerangka = (
            KerangkaLke.objects.filter(berlaku_mulai__lte=lama.tahun)
            .order_by("-berlaku_mulai")
            .first()
        )
        if kerangka is None or Evaluasi.objects.filter(
            organisasi_id=lama.organisasi_id, tahun=lama.tahun
        ).exists():
            continue
        baru = Evaluasi.objects.create(
            organisasi_id=lama.organisasi_id,
            tahun=lama.tahun,
            kerangka=kerangka,
            diimpor=True,
            selesai_pada=timezone.now(),
            nomor_lhe=lama.nomor_lhe,
            nama_evaluator=lama.evaluator,
        )
        sub = list(
            SubKomponenLke.objects.filter(komponen__kerangka=kerangka).order_by(
                "komponen__urutan", "urutan"
            )
        )
        nilai = [
            n
            for k in lama.komponen.order_by("urutan")
            for n in (k.nilai_keberadaan, k.nilai_kualitas, k.nilai_pemanfaatan)
        ]
        for s, n in zip(sub, nilai, strict=False):
            NilaiSubKomponen.objects.create(evaluasi=baru, sub_komponen=s, nilai=n)


class Migration(migrations.Migration):
    dependencies = [
        ("laporan", "0005_laporanfinal_alasan_tanpa_analisis"),
        ("evaluasi", "0002_jawaban_guard"),
    ]

    operations = [
        migrations.RunPython(pindahkan, migrations.RunPython.noop),
        migrations.DeleteModel(name="KomponenSakip"),
        migrations.DeleteModel(name="EvaluasiSakip"),
    ]
