"""Realisasi anggaran per month: one grid on the budget page (all cells or none), quarters
and cumulative absorption, the LAKIP's yearly figure as the months' sum, history, the
realisation import's month columns, and who may do it."""

import io
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from anggaran.models import AnggaranKegiatan, Kegiatan, RealisasiAnggaranBulanan, RealisasiProgram
from anggaran.selectors import realisasi_bulanan
from inti.galat import Ditolak
from laporan import tabel
from laporan.selectors import data_lakip
from organisasi.models import Pengguna
from pantau.selectors import pantau_organisasi
from perencanaan.anggaran.layanan import anggaran_kegiatan_simpan, realisasi_bulanan_simpan
from tests.pembuat import pengguna

pytestmark = pytest.mark.django_db

# WA.3355: pagu 2.764.680.000. Twelve months of 200.000.000 = 2.400.000.000 (86,81 %).
DUA_RATUS_JUTA = "200.000.000"


def _url(nama: str, *args) -> str:
    return reverse(nama, args=["kpu-bengkulu-utara", 2024, *args])


def _keg(org, kode: str) -> Kegiatan:
    return Kegiatan.objects.get(program__organisasi=org, kode=kode)


def _sel(org, isian: dict[str, dict[int, str]]) -> dict[str, str]:
    return {
        f"b{_keg(org, kode).pk}_{m}": t for kode, bulan in isian.items() for m, t in bulan.items()
    }


def _ak(org, kode: str) -> AnggaranKegiatan:
    return AnggaranKegiatan.objects.get(kegiatan=_keg(org, kode), tahun=2024)


def test_it_saves_twelve_months_and_shows_quarters_and_cumulative_absorption(
    client, org, admin_org
):
    client.force_login(admin_org)
    r = client.post(
        _url("perencanaan_anggaran_bulanan"),
        _sel(org, {"WA.3355": dict.fromkeys(range(1, 13), DUA_RATUS_JUTA)}),
    )
    assert r.status_code == 302
    ak = _ak(org, "WA.3355")
    assert ak.realisasi == Decimal(2400000000)
    assert RealisasiAnggaranBulanan.objects.filter(anggaran_kegiatan=ak).count() == 12
    (baris,) = [b for b in realisasi_bulanan(organisasi=org, tahun=2024) if b.anggaran == ak]
    assert baris.triwulan == [Decimal(600000000)] * 4
    # 600.000.000 / 2.764.680.000 = 21,702…; 1,2 M → 43,40; 1,8 M → 65,11; 2,4 M → 86,81
    assert baris.serapan_kumulatif == [
        Decimal("21.70"),
        Decimal("43.40"),
        Decimal("65.11"),
        Decimal("86.81"),
    ]
    halaman = client.get(_url("perencanaan_anggaran_bulanan")).content.decode()
    assert "TW III: Rp600.000.000 · 65,11\u00a0%" in halaman
    assert 'value="200.000.000"' in halaman


def test_it_saves_nothing_when_one_cell_is_no_number_and_names_kegiatan_and_month(
    client, org, admin_org
):
    client.force_login(admin_org)
    r = client.post(
        _url("perencanaan_anggaran_bulanan"),
        _sel(
            org,
            {
                "WA.3355": dict.fromkeys(range(1, 13), DUA_RATUS_JUTA),
                "WA.3360": {1: "10.000.000", 3: "abc"},
            },
        ),
    )
    assert r.status_code == 400
    assert "Kegiatan WA.3360, Maret: &quot;abc&quot; bukan angka" in r.content.decode()
    assert not RealisasiAnggaranBulanan.objects.exists()
    assert _ak(org, "WA.3355").realisasi is None


def test_it_refuses_a_negative_month_in_the_service_and_keeps_the_months_stored(org, admin_org):
    wa = _keg(org, "WA.3355")
    realisasi_bulanan_simpan(
        pengguna=admin_org, organisasi=org, tahun=2024, isian={wa.pk: {1: Decimal(5)}}
    )
    with pytest.raises(Ditolak, match="Kegiatan WA.3355, Februari: .*tidak boleh negatif"):
        realisasi_bulanan_simpan(
            pengguna=admin_org,
            organisasi=org,
            tahun=2024,
            isian={wa.pk: {1: Decimal(7), 2: Decimal(-1)}},
        )
    assert list(RealisasiAnggaranBulanan.objects.values_list("bulan", "jumlah")) == [
        (1, Decimal(5))
    ]


def test_the_lakip_year_total_comes_from_the_months(client, org, admin_org):
    # WA's realisasi is reported per program in the reference year; without it the LAKIP
    # sums the kegiatan, whose yearly figures now come from their months.
    RealisasiProgram.objects.filter(program__kode="WA").delete()
    client.force_login(admin_org)
    r = client.post(
        _url("perencanaan_anggaran_bulanan"),
        _sel(
            org,
            {
                "WA.3355": dict.fromkeys(range(1, 13), DUA_RATUS_JUTA),
                "WA.3360": {6: "100.000.000", 12: "63.362.000"},
            },
        ),
    )
    assert r.status_code == 302
    d = data_lakip(organisasi=org, tahun=2024)
    wa = d.anggaran.program[1]
    # 2.400.000.000 + 163.362.000 = 2.563.362.000 of 2.928.042.000 = 87,545…
    assert (wa.realisasi, wa.serapan) == (Decimal(2563362000), Decimal("87.55"))
    (t, *_) = tabel.realisasi_anggaran(d)
    assert t.baris[1].sel[3] == tabel.sel_rupiah(Decimal(2563362000))
    # Pemantauan's "budget absorbed" is the same yearly figure: CQ's reported
    # 49.792.963.636 plus WA's months.
    (pantau,) = pantau_organisasi(daftar=[org], tahun=2024)
    assert pantau.realisasi_anggaran == Decimal(49792963636) + Decimal(2563362000)


def test_history_records_each_month_and_the_yearly_figure_with_who(org, admin_org):
    wa = _keg(org, "WA.3355")
    realisasi_bulanan_simpan(
        pengguna=admin_org,
        organisasi=org,
        tahun=2024,
        isian={wa.pk: {1: Decimal(100), 2: Decimal(200)}},
    )
    realisasi_bulanan_simpan(
        pengguna=admin_org, organisasi=org, tahun=2024, isian={wa.pk: {1: Decimal(150)}}
    )
    riwayat = RealisasiAnggaranBulanan.history.order_by("history_date", "history_id")
    assert [(h.history_type, h.bulan, h.jumlah) for h in riwayat] == [
        ("+", 1, Decimal(100)),
        ("+", 2, Decimal(200)),
        ("-", 2, Decimal(200)),
        ("~", 1, Decimal(150)),
    ]
    assert {h.history_user for h in riwayat} == {admin_org}
    ak = _ak(org, "WA.3355")
    assert list(ak.history.order_by("history_date").values_list("realisasi", flat=True)) == [
        None,
        Decimal(300),
        Decimal(150),
    ]


def test_a_yearly_figure_that_disagrees_with_the_months_is_refused(org, admin_org):
    wa = _keg(org, "WA.3355")
    realisasi_bulanan_simpan(
        pengguna=admin_org, organisasi=org, tahun=2024, isian={wa.pk: {1: Decimal(100)}}
    )
    with pytest.raises(Ditolak, match="diisi per bulan"):
        anggaran_kegiatan_simpan(
            pengguna=admin_org,
            kegiatan=wa,
            tahun=2024,
            pagu=Decimal(2764680000),
            realisasi=Decimal(999),
        )
    assert _ak(org, "WA.3355").realisasi == Decimal(100)
    # The pagu may change with the same yearly figure.
    anggaran_kegiatan_simpan(
        pengguna=admin_org,
        kegiatan=wa,
        tahun=2024,
        pagu=Decimal(3000000000),
        realisasi=Decimal(100),
    )
    assert _ak(org, "WA.3355").pagu == Decimal(3000000000)


def test_it_answers_403_to_staff_and_404_to_another_organisations_admin(
    client, org, org_lain, staf_keuangan
):
    data = _sel(org, {"WA.3355": {1: "1"}})
    client.force_login(staf_keuangan)
    assert client.get(_url("perencanaan_anggaran_bulanan")).status_code == 403
    assert client.post(_url("perencanaan_anggaran_bulanan"), data).status_code == 403
    client.force_login(pengguna("admin-lebong", organisasi=org_lain, peran=Pengguna.Peran.ADMIN))
    assert client.post(_url("perencanaan_anggaran_bulanan"), data).status_code == 404
    assert not RealisasiAnggaranBulanan.objects.exists()
    with pytest.raises(Ditolak, match="Hanya admin organisasi ini"):
        realisasi_bulanan_simpan(
            pengguna=staf_keuangan,
            organisasi=org,
            tahun=2024,
            isian={_keg(org, "WA.3355").pk: {1: Decimal(1)}},
        )


def _xlsx(judul: list, baris: list[list]) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.title = "WA"
    ws.append(judul)
    for b in baris:
        ws.append(b)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    keluaran.seek(0)
    keluaran.name = "realisasi.xlsx"
    return keluaran


JUDUL = ["Kode", "Uraian", "Pagu (Rp)", "Realisasi (Rp)"]


@pytest.mark.parametrize(
    "bulan", [["Jan", "Feb", "Mar"], [1, 2, 3], ["Januari", "Februari", "Maret"]]
)
def test_it_imports_month_columns(client, org, admin_org, bulan):
    client.force_login(admin_org)
    berkas = _xlsx(
        [*JUDUL, *bulan], [["WA.3355", "", "2.764.680.000", "", "100.000.000", 200000000, None]]
    )
    r = client.post(_url("perencanaan_anggaran_impor"), {"berkas": berkas})
    assert r.status_code == 302
    assert "Rp300.000.000" in client.get(r.url).content.decode()
    assert client.post(r.url, {"simpan": "1"}).status_code == 302
    ak = _ak(org, "WA.3355")
    assert ak.realisasi == Decimal(300000000)
    assert dict(ak.bulanan.values_list("bulan", "jumlah")) == {
        1: Decimal(100000000),
        2: Decimal(200000000),
    }


def test_it_refuses_an_import_whose_realisasi_is_not_the_sum_of_its_months(client, org, admin_org):
    client.force_login(admin_org)
    berkas = _xlsx(
        [*JUDUL, "Jan", "Feb"],
        [
            ["WA.3360", "", "163.362.000", "", "1.000", "2.000"],
            ["WA.3355", "", "2.764.680.000", "500", "100", "abc"],
        ],
    )
    r = client.post(_url("perencanaan_anggaran_impor"), {"berkas": berkas})
    assert r.status_code == 400
    halaman = r.content.decode()
    assert "WA, baris 3: Februari: &quot;abc&quot; bukan angka" in halaman
    assert not RealisasiAnggaranBulanan.objects.exists()
    berkas = _xlsx([*JUDUL, "Jan", "Feb"], [["WA.3355", "", "2.764.680.000", "500", "100", "200"]])
    r = client.post(_url("perencanaan_anggaran_impor"), {"berkas": berkas})
    assert r.status_code == 400
    assert "WA, baris 2: Realisasi (500) tidak sama dengan jumlah bulanannya (300)." in (
        r.content.decode()
    )
    assert not RealisasiAnggaranBulanan.objects.exists()


def test_its_template_carries_the_months_and_reads_back_without_changes(client, org, admin_org):
    wa = _keg(org, "WA.3355")
    realisasi_bulanan_simpan(
        pengguna=admin_org, organisasi=org, tahun=2024, isian={wa.pk: {3: Decimal(7000)}}
    )
    client.force_login(admin_org)
    r = client.get(_url("perencanaan_anggaran_templat"))
    ws = load_workbook(io.BytesIO(r.content))["WA"]
    judul = [c.value for c in ws[1]]
    assert judul[4:] == [
        "Kode KRO",
        "Kode RO",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Mei",
        "Jun",
        "Jul",
        "Agu",
        "Sep",
        "Okt",
        "Nov",
        "Des",
    ]
    baris = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert (baris["WA.3355"][3], baris["WA.3355"][8]) == (7000, 7000)
    berkas = io.BytesIO(r.content)
    berkas.name = "templat.xlsx"
    r = client.post(_url("perencanaan_anggaran_impor"), {"berkas": berkas})
    assert r.status_code == 302
    assert r.url == _url("perencanaan_anggaran")  # nothing to change


@pytest.mark.parametrize(("bulan", "jumlah"), [(1, -1), (13, 5), (0, 5)])
def test_the_database_refuses_a_negative_month_or_one_outside_the_year(org, bulan, jumlah):
    ak = _ak(org, "WA.3355")
    with pytest.raises(IntegrityError), transaction.atomic():
        RealisasiAnggaranBulanan.objects.create(anggaran_kegiatan=ak, bulan=bulan, jumlah=jumlah)
    RealisasiAnggaranBulanan.objects.create(anggaran_kegiatan=ak, bulan=2, jumlah=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        RealisasiAnggaranBulanan.objects.create(anggaran_kegiatan=ak, bulan=2, jumlah=3)
