"""The pohon kinerja of the reference year: its tree, the check of its cascade (beside the
tree and in the LAKIP's consistency panel), its page, downloads and place in the Lampiran."""

import re
from decimal import Decimal

import pytest

from inti.pohon import Jenis, Simpul, gambar_pohon
from kinerja.models import PemetaanKegiatan
from kinerja.pohon import pohon_kinerja
from laporan.dokumen import susun_dokumen
from laporan.konsistensi import periksa_konsistensi
from laporan.models import LaporanKinerja
from laporan.selectors import data_lakip

pytestmark = pytest.mark.django_db

URL = "/pohon/kpu-bengkulu-utara/2024/"


def test_it_names_the_reference_years_unlinked_indicators_and_kegiatan(org):
    cek = pohon_kinerja(organisasi=org, tahun=2024).cek
    # The organisation's agreement v2 dropped "Pelaksanaan Pemungutan" that Teknis still
    # carries; "Badan Adhoc Pemilu" is only on the Parmas agreement.
    assert [(u.slug, i.kode) for u, i in cek.unit_tanpa_induk] == [
        ("teknis", "s5-pelaksanaan-pemungutan"),
        ("parmas", "s5-badan-adhoc-pemilu"),
    ]
    assert [i.kode for i in cek.organisasi_tanpa_unit] == [
        "s1-konsolidasi-nasional",
        "s3-sarana-it-pemilu",
        "s6-penghitungan-suara",
    ]
    assert [
        (k.unit.slug, k.kegiatan.uraian[:30], k.indikator is None) for k in cek.kegiatan_lepas
    ] == [
        ("teknis", "Kegiatan Penghitungan Suara", False),
        ("teknis", "Diklat Teknis, Pengelolaan Pel", False),
        ("teknis", "Masa Kampanye Pemilu", True),
        ("perencanaan", "Konsolidasi Nasional Program K", False),
        ("perencanaan", "Sarana Bidang Teknologi dan In", False),
    ]


def test_it_lists_a_kegiatan_until_it_serves_an_indicator_of_its_own_agreement(org, draf_keuangan):
    kegiatan = list(draf_keuangan.kegiatan.order_by("urutan"))
    target = draf_keuangan.target.order_by("urutan").first()
    for k in kegiatan:
        PemetaanKegiatan.objects.update_or_create(
            kegiatan=k,
            defaults={"sasaran": target.indikator.sasaran, "indikator": target.indikator},
        )
    assert pohon_kinerja(organisasi=org, tahun=2025).cek.kegiatan_lepas == []
    PemetaanKegiatan.objects.filter(kegiatan=kegiatan[0]).update(indikator=None)
    lepas = pohon_kinerja(organisasi=org, tahun=2025).cek.kegiatan_lepas
    assert [k.kegiatan.pk for k in lepas] == [kegiatan[0].pk]


def test_it_shows_capaian_and_category_on_each_indicator_node(org):
    pohon = pohon_kinerja(organisasi=org, tahun=2024)
    indikator = {i.indikator.kode: i for s in pohon.sasaran for i in s.indikator}
    kampanye = indikator["s6-kampanye"]
    assert kampanye.hasil.persen == Decimal("88.24")
    assert kampanye.keterangan == f"Capaian 88,24\u00a0% · {kampanye.kategori.nama}"
    assert [u.unit.slug for u in kampanye.unit] == ["teknis"]
    assert [k.uraian for k in kampanye.unit[0].kegiatan] == ["Kegiatan Kampanye pilkada 2024"]
    # An indicator only a unit carries is drawn with its own capaian (against the unit's target).
    assert not indikator["s5-badan-adhoc-pemilu"].di_organisasi
    # The reference year has no realisasi for it: the node says so.
    assert indikator["s5-badan-adhoc-pemilu"].keterangan == "Belum ada realisasi"


def test_it_draws_one_svg_per_sasaran_with_flagged_nodes(org):
    pohon = pohon_kinerja(organisasi=org, tahun=2024)
    gambar = pohon.svg_per_sasaran()
    assert [s.sasaran.nomor for s, _ in gambar] == list(range(1, 10))
    assert all(svg.startswith("<svg") for _, svg in gambar)
    assert "stroke-dasharray" in dict((s.sasaran.nomor, svg) for s, svg in gambar)[6]
    assert "style=" not in pohon.svg()


def test_it_stacks_leaves_and_keeps_a_fixed_width():
    daun = [Simpul(f"Kegiatan {i}", Jenis.KEGIATAN) for i in range(3)]
    svg = gambar_pohon(
        [
            Simpul(
                "Sasaran",
                Jenis.SASARAN,
                anak=(Simpul("Indikator", Jenis.INDIKATOR, anak=tuple(daun)),),
            )
        ],
        judul="uji",
    )
    lebar, tinggi = map(int, re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups())
    assert (lebar, tinggi) == (3 * 284 - 34 + 12, 3 * 68 - 10 + 12)
    assert gambar_pohon([], judul="kosong") == ""


def test_it_lists_the_cascade_check_in_the_lakip_consistency_panel(org):
    temuan = {t.judul: t for t in periksa_konsistensi(data_lakip(organisasi=org, tahun=2024))}
    t = temuan["Indikator organisasi yang tidak dibawa unit mana pun"]
    assert not t.berat
    assert t.rincian == [
        "Sasaran 1: Konsolidasi Nasional Program Kerja dan Anggaran, "
        "Penguatan Kelembagaan dan Organisasi",
        "Sasaran 3: Pengelolaan Sarana IT Pemilu",
        "Sasaran 6: Persentase Kegiatan Penghitungan Suara",
    ]
    assert len(temuan["Indikator unit yang tidak mendukung indikator organisasi"].rincian) == 2
    assert len(temuan["Kegiatan yang tidak terhubung dalam pohon kinerja"].rincian) == 5


def test_it_prints_the_tree_in_the_lampiran_unless_the_report_leaves_it_out(org):
    isi = susun_dokumen(data_lakip(organisasi=org, tahun=2024)).isi
    assert 'id="pohon-2024"' in isi
    assert "Pohon Kinerja Tahun 2024" in isi
    LaporanKinerja.objects.update_or_create(
        organisasi=org, tahun=2024, defaults={"tempat": "Arga Makmur", "lampiran_pohon": False}
    )
    isi = susun_dokumen(data_lakip(organisasi=org, tahun=2024)).isi
    assert 'id="pohon-2024"' not in isi


def test_it_shows_the_page_to_members_only(client, staf_teknis, orang_luar):
    assert client.get(URL).status_code == 302
    client.force_login(orang_luar)
    assert client.get(URL).status_code == 404
    client.force_login(staf_teknis)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pemeriksaan pohon kinerja" in html
    assert "Persentase pembentukan Badan Adhoc Pemilu 2024" in html
    assert html.count("<svg") == 9
    assert " style=" not in html and "<script>" not in html


def test_it_downloads_svg_and_pdf(client, staf_teknis):
    client.force_login(staf_teknis)
    svg = client.get(URL + "svg/")
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg')
    assert 'filename="pohon-kinerja-kpu-bengkulu-utara-2024.svg"' in svg["Content-Disposition"]
    pdf = client.get(URL + "pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
