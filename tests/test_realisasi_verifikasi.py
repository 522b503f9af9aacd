"""Submit → verify or return: what the report uses, and what is editable again."""

from decimal import Decimal

import pytest

from inti.galat import Ditolak
from kinerja.capaian import tabel_capaian
from kinerja.models import Realisasi
from kinerja.realisasi.services.isian import realisasi_ajukan
from organisasi.models import UnitKerja
from tests.isian import data_formulir, isi, prefix, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]


def _r(kode: str, periode: str = "tw1") -> Realisasi:
    return Realisasi.objects.get(indikator__kode=kode, tahun=2024, periode=periode)


def _pilih(*kode: str) -> list[str]:
    return [f"{_r(k).pk}:{_r(k).versi}" for k in kode]


@pytest.fixture
def diajukan(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    data = isi(data_formulir(org), "s9-bmn", nilai="90", kendala="Aset belum dilabel")
    isi(data, "s3-sarana-ti", nilai="95")
    assert client.post(url(), data).status_code == 302
    respons = client.post(url(aksi="ajukan"), follow=True)
    assert "2 nilai diajukan untuk diverifikasi." in respons.content.decode()
    client.logout()


def test_it_locks_submitted_values_for_the_staff(client, org, staf_keuangan, diajukan):
    assert _r("s9-bmn").status == Realisasi.Status.DIAJUKAN
    client.force_login(staf_keuangan)
    html = client.get(url()).content.decode()
    assert f'name="{prefix("s9-bmn")}-nilai"' not in html
    assert "Diajukan" in html
    # nothing left to submit
    respons = client.post(url(aksi="ajukan"), follow=True)
    assert "Belum ada nilai baru yang dapat diajukan." in respons.content.decode()


def test_it_lets_the_head_verify_and_the_report_then_uses_the_value(
    client, org, kepala_keuangan, diajukan
):
    client.force_login(kepala_keuangan)
    respons = client.get(url(aksi="verifikasi"))
    assert "Aset belum dilabel" in respons.content.decode()
    respons = client.post(
        url(aksi="verifikasi"),
        {"pilih": _pilih("s9-bmn", "s3-sarana-ti"), "aksi": "verifikasi"},
        follow=True,
    )
    assert "2 nilai diverifikasi." in respons.content.decode()
    bmn = _r("s9-bmn")
    assert (bmn.status, bmn.diubah_oleh, bmn.versi) == ("diverifikasi", kepala_keuangan, 3)
    assert bmn.history.first().history_change_reason == "Diverifikasi"


def test_it_uses_verified_values_by_default_and_previews_unverified_ones(org, diajukan):
    def baris(tabel):
        return {b.indikator.kode: b for b in tabel.baris}

    # 2024 has only the yearly values in the reference; a quarter value is the year's
    # value of an indicator without a yearly one. s9-bmn has a yearly 97 already.
    terverifikasi = baris(tabel_capaian(organisasi=org, tahun=2024))
    assert terverifikasi["s9-bmn"].realisasi.angka == Decimal("97")
    assert not terverifikasi["s9-bmn"].belum_diverifikasi
    Realisasi.objects.filter(indikator__kode="s9-bmn", tahun=2024, periode="tahunan").delete()
    assert baris(tabel_capaian(organisasi=org, tahun=2024))["s9-bmn"].realisasi.angka is None
    pratinjau = baris(tabel_capaian(organisasi=org, tahun=2024, termasuk_belum_diverifikasi=True))
    assert pratinjau["s9-bmn"].realisasi.angka == Decimal("90")
    assert pratinjau["s9-bmn"].belum_diverifikasi


def test_it_counts_the_reference_years_values_as_verified(org):
    assert set(Realisasi.objects.filter(tahun=2024).values_list("status", flat=True)) == {
        Realisasi.Status.DIVERIFIKASI
    }
    tabel = tabel_capaian(organisasi=org, tahun=2024)
    assert {b.indikator.kode: b.persen for b in tabel.baris}["s1-penyusunan-program"] == Decimal(
        "96.70"
    )


def test_it_returns_values_with_a_comment_and_makes_them_editable_again(
    client, org, kepala_keuangan, staf_keuangan, diajukan
):
    client.force_login(kepala_keuangan)
    respons = client.post(
        url(aksi="verifikasi"), {"pilih": _pilih("s9-bmn"), "aksi": "kembalikan", "catatan": ""}
    )
    assert respons.status_code == 400
    assert "Tulis alasan pengembalian" in respons.content.decode()
    assert _r("s9-bmn").status == "diajukan"

    client.post(
        url(aksi="verifikasi"),
        {"pilih": _pilih("s9-bmn"), "aksi": "kembalikan", "catatan": "Lampirkan daftar BMN"},
    )
    bmn = _r("s9-bmn")
    assert (bmn.status, bmn.catatan_verifikasi) == ("dikembalikan", "Lampirkan daftar BMN")
    assert bmn.history.first().history_change_reason == "Dikembalikan: Lampirkan daftar BMN"
    assert _r("s3-sarana-ti").status == "diajukan"

    client.force_login(staf_keuangan)
    html = client.get(url()).content.decode()
    assert "Dikembalikan: Lampirkan daftar BMN" in html
    assert client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="92,5")).status_code == 302
    assert (_r("s9-bmn").nilai, _r("s9-bmn").status) == (Decimal("92.5"), "draf")
    client.post(url(aksi="ajukan"))
    assert _r("s9-bmn").status == "diajukan"


def test_it_lets_the_head_return_a_verified_value_while_the_period_is_open(
    client, kepala_keuangan, diajukan
):
    client.force_login(kepala_keuangan)
    client.post(url(aksi="verifikasi"), {"pilih": _pilih("s9-bmn"), "aksi": "verifikasi"})
    client.post(
        url(aksi="verifikasi"),
        {"pilih": _pilih("s9-bmn"), "aksi": "kembalikan", "catatan": "Salah ketik"},
    )
    assert _r("s9-bmn").status == "dikembalikan"


def test_it_refuses_to_submit_an_empty_period(org, staf_keuangan):
    unit = UnitKerja.objects.get(organisasi=org, slug="keuangan")
    with pytest.raises(Ditolak, match="Belum ada nilai baru"):
        realisasi_ajukan(pengguna=staf_keuangan, unit_kerja=unit, tahun=2024, periode="tw2")
