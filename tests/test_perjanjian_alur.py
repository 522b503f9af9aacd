"""The whole journey with the reference agreements and people: the 2024 agreements are
drafted again for 2025 (the organisation's version 1 and its amendment, and the four units'),
signed through the pages by the right people, amended, and verified without login."""

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.capaian import perjanjian_berlaku
from kinerja.models import PerjanjianKinerja
from kinerja.perjanjian.selectors import riwayat_versi
from kinerja.perjanjian.services import (
    KegiatanDraf,
    TargetDraf,
    perjanjian_salin,
    perjanjian_simpan_draf,
)
from tests.pembuat import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandi_cepat")]

UNIT = ("keuangan", "teknis", "perencanaan", "parmas")


def _tandatangani(client: Client, user, perjanjian) -> None:
    client.force_login(user)
    url = reverse("perjanjian_tandatangani", args=[perjanjian.pk])
    response = client.post(url, {"password": PASSWORD, "abaikan_peringatan": "on"})
    assert response.status_code == 302, response.content.decode()


def _sumber(org, unit=None, versi=1) -> PerjanjianKinerja:
    return (
        PerjanjianKinerja.objects.get(
            organisasi=org, tahun=2024, unit_kerja__slug=unit, versi=versi
        )
        if unit
        else PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja=None, versi=versi)
    )


def test_it_drafts_signs_amends_and_verifies_the_reference_agreements(
    client, org, admin_org, sekretaris, ketua, kasubbag
):
    # Drafted: each unit's 2024 agreement through the year page, the organisation's version 1
    # by the service (the page copies the version in force, which is the amendment).
    client.force_login(admin_org)
    for slug in UNIT:
        client.post(
            reverse("perjanjian_buat", args=[org.slug, 2025]), {"cara": "salin", "unit": slug}
        )
    unit_pk = {
        slug: PerjanjianKinerja.objects.get(organisasi=org, tahun=2025, unit_kerja__slug=slug)
        for slug in UNIT
    }
    v1 = perjanjian_salin(sumber=_sumber(org), tahun=2025, oleh=admin_org)

    # Signed: each head, then the Sekretaris; the Sekretaris, then the Ketua.
    for slug, pk in unit_pk.items():
        _tandatangani(client, kasubbag(slug), pk)
        _tandatangani(client, sekretaris, pk)
    _tandatangani(client, sekretaris, v1)
    _tandatangani(client, ketua, v1)

    # Amended: version 2 drafted from the signed version 1, edited to the reference's
    # amendment, signed the same way.
    client.force_login(admin_org)
    client.post(reverse("perjanjian_perubahan", args=[v1.pk]))
    v2 = PerjanjianKinerja.objects.get(organisasi=org, tahun=2025, unit_kerja=None, versi=2)
    perjanjian_simpan_draf(
        perjanjian=v2,
        oleh=admin_org,
        tempat=v2.tempat,
        tanggal=v2.tanggal,
        pihak_pertama=v2.pihak_pertama,
        pihak_kedua=v2.pihak_kedua,
        target=[
            TargetDraf(t.indikator, t.nilai, t.nilai_atas, t.tingkat)
            for t in _sumber(org, versi=2)
            .target.select_related("indikator__sasaran__renstra", "tingkat")
            .order_by("urutan")
        ],
        kegiatan=[
            KegiatanDraf(k.uraian, k.anggaran, k.program, k.kegiatan)
            for k in _sumber(org, versi=2).kegiatan.select_related("program").order_by("urutan")
        ],
    )
    _tandatangani(client, sekretaris, v2)
    _tandatangani(client, ketua, v2)

    semua = [*unit_pk.values(), v1, v2]
    for pk in semua:
        pk.refresh_from_db()
        assert pk.is_ditandatangani and pk.kode_verifikasi
        assert [t.pejabat for t in pk.tanda_tangan.order_by("waktu")] == [
            pk.pihak_pertama,
            pk.pihak_kedua,
        ]
    assert [pk.pihak_pertama.nama for pk in semua] == [
        "Umar Yasin, SH",
        "Nova Afrizan, SKM., MM",
        "Martin Luther Manao, S.H., M.H.",
        "Aderianko, S.H., M.H",
        "Samsul Bahri, S.Sos",
        "Samsul Bahri, S.Sos",
    ]
    assert perjanjian_berlaku(organisasi=org, tahun=2025) == v2
    # As in the reference: two indicators added, one removed.
    assert riwayat_versi(v2)[-1].perubahan.ringkasan == "+2 indikator, \u22121 indikator"

    # Verified: the public page, without login, for every version, the earlier one included.
    publik = Client()
    for pk in semua:
        response = publik.get(reverse("verifikasi", args=[pk.kode_verifikasi]))
        assert "Asli dan utuh." in response.content.decode()
    assert (
        "versi 1" in publik.get(reverse("verifikasi", args=[v1.kode_verifikasi])).content.decode()
    )
