"""What the public page offers the LKE as evidence: the Renstra, published for everyone.

publik sits above evaluasi, so it registers this source when Django starts (PublikConfig.ready)
instead of being imported by it.
"""

from django.urls import reverse

from evaluasi.sumber import Dokumen
from organisasi.models import Organisasi
from renstra.models import Renstra


def dokumen_renstra(organisasi: Organisasi, tahun: int) -> list[Dokumen]:
    alamat = reverse("publik:organisasi", args=[organisasi.slug]) + "#judul-renstra"
    return [
        Dokumen(alamat, f"{r.judul} ({r.tahun_mulai}–{r.tahun_selesai}), halaman publik")
        for r in Renstra.objects.filter(
            organisasi=organisasi, tahun_mulai__lte=tahun, tahun_selesai__gte=tahun
        )
    ]
