"""A new KPU satker from the kpu-kabkota template: the command buat_satker, the superusers'
page, and the new satker's report, which shows no text of the reference organisation."""

import io
import shutil
from datetime import date, timedelta
from decimal import Decimal

import pypdf
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from anggaran.models import AnggaranKegiatan, Kegiatan, Program
from inti.galat import Ditolak
from kinerja.models import JadwalPeriode, Periode, PerjanjianKinerja, Realisasi
from kinerja.perjanjian.draf import TargetDraf
from kinerja.perjanjian.services import (
    perjanjian_buat_dari_renstra,
    perjanjian_catat_ditandatangani,
    perjanjian_simpan_draf,
)
from kinerja.realisasi.services.isian import IsianBaris, realisasi_simpan_formulir
from kinerja.realisasi.services.verifikasi import realisasi_verifikasi
from laporan import satker
from laporan.dokumen import susun_dokumen
from laporan.selectors import data_lakip
from organisasi.models import Organisasi, Pejabat, Pengguna, UnitKerja, UraianTugas
from renstra.models import (
    IndikatorKinerja,
    Renstra,
    SasaranStrategis,
    SkalaOrdinal,
    TargetRenstra,
    TingkatSkala,
)
from tests.pembuat import pengguna

pytestmark = pytest.mark.django_db

NAMA = "Komisi Pemilihan Umum Kabupaten Contoh"
# Words of the reference organisation (its name, town, officials) that no other organisation's
# report may print.
TEKS_REFERENSI = (
    "Bengkulu",
    "Arga Makmur",
    "Umar Yasin",
    "Samsul Bahri",
    "Santoso",
    "Nova Afrizan",
    "Aderianko",
    "Martin Luther",
)
MODEL_DIHITUNG = (
    Organisasi,
    UnitKerja,
    UraianTugas,
    Renstra,
    SasaranStrategis,
    IndikatorKinerja,
    TargetRenstra,
    SkalaOrdinal,
    TingkatSkala,
    Program,
    Kegiatan,
    AnggaranKegiatan,
)


def _buat(slug: str = "kpu-contoh", **lain) -> Organisasi:
    call_command(
        "buat_satker", templat="kpu-kabkota", slug=slug, nama=NAMA, stdout=io.StringIO(), **lain
    )
    return Organisasi.objects.get(slug=slug)


def _jumlah() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODEL_DIHITUNG}


def _tanpa_referensi(teks: str) -> None:
    ada = [kata for kata in TEKS_REFERENSI if kata in teks]
    assert ada == []


# ---------------------------------------------------------------- the command


def test_it_creates_the_units_the_catalogue_and_the_budget_codes_without_values(org):
    baru = _buat()
    assert (baru.nama, baru.nama_singkat) == (NAMA, "KPU Kabupaten Contoh")
    assert baru.nama_sekretariat == "Sekretariat KPU Kabupaten Contoh"
    assert baru.induk is None
    subbagian = baru.unit.filter(jenis=UnitKerja.Jenis.SUBBAGIAN)
    assert [u.slug for u in subbagian] == ["keuangan", "teknis", "perencanaan", "parmas"]
    assert {u.induk.slug for u in subbagian} == {"sekretariat"}
    assert subbagian.get(slug="keuangan").tugas == org.unit.get(slug="keuangan").tugas
    assert baru.uraian_tugas.count() == org.uraian_tugas.count() == 13

    renstra = Renstra.objects.get(organisasi=baru)
    acuan = Renstra.objects.get(organisasi=org)
    assert (renstra.tahun_mulai, renstra.tahun_selesai) == (2025, 2029)
    assert renstra.judul == "Rencana Strategis KPU Kabupaten Contoh Tahun 2025-2029"
    assert renstra.sasaran.count() == acuan.sasaran.count() == 9

    def kode(r):
        return list(
            IndikatorKinerja.objects.filter(sasaran__renstra=r)
            .order_by("sasaran__nomor", "urutan")
            .values_list("kode", flat=True)
        )

    assert kode(renstra) == kode(acuan)
    assert len(kode(renstra)) == 41
    assert not TargetRenstra.objects.filter(indikator__sasaran__renstra=renstra).exists()
    assert renstra.sasaran.get(nomor=2).nama == "Meningkatnya kompetensi SDM KPU Kabupaten Contoh"
    predikat = IndikatorKinerja.objects.get(sasaran__renstra=renstra, kode="s4-predikat-akip")
    assert (predikat.skala.kode, predikat.unit_kerja.organisasi_id) == ("predikat-akip", baru.pk)

    assert list(Program.objects.filter(organisasi=baru).values_list("kode", flat=True)) == [
        "CQ",
        "WA",
    ]
    assert Kegiatan.objects.filter(program__organisasi=baru).count() == 10
    assert not AnggaranKegiatan.objects.filter(kegiatan__program__organisasi=baru).exists()
    assert not Pejabat.objects.filter(organisasi=baru).exists()


def test_it_refuses_a_slug_that_exists_and_changes_nothing(org):
    _buat()
    sebelum = _jumlah()
    with pytest.raises(CommandError, match="'kpu-contoh' sudah ada; tidak ada yang diubah"):
        _buat()
    with pytest.raises(CommandError, match="'kpu-bengkulu-utara' sudah ada"):
        _buat(slug="kpu-bengkulu-utara")
    assert _jumlah() == sebelum


def test_it_names_an_unknown_template_in_indonesian():
    with pytest.raises(CommandError) as galat:
        call_command("buat_satker", templat="kpu-desa", slug="kpu-desa", nama="KPU Desa")
    assert str(galat.value) == (
        "Templat 'kpu-desa' tidak ditemukan. Templat yang tersedia: kpu-kabkota."
    )
    assert not Organisasi.objects.filter(slug="kpu-desa").exists()
    # A template is a file name in fixtures/templat/, never a path.
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("buat_satker", templat="../kpu-bengkulu-utara/organisasi", slug="x", nama="X")


def test_it_links_the_parent_organisation():
    provinsi = Organisasi.objects.create(
        nama="Komisi Pemilihan Umum Provinsi Contoh", nama_singkat="KPU Provinsi Contoh",
        slug="kpu-provinsi-contoh",
    )  # fmt: skip
    baru = _buat(induk="kpu-provinsi-contoh", nama_singkat="KPU Contoh")
    assert baru.induk == provinsi
    assert (baru.nama_singkat, baru.nama_sekretariat) == ("KPU Contoh", "Sekretariat KPU Contoh")
    with pytest.raises(CommandError, match="Organisasi induk 'tidak-ada' tidak ditemukan."):
        _buat(slug="kpu-lain", induk="tidak-ada")


@pytest.fixture
def templat_salinan(tmp_path, monkeypatch):
    """A copy of the template folder to break one template in."""
    folder = tmp_path / "templat"
    shutil.copytree(satker.FOLDER_TEMPLAT, folder)
    monkeypatch.setattr(satker, "FOLDER_TEMPLAT", folder)
    return folder / "kpu-kabkota.toml"


def test_it_writes_nothing_when_the_template_breaks_halfway(templat_salinan):
    teks = templat_salinan.read_text(encoding="utf-8")
    # The last indicator names a unit the template does not have.
    ujung = teks.rindex('unit_kerja = "keuangan"')
    templat_salinan.write_text(teks[:ujung] + 'unit_kerja = "gudang"' + teks[ujung + 23 :])
    sebelum = _jumlah()
    with pytest.raises(Ditolak, match="Templat kpu-kabkota merujuk UnitKerja yang tidak ada"):
        satker.satker_buat(templat="kpu-kabkota", slug="kpu-contoh", nama=NAMA, oleh=None)
    assert _jumlah() == sebelum


def test_it_never_changes_the_shared_scales(templat_salinan):
    teks = templat_salinan.read_text(encoding="utf-8")
    templat_salinan.write_text(teks.replace('nama = "Opini BPK"', 'nama = "Opini BPK RI"'))
    sebelum = _jumlah()
    with pytest.raises(Ditolak, match="berbeda dengan data bersama yang sudah ada"):
        satker.satker_buat(templat="kpu-kabkota", slug="kpu-contoh", nama=NAMA, oleh=None)
    assert _jumlah() == sebelum
    assert SkalaOrdinal.objects.get(kode="opini-bpk").nama == "Opini BPK"


def test_it_refuses_a_template_that_carries_a_years_values(templat_salinan):
    teks = templat_salinan.read_text(encoding="utf-8")
    templat_salinan.write_text(
        teks.replace('kode = "WA.3360"', 'kode = "WA.3360"\n  pagu = { 2025 = "1.000" }')
    )
    with pytest.raises(Ditolak, match=r"memuat nilai tahunan \(pagu\)"):
        satker.satker_buat(templat="kpu-kabkota", slug="kpu-contoh", nama=NAMA, oleh=None)


# ---------------------------------------------------------------- the superusers' page


@pytest.fixture
def superuser(db) -> Pengguna:
    return Pengguna.objects.create_superuser("super-uji", password="kata-sandi-uji-123")


def test_it_creates_the_satker_from_the_page(client, superuser):
    client.force_login(superuser)
    halaman = client.get("/satker/baru/")
    assert halaman.status_code == 200
    assert "kpu-kabkota" in halaman.content.decode()
    jawab = client.post(
        "/satker/baru/",
        {"templat": "kpu-kabkota", "nama": NAMA, "nama_singkat": "", "slug": "kpu-contoh"},
    )
    baru = Organisasi.objects.get(slug="kpu-contoh")
    assert jawab.status_code == 302
    assert jawab["Location"] == f"/admin/organisasi/organisasi/{baru.pk}/change/"
    assert baru.unit.filter(jenis=UnitKerja.Jenis.SUBBAGIAN).count() == 4


def test_it_shows_the_refusal_of_a_taken_slug_on_the_page(client, superuser, org):
    client.force_login(superuser)
    sebelum = _jumlah()
    jawab = client.post(
        "/satker/baru/",
        {"templat": "kpu-kabkota", "nama": NAMA, "slug": "kpu-bengkulu-utara", "induk": org.pk},
    )
    assert jawab.status_code == 200
    assert "sudah ada; tidak ada yang diubah" in jawab.content.decode()
    assert _jumlah() == sebelum


def test_it_refuses_the_page_to_anyone_but_a_superuser(client, admin_org):
    client.force_login(admin_org)
    assert client.get("/satker/baru/").status_code == 403
    jawab = client.post("/satker/baru/", {"templat": "kpu-kabkota", "nama": NAMA, "slug": "x"})
    assert jawab.status_code == 403
    assert not Organisasi.objects.filter(slug="x").exists()


# ---------------------------------------------------------------- the new satker's report


def _teks_pdf(isi: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(isi)).pages)


def _periksa_laporan(client, baru: Organisasi) -> tuple[str, str]:
    """The report page and its PDF, both free of the reference organisation's text."""
    admin = pengguna("admin-contoh", organisasi=baru, peran=Pengguna.Peran.ADMIN)
    client.force_login(admin)
    halaman = client.get("/laporan/kpu-contoh/2025/")
    assert halaman.status_code == 200
    html = halaman.content.decode()
    _tanpa_referensi(html)
    _tanpa_referensi(susun_dokumen(data_lakip(organisasi=baru, tahun=2025)).html)
    pdf = client.get("/laporan/kpu-contoh/2025/pdf/")
    assert pdf.status_code == 200
    teks = _teks_pdf(pdf.content)
    _tanpa_referensi(teks)
    return html, teks


def test_it_reports_a_new_satker_without_any_data(client, org):
    baru = _buat()
    html, teks = _periksa_laporan(client, baru)
    assert "Belum ada Perjanjian Kinerja tahun 2025." in html
    assert "Belum ada hasil evaluasi SAKIP." in html
    assert "Tidak ada pengadaan logistik pemilu/pemilihan tahun 2025." in html
    assert "Tidak ada produk hukum yang dicatat tahun 2025." in html
    # No empty capaian tables, no verdict on indicators nobody measured.
    assert "Ringkasan Capaian Indikator Kinerja" not in html
    assert (
        html.count(
            "Belum ada indikator kinerja yang ditargetkan KPU Kabupaten Contoh pada tahun 2025, "
            "sehingga belum ada capaian yang dapat diukur."
        )
        == 2
    )
    assert "Seluruh indikator yang terukur telah mencapai targetnya." not in html
    assert "Belum ada capaian kinerja tahun 2025 yang dapat disimpulkan." in html
    assert "KPU KABUPATEN CONTOH" in teks.upper()


def test_it_reports_a_new_satker_with_one_target_and_one_value(client, org):
    baru = _buat()
    admin = pengguna("penyusun-contoh", organisasi=baru, peran=Pengguna.Peran.ADMIN)
    ketua = Pejabat.objects.create(
        organisasi=baru, peran=Pejabat.Peran.KETUA, nama="Budi Contoh, S.H.",
        jabatan="Ketua KPU Kabupaten Contoh", mulai=date(2025, 1, 1),
    )  # fmt: skip
    sekretaris = Pejabat.objects.create(
        organisasi=baru, peran=Pejabat.Peran.SEKRETARIS, nama="Siti Contoh, S.E.",
        jabatan="Sekretaris KPU Kabupaten Contoh", mulai=date(2025, 1, 1),
        unit_kerja=baru.unit.get(slug="sekretariat"),
    )  # fmt: skip
    gaji = IndikatorKinerja.objects.get(sasaran__renstra__organisasi=baru, kode="s9-gaji-tunjangan")
    draf = perjanjian_buat_dari_renstra(organisasi=baru, tahun=2025, oleh=admin)
    perjanjian_simpan_draf(
        perjanjian=draf, oleh=admin, tempat="Contoh", tanggal=date(2025, 1, 6),
        pihak_pertama=sekretaris, pihak_kedua=ketua,
        target=[TargetDraf(gaji, Decimal("100"))], kegiatan=[],
    )  # fmt: skip
    perjanjian_catat_ditandatangani(perjanjian=PerjanjianKinerja.objects.get(pk=draf.pk))
    JadwalPeriode.objects.create(
        organisasi=baru, tahun=2025, periode=Periode.TW4,
        tanggal_tutup=timezone.localdate() + timedelta(days=30),
    )  # fmt: skip
    realisasi_simpan_formulir(
        pengguna=admin, unit_kerja=gaji.unit_kerja, tahun=2025, periode="tw4",
        isian=[IsianBaris(indikator=gaji, versi=0, nilai=Decimal("96.5"))], ajukan=True,
    )  # fmt: skip
    nilai = Realisasi.objects.get(indikator=gaji, tahun=2025, periode="tw4")
    realisasi_verifikasi(
        pengguna=admin, unit_kerja=gaji.unit_kerja, tahun=2025, periode="tw4",
        versi={nilai.pk: nilai.versi},
    )  # fmt: skip

    html, teks = _periksa_laporan(client, baru)
    assert "pegawai dilingkungan KPU Kabupaten Contoh" in html
    assert "96,50" in html
    assert "Budi Contoh" in teks
