"""The whole plan as one workbook: export_rencana, import_rencana, and the round trip."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from inti.galat import Ditolak, TidakBerwenang
from kinerja.capaian import tabel_capaian
from kinerja.models import (
    KunciTahun,
    PerjanjianKinerja,
    Realisasi,
    RentangPenilaian,
    StandarNasional,
)
from laporan.models import LaporanKinerja
from laporan.referensi_laporan import FIELD_NARASI
from laporan.rencana.ekspor import rencana_ekspor
from laporan.rencana.impor import rencana_impor
from logistik.models import Logistik
from organisasi.models import JumlahPegawai, Organisasi, Pejabat, Pengguna, UnitKerja, UraianTugas
from renstra.models import IndikatorKinerja, Renstra, SasaranStrategis, TargetRenstra

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


def _lengkapi(org) -> None:
    """What the reference year lacks but the workbook carries: an acting official, an
    indicator's manual, a national standard, a classification band of its own."""
    Pejabat.objects.filter(organisasi=org, peran=Pejabat.Peran.SEKRETARIS).update(pelaksana="plt")
    ind = IndikatorKinerja.objects.filter(sasaran__renstra__organisasi=org, tipe="persentase")
    ind.filter(pk=ind.order_by("pk")[0].pk).update(
        definisi_operasional="Persentase dokumen yang selesai tepat waktu.",
        formula="selesai / direncanakan × 100 %",
        sumber_data="Laporan Subbagian Perencanaan",
    )
    StandarNasional.objects.create(
        indikator=ind.order_by("pk")[0], tahun=2024, nilai=Decimal("95.5"), sumber="SE KPU 1/2024"
    )
    # A Renstra's own classification: "Cukup Berhasil" from 75 % instead of 70 %.
    RentangPenilaian.objects.filter(
        skala__renstra__organisasi=org, skala__jenis="capaian", nama="Cukup Berhasil"
    ).update(batas_bawah=Decimal("75"), inklusif=True)


def test_it_round_trips_the_reference_year_into_a_new_organisation(org, tmp_path):
    _lengkapi(org)
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
    # Each kind the workbook carries beyond the plan itself, with its rows.
    jumlah = {nama: len(a[nama]) - 1 for nama in a}
    assert {
        nama: jumlah[nama]
        for nama in (
            "Uraian Tugas",
            "Jumlah Pegawai",
            "Skala Ordinal",
            "Skala Penilaian",
            "Standar Nasional",
            "Logistik",
            "Laporan",
            "Analisis Sasaran",
            "Produk Hukum",
            "Capaian Lain",
            "Angka Tercetak",
        )
    } == {
        "Uraian Tugas": 13,
        "Jumlah Pegawai": 3,
        "Skala Ordinal": 11,
        "Skala Penilaian": 10,
        "Standar Nasional": 1,
        "Logistik": 13,
        "Laporan": 1,
        "Analisis Sasaran": 6,
        "Produk Hukum": 1,
        "Capaian Lain": 1,
        "Angka Tercetak": 7,
    }
    assert jumlah["Narasi Laporan"] == len(FIELD_NARASI)
    assert "plt" in [r[a["Pejabat"][0].index("Pelaksana")] for r in a["Pejabat"]]
    assert "Laporan Subbagian Perencanaan" in [
        r[a["Indikator"][0].index("Sumber Data")] for r in a["Indikator"]
    ]

    baru = Organisasi.objects.get(slug="kpu-contoh")
    assert _angka_capaian(baru) == _angka_capaian(org)
    assert len(_angka_capaian(org)) == 35
    assert PerjanjianKinerja.objects.get(organisasi=baru, unit_kerja=None, versi=2).status == (
        PerjanjianKinerja.Status.DITANDATANGANI
    )
    assert Pejabat.objects.get(organisasi=baru, peran="sekretaris").sebutan_ttd.startswith("Plt.")
    assert UraianTugas.objects.filter(organisasi=baru).count() == 13
    assert JumlahPegawai.objects.filter(organisasi=baru).count() == 3
    assert RentangPenilaian.objects.get(
        skala__renstra__organisasi=baru, skala__jenis="capaian", nama="Cukup Berhasil"
    ).batas_bawah == Decimal("75")


def _lakip(client, slug: str) -> str:
    return client.get(reverse("laporan:lakip", args=[slug, 2024])).content.decode()


def _tabel_logistik(html: str) -> str:
    # From the table itself: its caption's number depends on the tables printed before it.
    mulai = html.index("<table", html.index('id="tabel-logistik-1"'))
    return html[mulai : html.index("</table>", mulai)]


def test_it_shows_the_same_lakip_texts_and_logistics_in_the_new_organisation(org, client, tmp_path):
    """The workbook is one year: the new organisation's LAKIP lacks the earlier years'
    realisasi tables, but prints the same narratives, analyses and logistics."""
    _impor(_ekspor(tmp_path, org.slug), "kpu-contoh", create=True)
    client.force_login(Pengguna.objects.create_superuser("akar-uji", password="sandi-uji-1234"))
    asli, baru = _lakip(client, org.slug), _lakip(client, "kpu-contoh")

    lap = LaporanKinerja.objects.get(organisasi=org, tahun=2024)
    paragraf = [
        p.strip()
        for teks in (
            lap.kata_pengantar,
            lap.ringkasan_eksekutif,
            lap.latar_belakang,
            lap.pengantar_tabel_pegawai,
            lap.capaian_lain,
        )
        for p in teks.splitlines()
        if p.strip()
    ]
    paragraf += [a.teks.strip().splitlines()[0].strip() for a in lap.analisis.all()]
    assert len(paragraf) == 21
    for p in paragraf:
        assert escape(p) in asli
        assert escape(p) in baru
    assert _tabel_logistik(baru) == _tabel_logistik(asli)
    assert 'Surat suara</td><td>lembar</td><td class="angka">226.560' in _tabel_logistik(baru)


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


def test_it_refuses_bad_logistics_and_report_rows_and_changes_nothing(org, tmp_path):
    berkas = _ekspor(tmp_path, org.slug)
    wb = openpyxl.load_workbook(berkas)
    ws = wb["Logistik"]
    ws.cell(row=3, column=_kolom(ws, "Rusak")).value = 1  # 226.560 received, all of them good
    ws.cell(row=4, column=_kolom(ws, "Jenis Logistik")).value = "Tinta biru"
    ws = wb["Narasi Laporan"]
    ws.cell(row=2, column=_kolom(ws, "Bagian")).value = "kata_penutup"
    wb.save(berkas)
    jenis = list(Logistik.objects.order_by("urutan").values_list("jenis", "rusak"))
    jumlah = Organisasi.objects.count()

    with pytest.raises(CommandError) as galat:
        _impor(berkas, org.slug)
    pesan = str(galat.value)
    assert "Logistik, baris 3: Baik ditambah Rusak melebihi Diterima." in pesan
    assert "Narasi Laporan, baris 2: Bagian 'kata_penutup' tidak dikenal." in pesan
    with pytest.raises(CommandError, match="Logistik, baris 3"):
        _impor(berkas, "kpu-contoh", create=True)
    assert list(Logistik.objects.order_by("urutan").values_list("jenis", "rusak")) == jenis
    assert Organisasi.objects.count() == jumlah


def test_it_adds_a_new_scale_but_never_changes_a_shared_one(org, tmp_path):
    berkas = _ekspor(tmp_path, org.slug)
    wb = openpyxl.load_workbook(berkas)
    ws = wb["Skala Ordinal"]
    ws.cell(row=2, column=_kolom(ws, "Nama Tingkat")).value = "Nama lain"
    wb.save(berkas)
    with pytest.raises(CommandError, match="Skala Ordinal, baris 2: skala '[a-z-]+' sudah ada"):
        _impor(berkas, org.slug)

    wb = openpyxl.load_workbook(_ekspor(tmp_path, org.slug))
    ws = wb["Skala Ordinal"]
    for baris, (kode, peringkat) in enumerate((("K", 1), ("B", 2)), start=ws.max_row + 1):
        for judul, nilai in (
            ("Kode Skala", "skala-uji"),
            ("Nama Skala", "Skala Uji"),
            ("Kode Tingkat", kode),
            ("Nama Tingkat", kode),
            ("Peringkat", peringkat),
        ):
            ws.cell(row=baris, column=_kolom(ws, judul)).value = nilai
    wb.save(berkas)
    keluar = _impor(berkas, org.slug)
    assert "Skala Ordinal: 3 baru" in keluar
    assert "Tidak ada perubahan." in _impor(berkas, org.slug)


def test_it_links_an_indicator_to_its_predecessor_by_kode(org, tmp_path):
    renstra = org.renstra.get()
    lama = Renstra.objects.create(
        organisasi=org, judul="Renstra 2015-2019", tahun_mulai=2015, tahun_selesai=2019, visi="V"
    )
    sasaran = SasaranStrategis.objects.create(renstra=lama, nomor=1, nama="Sasaran lama")
    ind = IndikatorKinerja.objects.filter(sasaran__renstra=renstra).order_by("pk").first()
    pendahulu = IndikatorKinerja.objects.create(
        sasaran=sasaran, kode="lama-1", nama="Indikator lama", tipe="persentase"
    )
    IndikatorKinerja.objects.filter(pk=ind.pk).update(pendahulu=pendahulu)
    berkas = _ekspor(tmp_path, org.slug)
    assert "lama-1" in [
        r[_sel(berkas)["Indikator"][0].index("Kode Pendahulu")] for r in _sel(berkas)["Indikator"]
    ]
    assert "Tidak ada perubahan." in _impor(berkas, org.slug)

    IndikatorKinerja.objects.filter(pk=ind.pk).update(pendahulu=None)
    assert "Indikator: 0 baru, 1 diubah" in _impor(berkas, org.slug)
    ind.refresh_from_db()
    assert ind.pendahulu == pendahulu
    # A new organisation has no earlier Renstra for the link to point at.
    with pytest.raises(CommandError, match="Indikator, baris 2: Kode Pendahulu 'lama-1' tidak ada"):
        _impor(berkas, "kpu-contoh", create=True)


def test_it_leaves_what_an_older_workbook_lacks_alone(org, tmp_path):
    """A workbook exported before a column or sheet existed changes none of what it holds."""
    _lengkapi(org)
    berkas = _ekspor(tmp_path, org.slug)
    wb = openpyxl.load_workbook(berkas)
    wb["Pejabat"].delete_cols(_kolom(wb["Pejabat"], "Pelaksana"))
    wb["Indikator"].delete_cols(_kolom(wb["Indikator"], "Sumber Data"))
    for nama in ("Logistik", "Narasi Laporan", "Standar Nasional"):
        del wb[nama]
    wb.save(berkas)

    assert "Tidak ada perubahan." in _impor(berkas, org.slug)
    assert Pejabat.objects.get(organisasi=org, peran="sekretaris").pelaksana == "plt"
    assert IndikatorKinerja.objects.filter(sumber_data="Laporan Subbagian Perencanaan").exists()
    assert Logistik.objects.filter(pemilihan__organisasi=org).count() == 13
