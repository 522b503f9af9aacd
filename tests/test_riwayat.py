"""The history of a value: who changed what, when, from what to what, and why."""

import pytest

from kinerja.models import Realisasi
from tests.isian import data_formulir, isi, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]


def _r() -> Realisasi:
    return Realisasi.objects.get(indikator__kode="s9-bmn", tahun=2024, periode="tw1")


@pytest.fixture
def perjalanan(client, org, staf_keuangan, kepala_keuangan):
    """Entered, changed, submitted, returned with a comment, corrected, verified."""
    staf_keuangan.first_name = "Rina"
    staf_keuangan.save()
    kepala_keuangan.first_name = "Mulyadi"
    kepala_keuangan.save()
    client.force_login(staf_keuangan)
    client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="80", kendala="Aset tersebar"))
    client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="85,5"))
    client.post(url(aksi="ajukan"))
    client.force_login(kepala_keuangan)
    client.post(
        url(aksi="verifikasi"),
        {"pilih": [f"{_r().pk}:{_r().versi}"], "aksi": "kembalikan", "catatan": "Cek KIB"},
    )
    client.force_login(staf_keuangan)
    client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="86"))
    client.post(url(aksi="ajukan"))
    client.force_login(kepala_keuangan)
    pilih = [f"{_r().pk}:{_r().versi}"]
    client.post(url(aksi="verifikasi"), {"pilih": pilih, "aksi": "verifikasi"})
    return _r()


def test_it_records_every_change_with_who_and_why(perjalanan):
    riwayat = list(perjalanan.history.order_by("history_date", "history_id"))
    assert [
        (h.history_user.first_name, h.history_change_reason, h.status, f"{h.nilai.normalize():f}")
        for h in riwayat
    ] == [
        ("Rina", "Diisi", "draf", "80"),
        ("Rina", "Diubah", "draf", "85.5"),
        ("Rina", "Diajukan untuk verifikasi", "diajukan", "85.5"),
        ("Mulyadi", "Dikembalikan: Cek KIB", "dikembalikan", "85.5"),
        ("Rina", "Diubah", "draf", "86"),
        ("Rina", "Diajukan untuk verifikasi", "diajukan", "86"),
        ("Mulyadi", "Diverifikasi", "diverifikasi", "86"),
    ]
    assert [h.versi for h in riwayat] == [1, 2, 3, 4, 5, 6, 7]


def test_it_shows_the_history_page_from_what_to_what(client, perjalanan, staf_keuangan):
    client.force_login(staf_keuangan)
    respons = client.get(f"/kinerja/realisasi/{perjalanan.pk}/riwayat/")
    html = respons.content.decode()
    catatan = respons.context["riwayat"]
    assert [c.alasan for c in catatan] == [
        "Diverifikasi",
        "Diajukan untuk verifikasi",
        "Diubah",
        "Dikembalikan: Cek KIB",
        "Diajukan untuk verifikasi",
        "Diubah",
        "Diisi",
    ]
    assert [(p.kolom, p.dari, p.ke) for p in catatan[2].perubahan] == [
        ("realisasi", "85,5\u00a0%", "86\u00a0%"),
        ("status", "Dikembalikan", "Draf"),
    ]
    assert "<del>80\u00a0%</del> → 85,5\u00a0%" in html
    assert "Cek KIB" in html
    assert "Mulyadi" in html


def test_it_shows_the_history_in_the_admin(client, perjalanan, admin_org):
    admin_org.is_superuser = True
    admin_org.save()
    client.force_login(admin_org)
    respons = client.get(f"/admin/kinerja/realisasi/{perjalanan.pk}/history/")
    assert respons.status_code == 200
    html = respons.content.decode()
    assert "Dikembalikan: Cek KIB" in html
    assert "Diverifikasi" in html


def test_it_keeps_the_version_when_the_admin_edits_in_the_admin_site(client, perjalanan, admin_org):
    admin_org.is_superuser = True
    admin_org.save()
    client.force_login(admin_org)
    halaman = client.get(f"/admin/kinerja/realisasi/{perjalanan.pk}/change/")
    form = halaman.context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update(nilai="87", tingkat="", indikator=str(perjalanan.indikator_id))
    data["versi_dilihat"] = "6"  # opened before the last change: refused
    respons = client.post(f"/admin/kinerja/realisasi/{perjalanan.pk}/change/", data)
    assert respons.status_code == 200
    assert "Nilai ini sudah diubah oleh Mulyadi; nilai sekarang 86" in respons.content.decode()
    data["versi_dilihat"] = "7"
    respons = client.post(f"/admin/kinerja/realisasi/{perjalanan.pk}/change/", data)
    assert respons.status_code == 302
    r = _r()
    assert (f"{r.nilai.normalize():f}", r.versi, r.diubah_oleh) == ("87", 8, admin_org)
    assert r.history.first().history_change_reason == "Diubah lewat halaman administrasi"
