"""Access through the organisation tree: KPU RI over a province over the reference kab/kota
and a sibling. Admins and pimpinan read, read-only, the organisations below theirs (the
report page, the realisasi page, an export, the admin's lists), never a sibling or a parent;
every write stays in their own organisation."""

import pytest
from django.contrib.auth.models import Permission

from inti.galat import TidakBerwenang
from kinerja.models import Periode, PerjanjianKinerja, Realisasi
from kinerja.perjanjian.services import perjanjian_buat_dari_renstra
from kinerja.realisasi.services.isian import realisasi_ajukan
from laporan.services import laporan_narasi_simpan
from organisasi.akses import boleh_baca, organisasi_terbaca
from organisasi.models import Organisasi, Pengguna, UnitKerja
from tests.isian import data_formulir, isi
from tests.pembuat import pengguna

pytestmark = pytest.mark.django_db
TAHUN = 2024


@pytest.fixture
def pohon(org, org_lain) -> dict[str, Organisasi]:
    """KPU RI > KPU Provinsi Bengkulu > {the reference kab/kota, KPU Lebong (its sibling)}."""
    ri = Organisasi.objects.create(nama="KPU RI", nama_singkat="KPU RI", slug="kpu-ri")
    prov = Organisasi.objects.create(
        nama="KPU Provinsi Bengkulu", nama_singkat="KPU Bengkulu", slug="kpu-bengkulu", induk=ri
    )
    Organisasi.objects.filter(pk__in=[org.pk, org_lain.pk]).update(induk=prov)
    org.refresh_from_db()
    org_lain.refresh_from_db()
    return {"ri": ri, "prov": prov, "ref": org, "sibling": org_lain}


def _orang(o: Organisasi, peran: str) -> Pengguna:
    user = pengguna(f"{peran}-{o.slug}", organisasi=o, peran=peran, is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    return user


HALAMAN = [
    "/laporan/{slug}/2024/",  # the report page
    "/kinerja/{slug}/keuangan/2024/tw1/",  # a realisasi (capaian) page
    "/pohon/{slug}/2024/svg/",  # an export
    "/laporan/{slug}/2024/xlsx/",  # another
    "/perjanjian/{slug}/2024/",
    "/evaluasi/{slug}/2024/",  # the LKE
]


@pytest.mark.parametrize("halaman", HALAMAN)
@pytest.mark.parametrize(
    ("pembaca", "peran", "kode"),
    [
        ("prov", "admin", 200),  # parent reads its child
        ("ri", "pimpinan", 200),  # grandparent reads its grandchild
        ("sibling", "admin", 404),  # a sibling does not
        ("prov", "staf", 404),  # staff of the parent neither: they read their unit only
    ],
)
def test_it_reads_down_the_tree_only(client, pohon, halaman, pembaca, peran, kode):
    o = pohon[pembaca]
    unit = None
    if peran == "staf":
        unit = UnitKerja.objects.create(
            organisasi=o, nama="Keuangan", nama_singkat="Keuangan", slug="keuangan",
            jenis=UnitKerja.Jenis.SUBBAGIAN,
        )  # fmt: skip
    client.force_login(pengguna(f"u-{peran}-{o.slug}", organisasi=o, peran=peran, unit=unit))
    assert client.get(halaman.format(slug=pohon["ref"].slug)).status_code == kode


def test_it_opens_a_childs_value_and_agreement_by_number(client, pohon):
    ref = pohon["ref"]
    realisasi = Realisasi.objects.filter(indikator__sasaran__renstra__organisasi=ref).first()
    perjanjian = PerjanjianKinerja.objects.filter(organisasi=ref).first()
    alamat = [f"/kinerja/realisasi/{realisasi.pk}/riwayat/", f"/perjanjian/{perjanjian.pk}/"]
    client.force_login(pengguna("admin-prov", organisasi=pohon["prov"], peran="admin"))
    assert [client.get(a).status_code for a in alamat] == [200, 200]
    client.force_login(pengguna("admin-lebong", organisasi=pohon["sibling"], peran="admin"))
    assert [client.get(a).status_code for a in alamat] == [404, 404]


def test_it_never_reads_up(client, pohon):
    client.force_login(pengguna("admin-ref", organisasi=pohon["ref"], peran="admin"))
    for atas in ("prov", "ri"):
        assert client.get(f"/laporan/{pohon[atas].slug}/2024/").status_code == 404


def test_it_computes_the_readable_set(pohon):
    pimpinan_ri = pengguna("p-ri", organisasi=pohon["ri"], peran="pimpinan")
    admin_prov = pengguna("a-prov", organisasi=pohon["prov"], peran="admin")
    admin_ref = pengguna("a-ref", organisasi=pohon["ref"], peran="admin")
    semua = {o.pk for o in pohon.values()}
    assert set(organisasi_terbaca(pimpinan_ri).values_list("pk", flat=True)) == semua
    bawah = {pohon[k].pk for k in ("prov", "ref", "sibling")}
    assert set(organisasi_terbaca(admin_prov).values_list("pk", flat=True)) == bawah
    assert list(organisasi_terbaca(admin_ref).values_list("pk", flat=True)) == [pohon["ref"].pk]
    assert not boleh_baca(admin_ref, pohon["sibling"])
    assert boleh_baca(pimpinan_ri, pohon["ref"])


def test_it_lists_the_childs_rows_read_only_in_the_admin(client, pohon):
    client.force_login(_orang(pohon["prov"], "admin"))
    realisasi = Realisasi.objects.filter(
        indikator__sasaran__renstra__organisasi=pohon["ref"]
    ).first()
    daftar = client.get("/admin/kinerja/realisasi/").context["cl"].queryset
    assert realisasi in daftar
    alamat = f"/admin/kinerja/realisasi/{realisasi.pk}/"
    halaman = client.get(alamat + "change/")
    assert halaman.status_code == 200 and not halaman.context["has_change_permission"]
    nilai = realisasi.nilai
    client.post(alamat + "change/", {"nilai": "1"})
    client.post(alamat + "delete/", {"post": "yes"})
    client.post(
        "/admin/kinerja/realisasi/",
        {"action": "delete_selected", "_selected_action": [realisasi.pk], "post": "yes"},
    )
    realisasi.refresh_from_db()
    assert realisasi.nilai == nilai
    # A sibling's admin does not even see it.
    client.force_login(_orang(pohon["sibling"], "admin"))
    assert realisasi not in client.get("/admin/kinerja/realisasi/").context["cl"].queryset


@pytest.mark.usefixtures("jadwal_referensi_terbuka")
def test_it_refuses_every_write_of_a_parents_user(client, pohon):
    ref = pohon["ref"]
    admin_prov = pengguna("admin-prov", organisasi=pohon["prov"], peran="admin")
    client.force_login(admin_prov)
    data = isi(data_formulir(ref), "s9-bmn", nilai="90")
    assert client.post(f"/kinerja/{ref.slug}/keuangan/2024/tw1/", data).status_code == 403
    assert client.get(f"/laporan/{ref.slug}/2024/narasi/").status_code == 403
    assert client.post(f"/laporan/{ref.slug}/2024/finalkan/").status_code == 403
    unit = UnitKerja.objects.get(organisasi=ref, slug="keuangan")
    with pytest.raises(TidakBerwenang):
        realisasi_ajukan(pengguna=admin_prov, unit_kerja=unit, tahun=TAHUN, periode=Periode.TW1)
    with pytest.raises(TidakBerwenang):
        perjanjian_buat_dari_renstra(organisasi=ref, unit_kerja=None, tahun=2025, oleh=admin_prov)
    with pytest.raises(TidakBerwenang):
        laporan_narasi_simpan(organisasi=ref, tahun=TAHUN, nilai={}, analisis={}, oleh=admin_prov)


def test_it_exports_the_childs_rows_from_the_admin(rf, pohon):
    """The admin's export (a POST) reads like the list; any other POST acts on the own
    organisation's rows only."""
    from django.contrib import admin

    model_admin = admin.site._registry[Realisasi]
    milik_anak = Realisasi.objects.filter(indikator__sasaran__renstra__organisasi=pohon["ref"])
    request = rf.post("/admin/kinerja/realisasi/export/")
    request.user = _orang(pohon["prov"], "admin")
    assert not model_admin.get_queryset(request).filter(pk__in=milik_anak).exists()
    ekspor = model_admin.get_export_queryset(request)
    assert set(ekspor.values_list("pk", flat=True)) >= set(milik_anak.values_list("pk", flat=True))
