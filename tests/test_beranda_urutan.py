"""Beranda's order for each role: what blocks others first, then what is due, then the rest."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from beranda.selectors import EVALUASI, ISIAN, MENDESAK, PANTAUAN, TENGGAT, beranda_pengguna
from kinerja.capaian import perjanjian_berlaku
from kinerja.models import JadwalPeriode, Periode, PerjanjianKinerja, Realisasi
from kinerja.perjanjian.services import perjanjian_salin
from tests.isian import data_formulir, isi, url
from tests.pembuat import tandatangani

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandi_cepat")]

URUTAN = [MENDESAK, TENGGAT, ISIAN, EVALUASI, PANTAUAN]


HARI_INI = timezone.localdate()


@pytest.fixture
def tw_terbuka(org):
    """Every 2024 period open for three more days (the pages run on today's date): TW IV,
    whose quarter ended last, is the one due; TW I-III are still open too."""
    for periode in Periode:
        JadwalPeriode.objects.create(
            organisasi=org, tahun=2024, periode=periode, tanggal_tutup=HARI_INI + timedelta(days=3)
        )


def _ajukan(client, org, staf, kode: str, periode: str) -> Realisasi:
    client.force_login(staf)
    client.post(url(periode=periode), isi(data_formulir(org, periode=periode), kode, nilai="90"))
    client.post(url(periode=periode, aksi="ajukan"))
    return Realisasi.objects.get(indikator__kode=kode, periode=periode)


def _posisi(html: str, *teks: str) -> list[int]:
    return [html.index(t) for t in teks]


def test_it_puts_a_returned_value_before_the_period_due_now_for_staff(
    client, org, tw_terbuka, staf_keuangan, kepala_keuangan
):
    bmn = _ajukan(client, org, staf_keuangan, "s9-bmn", "tw1")
    client.force_login(kepala_keuangan)
    client.post(
        url(periode="tw1", aksi="verifikasi"),
        {"pilih": [f"{bmn.pk}:{bmn.versi}"], "aksi": "kembalikan", "catatan": "Lampirkan KIB"},
    )
    b = beranda_pengguna(pengguna=staf_keuangan, hari_ini=HARI_INI)
    assert b.bagian == URUTAN
    assert (b.tahun, b.periode) == (2024, Periode.TW4)  # not TW I: TW IV is due now
    assert [(t.jenis, t.kunci) for t in b.mendesak] == [("dikembalikan", f"realisasi:{bmn.pk}")]
    # Every period's entry closes within a week.
    assert [(t.judul, t.terlambat) for t in b.tenggat] == [
        ("Batas pengisian realisasi Triwulan I 2024", False),
        ("Batas pengisian realisasi Triwulan II 2024", False),
        ("Batas pengisian realisasi Triwulan III 2024", False),
        ("Batas pengisian realisasi Triwulan IV 2024", False),
    ]  # Keuangan's yearly values are all in (the reference year): nothing to chase there
    assert (len(b.belum_diisi), b.periode_lain) == (
        12,
        [Periode.TW1, Periode.TW2, Periode.TW3, Periode.TAHUNAN],
    )
    assert b.progres is None and b.menunggu_semua is None


def test_it_shows_the_staff_the_returned_value_above_the_long_list(
    client, org, jadwal_referensi_terbuka, staf_keuangan, kepala_keuangan
):
    bmn = _ajukan(client, org, staf_keuangan, "s9-bmn", "tw4")
    client.force_login(kepala_keuangan)
    client.post(
        url(periode="tw4", aksi="verifikasi"),
        {"pilih": [f"{bmn.pk}:{bmn.versi}"], "aksi": "kembalikan", "catatan": "Lampirkan KIB"},
    )
    client.force_login(staf_keuangan)
    html = client.get("/").content.decode()
    a, b, c = _posisi(html, "Dikembalikan untuk diperbaiki", "Yang perlu diisi", "<details>")
    assert a < b < c


def test_it_puts_the_heads_signature_then_verification_first(
    client, org, tw_terbuka, admin_org, kasubbag_keuangan, staf_keuangan, sekretaris
):
    sumber = PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja__slug="keuangan")
    draf = perjanjian_salin(sumber=sumber, tahun=2025, oleh=admin_org)
    _ajukan(client, org, staf_keuangan, "s9-bmn", "tw4")
    b = beranda_pengguna(pengguna=kasubbag_keuangan, hari_ini=HARI_INI)
    assert b.bagian == URUTAN
    assert [(t.jenis, t.judul) for t in b.mendesak] == [
        ("tanda_tangan", "Menunggu tanda tangan Anda"),
        ("verifikasi", "1 nilai menunggu verifikasi Anda"),
    ]
    assert b.mendesak[0].url == f"/perjanjian/{draf.pk}/tandatangani/"
    assert b.mendesak[1].url == url(periode="tw4", aksi="verifikasi")
    # Heads chase entry and verification deadlines of their unit.
    assert [t.judul for t in b.tenggat] == [
        f"Batas pengisian realisasi Triwulan {tw} 2024" for tw in ["I", "II", "III", "IV"]
    ]
    # Pihak kedua signs after pihak pertama: nothing for the Sekretaris yet.
    assert beranda_pengguna(pengguna=sekretaris, hari_ini=HARI_INI).mendesak == []
    tandatangani(draf, kasubbag_keuangan)
    assert [t.jenis for t in beranda_pengguna(pengguna=kasubbag_keuangan).mendesak] == [
        "verifikasi"
    ]
    menunggu = beranda_pengguna(pengguna=sekretaris, hari_ini=HARI_INI).mendesak
    assert [(t.jenis, t.kunci) for t in menunggu] == [("tanda_tangan", f"perjanjian:{draf.pk}")]


def test_it_shows_pimpinan_the_deadlines_before_the_charts_with_a_period_control(
    client, org, pimpinan
):
    # No schedule: in March 2025 every 2024 period has closed by default; the internal LAKIP
    # deadline has passed and the legal one is near.
    b = beranda_pengguna(pengguna=pimpinan, hari_ini=date(2025, 3, 25))
    assert b.bagian == URUTAN
    assert b.mendesak == [] and b.periode is None
    terlambat = [t.judul for t in b.tenggat if t.terlambat]
    assert terlambat[-1] == "Batas internal penyusunan LAKIP 2024"
    assert "Batas verifikasi realisasi Triwulan I 2024" in terlambat
    assert [t.judul for t in b.tenggat if not t.terlambat] == ["Batas penyampaian LAKIP 2024"]
    client.force_login(pimpinan)
    html = client.get("/?tahun=2024&periode=tw2").content.decode()
    assert (
        '<a class="nav-link py-1 px-2 active" aria-current="page" '
        'href="?tahun=2024&amp;periode=tw2">Triwulan II</a>' in html
    )
    assert 'href="?tahun=2024&amp;periode=tahunan">Tahunan</a>' in html
    a, b_, c = _posisi(html, "Menunggu Anda", "Menunggu verifikasi kepala unit", "<figure")
    assert a < b_ < c


def test_it_shows_the_admin_every_units_waiting_values_below_their_own_work(
    client, org, tw_terbuka, admin_org, staf_keuangan
):
    _ajukan(client, org, staf_keuangan, "s9-bmn", "tw4")
    b = beranda_pengguna(pengguna=admin_org, hari_ini=HARI_INI)
    assert b.bagian == URUTAN
    assert b.mendesak == []  # admins verify nothing themselves
    assert [(m.unit_kerja.slug, m.periode, m.jumlah) for m in b.menunggu_semua] == [
        ("keuangan", Periode.TW4, 1)
    ]
    # Admins chase every deadline: entry of every period closes in three days.
    # The 2024 LAKIP is not final (overdue since 2025), then every entry closing in 3 days.
    assert [(t.judul, t.terlambat) for t in b.tenggat][:4] == [
        ("Batas internal penyusunan LAKIP 2024", True),
        ("Batas penyampaian LAKIP 2024", True),
        ("Batas pengisian realisasi Triwulan I 2024", False),
        ("Batas pengisian realisasi Triwulan II 2024", False),
    ]
    assert b.periode == Periode.TW4 and b.progres is not None


def test_it_takes_last_years_open_tw4_in_january_over_this_years_running_tw1(
    org, admin_org, staf_keuangan
):
    # A 2025 agreement exists; on 10 January 2025 the 2024 TW IV (closing on the 15th by
    # default) is what staff enter, not 2025's TW I that has just begun.
    sumber = perjanjian_berlaku(organisasi=org, tahun=2024)
    perjanjian_salin(sumber=sumber, tahun=2025, oleh=admin_org)
    b = beranda_pengguna(pengguna=staf_keuangan, hari_ini=date(2025, 1, 10))
    assert (b.tahun, b.periode) == (2024, Periode.TW4)
    b = beranda_pengguna(pengguna=staf_keuangan, hari_ini=date(2025, 1, 20))
    assert (b.tahun, b.periode) == (2025, Periode.TW1)
