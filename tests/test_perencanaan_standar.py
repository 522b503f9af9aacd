"""National standards on the indicator page of the Renstra: the organisation's admins set,
change and delete them; every change is in the history; bad input is refused in Indonesian
and changes nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from inti.galat import Ditolak, TidakBerwenang
from kinerja.models import StandarNasional
from perencanaan.renstra.services import standar_nasional_simpan
from renstra.models import IndikatorKinerja, TingkatSkala

pytestmark = pytest.mark.django_db


def _indikator(org, kode: str) -> IndikatorKinerja:
    return IndikatorKinerja.objects.select_related("sasaran__renstra").get(
        sasaran__renstra__organisasi=org, kode=kode
    )


def _alamat(ind: IndikatorKinerja, nama: str = "perencanaan_renstra_standar", *lain) -> str:
    renstra = ind.sasaran.renstra
    return reverse(nama, args=[renstra.organisasi.slug, renstra.pk, ind.pk, *lain])


def _halaman_indikator(ind: IndikatorKinerja) -> str:
    renstra = ind.sasaran.renstra
    return reverse(
        "perencanaan_renstra_bagian",
        args=[renstra.organisasi.slug, renstra.pk, "indikator", ind.pk],
    )


def test_it_sets_and_changes_a_standard_from_the_indicator_page(client, org, admin_org):
    ind = _indikator(org, "s1-penyusunan-program")
    client.force_login(admin_org)
    assert f'href="{_alamat(ind)}"' in client.get(_halaman_indikator(ind)).content.decode()

    data = {"tahun": "2024", "nilai": "96,5", "sumber": "Keputusan KPU RI Nomor 1 Tahun 2024"}
    assert client.post(_alamat(ind), data).status_code == 302
    halaman = client.get(_halaman_indikator(ind)).content.decode()
    assert "2024: 96,50 — Keputusan KPU RI Nomor 1 Tahun 2024" in halaman

    # The year's form opens with the stored value as people type it; saving replaces it.
    ubah = client.get(_alamat(ind) + "?tahun=2024").content.decode()
    assert 'value="96,5"' in ubah
    client.post(_alamat(ind), {**data, "nilai": "1.234,5"})
    standar = StandarNasional.objects.get(indikator=ind, tahun=2024)
    assert standar.nilai == Decimal("1234.5")
    riwayat = list(standar.history.order_by("history_date"))
    assert [(r.nilai, r.history_user) for r in riwayat] == [
        (Decimal("96.5"), admin_org),
        (Decimal("1234.5"), admin_org),
    ]

    hapus = client.post(_alamat(ind, "perencanaan_renstra_standar_hapus", standar.pk))
    assert hapus.status_code == 302
    assert not StandarNasional.objects.filter(indikator=ind, tahun=2024).exists()
    assert standar.history.count() == 3


def test_it_takes_a_level_for_an_ordinal_indicator(client, org, admin_org):
    ind = _indikator(org, "s4-predikat-akip")
    a = TingkatSkala.objects.get(skala=ind.skala, kode="A")
    client.force_login(admin_org)
    form = client.get(_alamat(ind)).content.decode()
    assert 'name="tingkat"' in form and 'name="nilai"' not in form

    client.post(_alamat(ind), {"tahun": "2023", "tingkat": a.pk, "sumber": "PermenPANRB 88/2021"})
    assert StandarNasional.objects.get(indikator=ind, tahun=2023).tingkat == a


def test_it_refuses_bad_input_in_indonesian_and_changes_nothing(client, org, admin_org):
    ind = _indikator(org, "s1-penyusunan-program")
    akip = _indikator(org, "s4-predikat-akip")
    sebelum = StandarNasional.objects.count()
    client.force_login(admin_org)

    jawab = client.post(_alamat(ind), {"tahun": "2024", "nilai": "12,3,4", "sumber": "SE"})
    assert jawab.status_code == 200
    assert "Nilai standar nasional:" in jawab.content.decode()
    jawab = client.post(_alamat(ind), {"tahun": "2024", "nilai": "", "sumber": ""})
    assert "Bidang ini tidak boleh kosong." in jawab.content.decode()
    # The service refuses what a form would not send: another Renstra's year, a number for a
    # level, a level of another scale; each reason named at once.
    wtp = TingkatSkala.objects.get(skala__kode="opini-bpk", kode="WTP")
    with pytest.raises(Ditolak) as galat:
        standar_nasional_simpan(
            oleh=admin_org, indikator=akip, tahun=2030, nilai=Decimal(5), tingkat=wtp, sumber=" "
        )
    assert galat.value.daftar == [
        "Tahun 2030 di luar periode Renstra 2020–2024.",
        "Indikator ini ordinal: pilih tingkat, bukan angka.",
        f"Pilih salah satu tingkat skala {akip.skala}.",
        "Sumber standar nasional belum diisi (mis. nomor keputusan KPU RI).",
    ]
    assert StandarNasional.objects.count() == sebelum


def test_it_lets_only_the_organisations_admin_change_standards(
    client, org, admin_org, pimpinan, kepala_keuangan
):
    ind = _indikator(org, "s1-penyusunan-program")
    data = {"tahun": "2024", "nilai": "90", "sumber": "SE KPU"}
    for orang in (pimpinan, kepala_keuangan):
        client.force_login(orang)
        assert client.get(_alamat(ind)).status_code == 403
        assert client.post(_alamat(ind), data).status_code == 403
        with pytest.raises(TidakBerwenang):
            standar_nasional_simpan(
                oleh=orang, indikator=ind, tahun=2024, nilai=Decimal(90), sumber="SE KPU"
            )
    assert not StandarNasional.objects.filter(indikator=ind, tahun=2024).exists()
