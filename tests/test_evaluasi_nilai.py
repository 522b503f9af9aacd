"""LKE totals and predikat: the structure file, the engine, and a filled worksheet."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from evaluasi.models import KerangkaLke, KriteriaLke, SubKomponenLke
from evaluasi.selectors import lembar_kerja
from evaluasi.struktur import StrukturLkeTidakValid, lke_muat
from inti.lke import KomponenLke, hitung_lke, kerangka_logis, nilai_jawaban, nilai_subkomponen
from tests.lke import SEMUA, buka, evaluator_induk, isi

D = Decimal


def test_it_loads_the_80_criteria_of_part_a_once(db, capsys):
    kerangka = KerangkaLke.objects.get(kode="permenpanrb-88-2021")
    jumlah = [
        KriteriaLke.objects.filter(sub_komponen=s).count()
        for s in SubKomponenLke.objects.filter(komponen__kerangka=kerangka).order_by(
            "komponen__urutan", "urutan"
        )
    ]
    assert jumlah == [6, 11, 8, 3, 7, 10, 6, 9, 7, 3, 5, 5]
    assert [s.bobot for s in SubKomponenLke.objects.filter(komponen__kode="3")] == [
        D("3"),
        D("4.5"),
        D("7.5"),
    ]
    assert KriteriaLke.objects.get(kode="2.b.4").jenis == "ABCDE"
    call_command("load_lke")
    assert "tidak ada yang berubah" in capsys.readouterr().out


def test_it_refuses_a_structure_whose_weights_do_not_split_20_30_50(db, tmp_path: Path):
    asli = Path("fixtures/lke/permenpanrb-88-2021.toml").read_text(encoding="utf-8")
    salah = tmp_path / "salah.toml"
    salah.write_text(asli.replace('bobot = "6"', 'bobot = "7"', 1), encoding="utf-8")
    with pytest.raises(StrukturLkeTidakValid, match="seharusnya 6"):
        lke_muat(berkas=salah)


@pytest.mark.parametrize(
    ("jenis", "jawaban", "nilai"),
    [("YT", "Y", D(1)), ("YT", "T", D(0)), ("ABCDE", "B", D("0.75")), ("ABCDE", "D", D("0.25"))],
)
def test_it_values_each_answer(jenis, jawaban, nilai):
    assert nilai_jawaban(jenis, jawaban) == nilai


def test_it_refuses_an_answer_the_kind_does_not_have():
    with pytest.raises(ValueError, match="tidak dikenal"):
        nilai_jawaban("YT", "A")


def test_it_scores_a_sub_component_as_weight_times_mean_with_blanks_as_zero():
    assert nilai_subkomponen(bobot=D(9), nilai_kriteria=[D(1), D("0.75"), None]) == D("5.25")
    assert nilai_subkomponen(bobot=D("7.5"), nilai_kriteria=[D(1)] * 6 + [D(0)]) == D("6.43")


def test_it_flags_quality_or_use_above_existence_without_changing_the_score():
    komponen = KomponenLke("Perencanaan Kinerja", D(30), (D(3), D(9), D(15)), (D(6), D(9), D(15)))
    temuan = kerangka_logis([komponen])
    assert temuan == (
        "Perencanaan Kinerja: Kualitas terpenuhi 100,00\u00a0% melebihi Keberadaan 50,00\u00a0%.",
        "Perencanaan Kinerja: Pemanfaatan terpenuhi 100,00\u00a0% "
        "melebihi Keberadaan 50,00\u00a0%.",
    )
    assert hitung_lke([komponen]).total == D(27)


@pytest.fixture
def evaluator(org):
    return evaluator_induk(org)


def test_it_totals_a_filled_worksheet(org, evaluator):
    evaluasi = buka(org, evaluator)
    isi(evaluasi, evaluator, SEMUA | {"1.b": 9, "2.b": 6, "3.c": 6, "4.c": 2})
    lembar = lembar_kerja(evaluasi)
    nilai = {s.sub.kode: s.nilai_evaluator for k in lembar.komponen for s in k.sub}
    assert (nilai["1.b"], nilai["2.b"], nilai["3.c"], nilai["4.c"]) == (
        D("7.36"),  # 9 × 9/11
        D("7.71"),  # 9 × 6/7 (2.b.7 answered E)
        D("6.43"),
        D("5.00"),
    )
    assert [k.total_evaluator for k in lembar.komponen] == [
        D("28.36"),
        D("28.71"),
        D("13.93"),
        D("17.50"),
    ]
    assert lembar.hasil_evaluator.total == D("88.50")
    assert lembar.hasil_evaluator.predikat == "A"
    assert lembar.hasil_evaluator.temuan == (
        "Perencanaan Kinerja: Pemanfaatan terpenuhi 100,00\u00a0% melebihi Kualitas 81,78\u00a0%.",
        "Pengukuran Kinerja: Pemanfaatan terpenuhi 100,00\u00a0% melebihi Kualitas 85,67\u00a0%.",
    )
    assert lembar.terjawab_evaluator == 80


@pytest.mark.parametrize(
    ("ya", "total", "predikat"),
    [
        # exactly on the bound: "> 70" is BB, so 70,00 is still B (reference §3)
        (SEMUA | {"1.a": 0, "1.b": 0, "1.c": 0}, D("70.00"), "B"),
        (
            SEMUA | {"1.a": 0, "1.b": 0, "1.c": 2, "3.a": 4, "3.c": 6, "4.a": 2},
            D("70.01"),
            "BB",
        ),
    ],
)
def test_it_gives_the_predikat_strictly_above_the_bound(org, evaluator, ya, total, predikat):
    evaluasi = buka(org, evaluator)
    isi(evaluasi, evaluator, ya)
    hasil = lembar_kerja(evaluasi).hasil_evaluator
    assert (hasil.total, hasil.predikat) == (total, predikat)


def test_it_flags_a_worksheet_whose_use_outruns_its_existence(org, evaluator):
    evaluasi = buka(org, evaluator)
    isi(evaluasi, evaluator, SEMUA | {"1.a": 0, "1.b": 0, "1.c": 0, "4.a": 1})
    temuan = lembar_kerja(evaluasi).hasil_evaluator.temuan
    assert temuan == (
        "Evaluasi Internal: Kualitas terpenuhi 100,00\u00a0% melebihi Keberadaan 33,40\u00a0%.",
        "Evaluasi Internal: Pemanfaatan terpenuhi 100,00\u00a0% melebihi Keberadaan 33,40\u00a0%.",
    )


def test_it_shows_the_reference_2023_result_as_an_imported_completed_evaluation(org):
    from evaluasi.selectors import evaluasi_selesai_terakhir

    hasil = evaluasi_selesai_terakhir(organisasi=org, tahun=2024)
    assert (hasil.hasil.total, hasil.hasil.predikat) == (D("70.70"), "BB")
    assert hasil.hasil.total_subkomponen == (D("16.00"), D("21.45"), D("33.25"))
    assert hasil.evaluasi.nomor_lhe == "140/PW.02-LP/10/2024"
    # Tabel 18's Perencanaan: Pemanfaatan 80 % of its weight against Kualitas 70 %.
    assert hasil.temuan == (
        "Perencanaan Kinerja: Pemanfaatan terpenuhi 80,00\u00a0% melebihi Kualitas 70,00\u00a0%.",
    )
