"""Legal products and other achievements kept by the organisation's admins (laporan.masukan),
linked from Perencanaan's budget page; the report reads what they save."""

import pytest
from django.urls import reverse

from laporan import tabel
from laporan.models import CapaianLain, ProdukHukum
from laporan.selectors import data_lakip

pytestmark = pytest.mark.django_db


def _url(nama: str, *args) -> str:
    return reverse(nama, args=["kpu-bengkulu-utara", 2024, *args])


def test_it_adds_a_legal_product_that_the_report_prints(client, org, admin_org):
    client.force_login(admin_org)
    assert (
        "laporan/kpu-bengkulu-utara/2024/masukan/"
        in client.get(_url("perencanaan_anggaran")).content.decode()
    )
    sebelum = ProdukHukum.objects.filter(organisasi=org, tahun=2024).count()
    r = client.post(
        _url("laporan:produk-hukum"),
        {
            "jenis_dokumen": "Keputusan Sekretaris Uji",
            "satuan": "dokumen",
            "jumlah_hardcopy": "3",
            "jumlah_softcopy": "2",
        },
    )
    assert r.status_code == 302
    (t,) = tabel.produk_hukum(data_lakip(organisasi=org, tahun=2024))
    assert len(t.baris) == sebelum + 1
    assert "Keputusan Sekretaris Uji" in client.get(_url("laporan:masukan")).content.decode()


def test_it_refuses_a_duplicate_legal_product_with_a_message(client, org, admin_org):
    client.force_login(admin_org)
    ada = ProdukHukum.objects.create(
        organisasi=org,
        tahun=2024,
        jenis_dokumen="Dokumen Uji",
        jumlah_hardcopy=1,
        jumlah_softcopy=1,
    )
    r = client.post(
        _url("laporan:produk-hukum"),
        {
            "jenis_dokumen": ada.jenis_dokumen,
            "satuan": "dokumen",
            "jumlah_hardcopy": "5",
            "jumlah_softcopy": "5",
        },
    )
    assert r.status_code == 400
    assert ProdukHukum.objects.filter(jenis_dokumen="Dokumen Uji").count() == 1


def test_it_edits_another_achievement(client, org, admin_org):
    client.force_login(admin_org)
    c = CapaianLain.objects.create(organisasi=org, tahun=2024, uraian="Lama")
    r = client.post(
        _url("laporan:capaian-lain-ubah", c.pk),
        {"uraian": "Penghargaan uji", "keterangan_gambar": "", "urutan": "1"},
    )
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.uraian == "Penghargaan uji"


def test_it_answers_403_to_staff(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    r = client.post(
        _url("laporan:capaian-lain"), {"uraian": "X", "keterangan_gambar": "", "urutan": "0"}
    )
    assert r.status_code == 403
    assert not CapaianLain.objects.filter(uraian="X").exists()
