"""Helpers for tests of spreadsheets: fill a downloaded template the way a person would
(open it in a spreadsheet program, type into cells, save) and read workbooks back."""

import io
from pathlib import Path

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.realisasi.templat import BARIS_JUDUL, JUDUL


def kolom(nama: str) -> int:
    return JUDUL.index(nama) + 1


def baris_kode(ws) -> dict[str, int]:
    """Indicator code (hidden column) -> spreadsheet row number."""
    k = kolom("Kode")
    return {
        ws.cell(row=r, column=k).value: r
        for r in range(BARIS_JUDUL + 1, ws.max_row + 1)
        if ws.cell(row=r, column=k).value
    }


def isi_templat(berkas: Path, isian: dict[str, dict[str, object]], simpan_ke: Path | None = None):
    """Type values into a template: isian = {kode: {"Realisasi": "96,7", "Kendala": "..."}}.
    Returns {kode: row number}."""
    wb = openpyxl.load_workbook(berkas)
    ws = wb.worksheets[0]
    nomor = baris_kode(ws)
    for kode, sel in isian.items():
        for nama, nilai in sel.items():
            # cell(value=None) would leave the cell as it is: assign to clear it.
            ws.cell(row=nomor[kode], column=kolom(nama)).value = nilai
    wb.save(simpan_ke or berkas)
    return nomor


def nilai_sel(berkas: Path, kode: str, nama: str):
    wb = openpyxl.load_workbook(berkas)
    ws = wb.worksheets[0]
    return ws.cell(row=baris_kode(ws)[kode], column=kolom(nama)).value


# ---------------------------------------------------------------- the admin's import and export

XLSX, CSV = "0", "1"  # positions in ImporEksporAdmin.import_formats / export_formats


def admin_ekspor(client, model: str, format: str = XLSX, **filter) -> bytes:
    """Export through the admin's export page, every field ticked."""
    alamat = f"/admin/{model}/export/"
    if filter:
        alamat += "?" + "&".join(f"{k}={v}" for k, v in filter.items())
    form = client.get(alamat).context["form"]
    data = {nama: "on" for nama, f in form.fields.items() if getattr(f, "is_selectable_field", 0)}
    data.update(format=format, resource="0")
    respons = client.post(alamat, data)
    assert respons.status_code == 200, respons.content[:500]
    return respons.content


def admin_impor(client, model: str, isi: bytes, nama: str, format: str = XLSX):
    """Upload (dry run), then confirm when the dry run found no error."""
    berkas = SimpleUploadedFile(nama, isi)
    respons = client.post(
        f"/admin/{model}/import/", {"import_file": berkas, "format": format, "resource": "0"}
    )
    assert respons.status_code == 200
    hasil = respons.context["result"]
    if hasil.has_errors() or hasil.has_validation_errors():
        return respons, None
    konfirmasi = respons.context["confirm_form"]
    data = {n: konfirmasi.initial.get(n, "") for n in konfirmasi.fields}
    return respons, client.post(f"/admin/{model}/process_import/", data)


def lembar_admin(isi: bytes):
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    ws = wb.active
    judul = [c.value for c in ws[1]]
    return wb, ws, judul


def baris_admin(ws, judul, **kunci) -> int:
    for r in range(2, ws.max_row + 1):
        if all(ws.cell(row=r, column=judul.index(k) + 1).value == v for k, v in kunci.items()):
            return r
    raise LookupError(kunci)


def ubah_sel(isi: bytes, kunci: dict, kolom: dict) -> bytes:
    wb, ws, judul = lembar_admin(isi)
    r = baris_admin(ws, judul, **kunci)
    for nama, nilai in kolom.items():
        ws.cell(row=r, column=judul.index(nama) + 1).value = nilai
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
