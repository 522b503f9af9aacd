"""Staff delete their own draft value: through the service that checks who and what, kept in
the history with who deleted it and when; submitted, verified or closed values stay."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from inti.galat import Ditolak, TidakBerwenang
from kinerja.models import BuktiDukung, JadwalPeriode, Realisasi
from kinerja.realisasi.periode import periode_kunci_tahun
from kinerja.realisasi.services.isian import (
    IsianBaris,
    realisasi_ajukan,
    realisasi_hapus,
    realisasi_simpan_formulir,
)
from kinerja.realisasi.services.terjaga import KonflikVersi
from kinerja.realisasi.services.verifikasi import realisasi_kembalikan, realisasi_verifikasi
from organisasi.models import UnitKerja
from renstra.models import IndikatorKinerja
from tests.isian import data_formulir, isi, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]

PERIODE = {"tahun": 2024, "periode": "tw1"}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def keuangan(org) -> UnitKerja:
    return UnitKerja.objects.get(organisasi=org, slug="keuangan")


@pytest.fixture
def draf(staf_keuangan, keuangan) -> Realisasi:
    """s9-bmn of Keuangan, TW I 2024: 90 %, a draft."""
    realisasi_simpan_formulir(
        pengguna=staf_keuangan,
        unit_kerja=keuangan,
        isian=[
            IsianBaris(
                indikator=IndikatorKinerja.objects.get(kode="s9-bmn"),
                versi=0,
                nilai=Decimal("90"),
                kendala="Aset belum dilabel",
            )
        ],
        **PERIODE,
    )
    return _bmn()


def _bmn() -> Realisasi:
    return Realisasi.objects.select_related("indikator__unit_kerja").get(
        indikator__kode="s9-bmn", **PERIODE
    )


def _ada() -> bool:
    return Realisasi.objects.filter(indikator__kode="s9-bmn", **PERIODE).exists()


def test_it_deletes_a_draft_and_records_who_and_when(staf_keuangan, draf):
    pk = draf.pk
    realisasi_hapus(pengguna=staf_keuangan, realisasi=draf, versi=1)
    assert not _ada()
    terakhir = Realisasi.history.filter(id=pk).latest("history_date")
    assert (terakhir.history_type, terakhir.history_user, terakhir.history_change_reason) == (
        "-",
        staf_keuangan,
        "Draf dihapus",
    )
    assert (terakhir.nilai, terakhir.versi) == (Decimal("90.0000"), 2)


def test_it_deletes_a_value_returned_to_the_staff(staf_keuangan, kepala_keuangan, keuangan, draf):
    realisasi_ajukan(pengguna=staf_keuangan, unit_kerja=keuangan, **PERIODE)
    realisasi_kembalikan(
        pengguna=kepala_keuangan,
        unit_kerja=keuangan,
        versi={draf.pk: 2},
        catatan="Salah",
        **PERIODE,
    )
    realisasi_hapus(pengguna=staf_keuangan, realisasi=_bmn(), versi=3)
    assert not _ada()


@pytest.mark.parametrize("orang", ["staf_teknis", "kepala_keuangan", "pimpinan", "orang_luar"])
def test_it_lets_only_the_units_staff_or_an_admin_delete(request, orang, keuangan, draf):
    with pytest.raises(TidakBerwenang) as galat:
        realisasi_hapus(pengguna=request.getfixturevalue(orang), realisasi=draf, versi=1)
    assert galat.value.pesan == (
        f"Hanya staf {keuangan.nama} atau admin yang dapat menghapus realisasi {keuangan.nama}."
    )
    assert _bmn().versi == 1


def test_it_lets_an_admin_delete(admin_org, draf):
    realisasi_hapus(pengguna=admin_org, realisasi=draf, versi=1)
    assert not _ada()


def test_it_keeps_a_submitted_value(staf_keuangan, keuangan, draf):
    realisasi_ajukan(pengguna=staf_keuangan, unit_kerja=keuangan, **PERIODE)
    with pytest.raises(Ditolak) as galat:
        realisasi_hapus(pengguna=staf_keuangan, realisasi=_bmn(), versi=2)
    assert galat.value.pesan == (
        "Nilai Persentase BMN yang dikelola sesuai dengan peraturan perundang-undangan sudah "
        "diajukan dan tidak dapat dihapus kecuali dikembalikan oleh verifikator."
    )
    assert _bmn().status == "diajukan"


def test_it_keeps_a_verified_value(staf_keuangan, kepala_keuangan, keuangan, draf):
    realisasi_ajukan(pengguna=staf_keuangan, unit_kerja=keuangan, **PERIODE)
    realisasi_verifikasi(
        pengguna=kepala_keuangan, unit_kerja=keuangan, versi={draf.pk: 2}, **PERIODE
    )
    with pytest.raises(Ditolak, match="sudah diverifikasi dan tidak dapat dihapus"):
        realisasi_hapus(pengguna=staf_keuangan, realisasi=_bmn(), versi=3)
    assert _bmn().status == "diverifikasi"


def test_it_keeps_a_value_of_a_closed_period(org, staf_keuangan, draf):
    JadwalPeriode.objects.filter(organisasi=org, **PERIODE).update(
        tanggal_tutup=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(Ditolak, match="sudah ditutup"):
        realisasi_hapus(pengguna=staf_keuangan, realisasi=draf, versi=1)
    assert _ada()


def test_it_keeps_a_value_of_a_locked_year(org, admin_org, staf_keuangan, draf):
    periode_kunci_tahun(organisasi=org, tahun=2024, alasan="LAKIP final", pengguna=admin_org)
    with pytest.raises(Ditolak):
        realisasi_hapus(pengguna=staf_keuangan, realisasi=draf, versi=1)
    assert _ada()


def test_it_keeps_a_value_changed_since_it_was_seen(staf_keuangan, draf):
    with pytest.raises(KonflikVersi, match="sudah diubah oleh"):
        realisasi_hapus(pengguna=staf_keuangan, realisasi=draf, versi=0)
    assert _ada()


def test_it_deletes_the_evidence_with_the_value(
    client, org, staf_keuangan, draf, ruang_pribadi, django_capture_on_commit_callbacks
):
    client.force_login(staf_keuangan)
    data = data_formulir(org)
    data[f"i{draf.indikator_id}-bukti"] = SimpleUploadedFile("kib.pdf", PDF)
    assert client.post(url(), data).status_code == 302
    bukti = BuktiDukung.objects.get(realisasi=draf)
    assert (ruang_pribadi / bukti.berkas.name).exists()
    with django_capture_on_commit_callbacks(execute=True):
        realisasi_hapus(pengguna=staf_keuangan, realisasi=_bmn(), versi=1)
    assert not BuktiDukung.objects.exists()
    assert not (ruang_pribadi / bukti.berkas.name).exists()
    dihapus = BuktiDukung.history.get(id=bukti.pk, history_type="-")
    assert dihapus.history_user == staf_keuangan


# ---------------------------------------------------------------- the pages


def test_it_deletes_from_the_page_and_shows_it_in_the_history(client, staf_keuangan, draf):
    staf_keuangan.first_name, staf_keuangan.last_name = "Rina", "Staf"
    staf_keuangan.save()
    client.force_login(staf_keuangan)
    formulir = client.get(url()).content.decode()
    assert f'href="/kinerja/realisasi/{draf.pk}/hapus/"' in formulir
    halaman = client.get(f"/kinerja/realisasi/{draf.pk}/hapus/")
    assert "Hapus nilai realisasi" in halaman.content.decode()
    respons = client.post(f"/kinerja/realisasi/{draf.pk}/hapus/", {"versi": 1}, follow=True)
    assert respons.redirect_chain[-1][0] == f"/kinerja/realisasi/{draf.pk}/riwayat/"
    html = respons.content.decode()
    assert "dihapus." in html
    catatan = respons.context["riwayat"][0]
    assert (catatan.peristiwa, catatan.oleh, catatan.alasan) == (
        "Dihapus",
        "Rina Staf",
        "Draf dihapus",
    )
    assert [(p.kolom, p.dari, p.ke) for p in catatan.perubahan] == [
        ("realisasi", "90\xa0%", ""),
        ("kendala", "Aset belum dilabel", ""),
    ]
    assert timedelta(0) <= timezone.now() - catatan.waktu < timedelta(minutes=1)
    assert respons.context["dihapus"] is True


def test_it_refuses_the_page_to_another_units_staff_and_to_the_head(
    client, staf_teknis, kepala_keuangan, draf
):
    client.force_login(staf_teknis)
    assert client.post(f"/kinerja/realisasi/{draf.pk}/hapus/", {"versi": 1}).status_code == 404
    client.force_login(kepala_keuangan)
    assert client.post(f"/kinerja/realisasi/{draf.pk}/hapus/", {"versi": 1}).status_code == 403
    assert _ada()


def test_it_shows_a_deleted_values_history_only_to_who_may_read_it(
    client, staf_keuangan, staf_teknis, kepala_keuangan, draf
):
    pk = draf.pk
    realisasi_hapus(pengguna=staf_keuangan, realisasi=draf, versi=1)
    client.force_login(staf_teknis)
    assert client.get(f"/kinerja/realisasi/{pk}/riwayat/").status_code == 404
    client.force_login(kepala_keuangan)
    assert client.get(f"/kinerja/realisasi/{pk}/riwayat/").status_code == 200


def test_it_explains_a_refusal_on_the_form(client, org, staf_keuangan, keuangan, draf):
    realisasi_ajukan(pengguna=staf_keuangan, unit_kerja=keuangan, **PERIODE)
    client.force_login(staf_keuangan)
    respons = client.post(f"/kinerja/realisasi/{draf.pk}/hapus/", {"versi": 2}, follow=True)
    assert "tidak dapat dihapus kecuali dikembalikan oleh verifikator" in respons.content.decode()
    assert _ada()


def test_it_points_to_deletion_when_a_stored_value_is_emptied(client, org, staf_keuangan, draf):
    client.force_login(staf_keuangan)
    respons = client.post(url(), isi(data_formulir(org), "s9-bmn", nilai=""))
    assert respons.status_code == 400
    assert "hapus nilai draf dengan tombol Hapus nilai" in respons.content.decode()
    assert _bmn().nilai == Decimal("90")


def test_it_shows_the_history_of_a_value_without_a_unit_with_no_form_link(client, admin_org):
    """The organisation-level indicators (no responsible unit) have no entry form."""
    # The reference year has none: one as the admin site would add it.
    asal = IndikatorKinerja.objects.get(kode="s9-bmn")
    indikator = IndikatorKinerja.objects.create(
        sasaran=asal.sasaran, kode="uji-tanpa-unit", nama="Indikator tanpa unit", tipe=asal.tipe
    )
    realisasi = Realisasi.objects.create(
        indikator=indikator, tahun=2024, periode="tahunan", nilai=Decimal("80")
    )
    client.force_login(admin_org)
    respons = client.get(f"/kinerja/realisasi/{realisasi.pk}/riwayat/")
    assert respons.status_code == 200
    assert "Kembali ke formulir" not in respons.content.decode()
