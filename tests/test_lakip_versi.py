"""The LAKIP's cached PDF found from the versions of its data (laporan.tembolok): every kind of
write bumps them through the database's triggers, whatever path it takes, and the next export
shows it; an unchanged report is answered in a few queries without assembling it.

WeasyPrint is replaced by a recorder that returns the HTML it was handed as the "PDF", so each
test sees what would have been printed and how many times printing ran.
"""

import importlib
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F

from anggaran.models import AnggaranKegiatan
from kinerja.models import Realisasi
from laporan import services
from laporan.models import LaporanKinerja, VersiLaporan
from logistik.models import Logistik
from organisasi.models import Pejabat
from renstra.models import IndikatorKinerja, TargetRenstra

pytestmark = pytest.mark.django_db

pemicu = importlib.import_module("laporan.migrations.0013_versi_laporan_pemicu")


@pytest.fixture
def cetakan(monkeypatch) -> list[str]:
    """Every HTML handed to the PDF renderer; the "PDF" is that HTML's bytes."""
    dicetak: list[str] = []

    def rekam(html: str) -> bytes:
        dicetak.append(html)
        return html.encode()

    monkeypatch.setattr(services, "html_ke_pdf", rekam)
    return dicetak


def _pdf(org, tahun: int = 2024) -> services.PdfLakip:
    return services.lakip_pdf(organisasi=org, tahun=tahun)


def _teks(pdf: services.PdfLakip) -> str:
    return pdf.isi.decode()


def _realisasi_2024(org) -> Realisasi:
    return (
        Realisasi.objects.filter(
            indikator__sasaran__renstra__organisasi=org, tahun=2024, nilai__isnull=False
        )
        .order_by("pk")
        .first()
    )


def _realisasi_nilai(org) -> str:
    # A raw QuerySet.update(): no save(), no signal.
    r = _realisasi_2024(org)
    Realisasi.objects.filter(pk=r.pk).update(kendala="Kendala uji versi: hujan deras.")
    return "Kendala uji versi: hujan deras."


def _target(org) -> str:
    t = TargetRenstra.objects.filter(
        indikator__sasaran__renstra__organisasi=org, nilai__isnull=False
    ).first()
    t.nilai = Decimal("12345")
    t.save()
    return "12.345"


def _pagu(org) -> str:
    a = AnggaranKegiatan.objects.filter(kegiatan__program__organisasi=org, tahun=2024).first()
    a.pagu = Decimal("987654321")
    a.save()
    return "987.654.321"


def _narasi(org) -> str:
    LaporanKinerja.objects.filter(organisasi=org, tahun=2024).update(
        kata_pengantar="Pengantar uji versi yang baru."
    )
    return "Pengantar uji versi yang baru."


def _pejabat(org) -> str:
    p = Pejabat.objects.filter(organisasi=org, unit_kerja__isnull=True).first()
    p.nama = "Drs. Pejabat Uji Versi, M.Si."
    p.save()
    return "Drs. Pejabat Uji Versi, M.Si."


def _indikator(org) -> str:
    i = IndikatorKinerja.objects.filter(sasaran__renstra__organisasi=org).first()
    IndikatorKinerja.objects.filter(pk=i.pk).update(nama="Indikator uji versi yang diganti")
    return "Indikator uji versi yang diganti"


def _logistik(org) -> str:
    baris = Logistik.objects.filter(pemilihan__organisasi=org).first()
    baris.jenis = "Kotak suara uji versi"
    baris.save()
    return "Kotak suara uji versi"


@pytest.mark.parametrize(
    "tulis", [_realisasi_nilai, _target, _pagu, _narasi, _pejabat, _indikator, _logistik]
)
def test_it_prints_again_after_each_kind_of_write(org, cetakan, tulis):
    assert _pdf(org).sumber == "baru"
    assert _pdf(org).sumber == "cache"
    assert len(cetakan) == 1

    baru = tulis(org)

    pdf = _pdf(org)
    assert pdf.sumber == "baru"
    assert len(cetakan) == 2
    assert baru in _teks(pdf) and baru not in cetakan[0]


def test_it_serves_an_unchanged_report_in_three_queries_without_assembling_it(
    org, cetakan, django_assert_num_queries
):
    pertama = _pdf(org)
    # The final version, the data versions, the cache map.
    with django_assert_num_queries(3):
        kedua = _pdf(org)
    assert kedua.sumber == "cache"
    assert kedua.isi == pertama.isi
    assert len(cetakan) == 1


def test_it_keeps_the_cache_through_writes_of_another_organisation_or_a_later_year(
    org, org_lain, cetakan
):
    _pdf(org)
    Pejabat.objects.create(
        organisasi=org_lain,
        peran=Pejabat.Peran.KETUA,
        nama="Ketua Lebong",
        jabatan="Ketua",
        mulai=date(2024, 1, 1),
    )
    r = _realisasi_2024(org)
    Realisasi.objects.create(
        indikator=r.indikator, tahun=2025, periode=r.periode, nilai=Decimal("1")
    )
    assert _pdf(org).sumber == "cache"
    assert len(cetakan) == 1


def test_it_prints_again_after_a_write_of_an_earlier_year_that_the_report_compares_with(
    org, cetakan
):
    _pdf(org)
    sebelum = VersiLaporan.objects.get(organisasi=org.pk, tahun=2023).versi
    Realisasi.objects.filter(indikator__sasaran__renstra__organisasi=org, tahun=2023).update(
        nilai=F("nilai") + 1
    )

    assert VersiLaporan.objects.get(organisasi=org.pk, tahun=2023).versi > sebelum
    assert _pdf(org).sumber == "baru"
    assert len(cetakan) == 2


def test_it_answers_from_the_document_cache_after_a_write_that_changes_nothing(
    org, cetakan, django_assert_num_queries
):
    _pdf(org)
    r = _realisasi_2024(org)
    Realisasi.objects.filter(pk=r.pk).update(nilai=r.nilai)

    # The versions moved, so the report is assembled again; its document is the same, so
    # WeasyPrint does not run and the next request is fast again.
    assert _pdf(org).sumber == "cache"
    assert len(cetakan) == 1
    with django_assert_num_queries(3):
        assert _pdf(org).sumber == "cache"


def test_it_bumps_the_row_s_organisation_and_year_on_insert_update_and_delete(org):
    def versi() -> int:
        return VersiLaporan.objects.get(organisasi=org.pk, tahun=2024).versi

    # An UPDATE bumps the old row's counter and the new row's (a row may move).
    awal = versi()
    baris = Logistik.objects.filter(pemilihan__organisasi=org, pemilihan__tahun=2024).first()
    Logistik.objects.filter(pk=baris.pk).update(satuan="buah")
    assert versi() == awal + 2
    pemilihan, data = baris.pemilihan, {"satuan": "buah", "dipesan": 1, "diterima": 1}
    Logistik.objects.bulk_create(
        [Logistik(pemilihan=pemilihan, urutan=99, jenis="Uji", baik=1, rusak=0, **data)]
    )
    assert versi() == awal + 3
    Logistik.objects.filter(pemilihan=pemilihan, urutan=99).delete()
    assert versi() == awal + 4


def test_it_bumps_the_shared_counter_when_a_row_s_organisation_cannot_be_found(db):
    from renstra.models import SkalaOrdinal

    def bersama() -> int:
        baris = VersiLaporan.objects.filter(organisasi=0, tahun=0).first()
        return baris.versi if baris else 0

    awal = bersama()
    SkalaOrdinal.objects.filter(pk__in=SkalaOrdinal.objects.values("pk")[:1]).update(
        nama="Skala uji"
    )
    assert bersama() == awal + 2  # the old row and the new


def test_it_has_a_trigger_on_every_listed_table():
    """SQLite drops a table's triggers when a migration rebuilds it: this fails until that
    migration installs them again (laporan.migrations.0013_versi_laporan_pemicu)."""
    with connection.cursor() as c:
        if connection.vendor == "sqlite":
            c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            c.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        ada = {baris[0] for baris in c.fetchall()}
    akhiran = ("_insert", "_update", "_delete") if connection.vendor == "sqlite" else ("",)
    hilang = [pemicu.nama_pemicu(t) + a for t in pemicu.SUMBER for a in akhiran]
    assert [n for n in hilang if n not in ada] == []


def test_it_downloads_an_unchanged_report_from_the_cache_in_a_few_queries(
    client, admin_org, org, cetakan, django_assert_num_queries
):
    client.force_login(admin_org)
    url = f"/laporan/{org.slug}/2024/pdf/"
    assert client.get(url).status_code == 200  # rendered by the (eager) task
    assert len(cetakan) == 1
    # Session, user and organisation; final version, data versions, cache map; the session's
    # save (an UPDATE between two savepoints).
    with django_assert_num_queries(9):
        jawaban = client.get(url)
    assert jawaban["X-LAKIP-Sumber"] == "cache"
    assert jawaban.content.decode() == cetakan[0]
    assert len(cetakan) == 1
