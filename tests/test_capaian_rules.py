from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from inti.angka import bulatkan, format_persen, parse_angka
from inti.capaian import (
    BOBOT_SUBKOMPONEN,
    SKALA_CAPAIAN_BAKU,
    SKALA_EFEKTIVITAS_BAKU,
    Agregasi,
    HasilCapaian,
    NilaiKomponen,
    Polaritas,
    Rentang,
    Status,
    TipeNilai,
    batas_nilai_subkomponen,
    hitung_capaian,
    hitung_capaian_ordinal,
    hitung_ringkasan,
    hitung_sakip,
    klasifikasi,
    predikat_sakip,
    realisasi_tahunan,
    selisih,
    serapan_anggaran,
)

D = Decimal
NAIK, TURUN, RENTANG = Polaritas.NAIK, Polaritas.TURUN, Polaritas.RENTANG

nilai_positif = st.decimals(
    min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False
)
target_positif = st.decimals(
    min_value=D("0.01"), max_value=10**6, places=2, allow_nan=False, allow_infinity=False
)
# Percentages clustered around every band boundary, where rounding matters.
persen_di_batas = st.builds(
    lambda batas, geser: batas + geser,
    st.sampled_from([D(0), D(50), D(70), D(75), D(90), D(100)]),
    st.decimals(min_value=D("-0.02"), max_value=D("0.02"), places=4),
) | st.decimals(min_value=-50, max_value=300, places=4)
skala = st.sampled_from([SKALA_CAPAIAN_BAKU, SKALA_EFEKTIVITAS_BAKU])


def test_it_uses_lowercase_indonesian_values_for_choices():
    assert [p.value for p in Polaritas] == ["naik", "turun", "rentang"]
    assert [a.value for a in Agregasi] == ["kumulatif", "terakhir", "rata_rata"]
    assert [t.value for t in TipeNilai] == ["persentase", "angka", "ordinal"]
    assert [s.value for s in Status] == [
        "dihitung",
        "belum_ada_realisasi",
        "tidak_ditargetkan",
        "tanpa_target",
    ]
    assert Status("tanpa_target") is Status.TANPA_TARGET
    assert Polaritas.NAIK == "naik"


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (Status.DIHITUNG, "Dihitung"),
        (Status.BELUM_ADA_REALISASI, "Belum ada realisasi"),
        (Status.TIDAK_DITARGETKAN, "Tidak ditargetkan"),
        (Status.TANPA_TARGET, "Tidak ada target"),
    ],
)
def test_it_labels_each_status_in_indonesian(status, label):
    assert status.label == label


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "persen"),
    [
        (D("100"), D("96.7"), NAIK, D("96.70")),
        (D("80"), D("100"), NAIK, D("125.00")),
        (D("3"), D("2"), NAIK, D("66.67")),
        (D("3"), D("1"), NAIK, D("33.33")),
        (D("200"), D("1.01"), NAIK, D("0.51")),  # 0.505 rounds half-up
        (D("10"), D("-4"), NAIK, D("0.00")),
        (D("10"), D("8"), TURUN, D("120.00")),
        (D("10"), D("12"), TURUN, D("80.00")),
        (D("10"), D("25"), TURUN, D("0.00")),
        (D("0"), D("0"), TURUN, D("100.00")),
        (D("0"), D("-1"), TURUN, D("100.00")),
        (D("0"), D("0.01"), TURUN, D("0.00")),
        (D("0"), D("7"), TURUN, D("0.00")),
    ],
)
def test_it_computes_capaian_for_naik_and_turun(target, realisasi, polaritas, persen):
    hasil = hitung_capaian(target=target, realisasi=realisasi, polaritas=polaritas)
    assert hasil == HasilCapaian(persen, Status.DIHITUNG)
    assert repr(hasil.persen) == repr(persen)


@pytest.mark.parametrize(
    ("realisasi", "persen"),
    [
        (D("60"), D("100.00")),  # lower bound, inclusive
        (D("70"), D("100.00")),
        (D("80"), D("100.00")),  # upper bound, inclusive
        (D("45"), D("75.00")),  # below: 45 / 60
        (D("0"), D("0.00")),
        (D("88"), D("90.00")),  # above: (160 - 88) / 80
        (D("200"), D("0.00")),  # far above, floored
    ],
)
def test_it_computes_capaian_for_a_target_band(realisasi, persen):
    hasil = hitung_capaian(
        target=D("60"), realisasi=realisasi, polaritas=RENTANG, target_atas=D("80")
    )
    assert hasil == HasilCapaian(persen, Status.DIHITUNG)


def test_it_handles_a_band_starting_at_zero():
    def capaian(realisasi):
        return hitung_capaian(
            target=D("0"), realisasi=realisasi, polaritas=RENTANG, target_atas=D("5")
        ).persen

    assert capaian(D("0")) == D("100.00")
    assert capaian(D("-1")) == D("0.00")
    assert capaian(D("6")) == D("80.00")


@pytest.mark.parametrize("target_atas", [None, D("59.99")])
def test_it_rejects_a_broken_target_band(target_atas):
    with pytest.raises(ValueError):
        hitung_capaian(
            target=D("60"), realisasi=D("70"), polaritas=RENTANG, target_atas=target_atas
        )


@pytest.mark.parametrize("polaritas", list(Polaritas))
@pytest.mark.parametrize("target", [None, D("0"), D("100")])
def test_it_reports_missing_realisasi_never_zero(polaritas, target):
    hasil = hitung_capaian(target=target, realisasi=None, polaritas=polaritas, target_atas=D("120"))
    assert hasil.status is Status.BELUM_ADA_REALISASI
    assert hasil.persen is None


@pytest.mark.parametrize("polaritas", list(Polaritas))
def test_it_reports_realisasi_without_target(polaritas):
    hasil = hitung_capaian(target=None, realisasi=D("5"), polaritas=polaritas)
    assert hasil == HasilCapaian(None, Status.TANPA_TARGET)


def test_it_marks_target_zero_as_not_targeted_when_higher_is_better():
    hasil = hitung_capaian(target=D("0"), realisasi=D("12"), polaritas=NAIK)
    assert hasil == HasilCapaian(None, Status.TIDAK_DITARGETKAN)


def test_it_keeps_persen_and_status_consistent():
    with pytest.raises(ValueError):
        HasilCapaian(None, Status.DIHITUNG)
    with pytest.raises(ValueError):
        HasilCapaian(D("10"), Status.TANPA_TARGET)


@pytest.mark.parametrize(
    ("target", "realisasi", "persen"),
    [
        (5, 5, D("100.00")),  # BB against BB
        (5, 6, D("120.00")),  # A against BB
        (4, 4, D("100.00")),  # WTP against WTP
        (4, 3, D("75.00")),  # WDP against WTP
        (7, 5, D("71.43")),  # BB against AA
    ],
)
def test_it_compares_ordinal_ranks(target, realisasi, persen):
    hasil = hitung_capaian_ordinal(peringkat_target=target, peringkat_realisasi=realisasi)
    assert hasil == HasilCapaian(persen, Status.DIHITUNG)


def test_it_treats_missing_ordinal_values_like_any_other():
    belum = hitung_capaian_ordinal(peringkat_target=5, peringkat_realisasi=None)
    assert belum == HasilCapaian(None, Status.BELUM_ADA_REALISASI)
    tanpa_target = hitung_capaian_ordinal(peringkat_target=None, peringkat_realisasi=5)
    assert tanpa_target == HasilCapaian(None, Status.TANPA_TARGET)
    with pytest.raises(ValueError):
        hitung_capaian_ordinal(peringkat_target=0, peringkat_realisasi=5)


@given(target_positif, nilai_positif, nilai_positif)
def test_it_never_lowers_capaian_when_realisasi_rises_naik(target, a, b):
    rendah, tinggi = sorted((a, b))
    p_rendah = hitung_capaian(target=target, realisasi=rendah, polaritas=NAIK).persen
    p_tinggi = hitung_capaian(target=target, realisasi=tinggi, polaritas=NAIK).persen
    assert p_rendah <= p_tinggi


@given(nilai_positif, nilai_positif, nilai_positif)
def test_it_never_raises_capaian_when_realisasi_rises_turun(target, a, b):
    rendah, tinggi = sorted((a, b))
    p_rendah = hitung_capaian(target=target, realisasi=rendah, polaritas=TURUN).persen
    p_tinggi = hitung_capaian(target=target, realisasi=tinggi, polaritas=TURUN).persen
    assert p_rendah >= p_tinggi
    assert p_tinggi >= 0


@given(nilai_positif, nilai_positif, nilai_positif)
def test_it_stays_within_0_and_100_for_a_band_and_gives_100_inside(a, b, realisasi):
    bawah, atas = sorted((a, b))
    assume(bawah > 0)
    persen = hitung_capaian(
        target=bawah, realisasi=realisasi, polaritas=RENTANG, target_atas=atas
    ).persen
    assert D(0) <= persen <= D(100)
    if bawah <= realisasi <= atas:
        assert persen == D(100)


@pytest.mark.parametrize(
    ("tahunan", "triwulan", "agregasi", "harapan"),
    [
        (None, [D(10), D(20), None, D(5)], Agregasi.KUMULATIF, D(35)),
        (None, [D(10), D(20), None, None], Agregasi.TERAKHIR, D(20)),
        (None, [D(10), None, D(30), None], Agregasi.TERAKHIR, D(30)),
        (None, [D(10), D(20), None, None], Agregasi.RATA_RATA, D(15)),
        (None, [D(1), D(1), D(2), None], Agregasi.RATA_RATA, D(4) / D(3)),
        (None, [D(0), None, None, None], Agregasi.KUMULATIF, D(0)),
        (D(99), [D(10), D(20), D(30), D(40)], Agregasi.KUMULATIF, D(99)),
        (D(99), [D(10), D(20), D(30), D(40)], Agregasi.TERAKHIR, D(99)),
        (D(0), [D(10), D(20), D(30), D(40)], Agregasi.RATA_RATA, D(0)),
        (D(7), [None, None, None, None], Agregasi.KUMULATIF, D(7)),
    ],
)
def test_it_derives_the_yearly_realisasi(tahunan, triwulan, agregasi, harapan):
    hasil = realisasi_tahunan(tahunan=tahunan, triwulan=triwulan, agregasi=agregasi)
    assert hasil == harapan


@pytest.mark.parametrize("agregasi", list(Agregasi))
@pytest.mark.parametrize("triwulan", [[], [None, None, None, None]])
def test_it_has_no_yearly_realisasi_without_any_value(agregasi, triwulan):
    assert realisasi_tahunan(tahunan=None, triwulan=triwulan, agregasi=agregasi) is None


def test_it_rejects_more_than_four_quarters():
    with pytest.raises(ValueError):
        realisasi_tahunan(tahunan=None, triwulan=[D(1)] * 5, agregasi=Agregasi.KUMULATIF)


@pytest.mark.parametrize(
    ("persen", "nama"),
    [
        (D("150"), "Sangat Berhasil"),
        (D("100.005"), "Sangat Berhasil"),
        (D("100.01"), "Sangat Berhasil"),
        (D("100.001"), "Berhasil"),
        (D("100.004"), "Berhasil"),
        (D("100"), "Berhasil"),
        (D("90.005"), "Berhasil"),
        (D("90.01"), "Berhasil"),
        (D("90.004"), "Cukup Berhasil"),
        (D("90"), "Cukup Berhasil"),
        (D("70.01"), "Cukup Berhasil"),
        (D("70"), "Kurang Berhasil"),
        (D("50.005"), "Kurang Berhasil"),
        (D("50.004"), "Tidak Berhasil"),
        (D("50"), "Tidak Berhasil"),
        (D("0"), "Tidak Berhasil"),
        (D("-3"), "Tidak Berhasil"),
    ],
)
def test_it_classifies_capaian_after_rounding(persen, nama):
    assert klasifikasi(persen, SKALA_CAPAIAN_BAKU).nama == nama


def test_it_carries_the_reference_descriptions():
    assert [(r.nama, r.keterangan) for r in SKALA_CAPAIAN_BAKU] == [
        (
            "Sangat Berhasil",
            "Kegiatan yang dilaksanakan telah melampaui target indikator kinerja",
        ),
        (
            "Berhasil",
            "Kegiatan yang dilaksanakan telah mencapai target indikator kinerja",
        ),
        (
            "Cukup Berhasil",
            "Kegiatan yang dilaksanakan telah mendekati target indikator kinerja",
        ),
        (
            "Kurang Berhasil",
            "Kegiatan yang dilaksanakan tidak sesuai dengan target indikator kinerja",
        ),
        (
            "Tidak Berhasil",
            "Kegiatan yang dilaksanakan sangat tidak sesuai dengan target indikator kinerja",
        ),
    ]


@pytest.mark.parametrize(
    ("persen", "nama"),
    [
        (D("91.26"), "Cukup Efektif"),
        (D("97.30"), "Cukup Efektif"),
        (D("100"), "Efektif"),
        (D("100.004"), "Efektif"),
        (D("100.01"), "Sangat Efektif"),
        (D("90"), "Cukup Efektif"),
        (D("89.99"), "Kurang Efektif"),
        (D("89.995"), "Cukup Efektif"),
        (D("75"), "Kurang Efektif"),
        (D("74.99"), "Tidak Efektif"),
        (D("0"), "Tidak Efektif"),
    ],
)
def test_it_classifies_budget_effectiveness(persen, nama):
    assert klasifikasi(persen, SKALA_EFEKTIVITAS_BAKU).nama == nama


def test_it_does_not_depend_on_the_order_bands_are_listed_in():
    terbalik = tuple(reversed(SKALA_EFEKTIVITAS_BAKU))
    assert klasifikasi(D("100"), terbalik).nama == "Efektif"
    assert klasifikasi(D("100.01"), terbalik).nama == "Sangat Efektif"
    assert klasifikasi(D("74.99"), terbalik).nama == "Tidak Efektif"


def test_it_rejects_an_empty_or_incomplete_scale():
    with pytest.raises(ValueError):
        klasifikasi(D("50"), ())
    tanpa_dasar = (Rentang("Tinggi", D("80"), True),)
    with pytest.raises(ValueError):
        klasifikasi(D("79.99"), tanpa_dasar)
    assert klasifikasi(D("79.995"), tanpa_dasar).nama == "Tinggi"


def _ambang(rentang: Rentang) -> Decimal | None:
    """The lowest value shown with two decimals that a band takes by its own definition:
    its bound when inclusive, one hundredth above it when exclusive (bounds have at most
    two decimals)."""
    if rentang.batas_bawah is None:
        return None
    return rentang.batas_bawah if rentang.inklusif else rentang.batas_bawah + D("0.01")


def _kategori_menurut_definisi(persen: Decimal, skala_dipakai) -> str:
    """The expected band, from the band definitions alone and not from the order in which
    the engine tries them: the shown value reaches this band's lowest value and not that of
    the next band up. At a shared bound the exclusive band starts a hundredth higher, so
    100,00 is "Efektif" and 100,01 "Sangat Efektif"."""
    nilai = bulatkan(persen)
    tercapai = [r for r in skala_dipakai if r.batas_bawah is not None and _ambang(r) <= nilai]
    if not tercapai:
        return next(r.nama for r in skala_dipakai if r.batas_bawah is None)
    return max(tercapai, key=_ambang).nama


# A scale of 1 to 4 bounded bands plus the catch-all, in any order, bounds on a coarse
# grid so that bands often share a bound (one inclusive, one exclusive).
skala_acak = (
    st.lists(
        st.tuples(st.sampled_from([D(0), D(50), D(75), D(90), D(100)]), st.booleans()),
        min_size=1,
        max_size=4,
        unique=True,
    )
    .map(
        lambda batas: (
            [Rentang(f"R{b}{'i' if i else 'e'}", b, i) for b, i in batas]
            + [Rentang("Dasar", None, True)]
        )
    )
    .flatmap(st.permutations)
)


def _tepat_di_batas(skala_dipakai):
    """Values on every bound of the scale and a rounding step either side of it."""
    batas = sorted({r.batas_bawah for r in skala_dipakai if r.batas_bawah is not None})
    geser = [D("0"), D("0.01"), D("-0.01"), D("0.005"), D("-0.005"), D("0.004"), D("-0.004")]
    return st.builds(lambda b, g: b + g, st.sampled_from(batas), st.sampled_from(geser))


@given(st.data(), st.sampled_from([SKALA_CAPAIAN_BAKU, SKALA_EFEKTIVITAS_BAKU]))
def test_it_classifies_the_reference_scales_by_their_definitions_in_any_order(data, baku):
    skala_dipakai = data.draw(st.permutations(baku))
    persen = data.draw(_tepat_di_batas(baku) | persen_di_batas)
    harapan = _kategori_menurut_definisi(persen, skala_dipakai)
    assert klasifikasi(persen, skala_dipakai).nama == harapan


@given(st.data(), skala_acak)
def test_it_classifies_any_scale_by_its_definitions_at_its_bounds(data, skala_dipakai):
    persen = data.draw(_tepat_di_batas(skala_dipakai))
    harapan = _kategori_menurut_definisi(persen, skala_dipakai)
    assert klasifikasi(persen, skala_dipakai).nama == harapan


@given(persen_di_batas, skala)
def test_it_classifies_by_the_number_shown_to_the_reader(persen, skala_dipakai):
    rentang = klasifikasi(persen, skala_dipakai)
    assert klasifikasi(bulatkan(persen), skala_dipakai) == rentang
    assert klasifikasi(parse_angka(format_persen(persen)), skala_dipakai) == rentang


@pytest.mark.parametrize(
    ("pagu", "realisasi", "harapan"),
    [
        (D("54559031000"), D("49792963636"), D("91.26")),
        (D("2928042000"), D("2848973746"), D("97.30")),
        (D("57487073000"), D("52641937382"), D("91.57")),
        (D("200"), D("1.01"), D("0.51")),
        (D("100"), D("0"), D("0.00")),
    ],
)
def test_it_computes_budget_absorption(pagu, realisasi, harapan):
    hasil = serapan_anggaran(pagu=pagu, realisasi=realisasi)
    assert repr(hasil) == repr(harapan)


def test_it_has_no_absorption_without_realisasi_or_budget():
    assert serapan_anggaran(pagu=D("100"), realisasi=None) is None
    assert serapan_anggaran(pagu=D("0"), realisasi=D("5")) is None


REFERENSI_SAKIP = [
    NilaiKomponen("Perencanaan Kinerja", D("30"), (D("5.40"), D("6.30"), D("12.00"))),
    NilaiKomponen("Pengukuran Kinerja", D("30"), (D("4.80"), D("7.20"), D("10.50"))),
    NilaiKomponen("Pelaporan Kinerja", D("15"), (D("1.80"), D("2.70"), D("4.50"))),
    NilaiKomponen("Evaluasi Internal", D("25"), (D("4.00"), D("5.25"), D("6.25"))),
]


def test_it_recomputes_the_reference_sakip_table():
    hasil = hitung_sakip(REFERENSI_SAKIP)
    assert hasil.total_komponen == (D("23.70"), D("22.50"), D("9.00"), D("15.50"))
    # The printed document shows 14,00 and 23,45 here; the rows say otherwise.
    assert hasil.total_subkomponen == (D("16.00"), D("21.45"), D("33.25"))
    assert hasil.total == D("70.70")
    assert hasil.predikat == "BB"
    assert sum(hasil.total_subkomponen) == hasil.total


@pytest.mark.parametrize(
    ("total", "predikat"),
    [
        (D("100"), "AA"),
        (D("90.01"), "AA"),
        (D("90"), "A"),
        (D("80.01"), "A"),
        (D("80"), "BB"),
        (D("70.70"), "BB"),
        (D("70"), "B"),
        (D("60"), "CC"),
        (D("50"), "C"),
        (D("30.01"), "C"),
        (D("30"), "D"),
        (D("0"), "D"),
    ],
)
def test_it_gives_the_sakip_predikat_strictly_above_each_bound(total, predikat):
    assert predikat_sakip(total) == predikat


@pytest.mark.parametrize(
    ("bobot", "batas"),
    [
        (D("30"), (D("6"), D("9"), D("15"))),
        (D("15"), (D("3"), D("4.5"), D("7.5"))),
        (D("25"), (D("5"), D("7.5"), D("12.5"))),
    ],
)
def test_it_caps_each_sub_component_by_its_weight(bobot, batas):
    assert batas_nilai_subkomponen(bobot) == batas
    assert sum(BOBOT_SUBKOMPONEN) == D(100)


@pytest.mark.parametrize(
    "nilai",
    [
        (D("6.01"), D("0"), D("0")),
        (D("0"), D("9.01"), D("0")),
        (D("0"), D("0"), D("15.01")),
        (D("-0.01"), D("0"), D("0")),
    ],
)
def test_it_rejects_a_score_outside_its_sub_component_range(nilai):
    with pytest.raises(ValueError):
        NilaiKomponen("Perencanaan Kinerja", D("30"), nilai)


def test_it_counts_categories_in_scale_order_with_zeros():
    kategori = ["Berhasil", None, "Sangat Berhasil", "Berhasil", None, None]
    ringkasan = hitung_ringkasan(kategori, SKALA_CAPAIAN_BAKU)
    assert list(ringkasan.items()) == [
        ("Sangat Berhasil", 1),
        ("Berhasil", 2),
        ("Cukup Berhasil", 0),
        ("Kurang Berhasil", 0),
        ("Tidak Berhasil", 0),
        ("Belum ada realisasi", 3),
    ]


def test_it_refuses_to_count_a_category_not_on_the_scale():
    with pytest.raises(ValueError):
        hitung_ringkasan(["Efektif"], SKALA_CAPAIAN_BAKU)


@pytest.mark.parametrize(
    ("sekarang", "sebelumnya", "harapan"),
    [
        (D("96.70"), D("91.26"), D("5.44")),
        (D("80"), D("91.5"), D("-11.5")),
        (None, D("91.26"), None),
        (D("96.70"), None, None),
        (None, None, None),
    ],
)
def test_it_computes_the_change_against_last_year(sekarang, sebelumnya, harapan):
    assert selisih(sekarang, sebelumnya) == harapan
