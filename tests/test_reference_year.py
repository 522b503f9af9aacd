"""The 2024 reference year as loaded from fixtures/: every input table of the LAKIP.

Values are the document's (lakip-2024-kpu-bengkulu-utara.txt), typed here independently of
the fixture files, so a slip in either shows up.
"""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum

from anggaran.models import AnggaranKegiatan, Kegiatan, RealisasiProgram
from evaluasi.selectors import evaluasi_selesai_terakhir
from kinerja.models import KegiatanPerjanjian, PerjanjianKinerja, Realisasi, TargetKinerja
from laporan.models import CapaianLain, LaporanKinerja, ProdukHukum
from logistik.models import Logistik
from organisasi.models import JumlahPegawai, Pejabat, UnitKerja, UraianTugas
from renstra.models import IndikatorKinerja, Renstra, SasaranStrategis, TargetRenstra

pytestmark = pytest.mark.django_db

TAHUN_RENSTRA = range(2020, 2025)


def _nilai(obj) -> str:
    """A stored target or realisasi as the document prints it: '96.7', 'BB'."""
    if obj.tingkat_id:
        return obj.tingkat.kode
    return f"{obj.nilai.normalize():f}"


def test_it_loads_the_organisation_and_its_units(org):
    assert org.nama == "Komisi Pemilihan Umum Kabupaten Bengkulu Utara"
    assert org.kota == "Arga Makmur"
    assert org.alamat == "Jl. Prof. M. Yamin, SH. No. 12"
    assert org.email == "kpud.bengkuluutara@gmail.com"
    units = list(UnitKerja.objects.filter(organisasi=org).values_list("slug", "nama"))
    assert units == [
        ("sekretariat", "Sekretariat KPU Kabupaten Bengkulu Utara"),
        ("keuangan", "Subbagian Keuangan, Umum dan Logistik"),
        ("teknis", "Subbagian Teknis Penyelenggara Pemilu dan Hukum"),
        ("perencanaan", "Subbagian Perencanaan, Data dan Informasi"),
        ("parmas", "Subbagian Partisipasi Masyarakat dan SDM"),
    ]
    # Tabel 2: each subbagian's duties.
    perencanaan = UnitKerja.objects.get(organisasi=org, slug="perencanaan")
    assert perencanaan.tugas.startswith("melakukan analisis dan penyiapan penyusunan rencana")
    assert perencanaan.induk.slug == "sekretariat"


def test_it_loads_tugas_fungsi_wewenang_of_tabel_1(org):
    per_jenis = {
        jenis: list(
            UraianTugas.objects.filter(organisasi=org, jenis=jenis).values_list("teks", flat=True)
        )
        for jenis in ("tugas", "fungsi", "wewenang")
    }
    assert [len(v) for v in per_jenis.values()] == [5, 5, 3]
    assert per_jenis["wewenang"][0].startswith("mengadakan dan mendistribusikan perlengkapan")
    assert per_jenis["wewenang"][2].startswith("memberikan layanan administrasi")


def test_it_loads_staff_counts_of_tabel_3(org):
    counts = dict(
        JumlahPegawai.objects.filter(organisasi=org, tahun=2024).values_list(
            "status_kepegawaian", "jumlah"
        )
    )
    assert counts == {"PNS": 11, "PPPK": 5, "Tenaga Administrasi": 8}
    total = JumlahPegawai.objects.filter(organisasi=org, tahun=2024).aggregate(t=Sum("jumlah"))
    assert total["t"] == 24


def test_it_loads_the_signatories_with_their_nip(org):
    pejabat = {
        (p.peran, p.unit_kerja.slug if p.unit_kerja else ""): (p.nama, p.nip)
        for p in Pejabat.objects.filter(organisasi=org)
    }
    assert pejabat[("ketua", "")] == ("Santoso, S.Pd", "")
    assert pejabat[("sekretaris", "sekretariat")] == ("Samsul Bahri, S.Sos", "196810011989031005")
    assert pejabat[("kepala_subbagian", "keuangan")][1] == "197112291993031003"
    assert pejabat[("kepala_subbagian", "teknis")][0] == "Nova Afrizan, SKM., MM"
    assert pejabat[("kepala_subbagian", "perencanaan")][1] == "198210082009121004"
    assert pejabat[("kepala_subbagian", "parmas")][1] == "198607162010121003"


def test_it_loads_the_renstra_with_visi_misi_tujuan(org):
    renstra = Renstra.objects.get(organisasi=org)
    assert (renstra.tahun_mulai, renstra.tahun_selesai) == (2020, 2024)
    assert renstra.nomor_keputusan == "13/PR.1.03/Kpt/1703/1/2022"
    assert renstra.visi == (
        "Menjadi Penyelenggara Pemilu Serentak Yang Profesional, Mandiri dan Berintegritas"
    )
    assert renstra.misi.count() == 7
    # Tabel 4: three tujuan with 3, 2 and 1 sasaran.
    assert [t.sasaran.count() for t in renstra.tujuan.all()] == [3, 2, 1]
    sasaran = list(SasaranStrategis.objects.filter(renstra=renstra).values_list("nomor", flat=True))
    assert sasaran == list(range(1, 10))


# Tabel 5, every indicator it lists, 2020–2024 ("0%" and "0" both mean not targeted).
TABEL_5 = {
    "Penyusunan Program, Kegiatan, dan Anggaran KPU, Pengelolaan Revisi Anggaran, "
    "Kajian/Analisa, Prosedur dan Mekanisme Penganggaran": ["100"] * 5,
    "Persentase keikutsertaan pegawai yang telah mengikuti pendidikan dan pelatihan dalam "
    "rangka peningkatan kompetensi SDM": ["90", "95", "95", "100", "100"],
    "Persentase sarana transportasi dan perangkat kerja untuk mendukung kinerja pegawai yang "
    "berfungsi dengan baik": ["100"] * 5,
    "Sarana Bidang Teknologi dan Informasi": ["100"] * 5,
    "Pengelolaan Sarana IT Pemilu": ["100"] * 5,
    "Persentase dukungan layanan operasional perkantoran": ["100"] * 5,
    "Akuntabilitas kinerja KPU Kabupaten Bengkulu Utara berpredikat BB": ["B"] * 5,
    "Opini BPK atas Laporan Keuangan KPU": ["WTP"] * 5,
    "Nilai evaluasi atas pelaksanaan reformasi birokrasi": ["76", "77", "78", "79", "80"],
    "Terwujudnya penetapan hasil pemilu 2024": ["0", "0", "0", "100", "100"],
    "Persentase pelaksanaan persiapan pengambilan sumpah dan janji Pemilu 2024": [
        "0",
        "0",
        "0",
        "100",
        "100",
    ],
    "Persentase Fasilitasi tahapan pemungutan suara dan penghitungan suara": [
        "0",
        "0",
        "0",
        "100",
        "100",
    ],
    "Persentase Penetapan hasil pemilu": ["0", "0", "0", "100", "100"],
    "Persentase Penyelesaian Sengketa Pemilu": ["0", "0", "0", "100", "100"],
    "Persentase Belanja Hibah Pilkada 2024": ["0", "0", "0", "0", "100"],
    "Pembentukan Badan Adhoc": ["0", "0", "0", "100", "100"],
    "Persentase Pemutakhiran Data Pemilih Pilkada 2024": ["100"] * 5,
    "Persentase Belanja Tahapan Pilkada 2024": ["0", "0", "0", "0", "100"],
    "Pengadaan dan Pendistribusian Perlengkapan Pemungutan dan Penghitungan Suara": [
        "0",
        "0",
        "0",
        "100",
        "100",
    ],
    "Persentase Kegiatan Kampanye": ["0", "0", "0", "100", "100"],
    "Persentase Kegiatan pencalonan": ["0", "0", "0", "100", "100"],
    "Persentase Kegiatan Penghitungan Suara": ["0", "0", "0", "100", "100"],
    "Persentase produk hukum yang dikelola dan didokumentasikan sesuai peraturan "
    "perundang-undangan.": ["100"] * 5,
    "Persentase publikasi produk hukum KPU Bengkulu Utara": ["100"] * 5,
    "Persentase Penyiapan dan Pengelolaan Logistik Pemilu": ["0", "0", "100", "100", "100"],
    "Persentase Pengelolaan Barang dan Jasa": ["100"] * 5,
    "Persentase Pengelolaan Dokumentasi Logistik": ["100"] * 5,
    "Persentase pengadaan dan distribusi logistik pemilu/pemilihan yang tepat jenis, tepat "
    "jumlah dan tepat waktu": ["0", "0", "0", "100", "100"],
    "Persentase pembayaran gaji dan tunjangan pegawai dilingkungan KPU Bengkulu Utara": ["100"] * 5,
    "Persentase laporan sistem akuntansi dan pelaporan keuangan yang diselesaikan tepat waktu": [
        "100"
    ]
    * 5,
    "Persentase BMN yang dikelola sesuai dengan peraturan perundang-undangan": ["100"] * 5,
}


def test_it_loads_every_renstra_target_of_tabel_5(org):
    loaded = {}
    for t in TargetRenstra.objects.filter(
        indikator__tingkat=IndikatorKinerja.Tingkat.SASARAN_STRATEGIS
    ).select_related("indikator", "tingkat"):
        loaded.setdefault(t.indikator.nama, {})[t.tahun] = _nilai(t)
    assert {nama: [v[y] for y in TAHUN_RENSTRA] for nama, v in loaded.items()} == TABEL_5


def test_it_loads_the_outcome_indicators_of_tabel_13_15_24_26(org):
    outcome = {
        i.sasaran.nomor: (i.nama, [_nilai(t) for t in i.target_renstra.order_by("tahun")])
        for i in IndikatorKinerja.objects.filter(
            tingkat=IndikatorKinerja.Tingkat.SASARAN_PROGRAM
        ).select_related("sasaran")
    }
    assert outcome[2] == (
        "Persentase kesesuaian pegawai terhadap standar kompetensi penugasannya",
        ["90", "95", "95", "100", "100"],
    )
    assert outcome[3][1] == ["100"] * 5
    assert outcome[7][0].startswith("Persentase Rancangan Keputusan KPU Kabupaten Bengkulu Utara")
    assert outcome[8][0].startswith("Persentase Pendistribusian Logistik Pemilu / Pemilihan")
    assert sorted(outcome) == [2, 3, 7, 8]


def _perjanjian(org, unit=None, versi=1) -> PerjanjianKinerja:
    return (
        PerjanjianKinerja.objects.get(
            organisasi=org, tahun=2024, unit_kerja__slug=unit, versi=versi
        )
        if unit
        else PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja=None, versi=versi)
    )


def test_it_loads_both_versions_of_the_organisations_agreement(org):
    v1, v2 = _perjanjian(org, versi=1), _perjanjian(org, versi=2)
    assert (v1.pihak_pertama.nama, v1.pihak_kedua.nama) == ("Samsul Bahri, S.Sos", "Santoso, S.Pd")
    assert v1.tanggal.isoformat() == "2024-01-03"
    assert v1.is_ditandatangani and v2.is_ditandatangani
    assert v2.judul == "Perubahan Perjanjian Kinerja"
    nama_v1 = set(v1.target.values_list("indikator__nama", flat=True))
    nama_v2 = set(v2.target.values_list("indikator__nama", flat=True))
    assert (len(nama_v1), len(nama_v2)) == (34, 35)
    assert nama_v2 - nama_v1 == {
        "Konsolidasi Nasional Program Kerja dan Anggaran, Penguatan Kelembagaan dan Organisasi",
        "Pengelolaan Sarana IT Pemilu",
    }
    assert nama_v1 - nama_v2 == {"Persentase Pelaksanaan Pemungutan dan Penghitungan Suara"}
    assert v2.target.values("indikator__sasaran").distinct().count() == 9
    # Tabel 6 / 9 targets: all 100 % but the ordinal and the RB score.
    targets = {
        t.indikator.nama: _nilai(t) for t in v2.target.select_related("indikator", "tingkat")
    }
    assert targets["Akuntabilitas kinerja KPU Kabupaten Bengkulu Utara berpredikat BB"] == "BB"
    assert targets["Opini BPK atas Laporan Keuangan KPU"] == "WTP"
    assert targets["Nilai evaluasi atas pelaksanaan reformasi birokrasi"] == "80"
    assert sorted(set(targets.values())) == ["100", "80", "BB", "WTP"]
    # The RKT's program table.
    assert list(v1.kegiatan.values_list("program__kode", "anggaran")) == [
        ("CQ", Decimal("54559031000")),
        ("WA", Decimal("2928042000")),
    ]


@pytest.mark.parametrize(
    ("unit", "pihak_pertama", "jumlah_target", "anggaran"),
    [
        ("keuangan", "Umar Yasin, SH", 10, [19599520000, 15283000, 2764680000, 1948085000]),
        (
            "teknis",
            "Nova Afrizan, SKM., MM",
            15,
            [680000000, 599500000, 480363000, 83061000, 53579000, 2753403000],
        ),
        (
            "perencanaan",
            "Martin Luther Manao, S.H., M.H.",
            7,
            [748855000, 320000000, 121997000, 48792000, 87025000],
        ),
        ("parmas", "Aderianko, S.H., M.H", 4, [20099550000, 168430000, 19650212000]),
    ],
)
def test_it_loads_each_unit_agreement(org, unit, pihak_pertama, jumlah_target, anggaran):
    pk = _perjanjian(org, unit=unit)
    assert pk.pihak_pertama.nama == pihak_pertama
    assert pk.pihak_kedua.nama == "Samsul Bahri, S.Sos"
    assert pk.target.count() == jumlah_target
    assert [int(a) for a in pk.kegiatan.values_list("anggaran", flat=True)] == anggaran


def test_it_uses_one_indicator_for_the_same_indicator_on_every_page(org):
    # "Pembentukan Badan Adhoc" is in the organisation's agreement and in Parmas's, under
    # sasaran 4 of Parmas's own numbering: the same indicator.
    badan_adhoc = IndikatorKinerja.objects.get(nama="Pembentukan Badan Adhoc")
    assert (
        TargetKinerja.objects.filter(indikator=badan_adhoc).count() == 4
    )  # v1, v2, teknis, parmas
    assert badan_adhoc.sasaran.nomor == 6


# Tabel 9, the REALISASI column, 2024.
TABEL_9 = [
    "96.7", "85.58", "99.42", "87.22", "85.51",
    "100",
    "100", "99.87", "99.85", "97.1",
    "BB", "WTP",
    "100", "100", "100", "97.7", "100",
    "86.76", "90", "100", "86.57", "73.1", "88.24", "67.13", "90",
    "100", "90",
    "99.98", "95.26", "99.98", "97.76",
    "100", "100", "97",
]  # fmt: skip


def test_it_loads_every_realisasi_of_tabel_9(org):
    v2 = _perjanjian(org, versi=2)
    urut = v2.target.select_related("indikator").order_by("indikator__sasaran__nomor", "urutan")
    realisasi = {
        r.indikator_id: _nilai(r)
        for r in Realisasi.objects.filter(tahun=2024, periode="tahunan").select_related("tingkat")
    }
    assert [realisasi.get(t.indikator_id) for t in urut] == [*TABEL_9[:12], None, *TABEL_9[12:]]
    # No realisasi printed for the reform score: stored as nothing, not as zero.
    assert not Realisasi.objects.filter(indikator__nama__startswith="Nilai evaluasi").exists()
    assert not Realisasi.objects.exclude(status=Realisasi.Status.DIVERIFIKASI).exists()


def test_it_loads_the_2023_values_of_the_comparison_tables(org):
    lalu = {
        r.indikator.nama: _nilai(r)
        for r in Realisasi.objects.filter(tahun=2023).select_related("indikator", "tingkat")
    }
    assert lalu["Persentase dukungan layanan operasional perkantoran"] == "98"  # Tabel 14
    assert (
        lalu["Persentase pembayaran gaji dan tunjangan pegawai dilingkungan KPU Bengkulu Utara"]
        == "99"
    )  # noqa: E501  Tabel 30
    assert lalu["Persentase BMN yang dikelola sesuai dengan peraturan perundang-undangan"] == "99"
    assert lalu["Akuntabilitas kinerja KPU Kabupaten Bengkulu Utara berpredikat BB"] == "BB"
    outcome_logistik = IndikatorKinerja.objects.get(tingkat="sasaran_program", sasaran__nomor=8)
    assert [
        _nilai(r) for r in Realisasi.objects.filter(indikator=outcome_logistik).order_by("tahun")
    ] == ["97", "98"]  # Tabel 26
    assert len(lalu) == 14


def test_it_loads_pagu_of_tabel_7_and_realisasi_of_tabel_31(org):
    pagu = dict(AnggaranKegiatan.objects.filter(tahun=2024).values_list("kegiatan__kode", "pagu"))
    assert pagu["CQ.6639"] == Decimal("28829406000")
    assert pagu["CQ.6982"] == Decimal("22958000")
    assert pagu["WA.3360"] == Decimal("163362000")
    assert len(pagu) == 10
    total = AnggaranKegiatan.objects.filter(tahun=2024).aggregate(t=Sum("pagu"))["t"]
    assert total == Decimal("57487073000")
    cq = AnggaranKegiatan.objects.filter(tahun=2024, kegiatan__program__kode="CQ")
    assert cq.aggregate(t=Sum("pagu"))["t"] == Decimal("54559031000")
    assert Kegiatan.objects.filter(program__kode="WA").count() == 2
    realisasi = dict(
        RealisasiProgram.objects.filter(tahun=2024).values_list("program__kode", "realisasi")
    )
    assert realisasi == {"CQ": Decimal("49792963636"), "WA": Decimal("2848973746")}


def test_it_loads_the_logistics_of_tabel_27(org):
    baris = Logistik.objects.filter(pemilihan__organisasi=org, pemilihan__tahun=2024)
    assert baris.count() == 13
    surat_suara = baris.get(jenis__iexact="surat suara")
    assert (surat_suara.dipesan, surat_suara.diterima, surat_suara.baik, surat_suara.rusak) == (
        226560,
        226560,
        226560,
        0,
    )
    assert baris.aggregate(t=Sum("dipesan"))["t"] == 260014
    assert not baris.filter(rusak__gt=0).exists()


def test_it_loads_the_sakip_evaluation_of_tabel_18(org):
    # A completed LKE evaluation imported with the sub-component scores Tabel 18 prints.
    sakip = evaluasi_selesai_terakhir(organisasi=org, tahun=2024)
    assert (sakip.evaluasi.tahun, sakip.evaluasi.diimpor) == (2023, True)
    assert [
        (k.nama, k.bobot, (k.nilai_keberadaan, k.nilai_kualitas, k.nilai_pemanfaatan))
        for k, _ in sakip.komponen
    ] == [
        (
            "Perencanaan Kinerja",
            Decimal("30"),
            (Decimal("5.40"), Decimal("6.30"), Decimal("12.00")),
        ),
        ("Pengukuran Kinerja", Decimal("30"), (Decimal("4.80"), Decimal("7.20"), Decimal("10.50"))),
        ("Pelaporan Kinerja", Decimal("15"), (Decimal("1.80"), Decimal("2.70"), Decimal("4.50"))),
        ("Evaluasi Internal", Decimal("25"), (Decimal("4.00"), Decimal("5.25"), Decimal("6.25"))),
    ]


def test_it_loads_legal_products_awards_and_the_report_texts(org):
    produk = ProdukHukum.objects.get(organisasi=org, tahun=2024)
    assert (produk.jumlah_hardcopy, produk.jumlah_softcopy, produk.satuan) == (1680, 1680, "SK")
    assert "KPPN Bengkulu" in CapaianLain.objects.get(organisasi=org, tahun=2024).uraian
    laporan = LaporanKinerja.objects.get(organisasi=org, tahun=2024)
    assert laporan.tempat == "Arga Makmur"
    assert laporan.tanggal.isoformat() == "2025-01-17"
    assert laporan.penandatangan.nama == "Samsul Bahri, S.Sos"
    assert laporan.kata_pengantar.startswith("Segala puji dan syukur")
    # Figures in the narrative are computed, never typed: no amounts in the budget intro.
    assert "57.487.073.000" not in laporan.pengantar_anggaran


def test_it_loads_twice_without_changing_anything(org, capsys):
    before = KegiatanPerjanjian.objects.count(), Realisasi.objects.count()
    call_command("load_reference")
    assert "tidak ada yang berubah" in capsys.readouterr().out
    assert (KegiatanPerjanjian.objects.count(), Realisasi.objects.count()) == before
