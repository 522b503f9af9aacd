"""Reopening the LAKIP lifts the year's lock, so the entry forms stop saying the report is
final; an admin then reopens every period of every unit in one action with one reason."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from inti.galat import Ditolak, TidakBerwenang
from kinerja.models import KunciTahun, PembukaanPeriode, Periode, Realisasi
from kinerja.realisasi.periode import (
    periode_buka_kembali_tahun,
    periode_kunci_tahun,
    status_periode,
)
from kinerja.realisasi.selectors import riwayat_realisasi
from laporan import services
from laporan.models import LaporanFinal
from organisasi.models import UnitKerja
from tests.isian import data_formulir, isi, url

pytestmark = pytest.mark.django_db

LAKIP = "/laporan/kpu-bengkulu-utara/2024/"
BUKA_TAHUN = "/kinerja/kpu-bengkulu-utara/2024/buka/"
ALASAN = "Koreksi realisasi 2024 setelah reviu Inspektorat."
FINAL = "Ditutup: laporan tahun 2024 sudah final"


def _final(org, admin_org) -> LaporanFinal:
    """The report final, as finalising leaves it, without printing the PDF again."""
    periode_kunci_tahun(
        organisasi=org,
        tahun=2024,
        alasan="Laporan kinerja tahun 2024 difinalkan (versi 1).",
        pengguna=admin_org,
    )
    laporan = services.laporan_kinerja_buat(organisasi=org, tahun=2024)
    return LaporanFinal.objects.create(
        laporan=laporan,
        versi=1,
        sha256="0" * 64,
        sidik_html="0" * 64,
        ukuran=1,
        berkas="lakip/uji.pdf",
        difinalkan_pada=timezone.now(),
        difinalkan_oleh=admin_org,
    )


def test_it_reopens_the_whole_year_with_one_reason_after_the_report_is_reopened(
    client, org, admin_org, staf_keuangan
):
    _final(org, admin_org)
    client.force_login(staf_keuangan)
    assert FINAL in client.get(url(periode="tw4")).content.decode()

    client.force_login(admin_org)
    assert client.post(LAKIP + "buka/").status_code == 302
    # No longer final: the lock went with it, into the history with the reason.
    assert not KunciTahun.objects.filter(organisasi=org, tahun=2024).exists()
    dihapus = KunciTahun.history.filter(organisasi=org, tahun=2024, history_type="-").get()
    assert dihapus.history_change_reason == "Laporan kinerja tahun 2024 dibuka kembali (versi 1)."
    assert dihapus.history_user == admin_org
    html = client.get(url(periode="tw4")).content.decode()
    assert FINAL not in html
    # The reference year's periods closed at their default deadlines in early 2025.
    assert "Ditutup sejak" in html and "Buka kembali seluruh tahun" in html

    sampai = timezone.localdate() + timedelta(days=14)
    respons = client.post(
        BUKA_TAHUN, {"alasan": ALASAN, "sampai": sampai.isoformat(), "kembali": url()}
    )
    assert respons.status_code == 302 and respons["Location"] == url()
    unit = list(UnitKerja.objects.filter(organisasi=org))
    dibuka = PembukaanPeriode.objects.filter(unit_kerja__organisasi=org, tahun=2024)
    assert dibuka.count() == len(unit) * 5 == 25
    assert set(dibuka.values_list("alasan", "sampai", "dibuka_oleh")) == {
        (ALASAN, sampai, admin_org.pk)
    }
    # Each reopening is in the history with the one reason, as the per-period one is.
    riwayat = PembukaanPeriode.history.filter(tahun=2024)
    assert riwayat.count() == 25
    assert set(riwayat.values_list("history_change_reason", "history_user")) == {
        (ALASAN, admin_org.pk)
    }
    for u in unit:
        status = status_periode(organisasi=org, tahun=2024, unit_kerja=u)
        assert all(s.terbuka for s in status.values()), u

    # The form says so, and staff enter a value again.
    client.force_login(staf_keuangan)
    html = client.get(url(periode="tw4")).content.decode()
    assert FINAL not in html
    assert f"Dibuka kembali sampai {sampai:%d-%m-%Y}" in html and f"Alasan: {ALASAN}" in html
    respons = client.post(url(), isi(data_formulir(org), "s3-sarana-ti", nilai="85,5"))
    assert respons.status_code == 302
    realisasi = Realisasi.objects.get(indikator__kode="s3-sarana-ti", tahun=2024, periode="tw1")
    peristiwa = [c.peristiwa for c in riwayat_realisasi(realisasi)]
    assert "Kunci tahun 2024 dibuka" in peristiwa and "Tahun 2024 dikunci" in peristiwa


def test_it_closes_the_reopened_year_again_when_the_report_is_final_again(org, admin_org, keuangan):
    _final(org, admin_org)
    services.laporan_buka_kembali(organisasi=org, tahun=2024, oleh=admin_org)
    periode_buka_kembali_tahun(
        pengguna=admin_org,
        organisasi=org,
        tahun=2024,
        alasan=ALASAN,
        sampai=timezone.localdate() + timedelta(days=14),
    )
    assert status_periode(organisasi=org, tahun=2024, unit_kerja=keuangan)[Periode.TW1].terbuka
    # Finalising again locks the year afresh: reopenings made before it lapse.
    periode_kunci_tahun(organisasi=org, tahun=2024, alasan="Final versi 2", pengguna=admin_org)
    status = status_periode(organisasi=org, tahun=2024, unit_kerja=keuangan)
    assert not any(s.terbuka for s in status.values())


@pytest.fixture
def keuangan(org) -> UnitKerja:
    return UnitKerja.objects.get(organisasi=org, slug="keuangan")


def test_it_lets_only_an_admin_reopen_a_year_and_wants_a_reason(
    client, org, admin_org, kepala_keuangan, orang_luar
):
    sampai = timezone.localdate() + timedelta(days=3)
    for orang in (kepala_keuangan, orang_luar):
        with pytest.raises(TidakBerwenang):
            periode_buka_kembali_tahun(
                pengguna=orang, organisasi=org, tahun=2024, alasan=ALASAN, sampai=sampai
            )
    with pytest.raises(Ditolak, match="Tulis alasan"):
        periode_buka_kembali_tahun(
            pengguna=admin_org, organisasi=org, tahun=2024, alasan="  ", sampai=sampai
        )
    with pytest.raises(Ditolak, match="sebelum hari ini"):
        periode_buka_kembali_tahun(
            pengguna=admin_org,
            organisasi=org,
            tahun=2024,
            alasan=ALASAN,
            sampai=timezone.localdate() - timedelta(days=1),
        )
    client.force_login(kepala_keuangan)
    assert client.get(BUKA_TAHUN).status_code == 403
    assert client.post(BUKA_TAHUN, {"alasan": ALASAN, "sampai": sampai}).status_code == 403
    client.force_login(admin_org)
    assert client.post(BUKA_TAHUN, {"alasan": "", "sampai": sampai}).status_code == 400
    # An outside address to go back to is ignored: back to the year's LAKIP.
    respons = client.post(
        BUKA_TAHUN, {"alasan": ALASAN, "sampai": sampai, "kembali": "https://contoh.com/"}
    )
    assert respons["Location"] == LAKIP
    assert not PembukaanPeriode.objects.filter(dibuka_oleh=kepala_keuangan).exists()


def test_it_reopens_a_year_from_the_admin(client, org, admin_org):
    admin_org.user_permissions.set(
        Permission.objects.filter(codename__endswith="_pembukaanperiode")
    )
    client.force_login(admin_org)
    daftar = client.get("/admin/kinerja/pembukaanperiode/").content.decode()
    assert "Buka kembali satu tahun" in daftar
    sampai = timezone.localdate() + timedelta(days=7)
    respons = client.post(
        "/admin/kinerja/pembukaanperiode/buka-tahun/",
        {"organisasi": org.pk, "tahun": 2024, "alasan": ALASAN, "sampai": sampai.isoformat()},
    )
    assert respons.status_code == 302
    assert PembukaanPeriode.objects.filter(tahun=2024, alasan=ALASAN).count() == 25
    # The same rules as the app's form: a reason is needed.
    respons = client.post(
        "/admin/kinerja/pembukaanperiode/buka-tahun/",
        {"organisasi": org.pk, "tahun": 2024, "alasan": " ", "sampai": sampai.isoformat()},
    )
    assert respons.status_code == 200 and "alasan" in respons.context["form"].errors
    assert PembukaanPeriode.objects.count() == 25


def test_it_offers_a_week_as_the_default_end_date(client, admin_org):
    client.force_login(admin_org)
    html = client.get(BUKA_TAHUN).content.decode()
    minggu = timezone.localdate() + timedelta(days=7)
    assert f'type="date" name="sampai" value="{minggu.isoformat()}"' in html
