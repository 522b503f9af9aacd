"""Drafting the year's agreements: from the Renstra, copied from last year, edited freely
while a draft, and checked for inconsistencies before signing."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from anggaran.models import AnggaranKegiatan, Kegiatan, Program
from inti.galat import Ditolak, TidakBerwenang
from kinerja.models import PerjanjianKinerja
from kinerja.perjanjian.selectors import pagu_tahun_periksa, perjanjian_periksa
from kinerja.perjanjian.services import (
    KegiatanDraf,
    TargetDraf,
    perjanjian_buat_dari_renstra,
    perjanjian_salin,
    perjanjian_simpan_draf,
)
from organisasi.models import UnitKerja
from renstra.models import (
    IndikatorKinerja,
    Renstra,
    SasaranStrategis,
    TargetRenstra,
    TingkatSkala,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandi_cepat")]


def _pk(org, unit=None, versi=1, tahun=2024) -> PerjanjianKinerja:
    return PerjanjianKinerja.objects.get(
        organisasi=org, tahun=tahun, versi=versi, unit_kerja=_unit(org, unit) if unit else None
    )


def _unit(org, slug) -> UnitKerja:
    return UnitKerja.objects.get(organisasi=org, slug=slug)


@pytest.fixture
def renstra_2025(org) -> Renstra:
    """A small next Renstra: what a drafter would find in 2025."""
    renstra = Renstra.objects.create(
        organisasi=org, judul="Renstra 2025–2029", tahun_mulai=2025, tahun_selesai=2029, visi="-"
    )
    s1 = SasaranStrategis.objects.create(renstra=renstra, nomor=1, nama="Perencanaan yang baik")
    s2 = SasaranStrategis.objects.create(renstra=renstra, nomor=2, nama="Keuangan yang tertib")
    akip = TingkatSkala.objects.get(skala__kode="predikat-akip", kode="A")

    def indikator(sasaran, kode, nama, unit, target, urutan, **kw):
        ind = IndikatorKinerja.objects.create(
            sasaran=sasaran,
            kode=kode,
            nama=nama,
            unit_kerja=_unit(org, unit),
            urutan=urutan,
            **kw,
        )
        if isinstance(target, TingkatSkala):
            TargetRenstra.objects.create(indikator=ind, tahun=2025, tingkat=target)
        elif target is not None:
            TargetRenstra.objects.create(indikator=ind, tahun=2025, nilai=Decimal(target))
        return ind

    indikator(s1, "dok", "Dokumen perencanaan tepat waktu", "perencanaan", "95", 1)
    indikator(
        s1,
        "akip",
        "Predikat AKIP",
        "perencanaan",
        akip,
        2,
        tipe="ordinal",
        skala=akip.skala,
        satuan="",
    )
    indikator(
        s1, "outcome", "Outcome perencanaan", "perencanaan", "90", 3, tingkat="sasaran_program"
    )
    indikator(s2, "bmn", "BMN tertib", "keuangan", "100", 1)
    indikator(s2, "nol", "Belum ditargetkan", "keuangan", "0", 2)
    indikator(
        s2, "temuan", "Jumlah temuan audit", "keuangan", "0", 3, tipe="angka", polaritas="turun"
    )
    indikator(s2, "tanpa", "Tanpa target 2025", "keuangan", None, 4)
    for kode, pagu in (("CQ.6639", "1000000000"), ("WA.3355", "2000000000")):
        AnggaranKegiatan.objects.create(
            kegiatan=Kegiatan.objects.get(kode=kode), tahun=2025, pagu=Decimal(pagu)
        )
    return renstra


def _target(perjanjian) -> list[tuple[str, str]]:
    return [
        (t.indikator.kode, t.tingkat.kode if t.tingkat_id else f"{t.nilai.normalize():f}")
        for t in perjanjian.target.select_related("indikator", "tingkat").order_by("urutan")
    ]


# ---------------------------------------------------------------- from the Renstra


def test_it_drafts_the_organisations_agreement_from_the_renstra(org, renstra_2025, admin_org):
    pk = perjanjian_buat_dari_renstra(organisasi=org, tahun=2025, oleh=admin_org)
    assert (pk.versi, pk.status, pk.tempat) == (1, "draf", "Arga Makmur")
    assert (pk.pihak_pertama.nama, pk.pihak_kedua.nama) == ("Samsul Bahri, S.Sos", "Santoso, S.Pd")
    # Outcome indicators, "0" where higher is better, and no target at all are left out.
    assert _target(pk) == [("dok", "95"), ("akip", "A"), ("bmn", "100"), ("temuan", "0")]
    assert list(pk.kegiatan.values_list("program__kode", "uraian", "anggaran")) == [
        ("CQ", "Penyelenggaraan Pemilu dalam Proses Konsolidasi Demokrasi", Decimal("1000000000")),
        ("WA", "Program Dukungan Manajemen", Decimal("2000000000")),
    ]


def test_it_drafts_a_units_agreement_from_its_indicators(org, renstra_2025, sekretaris):
    pk = perjanjian_buat_dari_renstra(
        organisasi=org, unit_kerja=_unit(org, "keuangan"), tahun=2025, oleh=sekretaris
    )
    assert (pk.pihak_pertama.nama, pk.pihak_kedua.nama) == ("Umar Yasin, SH", "Samsul Bahri, S.Sos")
    assert _target(pk) == [("bmn", "100"), ("temuan", "0")]
    assert not pk.kegiatan.exists()


def test_it_refuses_a_year_without_a_renstra(org, admin_org):
    with pytest.raises(Ditolak, match="Belum ada Renstra yang mencakup tahun 2031"):
        perjanjian_buat_dari_renstra(organisasi=org, tahun=2031, oleh=admin_org)


def test_it_refuses_a_second_first_version(org, admin_org):
    with pytest.raises(Ditolak, match="tahun 2024 sudah ada \\(versi 1\\)"):
        perjanjian_buat_dari_renstra(
            organisasi=org, unit_kerja=_unit(org, "keuangan"), tahun=2024, oleh=admin_org
        )


@pytest.mark.parametrize("orang", ["kepala_keuangan", "staf_keuangan", "ketua", "orang_luar"])
def test_it_lets_only_an_admin_or_the_sekretaris_draft(org, renstra_2025, orang, request):
    with pytest.raises(TidakBerwenang):
        perjanjian_buat_dari_renstra(
            organisasi=org, tahun=2025, oleh=request.getfixturevalue(orang)
        )


# ---------------------------------------------------------------- copied from last year


def test_it_copies_last_years_agreement(org, draf_keuangan):
    sumber = _pk(org, "keuangan")
    assert (draf_keuangan.tahun, draf_keuangan.versi, draf_keuangan.status) == (2025, 1, "draf")
    assert draf_keuangan.pihak_pertama == sumber.pihak_pertama
    assert _target(draf_keuangan) == _target(sumber)
    assert list(draf_keuangan.kegiatan.values_list("uraian", "anggaran")) == list(
        sumber.kegiatan.values_list("uraian", "anggaran")
    )
    assert sumber.target.count() == 10  # the source is untouched


def test_it_refuses_copying_into_the_same_year(org, admin_org):
    with pytest.raises(Ditolak, match="buat perubahan"):
        perjanjian_salin(sumber=_pk(org, "keuangan"), tahun=2024, oleh=admin_org)


# ---------------------------------------------------------------- editing a draft


def _simpan(pk, oleh, target, kegiatan=(), **kw):
    return perjanjian_simpan_draf(
        perjanjian=pk,
        oleh=oleh,
        tempat=kw.get("tempat", pk.tempat),
        tanggal=kw.get("tanggal", pk.tanggal),
        pihak_pertama=pk.pihak_pertama,
        pihak_kedua=pk.pihak_kedua,
        target=list(target),
        kegiatan=list(kegiatan),
    )


def test_it_saves_targets_in_each_kind_of_value_and_links_kegiatan(org, draf_keuangan, admin_org):
    akip = IndikatorKinerja.objects.get(kode="s4-predikat-akip")
    bmn = IndikatorKinerja.objects.get(kode="s9-bmn")
    rb = IndikatorKinerja.objects.get(kode="s4-nilai-rb")
    cq6639 = Kegiatan.objects.get(kode="CQ.6639")
    _simpan(
        draf_keuangan,
        admin_org,
        [
            TargetDraf(bmn, Decimal("96.7")),
            TargetDraf(akip, tingkat=TingkatSkala.objects.get(skala=akip.skala, kode="A")),
            TargetDraf(rb, Decimal("81")),
        ],
        [
            # Linked: the uraian is the budget kegiatan's name.
            KegiatanDraf(anggaran=Decimal("28829406000"), kegiatan=cq6639),
            KegiatanDraf("Layanan Perkantoran", Decimal("2764680000")),
        ],
        tanggal=date(2025, 1, 6),
    )
    draf_keuangan.refresh_from_db()
    assert draf_keuangan.tanggal == date(2025, 1, 6)
    assert _target(draf_keuangan) == [
        ("s9-bmn", "96.7"),
        ("s4-predikat-akip", "A"),
        ("s4-nilai-rb", "81"),
    ]
    assert list(draf_keuangan.kegiatan.values_list("uraian", "anggaran", "kegiatan__kode")) == [
        ("Teknis Penyelenggaraan Pemilu/Pemilihan", Decimal("28829406000"), "CQ.6639"),
        ("Layanan Perkantoran", Decimal("2764680000"), None),
    ]


def test_it_takes_uraian_and_pagu_from_the_linked_budget_kegiatan(org, renstra_2025, admin_org):
    pk = perjanjian_buat_dari_renstra(
        organisasi=org, unit_kerja=_unit(org, "keuangan"), tahun=2025, oleh=admin_org
    )
    bmn = IndikatorKinerja.objects.get(kode="bmn")
    _simpan(
        pk,
        admin_org,
        [TargetDraf(bmn, Decimal("100"))],
        [KegiatanDraf(kegiatan=Kegiatan.objects.get(kode="WA.3355"))],
    )
    assert list(pk.kegiatan.values_list("uraian", "anggaran", "kegiatan__kode")) == [
        ("Pengelolaan Keuangan dan Barang Milik Negara", Decimal("2000000000"), "WA.3355")
    ]


@pytest.mark.parametrize(
    ("kode", "draf", "pesan"),
    [
        ("s4-predikat-akip", {"nilai": Decimal("100")}, "dari tingkat skala"),
        ("s9-bmn", {}, "harus angka 0 atau lebih"),
        ("s9-bmn", {"nilai": Decimal("-1")}, "harus angka 0 atau lebih"),
        ("s9-bmn", {"nilai": Decimal("90"), "nilai_atas": Decimal("95")}, "bukan rentang"),
    ],
)
def test_it_refuses_a_target_of_the_wrong_kind(draf_keuangan, admin_org, kode, draf, pesan):
    ind = IndikatorKinerja.objects.get(kode=kode)
    with pytest.raises(Ditolak, match=pesan):
        _simpan(draf_keuangan, admin_org, [TargetDraf(ind, **draf)])
    assert draf_keuangan.target.count() == 10


def test_it_refuses_an_indicator_twice(draf_keuangan, admin_org):
    bmn = IndikatorKinerja.objects.get(kode="s9-bmn")
    with pytest.raises(Ditolak, match="dimuat dua kali"):
        _simpan(
            draf_keuangan, admin_org, [TargetDraf(bmn, Decimal(1)), TargetDraf(bmn, Decimal(2))]
        )


def test_it_refuses_a_kegiatan_without_amount(draf_keuangan, admin_org):
    bmn = IndikatorKinerja.objects.get(kode="s9-bmn")
    with pytest.raises(Ditolak, match='Anggaran "Rapat" belum diisi'):
        _simpan(draf_keuangan, admin_org, [TargetDraf(bmn, Decimal(1))], [KegiatanDraf("Rapat")])


def test_it_refuses_editing_by_a_head_of_unit(draf_keuangan, kasubbag_keuangan):
    with pytest.raises(TidakBerwenang):
        _simpan(draf_keuangan, kasubbag_keuangan, [])


# ---------------------------------------------------------------- the warnings


def test_it_warns_about_the_reference_organisation_agreement(org):
    assert perjanjian_periksa(_pk(org, versi=2)) == [
        'Indikator "Konsolidasi Nasional Program Kerja dan Anggaran, Penguatan Kelembagaan dan '
        'Organisasi" tidak dimuat dalam perjanjian kinerja unit mana pun.',
        'Indikator "Pengelolaan Sarana IT Pemilu" tidak dimuat dalam perjanjian kinerja unit '
        "mana pun.",
        'Indikator "Persentase Kegiatan Penghitungan Suara" tidak dimuat dalam perjanjian '
        "kinerja unit mana pun.",
    ]


PAGU_2024 = (
    "Jumlah anggaran kegiatan pada perjanjian kinerja unit (Rp70.222.335.000) tidak sama "
    "dengan jumlah pagu program tahun 2024 (Rp57.487.073.000)."
)


def test_it_warns_the_drafters_about_unit_budgets_not_adding_up_to_the_pagu(org):
    # The units' kegiatan total 70.222.335.000; the two programs' pagu 57.487.073.000. The
    # lines linked to a budget kegiatan (CQ.6870, CQ.6872, CQ.6867) match their pagu.
    assert pagu_tahun_periksa(organisasi=org, tahun=2024) == [PAGU_2024]
    assert pagu_tahun_periksa(organisasi=org, tahun=2024, perjanjian=_pk(org, "teknis")) == [
        PAGU_2024
    ]
    # Not a warning of the Teknis agreement itself: its head cannot act on the year's total.
    assert perjanjian_periksa(_pk(org, "teknis")) == []


def test_it_warns_about_a_unit_target_that_differs_from_the_organisations(
    org, admin_org, draf_keuangan
):
    organisasi = perjanjian_salin(sumber=_pk(org, versi=2), tahun=2025, oleh=admin_org)
    bmn = IndikatorKinerja.objects.get(kode="s9-bmn")
    target = [
        TargetDraf(t.indikator, Decimal("90") if t.indikator == bmn else t.nilai, None, t.tingkat)
        for t in draf_keuangan.target.select_related("indikator__sasaran__renstra", "tingkat")
    ]
    _simpan(draf_keuangan, admin_org, target, tanggal=date(2025, 1, 6))
    draf_keuangan.refresh_from_db()
    nama = "Persentase BMN yang dikelola sesuai dengan peraturan perundang-undangan"
    assert perjanjian_periksa(draf_keuangan) == [
        f'Target "{nama}" (90\u00a0%) berbeda dengan target perjanjian kinerja organisasi '
        "(100\u00a0%)."
    ]
    assert (
        f'Target "{nama}" pada perjanjian kinerja Subbagian Keuangan, Umum dan Logistik '
        "(90\u00a0%) berbeda dengan target organisasi (100\u00a0%)."
    ) in perjanjian_periksa(organisasi)


def test_it_warns_about_a_program_line_that_differs_from_the_pagu(org, admin_org):
    organisasi = perjanjian_salin(sumber=_pk(org, versi=2), tahun=2025, oleh=admin_org)
    peringatan = perjanjian_periksa(organisasi)
    assert "Pagu program CQ tahun 2025 belum tercatat." in peringatan
    AnggaranKegiatan.objects.create(
        kegiatan=Kegiatan.objects.get(kode="WA.3355"), tahun=2025, pagu=Decimal("3000000000")
    )
    assert (
        'Anggaran "Program Dukungan Manajemen" (Rp2.928.042.000) tidak sama dengan pagu '
        "program WA tahun 2025 (Rp3.000.000.000)."
    ) in perjanjian_periksa(organisasi)
    assert Program.objects.filter(organisasi=org).count() == 2


# ---------------------------------------------------------------- the pages


def test_it_lists_the_years_agreements_with_draft_buttons(client, org, admin_org):
    client.force_login(admin_org)
    teks = client.get(reverse("perjanjian_daftar", args=[org.slug, 2025])).content.decode()
    assert teks.count("Buat draf dari Renstra") == 5  # the organisation and four subbagian
    assert teks.count("Salin dari 2024") == 5
    teks = client.get(reverse("perjanjian_daftar", args=[org.slug, 2024])).content.decode()
    assert "Perubahan Perjanjian Kinerja versi 2" in teks
    assert "Buat draf dari Renstra" not in teks


def test_it_shows_heads_and_staff_only_their_unit_and_the_organisation(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    teks = client.get(reverse("perjanjian_daftar", args=[org.slug, 2024])).content.decode()
    assert "Subbagian Keuangan, Umum dan Logistik" in teks
    assert "Subbagian Teknis" not in teks
    assert "Buat draf" not in teks
    assert client.get(reverse("perjanjian_detail", args=[_pk(org, "teknis").pk])).status_code == 404
    assert client.get(reverse("perjanjian_detail", args=[_pk(org).pk])).status_code == 200


def test_it_answers_404_to_another_organisation(client, org, orang_luar):
    client.force_login(orang_luar)
    assert client.get(reverse("perjanjian_daftar", args=[org.slug, 2024])).status_code == 404
    assert client.get(reverse("perjanjian_detail", args=[_pk(org).pk])).status_code == 404
    assert client.get(reverse("perjanjian_pdf", args=[_pk(org).pk])).status_code == 404


def test_it_drafts_through_the_page(client, org, admin_org, staf_keuangan):
    url = reverse("perjanjian_buat", args=[org.slug, 2025])
    client.force_login(staf_keuangan)
    assert client.post(url, {"cara": "salin", "unit": "keuangan"}).status_code == 403
    client.force_login(admin_org)
    response = client.post(url, {"cara": "salin", "unit": "keuangan"})
    baru = PerjanjianKinerja.objects.get(organisasi=org, tahun=2025, unit_kerja__slug="keuangan")
    assert response["Location"] == reverse("perjanjian_ubah", args=[baru.pk])
    response = client.post(url, {"cara": "renstra", "unit": ""}, follow=True)
    assert "Belum ada Renstra yang mencakup tahun 2025." in response.content.decode()


def _isian(perjanjian, **ubah) -> dict[str, str]:
    """The edit form as the browser sends it, from what the page shows."""
    data = {
        "tempat": perjanjian.tempat,
        "tanggal": (perjanjian.tanggal or date(perjanjian.tahun, 1, 6)).isoformat(),
        "pihak_pertama": str(perjanjian.pihak_pertama_id),
        "pihak_kedua": str(perjanjian.pihak_kedua_id),
    }
    target = list(perjanjian.target.order_by("indikator__sasaran__nomor", "urutan", "pk"))
    kegiatan = list(perjanjian.kegiatan.order_by("urutan", "pk"))
    for awalan, jumlah in (("target", len(target)), ("kegiatan", len(kegiatan))):
        data |= {
            f"{awalan}-TOTAL_FORMS": str(jumlah + 2),
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
    for i, k in enumerate(kegiatan):
        data |= {f"kegiatan-{i}-uraian": k.uraian, f"kegiatan-{i}-anggaran": str(k.anggaran)}
    return data | ubah


def test_it_edits_a_draft_through_the_page(client, admin_org, draf_keuangan):
    client.force_login(admin_org)
    url = reverse("perjanjian_ubah", args=[draf_keuangan.pk])
    response = client.get(url)
    teks = response.content.decode()
    assert response.status_code == 200
    # Every visible field has its label.
    medan = re.findall(
        r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*id="(id_[^"]+)"', teks
    )
    assert len(medan) == 4 + 12 * 5 + 6 * 4
    assert [m for m in medan if f'for="{m}"' not in teks] == []
    akip = IndikatorKinerja.objects.get(kode="s4-predikat-akip")
    tingkat_a = TingkatSkala.objects.get(skala=akip.skala, kode="A")
    data = _isian(
        draf_keuangan,
        **{
            "target-0-nilai": "96,7",
            "target-1-DELETE": "on",
            "target-10-indikator": str(akip.pk),
            "target-10-tingkat": str(tingkat_a.pk),
            "kegiatan-0-anggaran": "Rp 19.599.520.001",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["target"].errors
    draf_keuangan.refresh_from_db()
    nilai = dict(_target(draf_keuangan))
    assert len(nilai) == 10 and nilai["s4-predikat-akip"] == "A"
    assert sorted(set(nilai.values())) == ["100", "96.7", "A"]
    assert draf_keuangan.kegiatan.order_by("urutan").first().anggaran == Decimal("19599520001")


def test_it_shows_what_was_typed_wrong(client, admin_org, draf_keuangan):
    client.force_login(admin_org)
    url = reverse("perjanjian_ubah", args=[draf_keuangan.pk])
    akip = IndikatorKinerja.objects.get(kode="s4-predikat-akip")
    response = client.post(
        url,
        _isian(
            draf_keuangan,
            **{"target-0-nilai": "sembilan puluh", "target-10-indikator": str(akip.pk)},
        ),
    )
    assert response.status_code == 200
    errors = response.context["target"].errors
    assert errors[0]["nilai"] == [
        '"sembilan puluh" bukan angka. Tulis angka seperti 96,7 atau 1.234,5.'
    ]
    assert errors[10]["tingkat"] == ["Pilih salah satu tingkat skala Predikat AKIP."]
    assert draf_keuangan.target.filter(nilai=Decimal("100")).count() == 10
