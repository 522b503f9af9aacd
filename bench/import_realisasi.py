"""Time to import a filled realisasi template of 5,000 rows, on SQLite and PostgreSQL.

For each database (a fresh SQLite file in a temporary folder; a recreated PostgreSQL
database, by default sakip_bench_impor on 127.0.0.1, skipped with a message when no server
answers) it migrates, loads the 2024 reference year and generates a signed next version of
the organisation's agreement with 5,000 more indicators spread over its units (as many rows
as 140 offices of the reference's size would send). It writes the organisation's template
for the first quarter with the export command, types a value into every row with openpyxl,
then times `import_realisasi` (5,000 new values), and once more after changing every value
(5,000 updates). It prints the times and the number of queries. Not a test.

Environment:
  BENCH_POSTGRES_URL   the PostgreSQL database to recreate (default
                       postgres://postgres@127.0.0.1:5432/sakip_bench_impor); "" skips it
  BENCH_BARIS          rows to generate (default 5000)
"""

import io
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
BARIS = int(os.environ.get("BENCH_BARIS", "5000"))
POSTGRES = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/sakip_bench_impor"
)
ORG = "kpu-bengkulu-utara"


def _recreate_postgres(url: str) -> None:
    import psycopg

    nama = urlparse(url).path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", nama):
        raise SystemExit(f"Nama database tidak aman: {nama!r}")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {nama} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {nama}")


def _siapkan() -> None:
    """Reference year plus a signed version 3 of the agreement with BARIS more indicators."""
    from decimal import Decimal

    from django.core.management import call_command

    from kinerja.capaian import perjanjian_berlaku
    from kinerja.models import PerjanjianKinerja, TargetKinerja
    from kinerja.perjanjian.services import perjanjian_catat_ditandatangani
    from organisasi.models import Organisasi, UnitKerja
    from renstra.models import IndikatorKinerja, SasaranStrategis

    call_command("migrate", verbosity=0)
    call_command("load_reference", stdout=io.StringIO())
    org = Organisasi.objects.get(slug=ORG)
    berlaku = perjanjian_berlaku(organisasi=org, tahun=2024)
    baru = PerjanjianKinerja.objects.create(
        organisasi=org,
        tahun=2024,
        versi=berlaku.versi + 1,
        tempat=berlaku.tempat,
        tanggal=berlaku.tanggal,
        pihak_pertama=berlaku.pihak_pertama,
        pihak_kedua=berlaku.pihak_kedua,
    )
    TargetKinerja.objects.bulk_create(
        TargetKinerja(
            perjanjian=baru,
            indikator_id=t.indikator_id,
            nilai=t.nilai,
            tingkat_id=t.tingkat_id,
            urutan=t.urutan,
        )
        for t in berlaku.target.all()
    )
    sasaran = list(SasaranStrategis.objects.filter(renstra__organisasi=org))
    unit = list(UnitKerja.objects.filter(organisasi=org, jenis=UnitKerja.Jenis.SUBBAGIAN))
    indikator = IndikatorKinerja.objects.bulk_create(
        IndikatorKinerja(
            sasaran=sasaran[n % len(sasaran)],
            kode=f"bench-{n}",
            nama=f"Indikator bangku uji {n}",
            unit_kerja=unit[n % len(unit)],
            urutan=1000 + n,
        )
        for n in range(BARIS)
    )
    TargetKinerja.objects.bulk_create(
        TargetKinerja(perjanjian=baru, indikator=i, nilai=Decimal("100"), urutan=1000)
        for i in indikator
    )
    perjanjian_catat_ditandatangani(perjanjian=baru)


def _isi(berkas: Path, geser: int) -> int:
    """Type a value into every generated row, as someone would in Excel."""
    import openpyxl

    from kinerja.realisasi.templat import BARIS_JUDUL, JUDUL

    wb = openpyxl.load_workbook(berkas)
    ws = wb.worksheets[0]
    k_kode, k_nilai = JUDUL.index("Kode") + 1, JUDUL.index("Realisasi") + 1
    diisi = 0
    for r in range(BARIS_JUDUL + 1, ws.max_row + 1):
        kode = ws.cell(row=r, column=k_kode).value or ""
        if kode.startswith("bench-"):
            n = int(kode.split("-")[1])
            # Numbers as Excel stores them and text as people type it, half each.
            nilai = 50 + (n + geser) % 50
            ws.cell(row=r, column=k_nilai).value = nilai if n % 2 else f"{nilai},5"
            diisi += 1
    wb.save(berkas)
    return diisi


def _impor(berkas: Path) -> tuple[float, int, str]:
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    keluaran = io.StringIO()
    with CaptureQueriesContext(connection) as q:
        mulai = time.perf_counter()
        call_command(
            "import_realisasi", "--org", ORG, "--year", "2024", str(berkas), stdout=keluaran
        )
        detik = time.perf_counter() - mulai
    return detik, len(q), keluaran.getvalue().strip().splitlines()[-1]


def satu_database() -> None:
    """Runs in a child process, with DATABASE_URL set by the parent."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command

    from kinerja.models import Realisasi

    _siapkan()
    folder = Path(os.environ["BENCH_FOLDER"])
    for putaran, judul in ((0, "5.000 nilai baru"), (7, "5.000 nilai diubah")):
        berkas = folder / f"realisasi-{putaran}.xlsx"
        call_command(
            "export_realisasi_template",
            "--org",
            ORG,
            "--year",
            "2024",
            "--period",
            "tw1",
            "--output",
            str(berkas),
            stdout=io.StringIO(),
        )
        diisi = _isi(berkas, putaran)
        detik, kueri, ringkas = _impor(berkas)
        print(f"  {judul:20} {diisi} baris  {detik:6.2f} s  {kueri:4d} kueri  ({ringkas})")
    jumlah = Realisasi.objects.filter(tahun=2024, periode="tw1", status="diverifikasi").count()
    print(f"  tersimpan: {jumlah} nilai triwulan I berstatus diverifikasi")


def _jalankan(nama: str, url: str, folder: str) -> None:
    print(f"{nama}:", flush=True)
    env = dict(os.environ, DATABASE_URL=url, BENCH_FOLDER=folder, BENCH_SATU="1")
    # Our own script with fixed arguments, no shell.
    subprocess.run([sys.executable, __file__], cwd=ROOT, env=env, check=True)  # noqa: S603


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="sakip-bench-impor-") as folder:
        _jalankan("SQLite", f"sqlite:///{folder}/bench.sqlite3", folder)
        if not POSTGRES:
            return
        import psycopg

        try:
            _recreate_postgres(POSTGRES)
        except psycopg.OperationalError as exc:  # no server there
            print(f"PostgreSQL dilewati: {exc}")
            return
        _jalankan("PostgreSQL", POSTGRES, folder)


if __name__ == "__main__":
    if os.environ.get("BENCH_SATU"):
        satu_database()
    else:
        main()
