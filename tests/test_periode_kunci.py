"""Periods close on a date set per year and when the year's report is final; only an
admin reopens a unit's period, with a reason that the history keeps."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from inti.galat import Ditolak
from kinerja.models import JadwalPeriode, KunciTahun, Periode, Realisasi
from kinerja.realisasi.periode import (
    periode_buka_kembali,
    periode_kunci_tahun,
    periode_terbuka,
    status_periode,
)
from kinerja.realisasi.services.isian import (
    IsianBaris,
    realisasi_ajukan,
    realisasi_simpan_formulir,
)
from kinerja.realisasi.services.verifikasi import realisasi_verifikasi
from organisasi.models import UnitKerja
from renstra.models import IndikatorKinerja
from tests.isian import data_formulir, isi, url
from tests.lembar import admin_ekspor, admin_impor, ubah_sel

pytestmark = pytest.mark.django_db

HARI_INI = timezone.localdate()
KEMARIN = HARI_INI - timedelta(days=1)


@pytest.fixture
def keuangan(org) -> UnitKerja:
    return UnitKerja.objects.get(organisasi=org, slug="keuangan")


def _tutup(org, **tanggal: date) -> None:
    for periode, t in tanggal.items():
        JadwalPeriode.objects.create(organisasi=org, tahun=2024, periode=periode, tanggal_tutup=t)


def test_it_takes_the_earliest_period_not_closed_as_the_open_one(org):
    # no closing dates yet: each period is open until its default deadline
    status = status_periode(organisasi=org, tahun=2024, hari_ini=date(2024, 4, 10))
    assert periode_terbuka(status) == Periode.TW1
    nanti = HARI_INI + timedelta(days=90)
    _tutup(org, tw1=KEMARIN, tw2=HARI_INI, tw3=nanti, tw4=nanti, tahunan=nanti)
    status = status_periode(organisasi=org, tahun=2024)
    assert [s.terbuka for s in status.values()] == [False, True, True, True, True]
    assert periode_terbuka(status) == Periode.TW2
    # the closing date itself is still open; the day after is not
    status = status_periode(organisasi=org, tahun=2024, hari_ini=HARI_INI + timedelta(days=1))
    assert periode_terbuka(status) == Periode.TW3


def test_it_refuses_entry_after_the_closing_date(client, org, staf_keuangan):
    _tutup(org, tw1=KEMARIN)
    client.force_login(staf_keuangan)
    respons = client.get(url())
    html = respons.content.decode()
    assert f"Ditutup sejak {KEMARIN:%d-%m-%Y}" in html
    assert "-nilai" not in html
    data = isi(data_formulir(org), "s9-bmn", nilai="90")
    respons = client.post(url(), data, follow=True)
    assert "Triwulan I 2024 sudah ditutup; tidak ada yang disimpan." in respons.content.decode()
    assert not Realisasi.objects.filter(tahun=2024, periode="tw1").exists()


def test_it_lets_an_admin_reopen_a_units_period_with_a_reason(
    client, org, keuangan, admin_org, staf_keuangan, staf_teknis
):
    _tutup(org, tw1=KEMARIN)
    client.force_login(admin_org)
    respons = client.post(url(aksi="buka"), {"alasan": "", "sampai": f"{HARI_INI:%Y-%m-%d}"})
    assert respons.status_code == 400
    assert "Bidang ini tidak boleh kosong." in respons.content.decode()
    sampai = HARI_INI + timedelta(days=3)
    respons = client.post(
        url(aksi="buka"),
        {"alasan": "Data BMN terlambat dari KPPN", "sampai": f"{sampai:%Y-%m-%d}"},
        follow=True,
    )
    assert f"Triwulan I 2024 dibuka kembali untuk {keuangan.nama} sampai {sampai:%d-%m-%Y}" in (
        respons.content.decode()
    )
    client.force_login(staf_keuangan)
    assert client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="90")).status_code == 302
    # only for that unit
    assert not status_periode(organisasi=org, tahun=2024, unit_kerja=staf_teknis.unit_kerja)[
        Periode.TW1
    ].terbuka
    # and recorded in the value's history
    r = Realisasi.objects.get(indikator__kode="s9-bmn", tahun=2024, periode="tw1")
    html = client.get(f"/kinerja/realisasi/{r.pk}/riwayat/").content.decode()
    assert "Periode dibuka kembali sampai" in html
    assert "Data BMN terlambat dari KPPN" in html
    assert "admin-uji" in html


def test_it_ends_a_reopening_on_its_last_day(org, keuangan, admin_org):
    _tutup(org, tw1=KEMARIN)
    periode_buka_kembali(
        pengguna=admin_org,
        unit_kerja=keuangan,
        tahun=2024,
        periode="tw1",
        alasan="Koreksi",
        sampai=HARI_INI,
    )
    assert status_periode(organisasi=org, tahun=2024, unit_kerja=keuangan)[Periode.TW1].terbuka
    besok = HARI_INI + timedelta(days=1)
    assert not status_periode(organisasi=org, tahun=2024, unit_kerja=keuangan, hari_ini=besok)[
        Periode.TW1
    ].terbuka


def test_it_wants_a_reason_to_reopen(keuangan, admin_org):
    with pytest.raises(Ditolak, match="Tulis alasan"):
        periode_buka_kembali(
            pengguna=admin_org,
            unit_kerja=keuangan,
            tahun=2024,
            periode="tw1",
            alasan="  ",
            sampai=HARI_INI,
        )


def test_it_closes_every_period_when_the_report_is_final(org, keuangan, admin_org, staf_keuangan):
    _tutup(org, tw4=HARI_INI + timedelta(days=30))
    indikator = IndikatorKinerja.objects.get(kode="s9-bmn")
    realisasi_simpan_formulir(
        pengguna=staf_keuangan,
        unit_kerja=keuangan,
        tahun=2024,
        periode="tw4",
        isian=[IsianBaris(indikator=indikator, versi=0, nilai=Decimal("95"))],
    )
    realisasi_ajukan(pengguna=staf_keuangan, unit_kerja=keuangan, tahun=2024, periode="tw4")
    # a reopening made before the lock stops counting
    periode_buka_kembali(
        pengguna=admin_org,
        unit_kerja=keuangan,
        tahun=2024,
        periode="tw2",
        alasan="Sebelum final",
        sampai=HARI_INI + timedelta(days=5),
    )
    kunci = periode_kunci_tahun(
        organisasi=org, tahun=2024, alasan="LAKIP 2024 final", pengguna=admin_org
    )
    assert kunci.history.first().history_change_reason == "LAKIP 2024 final"
    # idempotent
    lagi = periode_kunci_tahun(organisasi=org, tahun=2024, alasan="lagi", pengguna=admin_org)
    assert lagi == kunci
    assert KunciTahun.objects.filter(organisasi=org, tahun=2024).count() == 1

    status = status_periode(organisasi=org, tahun=2024, unit_kerja=keuangan)
    assert not any(s.terbuka for s in status.values())
    assert periode_terbuka(status) is None
    with pytest.raises(Ditolak, match="sudah ditutup"):
        realisasi_simpan_formulir(
            pengguna=staf_keuangan,
            unit_kerja=keuangan,
            tahun=2024,
            periode="tw1",
            isian=[IsianBaris(indikator=indikator, versi=0, nilai=Decimal("50"))],
        )
    r = Realisasi.objects.get(indikator=indikator, tahun=2024, periode="tw4")
    with pytest.raises(Ditolak, match="sudah ditutup"):
        realisasi_verifikasi(
            pengguna=admin_org,
            unit_kerja=keuangan,
            tahun=2024,
            periode="tw4",
            versi={r.pk: r.versi},
        )
    # an admin may still reopen one unit's period after the lock
    periode_buka_kembali(
        pengguna=admin_org,
        unit_kerja=keuangan,
        tahun=2024,
        periode="tw4",
        alasan="Koreksi setelah final",
        sampai=HARI_INI,
    )
    realisasi_verifikasi(
        pengguna=admin_org, unit_kerja=keuangan, tahun=2024, periode="tw4", versi={r.pk: r.versi}
    )
    assert Realisasi.objects.get(pk=r.pk).status == Realisasi.Status.DIVERIFIKASI


def test_it_lets_heads_verify_after_the_closing_date(org, keuangan, staf_keuangan, kepala_keuangan):
    _tutup(org, tw1=HARI_INI)
    indikator = IndikatorKinerja.objects.get(kode="s9-bmn")
    realisasi_simpan_formulir(
        pengguna=staf_keuangan,
        unit_kerja=keuangan,
        tahun=2024,
        periode="tw1",
        isian=[IsianBaris(indikator=indikator, versi=0, nilai=Decimal("95"))],
    )
    realisasi_ajukan(pengguna=staf_keuangan, unit_kerja=keuangan, tahun=2024, periode="tw1")
    JadwalPeriode.objects.filter(organisasi=org, tahun=2024, periode="tw1").update(
        tanggal_tutup=KEMARIN
    )
    r = Realisasi.objects.get(indikator=indikator, tahun=2024, periode="tw1")
    assert (
        realisasi_verifikasi(
            pengguna=kepala_keuangan,
            unit_kerja=keuangan,
            tahun=2024,
            periode="tw1",
            versi={r.pk: r.versi},
        )
        == 1
    )


# ------------------------------------------- the admin and a locked year


@pytest.fixture
def tahun_final(org, admin_org):
    """The 2024 report is final: its year is locked. s9-bmn (Keuangan) is verified, Tahunan."""
    periode_kunci_tahun(
        organisasi=org,
        tahun=2024,
        alasan="Laporan kinerja tahun 2024 difinalkan (versi 1).",
        pengguna=admin_org,
    )
    return Realisasi.objects.get(indikator__kode="s9-bmn", tahun=2024, periode="tahunan")


@pytest.fixture
def admin_situs(client, admin_org):
    admin_org.is_superuser = True
    admin_org.save()
    client.force_login(admin_org)
    return client


def _data_ubah(client, r: Realisasi, **ubah) -> dict:
    halaman = client.get(f"/admin/kinerja/realisasi/{r.pk}/change/")
    form = halaman.context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update(indikator=str(r.indikator_id), tingkat="", versi_dilihat=str(r.versi), **ubah)
    return data


def test_it_refuses_an_admin_change_to_a_value_of_a_locked_year(admin_situs, tahun_final):
    r = tahun_final
    assert r.status == Realisasi.Status.DIVERIFIKASI
    data = _data_ubah(admin_situs, r, nilai="12")
    respons = admin_situs.post(f"/admin/kinerja/realisasi/{r.pk}/change/", data)
    assert respons.status_code == 200
    assert (
        "Tahunan 2024 sudah ditutup untuk Subbagian Keuangan, Umum dan Logistik (laporan tahun "
        "ini sudah final); buka kembali periodenya lebih dulu."
    ) in respons.content.decode()
    sesudah = Realisasi.objects.get(pk=r.pk)
    assert (sesudah.nilai, sesudah.status, sesudah.versi) == (r.nilai, r.status, r.versi)


def test_it_refuses_moving_a_value_into_a_locked_year_in_the_admin(org, admin_situs, tahun_final):
    r = Realisasi.objects.filter(tahun=2023, indikator__kode="s9-bmn").first()
    assert r is not None
    # Its own 2023 period is open (a schedule), so only the locked target year refuses it.
    JadwalPeriode.objects.create(
        organisasi=org,
        tahun=2023,
        periode=r.periode,
        tanggal_tutup=timezone.localdate() + timedelta(days=30),
    )
    data = _data_ubah(admin_situs, r, tahun="2024", periode="tw2")
    respons = admin_situs.post(f"/admin/kinerja/realisasi/{r.pk}/change/", data)
    assert respons.status_code == 200
    assert "Triwulan II 2024 sudah ditutup" in respons.content.decode()
    assert Realisasi.objects.get(pk=r.pk).tahun == 2023


def test_it_refuses_deleting_a_value_of_a_locked_year_in_the_admin(admin_situs, tahun_final):
    r = tahun_final
    assert admin_situs.get(f"/admin/kinerja/realisasi/{r.pk}/delete/").status_code == 403
    assert (
        admin_situs.post(f"/admin/kinerja/realisasi/{r.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Realisasi.objects.filter(pk=r.pk).exists()


def test_it_lets_the_admin_change_it_once_the_units_period_is_reopened(
    admin_situs, admin_org, tahun_final, keuangan
):
    r = tahun_final
    periode_buka_kembali(
        pengguna=admin_org,
        unit_kerja=keuangan,
        tahun=2024,
        periode="tahunan",
        alasan="Koreksi BMN sesudah audit",
        sampai=HARI_INI,
    )
    data = _data_ubah(admin_situs, r, nilai="12")
    respons = admin_situs.post(f"/admin/kinerja/realisasi/{r.pk}/change/", data)
    assert respons.status_code == 302
    assert Realisasi.objects.get(pk=r.pk).nilai == Decimal("12")


def test_it_refuses_an_admin_import_into_a_locked_year(admin_situs, tahun_final):
    r = tahun_final
    isi = admin_ekspor(admin_situs, "kinerja/realisasi", tahun="2024")
    isi = ubah_sel(isi, {"kode_indikator": "s9-bmn", "periode": "tahunan"}, {"nilai": "12"})
    pratinjau, simpan = admin_impor(admin_situs, "kinerja/realisasi", isi, "realisasi-2024.xlsx")
    assert simpan is None
    assert "(laporan tahun ini sudah final)" in pratinjau.content.decode()
    sesudah = Realisasi.objects.get(pk=r.pk)
    assert (sesudah.nilai, sesudah.status, sesudah.versi) == (r.nilai, r.status, r.versi)
