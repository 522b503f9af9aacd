"""The admin for superusers: money with thousand separators, numbers typed the Indonesian
way ("96,7"), and a realisasi's status that changes only through the services."""

from decimal import Decimal

import pytest
from django.urls import reverse

from inti.angka import format_rupiah
from kinerja.models import Realisasi
from organisasi.models import Pengguna

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]


@pytest.fixture
def akar(client, org):
    client.force_login(
        Pengguna.objects.create_superuser(
            username="akar-angka", password="x-uji-123456", organisasi=org, peran="admin"
        )
    )
    return client


def _isi_realisasi(r: Realisasi, **ubah) -> dict:
    data = {
        "indikator": r.indikator_id,
        "tahun": r.tahun,
        "periode": r.periode,
        "nilai": "",
        "tingkat": "",
        "kendala": r.kendala,
        "tindak_lanjut": r.tindak_lanjut,
        "faktor_pendorong": r.faktor_pendorong,
        "versi_dilihat": r.versi,
    }
    return {**data, **ubah}


def _realisasi() -> Realisasi:
    return Realisasi.objects.filter(
        tahun=2024, periode="tahunan", nilai__isnull=False, status="diverifikasi"
    ).first()


def test_it_lists_the_reference_pagu_and_realisasi_in_rupiah(akar):
    isi = akar.get(reverse("admin:anggaran_anggarankegiatan_changelist")).content.decode()
    assert "Rp28.829.406.000" in isi  # CQ.6639, Tabel 7
    assert "28829406000" not in isi
    isi = akar.get(reverse("admin:anggaran_realisasiprogram_changelist")).content.decode()
    assert "Rp49.792.963.636" in isi  # program CQ, Tabel 31
    assert "Rp2.848.973.746" in isi  # program WA


def test_it_shows_a_stored_pagu_the_way_it_is_typed(akar):
    from anggaran.models import AnggaranKegiatan

    pagu = AnggaranKegiatan.objects.get(kegiatan__kode="CQ.6639", tahun=2024)
    isi = akar.get(reverse("admin:anggaran_anggarankegiatan_change", args=[pagu.pk]))
    assert 'value="28.829.406.000"' in isi.content.decode()


def test_it_accepts_a_realisasi_typed_the_indonesian_way(akar):
    r = _realisasi()
    alamat = reverse("admin:kinerja_realisasi_change", args=[r.pk])
    respons = akar.post(alamat, _isi_realisasi(r, nilai="96,7"))
    assert respons.status_code == 302, respons.context["adminform"].form.errors
    r.refresh_from_db()
    assert r.nilai == Decimal("96.7")


def test_it_refuses_a_number_it_cannot_read_with_an_indonesian_message(akar):
    r = _realisasi()
    alamat = reverse("admin:kinerja_realisasi_change", args=[r.pk])
    respons = akar.post(alamat, _isi_realisasi(r, nilai="96,7,1"))
    assert respons.status_code == 200
    assert "koma desimal hanya boleh satu" in respons.content.decode()


def test_it_keeps_the_status_out_of_the_admin_form(akar):
    r = _realisasi()
    alamat = reverse("admin:kinerja_realisasi_change", args=[r.pk])
    halaman = akar.get(alamat)
    assert "status" not in halaman.context["adminform"].form.fields
    assert 'name="status"' not in halaman.content.decode()
    assert "Diverifikasi" in halaman.content.decode()  # shown, read-only
    respons = akar.post(
        alamat, _isi_realisasi(r, nilai="12", status="draf", catatan_verifikasi="diubah")
    )
    assert respons.status_code == 302
    r.refresh_from_db()
    assert (r.nilai, r.status, r.catatan_verifikasi) == (Decimal("12"), "diverifikasi", "")


def test_it_shows_a_read_only_number_as_typed(akar):
    # A signed agreement's targets are read-only: Django alone would print "100,0000".
    from kinerja.models import TargetKinerja

    t = TargetKinerja.objects.filter(
        perjanjian__status="ditandatangani", nilai=Decimal("100"), tingkat__isnull=True
    ).first()
    isi = akar.get(reverse("admin:kinerja_targetkinerja_change", args=[t.pk])).content.decode()
    assert '<div class="readonly">100</div>' in isi
    assert "100,0000" not in isi
    assert 'name="nilai"' not in isi


def test_it_shows_a_signed_agreements_kegiatan_budget_in_rupiah(akar):
    from kinerja.models import KegiatanPerjanjian

    k = KegiatanPerjanjian.objects.filter(
        perjanjian__status="ditandatangani", anggaran__gt=1000
    ).first()
    alamat = reverse("admin:kinerja_perjanjiankinerja_change", args=[k.perjanjian_id])
    isi = akar.get(alamat).content.decode()
    assert format_rupiah(k.anggaran) in isi
    assert f">{k.anggaran}<" not in isi
    assert 'name="kegiatan-0-anggaran"' not in isi
