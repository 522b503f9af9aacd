"""Pemantauan: the organisations below a province, their figures checked against values
computed here by hand, and a query count that does not grow with their number."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from anggaran.models import AnggaranKegiatan, Kegiatan, Program
from kinerja.capaian import tabel_capaian
from kinerja.models import PerjanjianKinerja, Realisasi, TargetKinerja
from laporan.models import LaporanFinal, LaporanKinerja
from organisasi.models import Organisasi, Pejabat, Pengguna, UnitKerja
from pantau.selectors import pantau_organisasi
from renstra.models import IndikatorKinerja, Renstra, SasaranStrategis
from tests.pembuat import pengguna, sahkan

TAHUN = 2024


def _kab(prov: Organisasi, slug: str, nama: str) -> Organisasi:
    return Organisasi.objects.create(
        nama=f"Komisi Pemilihan Umum {nama}", nama_singkat=f"KPU {nama}", slug=slug, induk=prov,
        provinsi="Bengkulu",
    )  # fmt: skip


def _pejabat(o: Organisasi) -> tuple[Pejabat, Pejabat]:
    buat = lambda peran, nama: Pejabat.objects.create(  # noqa: E731
        organisasi=o, peran=peran, nama=nama, jabatan=nama, mulai=date(2023, 1, 1)
    )
    return buat(Pejabat.Peran.KETUA, "Ketua"), buat(Pejabat.Peran.SEKRETARIS, "Sekretaris")


def _dengan_indikator(o: Organisasi, realisasi: list[Decimal | None]) -> list[IndikatorKinerja]:
    """A Renstra, one sasaran, an indicator per value (target 100), a signed agreement and
    each value verified as the year's realisasi (None: no value)."""
    renstra = Renstra.objects.create(
        organisasi=o, judul="Renstra", tahun_mulai=2020, tahun_selesai=2024, visi="Visi"
    )
    sasaran = SasaranStrategis.objects.create(renstra=renstra, nomor=1, nama="Sasaran")
    ketua, sekretaris = _pejabat(o)
    pk = PerjanjianKinerja.objects.create(
        organisasi=o, tahun=TAHUN, tempat="Kota", tanggal=date(2024, 1, 15),
        pihak_pertama=sekretaris, pihak_kedua=ketua,
    )  # fmt: skip
    indikator = []
    for n, nilai in enumerate(realisasi, start=1):
        ind = IndikatorKinerja.objects.create(
            sasaran=sasaran, kode=f"IK{n}", nama=f"Indikator {n}", urutan=n
        )
        TargetKinerja.objects.create(perjanjian=pk, indikator=ind, nilai=Decimal(100), urutan=n)
        if nilai is not None:
            Realisasi.objects.create(
                indikator=ind, tahun=TAHUN, periode="tahunan", nilai=nilai,
                status=Realisasi.Status.DIVERIFIKASI,
            )  # fmt: skip
        indikator.append(ind)
    sahkan(pk)
    return indikator


@pytest.fixture
def provinsi(org) -> dict[str, Organisasi]:
    """KPU Provinsi Bengkulu over the reference kab/kota and two built ones: A with three
    indicators (80, 95, none), B with a budget and no agreement."""
    prov = Organisasi.objects.create(
        nama="Komisi Pemilihan Umum Provinsi Bengkulu", nama_singkat="KPU Provinsi Bengkulu",
        slug="kpu-provinsi-bengkulu", provinsi="Bengkulu",
    )  # fmt: skip
    Organisasi.objects.filter(pk=org.pk).update(induk=prov)
    a = _kab(prov, "kpu-kab-a", "Kabupaten A")
    b = _kab(prov, "kpu-kab-b", "Kabupaten B")
    ind = _dengan_indikator(a, [Decimal(80), Decimal(95), None])
    # TW I: one value verified, one submitted, one missing.
    Realisasi.objects.create(
        indikator=ind[0], tahun=TAHUN, periode="tw1", nilai=20, status=Realisasi.Status.DIVERIFIKASI
    )
    Realisasi.objects.create(
        indikator=ind[1], tahun=TAHUN, periode="tw1", nilai=25, status=Realisasi.Status.DIAJUKAN
    )
    LaporanKinerja.objects.create(organisasi=a, tahun=TAHUN, tempat="Kota")
    program = Program.objects.create(organisasi=b, kode="01", nama="Program")
    for kode, pagu, realisasi in (("01.1", 600_000, 500_000), ("01.2", 400_000, 250_000)):
        kegiatan = Kegiatan.objects.create(program=program, kode=kode, nama=kode)
        AnggaranKegiatan.objects.create(
            kegiatan=kegiatan, tahun=TAHUN, pagu=Decimal(pagu), realisasi=Decimal(realisasi)
        )
    laporan = LaporanKinerja.objects.create(organisasi=b, tahun=TAHUN, tempat="Kota")
    LaporanFinal.objects.create(
        laporan=laporan, versi=1, berkas="final/b.pdf", sha256="ab" * 32, sidik_html="cd" * 32,
        ukuran=1, difinalkan_pada=timezone.make_aware(datetime(2025, 2, 20, 10, 0)),
    )  # fmt: skip
    return {"prov": prov, "a": a, "b": b, "ref": Organisasi.objects.get(pk=org.pk)}


def test_it_computes_each_kab_kota_figures(provinsi):
    baris = {
        b.organisasi.slug: b
        for b in pantau_organisasi(
            daftar=[provinsi["a"], provinsi["b"], provinsi["ref"]],
            tahun=TAHUN,
            hari_ini=date(2024, 5, 1),
        )
    }
    a, b, ref = baris["kpu-kab-a"], baris["kpu-kab-b"], baris["kpu-bengkulu-utara"]
    # A: (80 + 95) / 2 = 87.5, "Cukup Berhasil" (70-90); one each of 80 % and 95 %, one empty.
    assert a.rata_capaian == Decimal("87.50")
    assert a.kategori.nama == "Cukup Berhasil"
    assert a.ringkasan["Cukup Berhasil"] == 1
    assert a.ringkasan["Berhasil"] == 1
    assert a.ringkasan["Belum ada realisasi"] == 1
    tw1 = a.triwulan[0]
    assert (tw1.terisi, tw1.diverifikasi, tw1.diharapkan) == (2, 1, 3)
    assert a.ditandatangani and a.ditandatangani_pada == date(2024, 1, 15)
    assert a.lakip == "draf"
    # TW I closed on 15 April (15 days after the quarter) with one value missing.
    assert a.terlambat == ["Pengisian Triwulan I"]
    # B: 750.000 of 1.000.000 absorbed; final LAKIP; no agreement by 31 January.
    assert (b.pagu, b.realisasi_anggaran, b.serapan) == (
        Decimal(1_000_000),
        Decimal(750_000),
        Decimal("75.00"),
    )
    assert b.lakip == "final" and b.final.sha256 == "ab" * 32
    assert b.perjanjian is None and b.rata_capaian is None
    assert b.terlambat == ["Penandatanganan perjanjian kinerja"]
    # The reference kab/kota: the LAKIP's own capaian table, averaged here.
    tabel = tabel_capaian(organisasi=provinsi["ref"], tahun=TAHUN)
    persen = [x.persen for x in tabel.baris if x.persen is not None]
    assert ref.rata_capaian == (sum(persen) / len(persen)).quantize(Decimal("0.01"))
    assert ref.ditandatangani


def test_it_shows_the_table_and_filters_with_get(client, provinsi):
    client.force_login(pengguna("pimpinan-prov", organisasi=provinsi["prov"], peran="pimpinan"))
    url = f"/pantau/{provinsi['prov'].slug}/{TAHUN}/"
    isi = client.get(url).content.decode()
    assert "KPU Kabupaten A" in isi and "KPU Kabupaten B" in isi
    assert "87,50" in isi and "75,00" in isi and "ab" * 32 in isi
    assert 'href="/laporan/kpu-kab-a/2024/"' in isi
    assert 'href="/pantau/' in client.get("/").content.decode()  # the menu link
    final = client.get(url, {"status": "final"}).content.decode()
    assert "KPU Kabupaten B" in final and "KPU Kabupaten A" not in final
    urut = client.get(url, {"urut": "-capaian"}).content.decode()
    assert urut.index("KPU Kabupaten A") > urut.index(str(provinsi["ref"].nama_singkat))


def test_it_refuses_staff_and_siblings(client, provinsi, org):
    client.force_login(pengguna("pimpinan-prov", organisasi=provinsi["prov"], peran="pimpinan"))
    assert client.get(f"/pantau/{provinsi['a'].slug}/{TAHUN}/").status_code == 200  # a child
    unit = UnitKerja.objects.create(
        organisasi=provinsi["prov"], nama="Keuangan", nama_singkat="Keuangan", slug="keuangan",
        jenis=UnitKerja.Jenis.SUBBAGIAN,
    )  # fmt: skip
    staf = pengguna("staf-prov", organisasi=provinsi["prov"], peran="staf", unit=unit)
    client.force_login(staf)
    assert client.get(f"/pantau/{provinsi['prov'].slug}/{TAHUN}/").status_code == 403
    assert 'href="/pantau/' not in client.get("/").content.decode()
    client.force_login(pengguna("admin-a", organisasi=provinsi["a"], peran=Pengguna.Peran.ADMIN))
    assert client.get(f"/pantau/{provinsi['b'].slug}/{TAHUN}/").status_code == 404
    assert client.get(f"/pantau/{provinsi['prov'].slug}/{TAHUN}/").status_code == 404
    assert 'href="/pantau/' not in client.get("/").content.decode()


def _anak_massal(prov: Organisasi, n: int, ref: Organisasi) -> None:
    """n kab/kota under `prov`, each with officials, a draft agreement over two of the
    reference indicators, a program with a kegiatan and a report: bulk inserts."""
    anak = Organisasi.objects.bulk_create(
        Organisasi(nama=f"KPU Uji {i}", nama_singkat=f"KPU Uji {i}", slug=f"uji-{prov.slug}-{i}",
                   induk=prov, provinsi=f"Provinsi {i % 3}")
        for i in range(n)
    )  # fmt: skip
    pejabat = Pejabat.objects.bulk_create(
        Pejabat(organisasi=o, peran=peran, nama=peran, jabatan=peran, mulai=date(2023, 1, 1))
        for o in anak
        for peran in ("sekretaris", "ketua")
    )
    pk = PerjanjianKinerja.objects.bulk_create(
        PerjanjianKinerja(organisasi=o, tahun=TAHUN, tempat="Kota",
                          pihak_pertama=pejabat[2 * n], pihak_kedua=pejabat[2 * n + 1])
        for n, o in enumerate(anak)
    )  # fmt: skip
    indikator = list(
        IndikatorKinerja.objects.filter(sasaran__renstra__organisasi=ref).order_by("pk")[:2]
    )
    TargetKinerja.objects.bulk_create(
        TargetKinerja(perjanjian=p, indikator=i, nilai=Decimal(100)) for p in pk for i in indikator
    )
    program = Program.objects.bulk_create(Program(organisasi=o, kode="01", nama="P") for o in anak)
    kegiatan = Kegiatan.objects.bulk_create(
        Kegiatan(program=p, kode="1", nama="K") for p in program
    )
    AnggaranKegiatan.objects.bulk_create(
        AnggaranKegiatan(kegiatan=k, tahun=TAHUN, pagu=Decimal(1000)) for k in kegiatan
    )
    LaporanKinerja.objects.bulk_create(
        LaporanKinerja(organisasi=o, tahun=TAHUN, tempat="Kota") for o in anak
    )


@pytest.mark.parametrize("banyak", [10, 100])
def test_it_answers_in_the_same_queries_for_10_and_100(
    client, org, django_assert_num_queries, banyak
):
    prov = Organisasi.objects.create(nama="KPU Provinsi Uji", nama_singkat="Prov", slug="prov")
    _anak_massal(prov, banyak, org)
    client.force_login(pengguna("admin-prov", organisasi=prov, peran=Pengguna.Peran.ADMIN))
    with django_assert_num_queries(JUMLAH_QUERY):
        respons = client.get(f"/pantau/{prov.slug}/{TAHUN}/")
    assert respons.status_code == 200
    assert respons.content.decode().count('href="/laporan/uji-prov-') >= banyak


JUMLAH_QUERY = 20  # session, user, organisation, those below and theirs, the rows, the menu
