"""Pemantauan's exports and the capaian per indicator: a small generated province (four
kab/kota and a satker below one of them), every figure checked against values computed here
from the inputs, the XLSX and CSV equal to the page, access as the page, and query counts
that do not grow with the number of organisations."""

import csv
import io
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from inti.xlsx import angka_dari_sel
from kinerja.models import PerjanjianKinerja, Realisasi, TargetKinerja
from laporan.models import LaporanFinal, LaporanKinerja
from organisasi.models import Organisasi, Pejabat, Pengguna, UnitKerja
from pantau import tasks
from renstra.models import IndikatorKinerja, Renstra, SasaranStrategis
from tests.pembuat import pengguna, sahkan
from tests.test_pantau import _anak_massal

pytestmark = pytest.mark.django_db
TAHUN = 2024

# Per satker: indicator code -> (target, verified yearly realisasi or None). The codes are
# shared, as those of satker made from the KPU template are.
MASUKAN: dict[str, dict[str, tuple[int, int | None]]] = {
    "kab-1": {"IK-1": (80, 60), "IK-2": (50, 55)},
    "kab-2": {"IK-1": (90, 90), "IK-2": (50, None)},
    "kab-3": {"IK-1": (120, 100), "IK-2": (50, 30)},
    "kab-4": {"IK-1": (100, 120), "IK-2": (40, 36), "IK-3": (10, 5)},
    "kec-1a": {"IK-1": (80, 32)},  # below kab-1: a grandchild of the province
}


def _persen(target: int, realisasi: int) -> Decimal:
    """Higher is better: realisasi / target x 100, half-up to two decimals."""
    return (Decimal(realisasi) * 100 / Decimal(target)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _satker(slug: str, induk: Organisasi, nilai: dict[str, tuple[int, int | None]]) -> Organisasi:
    o = Organisasi.objects.create(
        nama=f"Komisi Pemilihan Umum {slug}", nama_singkat=f"KPU {slug}", slug=slug,
        induk=induk, provinsi="Bengkulu" if slug != "kab-4" else "Lampung",
    )  # fmt: skip
    renstra = Renstra.objects.create(
        organisasi=o, judul="Renstra", tahun_mulai=2020, tahun_selesai=2024, visi="Visi"
    )
    sasaran = SasaranStrategis.objects.create(renstra=renstra, nomor=1, nama="Sasaran")
    pejabat = [
        Pejabat.objects.create(
            organisasi=o, peran=peran, nama=peran, jabatan=peran, mulai=date(2023, 1, 1)
        )
        for peran in (Pejabat.Peran.SEKRETARIS, Pejabat.Peran.KETUA)
    ]
    pk = PerjanjianKinerja.objects.create(
        organisasi=o, tahun=TAHUN, tempat="Kota", tanggal=date(2024, 1, 15),
        pihak_pertama=pejabat[0], pihak_kedua=pejabat[1],
    )  # fmt: skip
    for n, (kode, (target, realisasi)) in enumerate(nilai.items(), start=1):
        ind = IndikatorKinerja.objects.create(
            sasaran=sasaran, kode=kode, nama=f"Indikator {kode}", urutan=n
        )
        TargetKinerja.objects.create(perjanjian=pk, indikator=ind, nilai=target, urutan=n)
        if realisasi is not None:
            Realisasi.objects.create(
                indikator=ind, tahun=TAHUN, periode="tahunan", nilai=realisasi,
                status=Realisasi.Status.DIVERIFIKASI,
            )  # fmt: skip
    sahkan(pk)
    return o


@pytest.fixture
def prov() -> dict[str, Organisasi]:
    p = Organisasi.objects.create(
        nama="Komisi Pemilihan Umum Provinsi Uji", nama_singkat="KPU Provinsi Uji",
        slug="prov-uji", provinsi="Bengkulu",
    )  # fmt: skip
    hasil = {"prov": p}
    for slug in ("kab-1", "kab-2", "kab-3", "kab-4"):
        hasil[slug] = _satker(slug, p, MASUKAN[slug])
    hasil["kec-1a"] = _satker("kec-1a", hasil["kab-1"], MASUKAN["kec-1a"])
    laporan = LaporanKinerja.objects.create(organisasi=hasil["kab-2"], tahun=TAHUN, tempat="Kota")
    LaporanFinal.objects.create(
        laporan=laporan, versi=1, berkas="final/k2.pdf", sha256="ef" * 32, sidik_html="cd" * 32,
        ukuran=1, difinalkan_pada=timezone.make_aware(datetime(2025, 2, 20, 10, 0)),
    )  # fmt: skip
    return hasil


@pytest.fixture
def pimpinan_prov(client, prov):
    client.force_login(pengguna("pimpinan-prov", organisasi=prov["prov"], peran="pimpinan"))
    return client


def _diharapkan() -> dict[str, dict]:
    """Per code, the distribution computed here from MASUKAN, over every satker below."""
    hasil = {}
    for kode in sorted({k for nilai in MASUKAN.values() for k in nilai}):
        masukan = [nilai[kode] for nilai in MASUKAN.values() if kode in nilai]
        persen = sorted(_persen(t, r) for t, r in masukan if r is not None)
        hasil[kode] = {
            "satker": len(masukan),
            "dihitung": len(persen),
            "min": persen[0],
            "median": median(persen).quantize(Decimal("0.01"), ROUND_HALF_UP),
            "max": persen[-1],
            "di_bawah": sum(p < 100 for p in persen),
        }
    return hasil


def test_it_computes_the_distribution_per_indicator(pimpinan_prov):
    halaman = pimpinan_prov.get(f"/pantau/prov-uji/{TAHUN}/indikator/")
    assert halaman.status_code == 200
    dihitung = {
        d.kode: {
            "satker": d.jumlah_satker,
            "dihitung": d.dihitung,
            "min": d.minimum,
            "median": d.median,
            "max": d.maksimum,
            "di_bawah": d.di_bawah_target,
        }
        for d in halaman.context["distribusi"]
    }
    assert dihitung == _diharapkan()
    # IK-1 over five satker: 75, 100, 83,33, 120 and the grandchild's 40.
    assert dihitung["IK-1"] == {
        "satker": 5, "dihitung": 5, "min": Decimal("40.00"), "median": Decimal("83.33"),
        "max": Decimal("120.00"), "di_bawah": 3,
    }  # fmt: skip
    # IK-2 at kab-2 has no value yet: counted as a satker, not in the figures.
    assert dihitung["IK-2"]["median"] == Decimal("90.00")
    isi = halaman.content.decode()
    assert "83,33\u00a0%" in isi and 'href="/pantau/prov-uji/2024/indikator/IK-1/"' in isi


def test_it_lists_each_satker_value_of_an_indicator(pimpinan_prov):
    isi = pimpinan_prov.get(f"/pantau/prov-uji/{TAHUN}/indikator/IK-2/").content.decode()
    assert "110,00\u00a0%" in isi and "60,00\u00a0%" in isi and "90,00\u00a0%" in isi
    assert isi.count("Di bawah target</span>") == 2  # kab-3 (60) and kab-4 (90)
    assert 'href="/laporan/kab-3/2024/"' in isi
    assert "KPU kec-1a" not in isi  # it has no IK-2
    assert pimpinan_prov.get(f"/pantau/prov-uji/{TAHUN}/indikator/IK-9/").status_code == 404


def _lembar(isi: bytes, nama: str) -> list[list]:
    """The rows below the title and headings; numbers as Decimal (inti.xlsx.angka_dari_sel)."""
    ws = load_workbook(io.BytesIO(isi))[nama]
    return [
        [angka_dari_sel(v) if isinstance(v, float) else v for v in r]
        for r in ws.iter_rows(min_row=3, values_only=True)
    ]


def _csv(isi: bytes) -> list[list[str]]:
    assert isi.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(isi.decode("utf-8-sig")), delimiter=";"))


def _angka_csv(teks: str) -> Decimal | None:
    return Decimal(teks.replace(",", ".")) if teks else None


@pytest.mark.parametrize("saring", [{}, {"urut": "-capaian"}, {"provinsi": "Bengkulu"}])
def test_it_exports_the_rows_and_figures_of_the_page(pimpinan_prov, saring):
    dasar = f"/pantau/prov-uji/{TAHUN}/"
    baris = pimpinan_prov.get(dasar, saring).context["baris"]
    xlsx = _lembar(pimpinan_prov.get(dasar + "xlsx/", saring).content, "Pemantauan")
    teks = _csv(pimpinan_prov.get(dasar + "csv/", saring).content)
    judul, badan = teks[0], teks[1:]
    kolom = {nama: i for i, nama in enumerate(judul)}
    assert (
        [r[0] for r in xlsx] == [r[0] for r in badan] == [b.organisasi.nama_singkat for b in baris]
    )
    for b, x, c in zip(baris, xlsx, badan, strict=True):
        i = kolom["RATA-RATA CAPAIAN (%)"]
        assert x[i] == b.rata_capaian and _angka_csv(c[i]) == b.rata_capaian
        i = kolom["Triwulan I DIHARAPKAN"]
        assert x[i] == int(c[i]) == b.triwulan[0].diharapkan
        assert x[kolom["KATEGORI"]] == c[kolom["KATEGORI"]] == b.kategori.nama
        assert x[kolom["LAKIP"]] == c[kolom["LAKIP"]] == b.status_lakip
        assert x[kolom["PERJANJIAN KINERJA"]] == "Ditandatangani"
    if not saring:
        # The figures computed here: kab-1 (75 + 110) / 2, kab-3 (83,33 + 60) / 2.
        rata = {r[0]: r[kolom["RATA-RATA CAPAIAN (%)"]] for r in badan}
        assert rata["KPU kab-1"] == "92,50" and rata["KPU kab-3"] == "71,67"
        assert rata["KPU kab-4"] == "86,67" and rata["KPU kab-2"] == "100,00"
        final = next(r for r in badan if r[0] == "KPU kab-2")
        assert final[kolom["SHA-256 LAKIP"]] == "ef" * 32
        assert final[kolom["DIFINALKAN PADA"]] == "2025-02-20"


def test_it_puts_the_distribution_on_a_sheet_and_in_a_csv(pimpinan_prov):
    dasar = f"/pantau/prov-uji/{TAHUN}/"
    diharapkan = {
        kode: [d["satker"], d["dihitung"], d["min"], d["median"], d["max"], d["di_bawah"]]
        for kode, d in _diharapkan().items()
    }
    lembar = _lembar(pimpinan_prov.get(dasar + "xlsx/").content, "Per indikator")
    assert {r[0]: r[2:] for r in lembar} == diharapkan
    teks = _csv(pimpinan_prov.get(dasar + "indikator/", {"format": "csv"}).content)[1:]
    assert {
        r[0]: [int(r[2]), int(r[3]), *(_angka_csv(x) for x in r[4:7]), int(r[7])] for r in teks
    } == diharapkan


def test_it_offers_the_background_workbook_for_big_tables(pimpinan_prov, monkeypatch):
    dasar = f"/pantau/prov-uji/{TAHUN}/"
    isi = pimpinan_prov.get(dasar).content.decode()
    assert f'href="{dasar}xlsx/"' in isi and f'action="{dasar}xlsx/susun/"' not in isi
    monkeypatch.setattr("pantau.views.BATAS_LANGSUNG", 2)  # three rows "belum": big now
    isi = pimpinan_prov.get(dasar, {"status": "belum"}).content.decode()
    assert f'href="{dasar}xlsx/' not in isi and f'action="{dasar}xlsx/susun/"' in isi
    form = isi.split(f'action="{dasar}xlsx/susun/"', 1)[1].split("</form>", 1)[0]
    assert '<input type="hidden" name="status" value="belum">' in form


def test_it_builds_the_workbook_in_the_background(pimpinan_prov, prov, ruang_pribadi):
    dasar = f"/pantau/prov-uji/{TAHUN}/"
    respons = pimpinan_prov.post(dasar + "xlsx/susun/", {"urut": "nama"})
    assert respons.status_code == 302
    unduh = pimpinan_prov.get(respons.url)  # eager without a broker: ready at once
    assert unduh["Content-Disposition"] == 'attachment; filename="pantau-prov-uji-2024.xlsx"'
    langsung = pimpinan_prov.get(dasar + "xlsx/", {"urut": "nama"}).content
    assert _lembar(unduh.content, "Pemantauan") == _lembar(langsung, "Pemantauan")
    # A key that names nothing (yet): the page that waits for it.
    tunggu = pimpinan_prov.get(dasar + "xlsx/" + "0" * 32 + "/")
    assert tunggu.status_code == 200 and b'http-equiv="refresh"' in tunggu.content
    # Run again with the same key (a redelivered task), the stored file stays as it is.
    kunci = respons.url.rstrip("/").rsplit("/", 1)[1]
    nama = tasks.susun_xlsx_pantau.delay("prov-uji", TAHUN, {}, kunci).get()
    assert nama == f"pantau/xlsx/pantau-prov-uji-2024-{kunci}.xlsx"
    assert pimpinan_prov.get(respons.url).content == unduh.content
    # Written under a temporary name and renamed: nothing half-written is left behind.
    assert [p.name for p in (ruang_pribadi / "pantau" / "xlsx").iterdir()] == [nama.rsplit("/")[-1]]


def test_it_shows_the_charts_with_their_numbers(pimpinan_prov):
    respons = pimpinan_prov.get(f"/pantau/prov-uji/{TAHUN}/")
    utama = respons.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    # Drawn on the server, no script (the CSP allows none inline anyway).
    assert utama.count("<svg") == 2 and "<script" not in utama and " style=" not in utama
    assert 'id="grafik-kategori-judul"' in utama and 'id="grafik-isian-judul"' in utama
    # Berhasil: kab-1 (92,50) and kab-2 (100); Cukup Berhasil: kab-3 and kab-4.
    sebaran = {n: j for n, j, _ in respons.context["sebaran"]}
    assert sebaran["Berhasil"] == 2 and sebaran["Cukup Berhasil"] == 2
    assert sebaran["Sangat Berhasil"] == 0 and sebaran["Belum ada capaian"] == 0
    baris = '<th scope="row" class="fw-normal">Berhasil</th><td class="angka">2</td>'
    assert baris in utama
    # Every quarter expects the nine indicators of the four agreements; none entered.
    tw1 = respons.context["isian"][0]
    assert (tw1.diharapkan, tw1.diverifikasi, tw1.belum_diisi) == (9, 0, 9)


def test_it_expands_a_child_to_its_own_children(pimpinan_prov):
    isi = pimpinan_prov.get(f"/pantau/prov-uji/{TAHUN}/").content.decode()
    rinci = isi.split("<details", 1)[1].split("</details>", 1)[0]
    assert "1 organisasi di bawahnya" in rinci
    assert 'href="/laporan/kec-1a/2024/"' in rinci and "40,00\u00a0%" in rinci
    assert 'href="/pantau/kab-1/2024/"' in rinci
    assert isi.count("<details") == 1  # kab-2 to kab-4 have nothing below
    # The export holds the organisations directly below only, as the table.
    teks = _csv(pimpinan_prov.get(f"/pantau/prov-uji/{TAHUN}/csv/").content)
    assert [r[0] for r in teks[1:]] == ["KPU kab-1", "KPU kab-2", "KPU kab-3", "KPU kab-4"]


HALAMAN = [
    "/pantau/{slug}/2024/xlsx/",
    "/pantau/{slug}/2024/csv/",
    "/pantau/{slug}/2024/indikator/",
    "/pantau/{slug}/2024/indikator/IK-1/",
]


@pytest.mark.parametrize("halaman", HALAMAN)
@pytest.mark.parametrize(
    ("pembaca", "peran", "dibaca", "kode"),
    [
        ("prov", "pimpinan", "prov", 200),
        ("prov", "admin", "kab-1", 200),  # a child, read-only
        ("kab-2", "admin", "kab-1", 404),  # a sibling
        ("kab-1", "admin", "prov", 404),  # the parent
        ("kec-1a", "admin", "prov", 404),  # the grandparent
        ("kec-1a", "pimpinan", "kab-1", 404),
    ],
)
def test_it_checks_access_as_the_page(client, prov, halaman, pembaca, peran, dibaca, kode):
    client.force_login(pengguna(f"{peran}-{pembaca}", organisasi=prov[pembaca], peran=peran))
    assert client.get(halaman.format(slug=prov[dibaca].slug)).status_code == kode


def test_it_refuses_staff_and_others_the_background_workbook(client, prov):
    unit = UnitKerja.objects.create(
        organisasi=prov["prov"], nama="Keuangan", nama_singkat="Keuangan", slug="keuangan",
        jenis=UnitKerja.Jenis.SUBBAGIAN,
    )  # fmt: skip
    client.force_login(pengguna("staf-prov", organisasi=prov["prov"], peran="staf", unit=unit))
    assert client.get(f"/pantau/prov-uji/{TAHUN}/csv/").status_code == 403
    assert client.post(f"/pantau/prov-uji/{TAHUN}/xlsx/susun/").status_code == 403
    client.force_login(pengguna("admin-prov", organisasi=prov["prov"], peran="admin"))
    kunci = client.post(f"/pantau/prov-uji/{TAHUN}/xlsx/susun/").url.rstrip("/").rsplit("/")[-1]
    client.force_login(pengguna("admin-k2", organisasi=prov["kab-2"], peran="admin"))
    assert client.get(f"/pantau/prov-uji/{TAHUN}/xlsx/{kunci}/").status_code == 404


def _query(client, url: str) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q.captured_queries)


def test_it_exports_in_the_same_queries_for_10_and_100(client, org):
    hitungan = {}
    for banyak in (10, 100):
        p = Organisasi.objects.create(
            nama=f"KPU Provinsi {banyak}", nama_singkat=f"Prov {banyak}", slug=f"prov-{banyak}"
        )
        _anak_massal(p, banyak, org)
        client.force_login(pengguna(f"admin-{banyak}", organisasi=p, peran=Pengguna.Peran.ADMIN))
        dasar = f"/pantau/{p.slug}/{TAHUN}/"
        hitungan[banyak] = [
            _query(client, dasar + akhir) for akhir in ("xlsx/", "csv/", "indikator/")
        ]
        isi = client.get(dasar + "indikator/").context["distribusi"]
        assert sum(d.jumlah_satker for d in isi) == 2 * banyak  # two indicators each
    assert hitungan[10] == hitungan[100]
