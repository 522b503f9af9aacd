"""Verification codes read off paper: Crockford's base 32 in groups of four."""

import pytest

from inti.kode import ABJAD, kode_baru, kode_cetak, kode_kanonik


def test_it_makes_twenty_characters_of_the_alphabet():
    kode = kode_baru()
    assert len(kode) == 20 and set(kode) <= set(ABJAD)
    assert kode_baru() != kode


@pytest.mark.parametrize(
    ("diketik", "kanonik"),
    [
        ("7K3QM9XPA2BCDEFGHJKM", "7K3QM9XPA2BCDEFGHJKM"),
        ("7k3q-m9xp-a2bc-defg-hjkm", "7K3QM9XPA2BCDEFGHJKM"),
        (" 7K3Q M9XP  A2BC\tDEFG-HJKM ", "7K3QM9XPA2BCDEFGHJKM"),
        ("7k3q—m9xp", "7K3Q—M9XP"),  # an em dash is not a separator people type
        ("o0il-1", "00111"),
    ],
)
def test_it_reads_a_code_as_typed(diketik, kanonik):
    assert kode_kanonik(diketik) == kanonik


def test_it_prints_a_code_in_groups_of_four():
    assert kode_cetak("7K3QM9XPA2BCDEFGHJKM") == "7K3Q-M9XP-A2BC-DEFG-HJKM"
    # A code of the earlier format (token_urlsafe) is printed as it is.
    assert kode_cetak("Qx-7_aB3kLm9-ZpQ2rT_vW") == "Qx-7_aB3kLm9-ZpQ2rT_vW"
