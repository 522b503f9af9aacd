"""The Renstra pages of Perencanaan: the plan, its indicators and the yearly targets grid."""

from decimal import Decimal

import pytest
from django.urls import reverse

from inti.galat import Ditolak, TidakBerwenang
from kinerja.models import PerjanjianKinerja, TargetKinerja
from organisasi.models import Pengguna
from perencanaan.renstra import services
from renstra.models import IndikatorKinerja, Renstra, SasaranStrategis, TargetRenstra
from tests.pembuat import final_berubah, pengguna

pytestmark = pytest.mark.django_db


def _data(form) -> dict:
    """What a browser posts back for an unchanged form."""
    data = {}
    for nama in form.fields:
        nilai = form[nama].value()
        data[nama] = "" if nilai is None else nilai
    return data


@pytest.fixture
def renstra_2025(org, admin_org) -> Renstra:
    """A 2025-2029 Renstra with one sasaran and one indicator, built through the services."""
    renstra = services.renstra_simpan(
        oleh=admin_org,
        renstra=Renstra(
            organisasi=org,
            judul="Rencana Strategis KPU Kabupaten Bengkulu Utara Tahun 2025-2029",
            tahun_mulai=2025,
            tahun_selesai=2029,
            visi="Menjadi penyelenggara Pemilu yang mandiri, profesional dan berintegritas",
        ),
    )
    sasaran = services.bagian_simpan(
        oleh=admin_org,
        objek=SasaranStrategis(
            renstra=renstra, nomor=1, nama="Terwujudnya Perencanaan Program dan Anggaran Pemilu"
        ),
    )
    pendahulu = IndikatorKinerja.objects.get(
        sasaran__renstra__organisasi=org, kode="s1-penyusunan-program"
    )
    services.bagian_simpan(
        oleh=admin_org,
        objek=IndikatorKinerja(
            sasaran=sasaran,
            kode="s1-penyusunan-program",
            nama="Persentase penyusunan program dan anggaran",
            pendahulu=pendahulu,
        ),
    )
    return renstra


def _indikator(renstra: Renstra) -> IndikatorKinerja:
    return IndikatorKinerja.objects.get(sasaran__renstra=renstra)


def _url_target(org, renstra) -> str:
    return reverse("perencanaan_renstra_target", args=[org.slug, renstra.pk])


def test_it_stores_a_target_typed_the_indonesian_way(client, org, admin_org, renstra_2025):
    ind = _indikator(renstra_2025)
    client.force_login(admin_org)
    response = client.post(_url_target(org, renstra_2025), {f"t_{ind.pk}_2025": "96,5"})
    assert response.status_code == 302
    target = TargetRenstra.objects.get(indikator=ind)
    assert (target.tahun, target.nilai) == (2025, Decimal("96.5"))


def test_it_refuses_the_whole_grid_for_one_bad_cell(client, org, admin_org, renstra_2025):
    ind = _indikator(renstra_2025)
    client.force_login(admin_org)
    data = {f"t_{ind.pk}_2025": "96,5", f"t_{ind.pk}_2026": "abc"}
    response = client.post(_url_target(org, renstra_2025), data)
    assert response.status_code == 200
    assert not TargetRenstra.objects.filter(indikator=ind).exists()
    teks = response.content.decode()
    assert "Persentase penyusunan program dan anggaran, tahun 2026" in teks
    assert "Tidak ada yang diubah." in teks


def test_it_answers_403_to_staff_and_changes_nothing(client, org, staf_keuangan, renstra_2025):
    ind = _indikator(renstra_2025)
    client.force_login(staf_keuangan)
    response = client.post(_url_target(org, renstra_2025), {f"t_{ind.pk}_2025": "96,5"})
    assert response.status_code == 403
    assert not TargetRenstra.objects.filter(indikator=ind).exists()
    # and the service answers the same, whoever calls it
    sel = {(ind.pk, 2025): services.NilaiSel(nilai=Decimal("96.5"))}
    with pytest.raises(TidakBerwenang):
        services.target_renstra_simpan(oleh=staf_keuangan, renstra=renstra_2025, target=sel)
    assert not TargetRenstra.objects.filter(indikator=ind).exists()


def test_it_answers_404_to_the_admin_of_another_organisation(client, org, org_lain):
    renstra = Renstra.objects.get(organisasi=org)
    lain = pengguna("admin-lebong-uji", organisasi=org_lain, peran=Pengguna.Peran.ADMIN)
    client.force_login(lain)
    assert client.get(reverse("perencanaan_renstra", args=[org.slug])).status_code == 404
    assert client.get(_url_target(org, renstra)).status_code == 404
    assert client.post(_url_target(org, renstra), {}).status_code == 404


def test_it_selects_a_level_for_an_ordinal_target(client, org, admin_org):
    renstra = Renstra.objects.get(organisasi=org)
    ind = IndikatorKinerja.objects.filter(sasaran__renstra=renstra, tipe="ordinal").first()
    lama = TargetRenstra.objects.get(indikator=ind, tahun=2024)
    baru = ind.skala.tingkat.exclude(pk=lama.tingkat_id).order_by("-peringkat").first()
    client.force_login(admin_org)
    form = client.get(_url_target(org, renstra)).context["form"]
    data = _data(form)
    assert data[f"t_{ind.pk}_2024"] == str(lama.tingkat_id)
    data[f"t_{ind.pk}_2024"] = str(baru.pk)
    sebelum = {t.pk: (t.nilai, t.tingkat_id) for t in TargetRenstra.objects.exclude(pk=lama.pk)}
    assert client.post(_url_target(org, renstra), data).status_code == 302
    lama.refresh_from_db()
    assert (lama.tingkat_id, lama.nilai) == (baru.pk, None)
    # every other cell went back unchanged
    sesudah = {t.pk: (t.nilai, t.tingkat_id) for t in TargetRenstra.objects.exclude(pk=lama.pk)}
    assert sesudah == sebelum


def test_it_keeps_a_signed_agreement_when_its_indicator_is_renamed(
    client, org, admin_org, ditandatangani
):
    pk_2024 = PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja__slug="keuangan")
    target = TargetKinerja.objects.filter(perjanjian=ditandatangani).first()
    ind = target.indikator
    nama_lama = ind.nama
    url = reverse(
        "perencanaan_renstra_bagian", args=[org.slug, ind.sasaran.renstra_id, "indikator", ind.pk]
    )
    client.force_login(admin_org)
    halaman = client.get(url)
    peringatan = halaman.content.decode()
    assert "sudah ditandatangani" in peringatan
    assert "Perjanjian kinerja 2024 Subbagian Keuangan" in peringatan
    assert pk_2024 in halaman.context["dampak"].perjanjian
    assert ditandatangani in halaman.context["dampak"].perjanjian

    data = _data(halaman.context["form"])
    data["nama"] = "Nama indikator yang baru"
    assert client.post(url, data).status_code == 302
    ind.refresh_from_db()
    assert ind.nama == "Nama indikator yang baru"

    dokumen = client.get(reverse("perjanjian_dokumen", args=[pk_2024.pk])).content.decode()
    assert nama_lama in dokumen and "Nama indikator yang baru" not in dokumen
    client.logout()
    verifikasi = client.get(reverse("verifikasi", args=[ditandatangani.kode_verifikasi]))
    teks = verifikasi.content.decode()
    assert "Asli dan utuh." in teks
    assert nama_lama in teks and "Nama indikator yang baru" not in teks


def test_it_refuses_to_delete_an_indicator_an_agreement_uses(client, org, admin_org):
    ind = TargetKinerja.objects.filter(perjanjian__organisasi=org).first().indikator
    url = reverse(
        "perencanaan_renstra_bagian_hapus",
        args=[org.slug, ind.sasaran.renstra_id, "indikator", ind.pk],
    )
    client.force_login(admin_org)
    response = client.post(url, follow=True)
    assert "tidak dapat dihapus karena masih dipakai" in response.content.decode()
    assert IndikatorKinerja.objects.filter(pk=ind.pk).exists()


def test_it_refuses_a_period_that_would_leave_targets_outside(org, admin_org):
    renstra = Renstra.objects.get(organisasi=org)
    renstra.tahun_selesai = 2023
    with pytest.raises(Ditolak, match="di luar periode"):
        services.renstra_simpan(oleh=admin_org, renstra=renstra)
    assert Renstra.objects.get(pk=renstra.pk).tahun_selesai == 2024


def test_it_shows_the_renstra_to_the_organisation(client, org, staf_keuangan):
    renstra = Renstra.objects.get(organisasi=org)
    client.force_login(staf_keuangan)
    response = client.get(reverse("perencanaan_renstra_detail", args=[org.slug, renstra.pk]))
    teks = response.content.decode()
    assert renstra.visi in teks
    assert "Target tahunan" not in teks
    assert client.get(_url_target(org, renstra)).status_code == 403


def test_it_refuses_in_the_service_a_cell_of_the_wrong_kind(org, admin_org):
    renstra = Renstra.objects.get(organisasi=org)
    ordinal = IndikatorKinerja.objects.filter(sasaran__renstra=renstra, tipe="ordinal").first()
    angka = IndikatorKinerja.objects.filter(sasaran__renstra=renstra, tipe="persentase").first()
    sel = {
        (angka.pk, 2024): services.NilaiSel(nilai=Decimal("50")),
        (ordinal.pk, 2024): services.NilaiSel(nilai=Decimal("3")),
    }
    sebelum = list(TargetRenstra.objects.values_list("pk", "nilai", "tingkat_id"))
    with pytest.raises(Ditolak) as exc:
        services.target_renstra_simpan(oleh=admin_org, renstra=renstra, target=sel)
    assert exc.value.daftar == [
        f"{ordinal.nama}, tahun 2024: pilih salah satu tingkat skala {ordinal.skala}."
    ]
    assert list(TargetRenstra.objects.values_list("pk", "nilai", "tingkat_id")) == sebelum


def test_it_counts_the_final_reports_in_the_warning(client, org, admin_org):
    final_berubah(org, 2024)
    ind = (
        TargetKinerja.objects.filter(
            perjanjian__organisasi=org, perjanjian__tahun=2024, perjanjian__unit_kerja=None
        )
        .first()
        .indikator
    )
    url = reverse(
        "perencanaan_renstra_bagian", args=[org.slug, ind.sasaran.renstra_id, "indikator", ind.pk]
    )
    client.force_login(admin_org)
    response = client.get(url)
    assert response.context["dampak"].tahun == [2024]
    assert response.context["dampak"].laporan_final == 1
    assert "Laporan kinerja tahun 2024: 1 sudah final" in response.content.decode()


@pytest.mark.parametrize("jenis", ["misi", "tujuan", "sasaran-tujuan", "sasaran", "indikator"])
def test_it_opens_every_edit_page(client, org, admin_org, jenis):
    renstra = Renstra.objects.get(organisasi=org)
    client.force_login(admin_org)
    url = reverse("perencanaan_renstra_bagian_tambah", args=[org.slug, renstra.pk, jenis])
    assert client.get(url).status_code == 200


def test_it_adds_a_misi(client, org, admin_org):
    renstra = Renstra.objects.get(organisasi=org)
    client.force_login(admin_org)
    url = reverse("perencanaan_renstra_bagian_tambah", args=[org.slug, renstra.pk, "misi"])
    response = client.post(url, {"nomor": "9", "teks": "Misi tambahan"})
    assert response.status_code == 302
    assert renstra.misi.get(nomor=9).teks == "Misi tambahan"
    # the same number twice is refused with a message, and nothing is added
    response = client.post(url, {"nomor": "9", "teks": "Misi lain"})
    assert response.status_code == 200
    assert renstra.misi.filter(nomor=9).count() == 1


def test_it_reads_the_plan_in_few_queries(client, org, admin_org, django_assert_max_num_queries):
    renstra = Renstra.objects.get(organisasi=org)
    client.force_login(admin_org)
    with django_assert_max_num_queries(15):
        client.get(reverse("perencanaan_renstra_detail", args=[org.slug, renstra.pk]))
    with django_assert_max_num_queries(15):
        client.get(_url_target(org, renstra))


def test_it_refuses_to_turn_a_targeted_number_into_a_level(org, admin_org):
    ind = IndikatorKinerja.objects.filter(
        sasaran__renstra__organisasi=org, tipe="persentase", target_renstra__isnull=False
    ).first()
    ind.tipe = "ordinal"
    ind.skala = IndikatorKinerja.objects.filter(tipe="ordinal").first().skala
    with pytest.raises(Ditolak, match="sudah memiliki target"):
        services.bagian_simpan(oleh=admin_org, objek=ind)
    assert IndikatorKinerja.objects.get(pk=ind.pk).tipe == "persentase"


def test_it_refuses_the_admin_of_another_organisation_in_the_service(org, org_lain):
    lain = pengguna("admin-lebong-uji", organisasi=org_lain, peran=Pengguna.Peran.ADMIN)
    misi = Renstra.objects.get(organisasi=org).misi.first()
    misi.teks = "Diubah dari luar"
    with pytest.raises(TidakBerwenang):
        services.bagian_simpan(oleh=lain, objek=misi)
    with pytest.raises(TidakBerwenang):
        services.bagian_hapus(oleh=lain, objek=misi)
    assert Renstra.objects.get(organisasi=org).misi.filter(teks="Diubah dari luar").count() == 0


def test_it_keeps_the_indicators_manual(client, org, admin_org):
    # The manual IKU of 53/2014: definisi operasional, formula and data source, per indicator.
    ind = IndikatorKinerja.objects.get(sasaran__renstra__organisasi=org, kode="s9-bmn")
    url = reverse(
        "perencanaan_renstra_bagian", args=[org.slug, ind.sasaran.renstra_id, "indikator", ind.pk]
    )
    client.force_login(admin_org)
    data = _data(client.get(url).context["form"])
    data["definisi_operasional"] = "Persentase BMN yang tercatat lengkap dalam SIMAK-BMN."
    data["formula"] = "BMN tercatat / seluruh BMN × 100 %"
    data["sumber_data"] = "Laporan BMN semesteran"
    assert client.post(url, data).status_code == 302
    ind.refresh_from_db()
    assert ind.definisi_operasional == "Persentase BMN yang tercatat lengkap dalam SIMAK-BMN."
    assert ind.formula == "BMN tercatat / seluruh BMN × 100 %"
    assert ind.sumber_data == "Laporan BMN semesteran"
