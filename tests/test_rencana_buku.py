"""The whole plan as one workbook: export_rencana, import_rencana, and the round trip."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from inti.galat import Ditolak, TidakBerwenang
from kinerja.capaian import tabel_capaian
from kinerja.models import KunciTahun, PerjanjianKinerja, Realisasi
from laporan.rencana.ekspor import rencana_ekspor
from laporan.rencana.impor import rencana_impor
from organisasi.models import Organisasi, Pejabat, UnitKerja
from renstra.models import IndikatorKinerja, TargetRenstra

pytestmark = pytest.mark.django_db


def _ekspor(tmp_path, slug: str, nama: str = "a.xlsx"):
    keluaran = tmp_path / nama
    call_command("export_rencana", org=slug, year=2024, output=keluaran, stdout=io.StringIO())
    return keluaran


def _impor(berkas, slug: str, *, create: bool = False) -> str:
    keluar = io.StringIO()
    call_command("import_rencana", str(berkas), org=slug, create=create, stdout=keluar)
    return keluar.getvalue()


def _sel(berkas) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(berkas)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def _kolom(ws, judul: str) -> int:
    return [c.value for c in ws[1]].index(judul) + 1


def _angka_capaian(organisasi) -> list[tuple]:
    tabel = tabel_capaian(organisasi=organisasi, tahun=2024)
    return [
        (
            b.indikator.kode,
            b.target.angka,
            b.target.tingkat.kode if b.target.tingkat else None,
            b.realisasi.angka,
            b.realisasi.tingkat.kode if b.realisasi.tingkat else None,
            b.persen,
            b.kategori.nama if b.kategori else None,
        )
        for b in tabel.baris
    ]


def test_it_round_trips_the_reference_year_into_a_new_organisation(org, tmp_path):
    pertama = _ekspor(tmp_path, org.slug)
    _impor(pertama, "kpu-contoh", create=True)
    kedua = _ekspor(tmp_path, "kpu-contoh", "b.xlsx")

    a, b = _sel(pertama), _sel(kedua)
    assert list(a) == list(b)
    slug = a["Organisasi"][0].index("Slug")
    assert a["Organisasi"][1][slug] == "kpu-bengkulu-utara"
    assert b["Organisasi"][1][slug] == "kpu-contoh"
    for nama in a:
        for nomor, (sel_a, sel_b) in enumerate(zip(a[nama], b[nama], strict=True), start=1):
            if nama == "Organisasi" and nomor == 2:
                sel_a, sel_b = sel_a[:slug] + sel_a[slug + 1 :], sel_b[:slug] + sel_b[slug + 1 :]
            assert sel_a == sel_b, (nama, nomor)
    # The sheets the issue names, with their columns, are not empty.
    assert len(a["Target Perjanjian"]) == 106
    assert {"Kode", "Indikator Kinerja", "Target"} <= set(a["Target Perjanjian"][0])
    assert len(a["Realisasi"]) == 39

    baru = Organisasi.objects.get(slug="kpu-contoh")
    assert _angka_capaian(baru) == _angka_capaian(org)
    assert len(_angka_capaian(org)) == 35
    assert PerjanjianKinerja.objects.get(organisasi=baru, unit_kerja=None, versi=2).status == (
        PerjanjianKinerja.Status.DITANDATANGANI
    )


def test_it_writes_numbers_as_number_cells_and_reads_them_back_exactly(org, tmp_path):
    disimpan = {
        (r.indikator.kode, r.periode): r.nilai
        for r in Realisasi.objects.filter(indikator__sasaran__renstra__organisasi=org, tahun=2024)
        .exclude(nilai=None)
        .select_related("indikator")
    }
    ws = openpyxl.load_workbook(_ekspor(tmp_path, org.slug))["Realisasi"]
    k = {j: _kolom(ws, j) for j in ("Kode", "Periode", "Realisasi")}
    dibaca = {
        (ws.cell(row=r, column=k["Kode"]).value, ws.cell(row=r, column=k["Periode"]).value): (
            ws.cell(row=r, column=k["Realisasi"]).value
        )
        for r in range(2, ws.max_row + 1)
    }
    pecahan = [kunci for kunci, v in disimpan.items() if v != v.to_integral_value()]
    assert len(pecahan) > 10
    for kunci in pecahan:
        assert isinstance(dibaca[kunci], float)
        assert Decimal(str(dibaca[kunci])) == disimpan[kunci]


def test_it_neutralises_formulas_and_reads_the_text_back(org, tmp_path):
    UnitKerja.objects.filter(organisasi=org, slug="keuangan").update(tugas="=HYPERLINK(1)")
    berkas = _ekspor(tmp_path, org.slug)
    ws = openpyxl.load_workbook(berkas)["Unit Kerja"]
    tugas = [ws.cell(row=r, column=_kolom(ws, "Uraian Tugas")).value for r in range(2, 7)]
    assert "'=HYPERLINK(1)" in tugas
    assert "Tidak ada perubahan." in _impor(berkas, org.slug)


def test_it_reimports_an_unchanged_workbook_without_any_change(org, tmp_path):
    berkas = _ekspor(tmp_path, org.slug)
    riwayat = (Realisasi.history.count(), Pejabat.history.count())
    diubah = sorted(Realisasi.objects.values_list("pk", "diubah_pada"))
    keluar = _impor(berkas, org.slug)
    assert "Tidak ada perubahan." in keluar
    assert "Realisasi: 0 baru, 0 diubah, 38 tetap" in keluar
    assert (Realisasi.history.count(), Pejabat.history.count()) == riwayat
    assert sorted(Realisasi.objects.values_list("pk", "diubah_pada")) == diubah


def test_it_refuses_a_workbook_with_bad_rows_and_changes_nothing(org, tmp_path):
    berkas = _ekspor(tmp_path, org.slug)
    wb = openpyxl.load_workbook(berkas)
    ws = wb["Target Perjanjian"]
    ws.cell(row=3, column=_kolom(ws, "Target")).value = "abc"
    ws.cell(row=5, column=_kolom(ws, "Kode")).value = "tidak-ada"
    wb["Indikator"].cell(row=2, column=_kolom(wb["Indikator"], "Indikator Kinerja")).value = "Baru"
    wb.save(berkas)
    jumlah = (Organisasi.objects.count(), IndikatorKinerja.objects.count())
    nama = IndikatorKinerja.objects.order_by("sasaran__nomor", "urutan").first().nama

    with pytest.raises(CommandError) as galat:
        _impor(berkas, "kpu-contoh", create=True)
    pesan = str(galat.value)
    assert "Target Perjanjian, baris 3: 'abc' bukan angka." in pesan
    assert "Target Perjanjian, baris 5: Kode indikator 'tidak-ada' tidak ada" in pesan
    with pytest.raises(CommandError):
        _impor(berkas, org.slug)
    assert (Organisasi.objects.count(), IndikatorKinerja.objects.count()) == jumlah
    assert IndikatorKinerja.objects.order_by("sasaran__nomor", "urutan").first().nama == nama


def test_it_never_changes_a_signed_agreement(org, tmp_path):
    berkas = _ekspor(tmp_path, org.slug)
    wb = openpyxl.load_workbook(berkas)
    ws = wb["Target Perjanjian"]
    ws.cell(row=2, column=_kolom(ws, "Target")).value = 1
    wb.save(berkas)
    with pytest.raises(CommandError, match="Perjanjian, baris 2: perjanjian ini sudah"):
        _impor(berkas, org.slug)


def test_it_updates_what_differs_and_the_preview_keeps_nothing(org, tmp_path):
    berkas = _ekspor(tmp_path, org.slug)
    wb = openpyxl.load_workbook(berkas)
    ws = wb["Target Renstra"]
    kode = ws.cell(row=2, column=_kolom(ws, "Kode")).value
    tahun = ws.cell(row=2, column=_kolom(ws, "Tahun")).value
    ws.cell(row=2, column=_kolom(ws, "Target")).value = 42.5
    wb.save(berkas)
    isi = berkas.read_bytes()

    pratinjau = rencana_impor(pengguna=None, slug=org.slug, isi=isi, simpan=False)
    ringkas = {r.nama: (r.baru, r.diubah) for r in pratinjau.lembar}
    assert ringkas["Target Renstra"] == (0, 1)
    assert pratinjau.jumlah_perubahan == 1
    target = TargetRenstra.objects.get(
        indikator__sasaran__renstra__organisasi=org, indikator__kode=kode, tahun=tahun
    )
    assert target.nilai != Decimal("42.5")

    rencana_impor(pengguna=None, slug=org.slug, isi=isi)
    target.refresh_from_db()
    assert target.nilai == Decimal("42.5")


def test_it_lets_only_the_organisations_admins_import(
    org, admin_org, staf_keuangan, orang_luar, tmp_path
):
    isi = _ekspor(tmp_path, org.slug).read_bytes()
    for pengguna in (staf_keuangan, orang_luar):
        with pytest.raises(TidakBerwenang):
            rencana_impor(pengguna=pengguna, slug=org.slug, isi=isi, simpan=False)
    with pytest.raises(TidakBerwenang):
        rencana_impor(pengguna=admin_org, slug="kpu-contoh", isi=isi, buat=True)
    hasil = rencana_impor(pengguna=admin_org, slug=org.slug, isi=isi, simpan=False)
    assert hasil.jumlah_perubahan == 0


def test_it_refuses_what_is_no_workbook_and_an_unknown_organisation(org):
    with pytest.raises(Ditolak, match="bukan buku kerja"):
        rencana_impor(pengguna=None, slug=org.slug, isi=b"bukan xlsx")
    isi = rencana_ekspor(organisasi=org, tahun=2024)
    with pytest.raises(Ditolak, match="tidak ada; buat baru"):
        rencana_impor(pengguna=None, slug="kpu-lain", isi=isi)
    with pytest.raises(Ditolak, match="sudah ada"):
        rencana_impor(pengguna=None, slug=org.slug, isi=isi, buat=True)


def test_it_checks_the_workbooks_limits_before_reading_it(org):
    wb = openpyxl.Workbook()
    wb.active.cell(row=20_001, column=1, value=1)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    with pytest.raises(Ditolak, match="paling banyak 20.000 baris per lembar"):
        rencana_impor(pengguna=None, slug=org.slug, isi=keluaran.getvalue())


def test_it_names_an_earlier_holder_of_a_role_by_the_day_they_began(org, tmp_path):
    """A signatory who is no longer the role's latest holder keeps their agreement."""
    pk = PerjanjianKinerja.objects.get(organisasi=org, unit_kerja=None, tahun=2024, versi=2)
    pertama = pk.pihak_pertama
    Pejabat.objects.create(
        organisasi=org,
        peran=pertama.peran,
        unit_kerja=pertama.unit_kerja,
        nama="Pengganti, S.H.",
        jabatan=pertama.jabatan,
        mulai=pertama.mulai.replace(year=pertama.mulai.year + 1),
    )
    berkas = _ekspor(tmp_path, org.slug)
    ws = openpyxl.load_workbook(berkas)["Perjanjian"]
    kode = {c.value for c in ws[_kolom_huruf(ws, "Pihak Pertama")]}
    assert f"{pertama.peran}@{pertama.mulai.isoformat()}" in kode
    _impor(berkas, "kpu-contoh", create=True)
    baru = PerjanjianKinerja.objects.get(organisasi__slug="kpu-contoh", unit_kerja=None, versi=2)
    assert (baru.pihak_pertama.nama, baru.pihak_pertama.mulai) == (pertama.nama, pertama.mulai)


def _kolom_huruf(ws, judul: str) -> str:
    return openpyxl.utils.get_column_letter(_kolom(ws, judul))


def test_it_carries_a_band_target_and_keeps_it_on_reimport(org, tmp_path):
    target = (
        TargetRenstra.objects.filter(
            indikator__sasaran__renstra__organisasi=org,
            indikator__tipe="persentase",
            tahun=2023,
        )
        .select_related("indikator")
        .first()
    )
    IndikatorKinerja.objects.filter(pk=target.indikator_id).update(polaritas="rentang")
    TargetRenstra.objects.filter(pk=target.pk).update(
        nilai=Decimal("80"), nilai_atas=Decimal("90.5")
    )
    berkas = _ekspor(tmp_path, org.slug)

    assert "Tidak ada perubahan." in _impor(berkas, org.slug)
    target.refresh_from_db()
    assert target.nilai_atas == Decimal("90.5")
    _impor(berkas, "kpu-contoh", create=True)
    baru = TargetRenstra.objects.get(
        indikator__sasaran__renstra__organisasi__slug="kpu-contoh",
        indikator__kode=target.indikator.kode,
        tahun=2023,
    )
    assert (baru.nilai, baru.nilai_atas) == (Decimal("80"), Decimal("90.5"))


def test_it_leaves_a_locked_years_realisasi_alone(org, tmp_path):
    KunciTahun.objects.create(
        organisasi=org, tahun=2024, alasan="LAKIP final", dikunci_pada=timezone.now()
    )
    berkas = _ekspor(tmp_path, org.slug)
    assert "Tidak ada perubahan." in _impor(berkas, org.slug)
    wb = openpyxl.load_workbook(berkas)
    ws = wb["Realisasi"]
    ws.cell(row=2, column=_kolom(ws, "Kendala")).value = "Kendala baru"
    wb.save(berkas)
    with pytest.raises(CommandError, match="Realisasi tahun 2024 sudah dikunci"):
        _impor(berkas, org.slug)
    assert not Realisasi.objects.filter(kendala="Kendala baru").exists()
