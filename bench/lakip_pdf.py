"""Time to produce the reference year's LAKIP PDF: ours end to end, WeasyPrint alone on the
exported HTML, our overhead, and the cached second request: found by the data versions
(laporan.tembolok, what lakip_pdf does now) and by assembling the report to hash its HTML (what
it did before), the median of CACHED_RUNS each.

Runs against a fresh temporary SQLite database with the reference data loaded. Prints
figures; it is not a test. Usage: python bench/lakip_pdf.py
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

RUNS = 3
CACHED_RUNS = 25


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    tmp = Path(tempfile.mkdtemp(prefix="lakip-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(tmp / "media")
    os.environ["PRIVATE_MEDIA_ROOT"] = str(tmp / "private")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["LOG_LEVEL"] = "WARNING"

    import django

    django.setup()
    import pypdf
    import weasyprint
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from laporan import services
    from laporan.dokumen import susun_dokumen
    from laporan.selectors import data_lakip
    from organisasi.models import Organisasi

    call_command("migrate", verbosity=0)
    call_command("load_reference", stdout=io.StringIO())
    org = Organisasi.objects.get(slug="kpu-bengkulu-utara")
    cache = Path(os.environ["PRIVATE_MEDIA_ROOT"]) / "lakip" / "cache"

    def ours() -> float:
        for berkas in cache.glob("*.pdf"):
            berkas.unlink()  # force a real render
        mulai = time.perf_counter()
        pdf = services.lakip_pdf(organisasi=org, tahun=2024)
        assert pdf.sumber == "baru"
        return time.perf_counter() - mulai

    html = susun_dokumen(data_lakip(organisasi=org, tahun=2024)).html

    def weasy_alone() -> float:
        mulai = time.perf_counter()
        weasyprint.HTML(string=html).write_pdf()
        return time.perf_counter() - mulai

    ours()  # warm up fonts and templates
    kita = min(ours() for _ in range(RUNS))
    weasy = min(weasy_alone() for _ in range(RUNS))
    services.lakip_pdf(organisasi=org, tahun=2024)

    def cached(minta) -> tuple[float, int]:
        """Median seconds and queries of a cached request."""
        waktu = []
        for _ in range(CACHED_RUNS):
            reset_queries()  # a full query log makes CaptureQueriesContext count 0
            with CaptureQueriesContext(connection) as q:
                mulai = time.perf_counter()
                pdf = minta()
                waktu.append(time.perf_counter() - mulai)
            assert pdf.sumber == "cache"
        return statistics.median(waktu), len(q)

    def by_document():  # before: assemble the report, hash its HTML, look the PDF up
        dokumen = susun_dokumen(data_lakip(organisasi=org, tahun=2024))
        return services.pdf_tercache(dokumen)

    tembolok_lama, kueri_lama = cached(by_document)
    tembolok, kueri = cached(lambda: services.lakip_pdf(organisasi=org, tahun=2024))
    kedua = services.lakip_pdf(organisasi=org, tahun=2024)
    reset_queries()
    with CaptureQueriesContext(connection) as q:
        data = data_lakip(organisasi=org, tahun=2024)
        susun_dokumen(data)
    halaman = len(pypdf.PdfReader(io.BytesIO(kedua.isi)).pages)

    print(f"WeasyPrint {weasyprint.__version__}, best of {RUNS}")
    print(f"pages                         {halaman}")
    print(f"ours, end to end              {kita:6.2f} s")
    print(f"WeasyPrint alone on the HTML  {weasy:6.2f} s")
    print(f"overhead                      {100 * (kita - weasy) / weasy:6.1f} %")
    print(f"queries to build the document {len(q)}")
    print(f"cached request, median of {CACHED_RUNS}:")
    print(f"  by document hash (before)   {1000 * tembolok_lama:8.2f} ms  {kueri_lama} queries")
    print(f"  by data versions (now)      {1000 * tembolok:8.2f} ms  {kueri} queries")


if __name__ == "__main__":
    main()
