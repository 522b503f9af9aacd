"""Mulai tahun: 2025 started from the reference year 2024 (its Renstra 2020–2024 has no 2025
targets, so every agreement is a copy of 2024's)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from inti.galat import Ditolak, TidakBerwenang
from kinerja.models import JadwalPeriode, PerjanjianKinerja
from laporan.models import AnalisisSasaran, LaporanKinerja
from laporan.services import laporan_narasi_simpan
from laporan.tahun_baru import tahun_baru_mulai, tahun_baru_rencana
from organisasi.models import Pejabat
from renstra.models import IndikatorKinerja, Renstra, TargetRenstra


def _target(perjanjian: PerjanjianKinerja) -> dict[str, object]:
    return {
        t.indikator.kode: t.tingkat.kode if t.tingkat else t.nilai
        for t in perjanjian.target.select_related("indikator", "tingkat")
    }


def _jumlah(org) -> tuple[int, ...]:
    return (
        PerjanjianKinerja.objects.filter(organisasi=org, tahun=2025).count(),
        JadwalPeriode.objects.filter(organisasi=org, tahun=2025).count(),
        LaporanKinerja.objects.filter(organisasi=org, tahun=2025).count(),
    )


@pytest.mark.django_db
def test_it_drafts_the_organisations_and_each_units_agreement_from_2024(org, admin_org):
    hasil = tahun_baru_mulai(organisasi=org, tahun=2025, oleh=admin_org)

    pemilik = {p.unit_kerja.slug if p.unit_kerja else "": p for p in hasil.perjanjian}
    assert sorted(pemilik) == ["", "keuangan", "parmas", "perencanaan", "teknis"]
    assert all(p.is_draf and p.versi == 1 and p.tahun == 2025 for p in hasil.perjanjian)
    # The organisation's copies the amendment in force (v2: 35 targets, sarana IT Pemilu).
    organisasi = _target(pemilik[""])
    assert len(organisasi) == 35
    assert organisasi["s3-sarana-it-pemilu"] == Decimal("100")
    assert organisasi["s4-predikat-akip"] == "BB"
    assert organisasi["s4-opini-bpk"] == "WTP"
    assert organisasi["s4-nilai-rb"] == Decimal("80")
    assert _target(pemilik["perencanaan"]) == {
        "s1-penyusunan-program": Decimal("100"),
        "s1-prosedur-penganggaran": Decimal("100"),
        "s1-diklat-teknis": Decimal("100"),
        "s4-predikat-akip": "BB",
        "s4-opini-bpk": "WTP",
        "s4-nilai-rb": Decimal("80"),
        "s6-pemutakhiran-data": Decimal("100"),
    }
    assert len(_target(pemilik["keuangan"])) == 10
    assert len(_target(pemilik["teknis"])) == 15
    assert len(_target(pemilik["parmas"])) == 4
    assert (pemilik[""].pihak_pertama.nama, pemilik[""].pihak_kedua.nama) == (
        "Samsul Bahri, S.Sos",
        "Santoso, S.Pd",
    )
    assert pemilik["keuangan"].pihak_pertama.nama == "Umar Yasin, SH"


@pytest.mark.django_db
def test_it_opens_the_periods_with_their_default_deadlines(org, admin_org):
    tahun_baru_mulai(organisasi=org, tahun=2025, oleh=admin_org)

    jadwal = dict(
        JadwalPeriode.objects.filter(organisasi=org, tahun=2025).values_list(
            "periode", "tanggal_tutup"
        )
    )
    # Organisasi.hari_tutup_baku (15) days after each quarter; the year after the year.
    assert jadwal == {
        "tw1": date(2025, 4, 15),
        "tw2": date(2025, 7, 15),
        "tw3": date(2025, 10, 15),
        "tw4": date(2026, 1, 15),
        "tahunan": date(2026, 1, 15),
    }


@pytest.mark.django_db
def test_it_copies_the_narratives_flagged_until_the_admin_saves_them(client, org, admin_org):
    lalu = LaporanKinerja.objects.get(organisasi=org, tahun=2024)
    hasil = tahun_baru_mulai(organisasi=org, tahun=2025, oleh=admin_org)

    laporan = hasil.laporan
    assert laporan is not None and laporan.perlu_ditinjau
    assert laporan.kata_pengantar == lalu.kata_pengantar != ""
    assert laporan.rencana_tindak_lanjut == lalu.rencana_tindak_lanjut
    client.force_login(admin_org)
    narasi = client.get(reverse("laporan:lakip-narasi", args=[org.slug, 2025]))
    assert "Perlu ditinjau." in narasi.content.decode()
    halaman = client.get(reverse("laporan:lakip", args=[org.slug, 2025]))
    assert (
        "Narasi dan analisis sasaran perlu ditinjau: disalin dari laporan tahun 2024"
        in halaman.content.decode()
    )

    laporan_narasi_simpan(
        organisasi=org, tahun=2025, nilai={"tempat": "Arga Makmur"}, analisis={}, oleh=admin_org
    )
    laporan.refresh_from_db()
    assert not laporan.perlu_ditinjau
    halaman = client.get(reverse("laporan:lakip", args=[org.slug, 2025]))
    assert "perlu ditinjau" not in halaman.content.decode()


@pytest.mark.django_db
def test_it_refuses_a_second_start_and_changes_nothing(org, admin_org):
    tahun_baru_mulai(organisasi=org, tahun=2025, oleh=admin_org)
    sebelum = _jumlah(org)
    assert sebelum == (5, 5, 1)

    with pytest.raises(Ditolak, match="Tahun 2025 sudah dimulai: sudah ada 5 perjanjian"):
        tahun_baru_mulai(organisasi=org, tahun=2025, oleh=admin_org)
    assert _jumlah(org) == sebelum


@pytest.mark.django_db
def test_it_writes_nothing_when_one_agreement_cannot_be_drafted(org, admin_org):
    # The Parmas head left mid-2024 and nobody succeeds: that draft has no pihak pertama.
    Pejabat.objects.filter(organisasi=org, unit_kerja__slug="parmas").update(
        selesai=date(2024, 6, 30)
    )
    with pytest.raises(
        Ditolak,
        match="Pejabat Kepala Subbagian Partisipasi Masyarakat dan SDM yang menjabat pada "
        "1 Januari 2025 belum tercatat",
    ):
        tahun_baru_mulai(organisasi=org, tahun=2025, oleh=admin_org)
    assert _jumlah(org) == (0, 0, 0)


@pytest.mark.django_db
def test_it_extends_a_term_recorded_up_to_last_years_end(org, admin_org):
    Pejabat.objects.filter(organisasi=org, peran="ketua").update(selesai=date(2024, 12, 31))

    rencana = tahun_baru_rencana(organisasi=org, tahun=2025, oleh=admin_org)

    ketua = next(r for r in rencana.pejabat if r.pejabat.peran == "ketua")
    assert ketua.diperpanjang
    assert ketua.keterangan == "masa jabatan diperpanjang sampai 31-12-2025"
    sekretaris = next(r for r in rencana.pejabat if r.pejabat.peran == "sekretaris")
    assert (sekretaris.keterangan, sekretaris.diperpanjang) == ("berlanjut", False)
    # Not in office on 1 January 2025 yet, but extended by this start: the drafts name him.
    assert rencana.masalah == []
    hasil = tahun_baru_mulai(organisasi=org, tahun=2025, oleh=admin_org)
    assert hasil.perjanjian[0].pihak_kedua.pk == ketua.pejabat.pk


@pytest.mark.django_db
def test_it_answers_403_to_anyone_but_the_organisations_admin(
    client, org, admin_org, pimpinan, kepala_keuangan
):
    alamat = reverse("laporan:tahun-baru", args=[org.slug, 2025])
    for orang in (pimpinan, kepala_keuangan):
        client.force_login(orang)
        assert client.get(alamat).status_code == 403
        assert client.post(alamat).status_code == 403
        with pytest.raises(TidakBerwenang):
            tahun_baru_mulai(organisasi=org, tahun=2025, oleh=orang)
    assert _jumlah(org) == (0, 0, 0)

    client.force_login(admin_org)
    daftar = reverse("perjanjian_daftar", args=[org.slug, 2025])
    assert f'href="{alamat}"' in client.get(daftar).content.decode()
    halaman = client.get(alamat).content.decode()
    assert "Mulai tahun 2025?" in halaman
    assert "disalin dari perjanjian kinerja 2024 versi 2 (35 indikator" in halaman
    respons = client.post(alamat)
    assert respons.status_code == 302
    assert _jumlah(org) == (5, 5, 1)
    assert f'href="{alamat}"' not in client.get(daftar).content.decode()


@pytest.mark.django_db
def test_it_starts_a_year_from_the_command_line(org, admin_org, kepala_keuangan, capsys):
    with pytest.raises(CommandError, match="Hanya admin organisasi ini"):
        call_command(
            "mulai_tahun", "--org", org.slug, "--tahun", "2025", "--pengguna", "kepala-keuangan-uji"
        )
    call_command("mulai_tahun", "--org", org.slug, "--tahun", "2025", "--pengguna", "admin-uji")
    keluaran = capsys.readouterr().out
    assert "Tahun 2025 dimulai: 5 draf perjanjian kinerja, 5 periode dijadwalkan" in keluaran


@pytest.mark.django_db
def test_it_keeps_what_the_admin_already_set_for_the_year(org, admin_org):
    # Before the start: TW I scheduled by hand, the 2025 narrative already typed.
    JadwalPeriode.objects.create(
        organisasi=org, tahun=2025, periode="tw1", tanggal_tutup=date(2025, 5, 2)
    )
    laporan_narasi_simpan(
        organisasi=org,
        tahun=2025,
        nilai={"kata_pengantar": "Pengantar 2025 yang sudah diketik."},
        analisis={},
        oleh=admin_org,
    )

    hasil = tahun_baru_mulai(organisasi=org, tahun=2025, oleh=admin_org)

    assert hasil.laporan is None
    assert [j.periode for j in hasil.periode] == ["tw2", "tw3", "tw4", "tahunan"]
    jadwal = JadwalPeriode.objects.get(organisasi=org, tahun=2025, periode="tw1")
    assert jadwal.tanggal_tutup == date(2025, 5, 2)
    laporan = LaporanKinerja.objects.get(organisasi=org, tahun=2025)
    assert laporan.kata_pengantar == "Pengantar 2025 yang sudah diketik."
    assert not laporan.perlu_ditinjau


def _ketua_berganti(org) -> tuple[Pejabat, Pejabat]:
    """The Ketua's term ends 31 December 2024; a successor serves 2025; a third person holds
    the office from 2026 on (today's holder)."""
    lama = Pejabat.objects.get(organisasi=org, peran="ketua")
    lama.selesai = date(2024, 12, 31)
    lama.save()
    pengganti = Pejabat.objects.create(
        organisasi=org,
        peran="ketua",
        nama="Rahmat Hidayat, S.H.",
        jabatan="Ketua",
        mulai=date(2025, 1, 1),
        selesai=date(2025, 12, 31),
    )
    Pejabat.objects.create(
        organisasi=org, peran="ketua", nama="Dewi Lestari", jabatan="Ketua", mulai=date(2026, 1, 1)
    )
    return lama, pengganti


@pytest.mark.django_db
def test_it_names_the_officials_in_office_on_the_new_years_first_day(client, org, admin_org):
    lama, pengganti = _ketua_berganti(org)
    client.force_login(admin_org)
    halaman = client.get(reverse("laporan:tahun-baru", args=[org.slug, 2025])).content.decode()
    assert "Pihak: Sekretaris Samsul Bahri, S.Sos; Ketua Rahmat Hidayat, S.H." in halaman

    rencana = tahun_baru_rencana(organisasi=org, tahun=2025, oleh=admin_org)
    keterangan = next(r.keterangan for r in rencana.pejabat if r.pejabat.pk == lama.pk)
    assert keterangan == "digantikan Rahmat Hidayat, S.H. mulai 01-01-2025"
    hasil = tahun_baru_mulai(organisasi=org, tahun=2025, oleh=admin_org)

    organisasi = next(p for p in hasil.perjanjian if p.unit_kerja is None)
    # Not last year's Ketua, nor the one in office today: the one of 1 January 2025.
    assert organisasi.pihak_kedua.nama == "Rahmat Hidayat, S.H."
    lama.refresh_from_db()
    assert lama.selesai == date(2024, 12, 31)


@pytest.mark.django_db
def test_it_copies_each_sasarans_analysis_flagged_with_the_narratives(client, org, admin_org):
    lalu = dict(
        AnalisisSasaran.objects.filter(laporan__organisasi=org, laporan__tahun=2024)
        .exclude(teks="")
        .values_list("sasaran__nomor", "teks")
    )
    assert len(lalu) >= 2
    client.force_login(admin_org)
    rencana = client.get(reverse("laporan:tahun-baru", args=[org.slug, 2025])).content.decode()
    assert f"Narasi laporan tahun 2024 dan {len(lalu)} analisis per sasaran disalin" in rencana

    hasil = tahun_baru_mulai(organisasi=org, tahun=2025, oleh=admin_org)

    baru = dict(
        AnalisisSasaran.objects.filter(laporan=hasil.laporan).values_list("sasaran__nomor", "teks")
    )
    assert baru == lalu
    narasi = client.get(reverse("laporan:lakip-narasi", args=[org.slug, 2025])).content.decode()
    _nomor, teks = sorted(lalu.items())[0]
    assert teks.splitlines()[0] in narasi
    assert narasi.count("Perlu ditinjau: disalin dari laporan tahun lalu.") == len(lalu)
    lakip = client.get(reverse("laporan:lakip", args=[org.slug, 2025])).content.decode()
    assert teks.splitlines()[0] in lakip

    # Saving the form is the review of the narratives and the analyses alike.
    laporan_narasi_simpan(organisasi=org, tahun=2025, nilai={}, analisis={}, oleh=admin_org)
    narasi = client.get(reverse("laporan:lakip-narasi", args=[org.slug, 2025])).content.decode()
    assert "Perlu ditinjau" not in narasi


@pytest.mark.django_db
def test_it_copies_only_the_analyses_of_the_sasaran_the_new_agreement_carries(org, admin_org):
    # The Renstra extended to 2025 with targets for sasaran 2 only: the organisation's draft
    # comes from them, and the 2025 report shows sasaran 2 alone.
    renstra = Renstra.objects.get(organisasi=org, tahun_mulai=2020)
    renstra.tahun_selesai = 2025
    renstra.save()
    for ind in IndikatorKinerja.objects.filter(
        sasaran__renstra=renstra, sasaran__nomor=2, tingkat="sasaran_strategis"
    ):
        TargetRenstra.objects.create(indikator=ind, tahun=2025, nilai=Decimal(100))
    lalu = AnalisisSasaran.objects.filter(laporan__organisasi=org, laporan__tahun=2024)
    assert lalu.exclude(teks="").count() >= 2

    hasil = tahun_baru_mulai(organisasi=org, tahun=2025, oleh=admin_org)

    assert hasil.perjanjian[0].unit_kerja is None
    assert {t.indikator.sasaran.nomor for t in hasil.perjanjian[0].target.all()} == {2}
    baru = AnalisisSasaran.objects.filter(laporan=hasil.laporan)
    assert [(a.sasaran.nomor, a.teks) for a in baru] == [(2, lalu.get(sasaran__nomor=2).teks)]
