"""Drafting with fewer surprises: an amendment is confirmed before it is created, a date
outside the agreement's year is refused unless confirmed, a unit's indicators come first, the
levels read in words, and the year's budget total is the drafters' warning, not a condition of
every unit head's signature."""

from datetime import date

import pytest
from django.urls import reverse

from inti.galat import Ditolak
from inti.tampilan import label_tingkat
from kinerja.models import PerjanjianKinerja
from kinerja.perjanjian.draf import KegiatanDraf, TargetDraf
from kinerja.perjanjian.forms import pilihan_indikator, pilihan_tingkat
from kinerja.perjanjian.selectors import perjanjian_periksa
from kinerja.perjanjian.services import perjanjian_simpan_draf, perjanjian_ubah
from organisasi.models import UnitKerja
from renstra.models import IndikatorKinerja
from tests.pembuat import PASSWORD, tandatangani

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandi_cepat")]

PAGU_2024 = (
    "Jumlah anggaran kegiatan pada perjanjian kinerja unit (Rp70.222.335.000) tidak sama "
    "dengan jumlah pagu program tahun 2024 (Rp57.487.073.000)."
)


def _organisasi(org, versi=2) -> PerjanjianKinerja:
    return PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja=None, versi=versi)


def _unit(org, slug, versi=1) -> PerjanjianKinerja:
    return PerjanjianKinerja.objects.get(
        organisasi=org, tahun=2024, unit_kerja__slug=slug, versi=versi
    )


def _simpan(pk, oleh, tanggal, **kw):
    """Save the draft as it stands with another date."""
    return perjanjian_simpan_draf(
        perjanjian=pk,
        oleh=oleh,
        tempat=pk.tempat,
        tanggal=tanggal,
        pihak_pertama=pk.pihak_pertama,
        pihak_kedua=pk.pihak_kedua,
        target=[
            TargetDraf(t.indikator, t.nilai, t.nilai_atas, t.tingkat)
            for t in pk.target.select_related("indikator__sasaran__renstra", "tingkat")
        ],
        kegiatan=[
            KegiatanDraf(k.uraian, k.anggaran, k.program, k.kegiatan)
            for k in pk.kegiatan.select_related("program", "kegiatan__program")
        ],
        **kw,
    )


# ---------------------------------------------------------------- confirming an amendment


def test_it_shows_what_the_amendment_will_be_before_creating_it(client, org, admin_org):
    v2 = _organisasi(org)
    client.force_login(admin_org)
    detail = client.get(reverse("perjanjian_detail", args=[v2.pk])).content.decode()
    url = reverse("perjanjian_perubahan", args=[v2.pk])
    assert f'<a class="btn btn-primary" href="{url}">Buat perubahan (versi 3)</a>' in detail
    teks = client.get(url).content.decode()
    assert (
        "Perubahan Perjanjian Kinerja Sekretariat KPU Kabupaten Bengkulu Utara tahun 2024, versi 2"
        in teks
    )
    assert (
        "Perubahan Perjanjian Kinerja Sekretariat KPU Kabupaten Bengkulu Utara tahun 2024, "
        "<strong>versi 3</strong> (draf)" in teks
    )
    assert "35 target kinerja, 2 baris kegiatan dan anggaran" in teks
    assert "Samsul Bahri, S.Sos" in teks and "Santoso, S.Pd" in teks
    # Today (not in 2024) is no date for a 2024 amendment.
    assert "Dikosongkan: hari ini di luar tahun 2024." in teks
    assert "Ya, buat draf versi 3" in teks
    assert not PerjanjianKinerja.objects.filter(organisasi=org, tahun=2024, versi=3).exists()

    response = client.post(url)
    v3 = PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja=None, versi=3)
    assert response["Location"] == reverse("perjanjian_ubah", args=[v3.pk])
    assert v3.tanggal is None and v3.is_draf


def test_it_lets_only_drafters_see_the_confirmation(client, org, sekretaris, kasubbag_keuangan):
    url = reverse("perjanjian_perubahan", args=[_organisasi(org).pk])
    client.force_login(kasubbag_keuangan)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    client.force_login(sekretaris)
    assert client.get(url).status_code == 200


def test_it_sends_an_older_version_back_with_the_reason(client, org, admin_org):
    client.force_login(admin_org)
    response = client.get(reverse("perjanjian_perubahan", args=[_organisasi(org, 1).pk]))
    assert response["Location"] == reverse("perjanjian_detail", args=[_organisasi(org, 1).pk])
    teks = client.get(response["Location"]).content.decode()
    assert "Sudah ada versi 2; perubahan dibuat dari versi terakhir." in teks


# ---------------------------------------------------------------- the date within its year


def test_it_refuses_a_date_outside_the_year_unless_confirmed(org, admin_org):
    v3 = perjanjian_ubah(perjanjian=_organisasi(org), oleh=admin_org)
    with pytest.raises(Ditolak) as galat:
        _simpan(v3, admin_org, date(2026, 11, 29))
    assert galat.value.pesan == (
        "Tanggal perjanjian (29 November 2026) berada di luar tahun perjanjian (2024). "
        "Perbaiki tanggalnya, atau centang konfirmasi bila tanggal itu memang benar."
    )
    v3.refresh_from_db()
    assert v3.tanggal is None
    # Signed in late December of the year before: meant, and said so.
    _simpan(v3, admin_org, date(2023, 12, 28), tanggal_luar_tahun=True)
    v3.refresh_from_db()
    assert v3.tanggal == date(2023, 12, 28)
    # Still shown to whoever signs it.
    assert (
        "Tanggal perjanjian (28 Desember 2023) berada di luar tahun perjanjian (2024)."
        in perjanjian_periksa(v3)
    )
    _simpan(v3, admin_org, date(2024, 3, 4))
    v3.refresh_from_db()
    assert not [p for p in perjanjian_periksa(v3) if p.startswith("Tanggal")]


def test_it_warns_the_signer_about_an_empty_date(org, admin_org):
    v3 = perjanjian_ubah(perjanjian=_organisasi(org), oleh=admin_org)
    assert perjanjian_periksa(v3)[0] == (
        'Tanggal perjanjian belum diisi; dokumen akan mencetak "tanggal tidak tercantum".'
    )


def _isian(perjanjian, **ubah) -> dict[str, str]:
    data = {
        "tempat": perjanjian.tempat,
        "pihak_pertama": str(perjanjian.pihak_pertama_id),
        "pihak_kedua": str(perjanjian.pihak_kedua_id),
    }
    target = list(perjanjian.target.order_by("indikator__sasaran__nomor", "urutan", "pk"))
    for awalan, jumlah in (("target", len(target)), ("kegiatan", 0)):
        data |= {
            f"{awalan}-TOTAL_FORMS": str(jumlah),
            f"{awalan}-INITIAL_FORMS": str(jumlah),
            f"{awalan}-MIN_NUM_FORMS": "0",
            f"{awalan}-MAX_NUM_FORMS": "1000",
        }
    for i, t in enumerate(target):
        data |= {
            f"target-{i}-indikator": str(t.indikator_id),
            f"target-{i}-nilai": f"{t.nilai.normalize():f}" if t.nilai is not None else "",
            f"target-{i}-tingkat": str(t.tingkat_id or ""),
        }
    return data | ubah


def test_it_asks_on_the_page_before_saving_a_date_outside_the_year(client, org, admin_org):
    v2 = perjanjian_ubah(perjanjian=_unit(org, "keuangan"), oleh=admin_org)
    client.force_login(admin_org)
    url = reverse("perjanjian_ubah", args=[v2.pk])
    assert "tanggal_luar_tahun" not in client.get(url).content.decode()
    response = client.post(url, _isian(v2, tanggal="2026-11-29"))
    assert response.status_code == 200
    assert response.context["kepala"].errors["tanggal"] == [
        "Tanggal perjanjian (29 November 2026) berada di luar tahun perjanjian (2024). "
        "Perbaiki tanggalnya, atau centang konfirmasi di bawahnya bila tanggal itu memang benar."
    ]
    teks = response.content.decode()
    assert "Tanggal di luar tahun 2024 ini memang benar; tetap simpan." in teks
    v2.refresh_from_db()
    assert v2.tanggal is None
    response = client.post(url, _isian(v2, tanggal="2026-11-29", tanggal_luar_tahun="on"))
    assert response.status_code == 302
    v2.refresh_from_db()
    assert v2.tanggal == date(2026, 11, 29)
    response = client.post(url, _isian(v2, tanggal="2024-03-04"))
    assert response.status_code == 302


# ---------------------------------------------------------------- the drop-downs


def test_it_offers_a_units_own_indicators_first(org):
    keuangan = UnitKerja.objects.get(organisasi=org, slug="keuangan")
    pilihan, _ = pilihan_indikator(org, keuangan)
    dipilih = [pk for _, grup in pilihan[1:] for pk, _ in grup]
    milik = set(
        IndikatorKinerja.objects.filter(
            unit_kerja=keuangan, tingkat="sasaran_strategis"
        ).values_list("pk", flat=True)
    )
    assert len(milik) >= 10
    assert set(dipilih[: len(milik)]) == milik
    assert (
        len(dipilih)
        == len(set(dipilih))
        == IndikatorKinerja.objects.filter(
            sasaran__renstra__organisasi=org, tingkat="sasaran_strategis"
        ).count()
    )
    grup = [label for label, _ in pilihan[1:]]
    sendiri = [g for g in grup if g.startswith("Keuangan, Umum dan Logistik · ")]
    assert sendiri and grup[: len(sendiri)] == sendiri
    # The organisation's own agreement: the sasaran order as before.
    semua, _ = pilihan_indikator(org)
    assert not any(label.startswith("Keuangan") for label, _ in semua[1:])


def test_it_names_the_levels_in_words(client, admin_org, draf_keuangan):
    label = [lbl for _, grup in pilihan_tingkat()[0][1:] for _, lbl in grup]
    assert "Sangat Baik (BB)" in label and "Sangat Memuaskan (AA)" in label
    assert "Wajar Tanpa Pengecualian (WTP)" in label
    assert "BB" not in label
    client.force_login(admin_org)
    teks = client.get(reverse("perjanjian_ubah", args=[draf_keuangan.pk])).content.decode()
    assert ">Wajar Dengan Pengecualian (WDP)</option>" in teks


@pytest.mark.parametrize(
    ("kode", "nama", "skala", "label"),
    [
        ("BB", "BB", "predikat-akip", "Sangat Baik (BB)"),
        ("CC", "CC", "predikat-akip", "Cukup (Memadai) (CC)"),
        ("BB", "Baik Sekali", "predikat-akip", "Baik Sekali (BB)"),  # the stored name wins
        ("WTP", "Wajar Tanpa Pengecualian", "opini-bpk", "Wajar Tanpa Pengecualian (WTP)"),
        ("X", "X", "lain", "X"),
    ],
)
def test_it_labels_a_level(kode, nama, skala, label):
    assert label_tingkat(kode=kode, nama=nama, kode_skala=skala) == label


# ---------------------------------------------------------------- the year's budget total


def test_it_shows_the_years_budget_total_to_the_drafters_only(
    client, org, admin_org, sekretaris, kasubbag_keuangan, staf_keuangan
):
    url = reverse("perjanjian_daftar", args=[org.slug, 2024])
    for orang in (admin_org, sekretaris):
        client.force_login(orang)
        assert PAGU_2024 in client.get(url).content.decode()
    for orang in (kasubbag_keuangan, staf_keuangan):
        client.force_login(orang)
        assert PAGU_2024 not in client.get(url).content.decode()


def test_it_lets_a_unit_head_sign_past_the_years_budget_total(
    client, org, admin_org, kasubbag, sekretaris
):
    v2 = perjanjian_ubah(perjanjian=_unit(org, "teknis"), oleh=admin_org)
    _simpan(v2, admin_org, date(2024, 3, 4))
    v2.refresh_from_db()
    client.force_login(admin_org)
    detail = client.get(reverse("perjanjian_detail", args=[v2.pk])).content.decode()
    assert PAGU_2024 in detail and "tidak menghalangi penandatanganan" in detail
    # Nothing about this agreement itself: no confirmation asked of its head.
    assert perjanjian_periksa(v2) == []
    kepala = kasubbag("teknis")
    client.force_login(kepala)
    url = reverse("perjanjian_tandatangani", args=[v2.pk])
    halaman = client.get(url).content.decode()
    assert PAGU_2024 not in halaman and "abaikan_peringatan" not in halaman
    assert client.post(url, {"password": PASSWORD}).status_code == 302
    v2.refresh_from_db()
    assert v2.status == PerjanjianKinerja.Status.SEBAGIAN
    tandatangani(v2, sekretaris)
    assert v2.is_ditandatangani
