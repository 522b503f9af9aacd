"""Builders shared by tests: named accounts, signatures, and more data than the reference
year has. Fixtures live in conftest.py and call these; a test module imports its helpers from
here (or isian.py, lembar.py), never conftest itself or another test module."""

import hashlib
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from kinerja.capaian import perjanjian_berlaku
from kinerja.models import PerjanjianKinerja, Realisasi, TargetKinerja
from kinerja.perjanjian.services import perjanjian_catat_ditandatangani, perjanjian_tandatangani
from laporan.models import LaporanFinal
from organisasi.models import Organisasi, Pejabat, Pengguna, UnitKerja
from renstra.models import IndikatorKinerja

PASSWORD = "kata-sandi-uji-123"


def pengguna(username: str, *, organisasi, peran: str, unit=None, **lainnya) -> Pengguna:
    return Pengguna.objects.create_user(
        username=username,
        password=PASSWORD,
        organisasi=organisasi,
        peran=peran,
        unit_kerja=unit,
        **lainnya,
    )


def pemegang_jabatan(
    org: Organisasi, username: str, peran_pejabat: str, peran: str, unit_slug: str = ""
) -> Pengguna:
    """A user account linked to the official who holds the position (Pejabat.pengguna)."""
    unit = UnitKerja.objects.get(organisasi=org, slug=unit_slug) if unit_slug else None
    user = pengguna(username, organisasi=org, peran=peran, unit=unit if peran == "kepala" else None)
    qs = Pejabat.objects.filter(organisasi=org, peran=peran_pejabat)
    if unit_slug:
        qs = qs.filter(unit_kerja__slug=unit_slug)
    pejabat = qs.latest("mulai")
    pejabat.pengguna = user
    pejabat.save(update_fields=["pengguna"])
    return user


def tandatangani(perjanjian: PerjanjianKinerja, *penandatangan: Pengguna) -> PerjanjianKinerja:
    """Sign in the application, each holder in turn, past the warnings."""
    for orang in penandatangan:
        perjanjian_tandatangani(
            perjanjian=perjanjian, pengguna=orang, password=PASSWORD, abaikan_peringatan=True
        )
    perjanjian.refresh_from_db()
    return perjanjian


def versi_baru(org, tahun: int = 2024) -> PerjanjianKinerja:
    """A draft next version of the organisation's agreement in force, with its targets.

    Signed agreements cannot gain targets (the database refuses), so tests that need more
    indicators in force add them to this draft and then sign it with `sahkan`."""
    berlaku = perjanjian_berlaku(organisasi=org, tahun=tahun)
    baru = PerjanjianKinerja.objects.create(
        organisasi=org, tahun=tahun, versi=berlaku.versi + 1, tempat=berlaku.tempat,
        tanggal=berlaku.tanggal, pihak_pertama=berlaku.pihak_pertama,
        pihak_kedua=berlaku.pihak_kedua,
    )  # fmt: skip
    TargetKinerja.objects.bulk_create(
        TargetKinerja(
            perjanjian=baru,
            indikator_id=t.indikator_id,
            nilai=t.nilai,
            tingkat_id=t.tingkat_id,
            urutan=t.urutan,
        )  # fmt: skip
        for t in berlaku.target.all()
    )
    return baru


def sahkan(perjanjian: PerjanjianKinerja) -> None:
    perjanjian_catat_ditandatangani(perjanjian=perjanjian)
    perjanjian.refresh_from_db()


def sepuluh_kali_indikator(org) -> None:
    """A signed version 3 carrying every indicator of version 2 and nine copies of each,
    with targets and verified values."""
    v3 = versi_baru(org)
    asal = list(v3.target.select_related("indikator"))
    for salinan in range(1, 10):
        for t in asal:
            ind = t.indikator
            baru = IndikatorKinerja.objects.create(
                sasaran=ind.sasaran, kode=f"{ind.kode}-{salinan}", nama=f"{ind.nama} ({salinan})",
                tipe=ind.tipe, skala=ind.skala, polaritas=ind.polaritas, urutan=ind.urutan + 100,
            )  # fmt: skip
            TargetKinerja.objects.create(
                perjanjian=v3, indikator=baru, nilai=t.nilai, tingkat=t.tingkat, urutan=t.urutan
            )
            lama = Realisasi.objects.filter(indikator=ind, tahun=2024).first()
            if lama:
                Realisasi.objects.create(
                    indikator=baru, tahun=2024, periode="tahunan", nilai=lama.nilai,
                    tingkat=lama.tingkat, status=Realisasi.Status.DIVERIFIKASI,
                )  # fmt: skip
    sahkan(v3)


def sepuluh_kali_indikator_keuangan(org) -> None:
    """Nine more copies of each Keuangan indicator in the agreement in force, with targets
    and a Triwulan I value: 120 rows on the unit's entry form."""
    perjanjian = versi_baru(org)
    unit = UnitKerja.objects.get(organisasi=org, slug="keuangan")
    asli = list(IndikatorKinerja.objects.filter(unit_kerja=unit))
    for n in range(9):
        for i in asli:
            salinan = IndikatorKinerja.objects.create(
                sasaran=i.sasaran,
                kode=f"{i.kode}-{n}",
                nama=f"{i.nama} ({n})",
                tingkat=i.tingkat,
                tipe=i.tipe,
                unit_kerja=unit,
                urutan=i.urutan,
            )
            if i.tingkat == IndikatorKinerja.Tingkat.SASARAN_STRATEGIS:
                TargetKinerja.objects.create(
                    perjanjian=perjanjian, indikator=salinan, nilai=Decimal("100")
                )
            else:
                salinan.target_renstra.create(tahun=2024, nilai=Decimal("100"))
            Realisasi.objects.create(indikator=salinan, tahun=2024, periode="tw1", nilai=n)
    sahkan(perjanjian)


ROOT = Path(__file__).resolve().parent.parent


def django_setup_terpisah(**env: str) -> subprocess.CompletedProcess:
    """django.setup() in a fresh interpreter with these environment variables."""
    lingkungan = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**lingkungan, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def satker_baru(slug: str, *, induk: Organisasi | None = None) -> Organisasi:
    """An organisation with no data yet: its LAKIP prints the default texts and empty tables
    (and it holds no signed agreement, so a transactional test may flush it)."""
    return Organisasi.objects.create(
        nama=f"Komisi Pemilihan Umum {slug}", nama_singkat=f"KPU {slug}", slug=slug,
        kota="Bengkulu", induk=induk,
    )  # fmt: skip


def final_berubah(org: Organisasi, tahun: int = 2024) -> LaporanFinal:
    """A final LAKIP whose stored PDF was changed on disk after finalisation: every read of it
    is refused (the SHA-256 no longer matches)."""
    from laporan.services import laporan_kinerja_buat

    asli = b"%PDF-1.7\n% LAKIP final asli\n"
    final = LaporanFinal(
        laporan=laporan_kinerja_buat(organisasi=org, tahun=tahun), versi=1,
        sha256=hashlib.sha256(asli).hexdigest(), sidik_html="0" * 64, ukuran=len(asli),
        difinalkan_pada=timezone.now(),
    )  # fmt: skip
    final.berkas.save("lakip.pdf", ContentFile(asli), save=False)
    final.save()
    Path(final.berkas.path).write_bytes(b"%PDF-1.7\n% diubah di luar aplikasi\n")
    return final
