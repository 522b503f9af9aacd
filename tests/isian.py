"""Helpers for tests of the realisasi pages: what a browser posts for an entry form."""

from kinerja.models import Periode
from kinerja.realisasi.forms import BarisRealisasiForm
from kinerja.realisasi.selectors import formulir_realisasi
from organisasi.models import UnitKerja
from renstra.models import IndikatorKinerja, TingkatSkala

ORG = "kpu-bengkulu-utara"


def url(unit: str = "keuangan", tahun: int = 2024, periode: str = "tw1", aksi: str = "") -> str:
    return f"/kinerja/{ORG}/{unit}/{tahun}/{periode}/" + (f"{aksi}/" if aksi else "")


def data_formulir(org, unit: str = "keuangan", tahun: int = 2024, periode: str = "tw1") -> dict:
    """The form as the browser would post it untouched: every editable row, as shown."""
    unit_kerja = UnitKerja.objects.get(organisasi=org, slug=unit)
    formulir = formulir_realisasi(
        organisasi=org, unit_kerja=unit_kerja, tahun=tahun, periode=Periode(periode)
    )
    data = {}
    for b in formulir.baris:
        if not b.dapat_diubah:
            continue
        form = BarisRealisasiForm(
            baris=b, pilihan_tingkat=formulir.pilihan_tingkat.get(b.indikator.skala_id, [])
        )
        for nama in form.fields:
            if nama in ("bukti", "konfirmasi"):
                continue
            data[form.add_prefix(nama)] = str(form.initial.get(nama, ""))
    return data


def prefix(kode: str) -> str:
    return f"i{IndikatorKinerja.objects.get(kode=kode).pk}"


def isi(data: dict, kode: str, **kolom) -> dict:
    """Type into one row: isi(data, "s3-sarana-ti", nilai="96,7", kendala="...")."""
    p = prefix(kode)
    for nama, nilai in kolom.items():
        if nama == "tingkat":
            indikator = IndikatorKinerja.objects.get(kode=kode)
            nilai = str(TingkatSkala.objects.get(skala_id=indikator.skala_id, kode=nilai).pk)
        data[f"{p}-{nama}"] = nilai
    return data
