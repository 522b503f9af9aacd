from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inti.angka import (
    AngkaTidakValid,
    bulatkan,
    format_angka,
    format_persen,
    format_rupiah,
    parse_angka,
)

BATAS = Decimal(10**15) - Decimal("0.01")
desimal_dua_tempat = st.decimals(
    min_value=-BATAS, max_value=BATAS, places=2, allow_nan=False, allow_infinity=False
)
bilangan_bulat = st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1)


@pytest.mark.parametrize(
    ("teks", "harapan"),
    [
        ("96,7", Decimal("96.7")),
        ("96, 7 %", Decimal("96.7")),
        ("96,\u00a07\u00a0%", Decimal("96.7")),
        ("99.42 %", Decimal("99.42")),
        ("73,1", Decimal("73.1")),
        ("1.234,5", Decimal("1234.5")),
        ("Rp 2.928.042.000", Decimal("2928042000")),
        ("Rp57.487.073.000", Decimal("57487073000")),
        ("rp. 1.000", Decimal("1000")),
        ("RP5", Decimal("5")),
        ("100%", Decimal("100")),
        ("0", Decimal("0")),
        ("-5", Decimal("-5")),
        ("-1.234,50", Decimal("-1234.50")),
        ("+7", Decimal("7")),
        ("\u22123", Decimal("-3")),
        ("-Rp5.000", Decimal("-5000")),
        ("1.234", Decimal("1234")),
        ("99.4", Decimal("99.4")),
        ("0.5", Decimal("0.5")),
        ("1.234.567", Decimal("1234567")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("96,70", Decimal("96.70")),
        ("  42\t", Decimal("42")),
        ("1234567", Decimal("1234567")),
    ],
)
def test_it_parses_indonesian_numbers_keeping_typed_digits(teks, harapan):
    hasil = parse_angka(teks)
    # repr also compares the exponent: "96,70" must stay Decimal("96.70").
    assert repr(hasil) == repr(harapan)


@pytest.mark.parametrize(
    "teks",
    [
        "",
        "   ",
        "\u00a0",
        "sembilan puluh",
        "12a",
        "1,2,3",
        "1,234.5",
        "1.23.4",
        "12.34.567",
        "1234.567.890",
        "0.500",
        "12345.678",
        "%",
        "Rp",
        "Rp.",
        "NaN",
        "Infinity",
        "-inf",
        "1e5",
        "96,",
        ",5",
        ".5",
        "99.",
        "--5",
        "-Rp-5",
        "Rp 5%",
        "5-",
    ],
)
def test_it_rejects_what_is_not_a_number(teks):
    with pytest.raises(AngkaTidakValid) as info:
        parse_angka(teks)
    assert "Tulis angka seperti 96,7 atau 1.234,5." in str(info.value)


def test_it_explains_the_expected_format_in_indonesian():
    with pytest.raises(AngkaTidakValid) as info:
        parse_angka("sembilan puluh")
    assert str(info.value) == (
        '"sembilan puluh" bukan angka. Tulis angka seperti 96,7 atau 1.234,5.'
    )
    assert isinstance(info.value, ValueError)
    assert info.value.teks == "sembilan puluh"


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("", "Angka belum diisi. Tulis angka seperti 96,7 atau 1.234,5."),
        (
            "1,2,3",
            '"1,2,3" bukan angka: koma desimal hanya boleh satu. '
            "Tulis angka seperti 96,7 atau 1.234,5.",
        ),
        (
            "1,234.5",
            '"1,234.5" bukan angka: titik pemisah ribuan harus berada sebelum koma '
            "desimal. Tulis angka seperti 96,7 atau 1.234,5.",
        ),
        (
            "1.23.4",
            '"1.23.4" bukan angka: titik pemisah ribuan harus memisahkan tiap tiga '
            "angka, misalnya 1.234.567. Tulis angka seperti 96,7 atau 1.234,5.",
        ),
    ],
)
def test_it_says_why_a_number_was_rejected(teks, pesan):
    with pytest.raises(AngkaTidakValid) as info:
        parse_angka(teks)
    assert str(info.value) == pesan


@pytest.mark.parametrize(
    ("nilai", "desimal", "harapan"),
    [
        (Decimal("1234567.891"), 2, "1.234.567,89"),
        (Decimal("96.7"), 2, "96,70"),
        (1234567, 0, "1.234.567"),
        (Decimal("-1234.5"), 2, "-1.234,50"),
        (Decimal("999.995"), 2, "1.000,00"),
        (Decimal("2.345"), 2, "2,35"),
        (Decimal("0.5"), 0, "1"),
        (Decimal("-0.5"), 0, "-1"),
        (Decimal("-0.001"), 2, "0,00"),
        (Decimal("0"), 2, "0,00"),
        (Decimal("123"), 0, "123"),
        (Decimal("1E+3"), 0, "1.000"),
    ],
)
def test_it_formats_numbers_the_indonesian_way(nilai, desimal, harapan):
    assert format_angka(nilai, desimal) == harapan


@pytest.mark.parametrize(
    ("nilai", "harapan"),
    [
        (Decimal("96.7"), "96,70\u00a0%"),
        (Decimal("91.264"), "91,26\u00a0%"),
        (Decimal("100.005"), "100,01\u00a0%"),
        (100, "100,00\u00a0%"),
    ],
)
def test_it_formats_percentages_with_a_non_breaking_space(nilai, harapan):
    assert format_persen(nilai) == harapan


def test_it_formats_percentages_with_chosen_decimals():
    assert format_persen(Decimal("96.75"), 1) == "96,8\u00a0%"


@pytest.mark.parametrize(
    ("nilai", "harapan"),
    [
        (Decimal("57487073000"), "Rp57.487.073.000"),
        (Decimal("2928042000"), "Rp2.928.042.000"),
        (Decimal("1000.50"), "Rp1.001"),
        (Decimal("1000.49"), "Rp1.000"),
        (0, "Rp0"),
        (Decimal("-5000"), "-Rp5.000"),
    ],
)
def test_it_formats_rupiah_in_whole_rupiah(nilai, harapan):
    assert format_rupiah(nilai) == harapan


@pytest.mark.parametrize(
    ("nilai", "desimal", "harapan"),
    [
        (Decimal("2.345"), 2, Decimal("2.35")),
        (Decimal("2.344"), 2, Decimal("2.34")),
        (Decimal("-2.345"), 2, Decimal("-2.35")),
        (Decimal("2.5"), 0, Decimal("3")),
        (Decimal("90.005"), 2, Decimal("90.01")),
        (Decimal("90.004"), 2, Decimal("90.00")),
        (7, 2, Decimal("7.00")),
    ],
)
def test_it_rounds_half_up(nilai, desimal, harapan):
    hasil = bulatkan(nilai, desimal)
    assert repr(hasil) == repr(harapan)


@pytest.mark.parametrize("fungsi", [format_angka, format_persen, format_rupiah, bulatkan])
@pytest.mark.parametrize("nilai", [96.7, 1.0, True, "96,7", None])
def test_it_refuses_floats_and_other_non_numbers(fungsi, nilai):
    with pytest.raises(TypeError):
        fungsi(nilai)


def test_it_refuses_non_string_input_to_the_parser():
    with pytest.raises(TypeError):
        parse_angka(96.7)


@given(desimal_dua_tempat)
def test_it_reads_back_what_it_formats(x):
    assert parse_angka(format_angka(x, 2)) == x
    assert parse_angka(format_persen(x)) == x


@given(bilangan_bulat)
def test_it_reads_back_rupiah_and_whole_numbers(n):
    assert parse_angka(format_rupiah(Decimal(n))) == n
    assert parse_angka(format_angka(n)) == n
