"""The analysis PermenPANRB 53/2014 asks of each sasaran, on the 2024 reference year.

Every figure asserted is computed from the fixtures: the level comparison of the AKIP
predikat, the kegiatan that serve each sasaran (once each), efficiency, the reconciliation of
the unit agreements with the DIPA, the Renstra trajectory and BAB IV's conclusions.
"""

from decimal import Decimal

import pytest

from inti.angka import format_persen, format_rupiah
from inti.capaian import Arah, Polaritas, arah_perubahan, tercapai
from kinerja.models import KegiatanPerjanjian, PemetaanKegiatan, Realisasi, StandarNasional
from laporan.dokumen import susun_dokumen
from laporan.kalimat import kalimat_kesimpulan
from laporan.konsistensi import periksa_konsistensi
from laporan.selectors import data_lakip
from renstra.models import IndikatorKinerja


@pytest.fixture
def d(org):
    return data_lakip(organisasi=org, tahun=2024)


def _sasaran(d, nomor):
    return next(a for a in d.analisis if a.sasaran.nomor == nomor)


def _baris(a, kode):
    return next(b for b in [*a.capaian.baris, *a.capaian.outcome] if b.indikator.kode == kode)


def test_it_compares_an_ordinal_level_as_a_level_not_as_percent(d):
    akip = _baris(_sasaran(d, 4), "s4-predikat-akip")
    # Target raised from B to BB, BB in both years: the rank ratio falls 125 -> 100 %,
    # yet performance did not change.
    assert akip.hasil_lalu.persen == Decimal("125.00")
    assert akip.persen == Decimal("100.00")
    assert akip.arah_lalu == Arah.TETAP
    assert akip.perubahan is None
    assert "2 (dua) indikator tetap" in _sasaran(d, 4).kalimat_lalu
    assert "menurun" not in _sasaran(d, 4).kalimat_lalu
    html = susun_dokumen(d).html
    assert "tetap BB" in html
    assert "-25,00" not in html


@pytest.mark.parametrize(
    ("sekarang", "sebelumnya", "polaritas", "arah"),
    [
        ("5", "5", Polaritas.NAIK, Arah.TETAP),
        ("5", "4", Polaritas.NAIK, Arah.NAIK),
        ("97", "99", Polaritas.NAIK, Arah.TURUN),
        ("2", "3", Polaritas.TURUN, Arah.NAIK),
    ],
)
def test_it_gives_the_direction_of_the_realised_value(sekarang, sebelumnya, polaritas, arah):
    assert (
        arah_perubahan(
            sekarang=Decimal(sekarang), sebelumnya=Decimal(sebelumnya), polaritas=polaritas
        )
        == arah
    )


def test_it_lists_each_kegiatan_once_under_the_sasaran_it_serves(d):
    per_sasaran = {a.sasaran.nomor: [k.kegiatan.pk for k in a.kegiatan] for a in d.analisis}
    semua = [pk for daftar in per_sasaran.values() for pk in daftar]
    unit = KegiatanPerjanjian.objects.filter(
        perjanjian__organisasi=d.organisasi,
        perjanjian__tahun=2024,
        perjanjian__unit_kerja__isnull=False,
    )
    assert sorted(semua) == sorted(unit.values_list("pk", flat=True))  # each exactly once
    assert d.kegiatan_tanpa_sasaran == []
    # Badan Adhoc's Rp39,9 billion no longer appears under four sasaran.
    adhoc = [
        nomor
        for nomor, a in ((a.sasaran.nomor, a) for a in d.analisis)
        for k in a.kegiatan
        if "Badan Adhoc" in k.kegiatan.uraian
    ]
    assert adhoc == [5, 6]
    totals = {a.sasaran.nomor: a.total_kegiatan for a in d.analisis}
    assert totals[1] == Decimal("1171135000")
    assert totals[6] == Decimal("22179413000")
    assert sum(totals.values()) == d.rekonsiliasi.total == Decimal("70222335000")


def test_it_reconciles_the_unit_kegiatan_with_the_dipa_by_source_of_funds(d):
    r = d.rekonsiliasi
    assert r.pagu == Decimal("57487073000")
    assert {x.label: x.jumlah for x in r.sumber} == {
        "APBN": Decimal("22457194000"),
        "APBD (hibah)": Decimal("23327135000"),
        "sumber dana tidak tercantum": Decimal("24438006000"),
    }
    assert "Rp70.222.335.000" in r.kalimat
    assert "pagu DIPA Rp57.487.073.000" in r.kalimat
    assert "tanpa kegiatan itu jumlahnya Rp46.895.200.000" in r.kalimat
    assert "Rp10.591.873.000 lebih kecil dari pagu DIPA" in r.kalimat


def test_it_states_capaian_and_absorption_in_each_efficiency_sentence(d):
    for a in d.analisis:
        assert f"rata-rata capaian {format_persen(a.rata_rata)}" in a.kalimat_efisiensi
        assert "91,57\u00a0%" in a.kalimat_efisiensi  # the absorption the data holds
        if a.kegiatan:
            assert f"anggaran {format_rupiah(a.total_kegiatan)}" in a.kalimat_efisiensi
    assert _sasaran(d, 1).kalimat_efisiensi.startswith(
        "Sasaran ini didukung 5 (lima) kegiatan dengan anggaran Rp1.171.135.000 dan rata-rata "
        "capaian 90,89\u00a0%"
    )


def test_it_uses_the_kegiatan_realisasi_for_absorption_when_reported(d, org):
    for p in PemetaanKegiatan.objects.filter(sasaran__nomor=1, kegiatan__perjanjian__tahun=2024):
        p.realisasi = p.kegiatan.anggaran / 2
        p.save(update_fields=["realisasi"])
    a = _sasaran(data_lakip(organisasi=org, tahun=2024), 1)
    assert "terserap Rp585.567.500 (50,00\u00a0%)" in a.kalimat_efisiensi
    assert "capaian lebih tinggi dari serapan anggaran" in a.kalimat_efisiensi


def test_it_shows_every_year_of_the_renstra_trajectory(d):
    assert d.tahun_renstra == [2020, 2021, 2022, 2023, 2024]
    rb = _baris(_sasaran(d, 4), "s4-nilai-rb")
    assert {th: n.angka for th, n in rb.target_renstra_tahunan.items()} == {
        2020: Decimal("76"),
        2021: Decimal("77"),
        2022: Decimal("78"),
        2023: Decimal("79"),
        2024: Decimal("80"),
    }


def test_it_reads_every_earlier_year_the_data_holds(d, org):
    bmn = IndikatorKinerja.objects.get(kode="s9-bmn")
    Realisasi.objects.create(
        indikator=bmn, tahun=2021, periode="tahunan", nilai=Decimal("95"), status="diverifikasi"
    )
    a = _sasaran(data_lakip(organisasi=org, tahun=2024), 9)
    assert a.tahun_riwayat == [2021, 2023, 2024]
    assert set(_baris(a, "s9-bmn").riwayat) == {2021, 2023}
    assert a.kalimat_lalu.startswith("Data realisasi tersedia untuk tahun 2021, 2023 dan 2024.")


def test_it_says_once_that_no_national_standard_exists(d, org):
    html = susun_dokumen(d).html
    assert html.count("Tidak terdapat standar nasional") == 1
    akip = IndikatorKinerja.objects.get(kode="s9-bmn")
    StandarNasional.objects.create(
        indikator=akip, tahun=2024, nilai=Decimal("95"), sumber="Contoh standar KPU RI"
    )
    d2 = data_lakip(organisasi=org, tahun=2024)
    assert [b.indikator.kode for b in _sasaran(d2, 9).baris_standar] == ["s9-bmn"]
    assert d2.kalimat_standar.startswith("1 (satu) indikator memiliki standar nasional")
    assert "Contoh standar KPU RI" in susun_dokumen(d2).html


def test_it_concludes_in_bab_iv_with_the_definitions_of_bab_iii(d):
    for a in d.analisis:
        terukur = [b for b in a.capaian.baris if b.persen is not None]
        capai = [b for b in terukur if tercapai(b.persen)]
        assert (a.tercapai, a.terukur) == (len(capai), len(terukur))
        if len(capai) < len(terukur):
            assert "telah tercapai sesuai target" not in a.kesimpulan, a.sasaran.nomor
    # Sasaran 3: four indicators "Berhasil" but only one at 100 %; sasaran 8: none at 100 %.
    assert "belum tercapai sepenuhnya: 1 (satu) dari 4 (empat)" in _sasaran(d, 3).kesimpulan
    assert "belum tercapai sepenuhnya: 0 (nol) dari 4 (empat)" in _sasaran(d, 8).kesimpulan
    assert "telah tercapai sesuai target" in _sasaran(d, 2).kesimpulan


def test_it_says_sebagian_besar_only_for_more_than_half():
    def putusan(tercapai, terukur):
        return kalimat_kesimpulan(
            nomor=1, nama_sasaran="X", tahun=2024, tercapai=tercapai, terukur=terukur, belum=0
        )

    assert "sebagian besar" in putusan(3, 5)
    assert "sebagian besar" not in putusan(2, 4)
    assert "belum tercapai sepenuhnya: 2 (dua) dari 4 (empat)" in putusan(2, 4)


def test_it_marks_missing_causes_in_the_preview_and_lists_follow_up_per_indicator(org):
    pencalonan = Realisasi.objects.get(indikator__kode="s6-pencalonan", tahun=2024)
    pencalonan.kendala = "Jadwal pencalonan dimajukan."
    pencalonan.tindak_lanjut = "Koordinasi jadwal dengan KPU Provinsi."
    pencalonan.save(update_fields=["kendala", "tindak_lanjut"])
    d = data_lakip(organisasi=org, tahun=2024, pratinjau=True)
    html = susun_dokumen(d).html
    assert "Kendala: Jadwal pencalonan dimajukan." in html
    assert "kendala belum diisi" in html
    assert "faktor pendorong belum diisi" in html
    rtl = html.split('id="bab-4-b"', 1)[1].split("</ol>", 1)[0]
    assert "Persentase Kegiatan pencalonan (capaian 67,13\u00a0%): Koordinasi jadwal" in rtl
    assert rtl.count("<li>") == len(d.baris_di_bawah) == 22
    panel = {t.judul: t.rincian for t in periksa_konsistensi(d)}
    tanpa = panel["Indikator di bawah target tanpa kendala dan tindak lanjut"]
    assert len(tanpa) == 21
    assert not any("pencalonan" in t for t in tanpa)
    final = susun_dokumen(data_lakip(organisasi=org, tahun=2024)).html
    assert "belum diisi" not in final


def test_it_states_capaian_budget_and_main_problems_in_the_ringkasan(d):
    html = susun_dokumen(d).html
    ringkasan = html.split('id="depan-ringkasan-eksekutif"', 1)[1].split("</section>", 1)[0]
    assert "23 (dua puluh tiga) indikator berkategori Berhasil" in ringkasan
    assert "Rp52.641.937.382 atau 91,57\u00a0%" in ringkasan
    assert (
        "22 (dua puluh dua) indikator belum mencapai target; capaian terendah pada "
        "Persentase Kegiatan pencalonan (67,13\u00a0%)"
    ) in ringkasan
