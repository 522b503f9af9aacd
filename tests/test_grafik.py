"""The SVG charts (inti.grafik): plain functions, no Django, no script, nothing fetched."""

import re
from decimal import Decimal

from inti import grafik


def test_it_draws_an_organisation_chart_from_units():
    svg = grafik.bagan_organisasi(
        [
            grafik.Simpul(1, None, "Sekretariat"),
            grafik.Simpul(2, 1, "Subbagian A & B"),
            grafik.Simpul(3, 1, "Subbagian C"),
        ],
        judul="Bagan",
    )
    assert svg.startswith("<svg") and svg.count("<rect") == 3
    assert "Subbagian A &amp; B" in svg


def test_it_draws_bars_with_formatted_values():
    svg = grafik.grafik_batang(
        baris=[("Sasaran 1", [Decimal(100), Decimal("90.81")])],
        seri=[grafik.Seri("Target", "#999"), grafik.Seri("Capaian", "#258")],
        judul="G",
        maks=Decimal(100),
    )
    assert "90,81\u00a0%" in svg
    assert "<script" not in svg


def _lebar_rect(svg: str) -> list[int]:
    return [int(w) for w in re.findall(r'<rect x="\d+" y="\d+" width="(\d+)"', svg)]


def test_it_names_a_chart_by_its_title_through_aria_labelledby():
    svg = grafik.grafik_batang_sempit(
        batang=[grafik.Batang("A", Decimal(50))], judul="Judul <x>", kode="g1", warna="#000"
    )
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 ')
    nama = 'role="img" aria-labelledby="g1-judul"><title id="g1-judul">Judul &lt;x&gt;</title>'
    assert nama in svg


def test_it_draws_narrow_bars_against_a_target_line():
    svg = grafik.grafik_batang_sempit(
        batang=[
            grafik.Batang("Sasaran 1", Decimal("90.89"), "Berhasil"),
            grafik.Batang("Sasaran 2", Decimal(5)),
            grafik.Batang("Sasaran 3", None),
        ],
        judul="G",
        kode="g",
        warna="#258",
        acuan=Decimal(100),
        label_acuan="Target 100 %",
    )
    # 478 units of bar for 100 %: 90,89 % → 434,45 → 434; 5 % → 23,9 → 24.
    assert _lebar_rect(svg) == [434, 24]
    assert 'd="M478 ' in svg and 'stroke-dasharray="4 3"' in svg
    assert ">Target 100 %</tspan>" in svg
    # A long bar carries its value inside in white, a short one after its end.
    di_dalam = r'<text x="6" [^>]*fill="#fff"><tspan x="6" dy="0">90,89\u00a0% · Berhasil'
    assert re.search(di_dalam, svg)
    assert re.search(r'<text x="28" [^>]*><tspan x="28" dy="0">5,00\u00a0%</tspan>', svg)
    assert "belum ada nilai</tspan>" in svg


def test_it_scales_to_values_above_the_target():
    svg = grafik.grafik_batang_sempit(
        batang=[grafik.Batang("A", Decimal(200)), grafik.Batang("B", Decimal(100))],
        judul="G",
        kode="g",
        warna="#258",
        acuan=Decimal(100),
    )
    assert _lebar_rect(svg) == [478, 239]
    assert 'd="M239 ' in svg


def test_it_cuts_long_labels_after_two_lines_with_an_ellipsis():
    svg = grafik.grafik_batang_sempit(
        batang=[grafik.Batang("kata " * 60, Decimal(1))], judul="G", kode="g", warna="#000"
    )
    assert svg.count("<tspan") == 3  # two label lines and the value
    assert "…</tspan>" in svg


def test_it_splits_each_stacked_bar_into_its_counts():
    svg = grafik.grafik_tumpuk(
        baris=[("Keuangan", (3, 1, 0, 2, 6), "6 dari 12 terisi")],
        seri=[grafik.Seri(n, "#123") for n in ("a", "b", "c", "d", "e")],
        judul="P",
        kode="p",
    )
    # Legend keys (12 wide), then 480 units split 3:1:2:6 of 12, then the outline.
    segmen = [w for w in _lebar_rect(svg) if w != 12]
    assert segmen == [120, 40, 80, 240, 480]
    assert sum(segmen[:-1]) == 480
    assert ">6 dari 12 terisi</tspan>" in svg


def test_it_draws_nothing_without_rows():
    assert grafik.grafik_batang_sempit(batang=[], judul="G", kode="g", warna="#000") == ""
    assert grafik.grafik_tumpuk(baris=[], seri=[], judul="P", kode="p") == ""
