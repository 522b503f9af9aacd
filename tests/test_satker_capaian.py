"""A new satker (template kpu-kabkota) with one indicator of each special kind gets the
capaian its rules give, in the report's data and on the report page: lower is better, an
ordinal level and a target band. The expected figures are computed here from the rules
(PermenPANRB 6/2022 and the README's "How capaian is computed"), not by the engine."""

import io
import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from inti.capaian import Polaritas, TipeNilai
from kinerja.models import JadwalPeriode, Periode, PerjanjianKinerja, Realisasi
from kinerja.perjanjian.services import (
    perjanjian_buat_dari_renstra,
    perjanjian_catat_ditandatangani,
)
from kinerja.realisasi.services.isian import IsianBaris, realisasi_simpan_formulir
from kinerja.realisasi.services.verifikasi import realisasi_verifikasi
from laporan.selectors import data_lakip
from organisasi.models import Organisasi, Pejabat, Pengguna
from perencanaan.renstra.services import NilaiSel, bagian_simpan, target_renstra_simpan
from renstra.models import IndikatorKinerja, TingkatSkala
from tests.pembuat import pengguna

pytestmark = pytest.mark.django_db

SERATUS = Decimal(100)


def _dua_desimal(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _kategori(persen: Decimal) -> str:
    """The default scale (the reference's Tabel 8), upper bounds inclusive."""
    if persen > 100:
        return "Sangat Berhasil"
    if persen > 90:
        return "Berhasil"
    if persen > 70:
        return "Cukup Berhasil"
    if persen > 50:
        return "Kurang Berhasil"
    return "Tidak Berhasil"


# Lower is better: (2 x target - realisasi) / target x 100 = 40,00 (Tidak Berhasil); simply
# dividing would give 160 %.
TURUN_TARGET, TURUN_REALISASI = Decimal(5), Decimal(8)
TURUN_PERSEN = _dua_desimal((2 * TURUN_TARGET - TURUN_REALISASI) / TURUN_TARGET * SERATUS)
# Ordinal: rank of realisasi / rank of target; predikat AKIP D=1 ... BB=5, A=6, AA=7: A against
# BB is 120,00 (Sangat Berhasil).
ORDINAL_PERSEN = _dua_desimal(Decimal(6) / Decimal(5) * SERATUS)
# Band [90, 110], realisasi 115 above it: lower is better against the upper bound, 95,45
# (Berhasil).
RENTANG_BAWAH, RENTANG_ATAS, RENTANG_REALISASI = Decimal(90), Decimal(110), Decimal(115)
RENTANG_PERSEN = _dua_desimal((2 * RENTANG_ATAS - RENTANG_REALISASI) / RENTANG_ATAS * SERATUS)


def _satker() -> tuple[Organisasi, Pengguna]:
    call_command(
        "buat_satker",
        templat="kpu-kabkota",
        slug="kpu-tiga-jenis",
        nama="Komisi Pemilihan Umum Kabupaten Tiga Jenis",
        stdout=io.StringIO(),
    )
    baru = Organisasi.objects.get(slug="kpu-tiga-jenis")
    admin = pengguna("admin-tiga-jenis", organisasi=baru, peran=Pengguna.Peran.ADMIN)
    Pejabat.objects.create(
        organisasi=baru, peran=Pejabat.Peran.KETUA, nama="Ketua Tiga Jenis",
        jabatan="Ketua", mulai=date(2025, 1, 1),
    )  # fmt: skip
    Pejabat.objects.create(
        organisasi=baru, peran=Pejabat.Peran.SEKRETARIS, nama="Sekretaris Tiga Jenis",
        jabatan="Sekretaris", mulai=date(2025, 1, 1),
    )  # fmt: skip
    return baru, admin


def _indikator(baru: Organisasi, admin: Pengguna) -> tuple[IndikatorKinerja, ...]:
    """The template's predikat AKIP (ordinal), and two indicators the satker adds to the
    same sasaran on its Renstra page: lower is better, and a band."""
    akip = IndikatorKinerja.objects.get(sasaran__renstra__organisasi=baru, kode="s4-predikat-akip")
    baru_ind = []
    for kode, nama, polaritas in (
        ("s4-temuan-spi", "Jumlah temuan SPI yang belum ditindaklanjuti", Polaritas.TURUN),
        ("s4-serapan-tw", "Persentase serapan anggaran terhadap rencana", Polaritas.RENTANG),
    ):
        baru_ind.append(
            bagian_simpan(
                oleh=admin,
                objek=IndikatorKinerja(
                    sasaran=akip.sasaran,
                    kode=kode,
                    nama=nama,
                    tingkat=akip.tingkat,
                    tipe=TipeNilai.PERSENTASE,
                    polaritas=polaritas,
                    unit_kerja=akip.unit_kerja,
                    urutan=90 + len(baru_ind),
                ),
            )  # fmt: skip
        )
    return akip, *baru_ind


def _isi_realisasi(admin, unit, isian: list[IsianBaris]) -> None:
    realisasi_simpan_formulir(
        pengguna=admin, unit_kerja=unit, tahun=2025, periode="tahunan", isian=isian, ajukan=True
    )
    versi = dict(
        Realisasi.objects.filter(indikator__unit_kerja=unit, tahun=2025).values_list("pk", "versi")
    )
    realisasi_verifikasi(
        pengguna=admin, unit_kerja=unit, tahun=2025, periode="tahunan", versi=versi
    )


def _baris_tabel(html: str, nama: str) -> str:
    """The text of the first table row naming the indicator, tags stripped."""
    for baris in re.findall(r"<tr[^>]*>.*?</tr>", html, flags=re.S):
        teks = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", baris))
        if nama in teks and "%" in teks:
            return teks
    raise AssertionError(f"Tidak ada baris tabel untuk {nama!r}")


def test_it_reports_lower_is_better_ordinal_and_band_indicators_by_their_rules(client):
    baru, admin = _satker()
    akip, temuan, serapan = _indikator(baru, admin)
    renstra = akip.sasaran.renstra
    bb = TingkatSkala.objects.get(skala=akip.skala, kode="BB")
    a = TingkatSkala.objects.get(skala=akip.skala, kode="A")
    target_renstra_simpan(
        oleh=admin,
        renstra=renstra,
        target={
            (akip.pk, 2025): NilaiSel(tingkat=bb),
            (temuan.pk, 2025): NilaiSel(nilai=TURUN_TARGET),
            (serapan.pk, 2025): NilaiSel(nilai=RENTANG_BAWAH, nilai_atas=RENTANG_ATAS),
        },
    )
    draf = perjanjian_buat_dari_renstra(organisasi=baru, tahun=2025, oleh=admin)
    assert draf.target.count() == 3
    perjanjian_catat_ditandatangani(perjanjian=PerjanjianKinerja.objects.get(pk=draf.pk))
    JadwalPeriode.objects.create(
        organisasi=baru, tahun=2025, periode=Periode.TAHUNAN,
        tanggal_tutup=timezone.localdate() + timedelta(days=30),
    )  # fmt: skip
    _isi_realisasi(
        admin,
        akip.unit_kerja,
        [
            IsianBaris(indikator=akip, versi=0, tingkat=a),
            IsianBaris(indikator=temuan, versi=0, nilai=TURUN_REALISASI),
            IsianBaris(indikator=serapan, versi=0, nilai=RENTANG_REALISASI),
        ],
    )

    # Three kinds, three different verdicts.
    harapan = {
        akip.nama: (ORDINAL_PERSEN, _kategori(ORDINAL_PERSEN)),
        temuan.nama: (TURUN_PERSEN, _kategori(TURUN_PERSEN)),
        serapan.nama: (RENTANG_PERSEN, _kategori(RENTANG_PERSEN)),
    }
    assert len({k for _p, k in harapan.values()}) == 3
    data = data_lakip(organisasi=baru, tahun=2025)
    assert {
        b.indikator.nama: (b.persen, b.kategori.nama if b.kategori else None)
        for b in data.capaian.baris
    } == harapan

    client.force_login(admin)
    html = client.get("/laporan/kpu-tiga-jenis/2025/").content.decode()
    for nama, (persen, kategori) in harapan.items():
        baris = _baris_tabel(html, nama)
        angka = f"{persen:.2f}".replace(".", ",")
        assert f"{angka} %" in baris or f"{angka}%" in baris, baris
        # Exactly its category: "Berhasil" alone, not inside "Sangat Berhasil".
        disebut = re.findall(r"(?:Sangat |Cukup |Kurang |Tidak )?Berhasil", baris)
        assert disebut == [kategori], baris
