"""A new satker from a template file in fixtures/templat/ (kpu-kabkota.toml, ...).

A template has the sections of the reference files (organisasi, unit_kerja, uraian_tugas,
renstra, tujuan, skala_ordinal, sasaran, program) and none of a year's values, so the
reference loader's own steps write it. "{nama}" and "{nama_singkat}" in its texts become the
new satker's names. All of it is written or, on any refusal, none of it.
"""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction

from inti.galat import Ditolak, TidakBerwenang
from laporan.pemuat import DataReferensiTidakValid, HasilMuat, Pemuat
from laporan.referensi import _muat_anggaran, _muat_organisasi, _muat_renstra
from organisasi.models import Organisasi, Pengguna

FOLDER_TEMPLAT = Path(settings.BASE_DIR) / "fixtures" / "templat"

BAGIAN = frozenset(
    {
        "templat",
        "organisasi",
        "unit_kerja",
        "uraian_tugas",
        "renstra",
        "tujuan",
        "skala_ordinal",
        "sasaran",
        "program",
    }
)
# A year's values: the new satker enters them itself, a template that carries them is wrong.
KUNCI_TAHUNAN = frozenset({"target_renstra", "pagu", "realisasi", "pejabat", "pegawai"})
_KODE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Templat:
    kode: str
    nama: str
    keterangan: str


@dataclass(frozen=True)
class SatkerBaru:
    organisasi: Organisasi
    hasil: HasilMuat


def templat_tersedia(folder: Path | None = None) -> list[Templat]:
    """Every template file of the folder, by file name."""
    folder = folder or FOLDER_TEMPLAT
    hasil = []
    for berkas in sorted(folder.glob("*.toml")):
        kepala = _baca(berkas).get("templat", {})
        hasil.append(
            Templat(berkas.stem, kepala.get("nama", berkas.stem), kepala.get("keterangan", ""))
        )
    return hasil


def _baca(berkas: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(berkas.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise Ditolak(f"Templat {berkas.stem} tidak dapat dibaca: {exc}.") from exc


def templat_baca(kode: str, folder: Path | None = None) -> dict[str, Any]:
    """A template's data, checked for sections and values a template must not have."""
    folder = folder or FOLDER_TEMPLAT
    berkas = folder / f"{kode}.toml"
    if not _KODE.match(kode) or not berkas.is_file():
        ada = ", ".join(t.kode for t in templat_tersedia(folder)) or "tidak ada"
        raise Ditolak(f"Templat {kode!r} tidak ditemukan. Templat yang tersedia: {ada}.")
    data = _baca(berkas)
    asing = sorted(set(data) - BAGIAN)
    if asing:
        raise Ditolak(f"Templat {kode} memuat bagian yang tidak dikenal: {', '.join(asing)}.")
    tahunan = sorted(_kunci_tahunan(data))
    if tahunan:
        raise Ditolak(
            f"Templat {kode} memuat nilai tahunan ({', '.join(tahunan)}); templat hanya berisi "
            "struktur, nilai tahunan diisi oleh satker."
        )
    return data


def _kunci_tahunan(nilai: Any) -> set[str]:
    if isinstance(nilai, dict):
        ada = set(nilai) & KUNCI_TAHUNAN
        for v in nilai.values():
            ada |= _kunci_tahunan(v)
        return ada
    if isinstance(nilai, list):
        return set().union(*(_kunci_tahunan(v) for v in nilai)) if nilai else set()
    return set()


def isi_nama(nilai: Any, nama: dict[str, str]) -> Any:
    """Placeholders replaced by plain substitution: other braces in a text stay as they are."""
    if isinstance(nilai, str):
        for kunci, isi in nama.items():
            nilai = nilai.replace("{" + kunci + "}", isi)
        return nilai
    if isinstance(nilai, dict):
        return {k: isi_nama(v, nama) for k, v in nilai.items()}
    if isinstance(nilai, list):
        return [isi_nama(v, nama) for v in nilai]
    return nilai


def nama_singkat_dari(nama: str, data: dict[str, Any]) -> str:
    """The template's abbreviation rule: "Komisi Pemilihan Umum Kabupaten X" -> "KPU
    Kabupaten X"; a name it does not fit is its own short name."""
    aturan = data.get("templat", {}).get("singkatan", {})
    panjang, pendek = str(aturan.get("panjang", "")), str(aturan.get("pendek", ""))
    if panjang and nama.startswith(panjang + " "):
        return pendek + nama[len(panjang) :]
    return nama


def _slug_terpakai(slug: str) -> str:
    return f"Organisasi dengan slug {slug!r} sudah ada; tidak ada yang diubah."


def _periksa(*, slug: str, nama: str, oleh: Pengguna | None) -> None:
    if oleh is not None and not oleh.is_superuser:
        raise TidakBerwenang("Hanya superuser yang dapat membuat satker baru.")
    if not nama.strip():
        raise Ditolak("Nama satker wajib diisi.")
    try:
        validate_slug(slug)
    except ValidationError:
        raise Ditolak(
            f"Slug {slug!r} tidak sah: pakai huruf kecil, angka dan tanda hubung saja "
            "(contoh: kpu-kabupaten-contoh)."
        ) from None
    if Organisasi.objects.filter(slug=slug).exists():
        raise Ditolak(_slug_terpakai(slug))


def satker_buat(
    *,
    templat: str,
    slug: str,
    nama: str,
    nama_singkat: str = "",
    induk: Organisasi | None = None,
    oleh: Pengguna | None,
) -> SatkerBaru:
    """Create an organisation from a template: units and duties, the Renstra with its sasaran
    and indicator catalogue (no targets), the ordinal scales, programs and kegiatan (no pagu).

    `oleh` is the superuser on the page; None is the command line (whoever runs the server).
    Nothing existing is changed: a taken slug is refused, and so is a template whose shared
    data (ordinal scales) differs from what the database already has.
    """
    _periksa(slug=slug, nama=nama, oleh=oleh)
    data = templat_baca(templat)
    nama = nama.strip()
    nama_singkat = nama_singkat.strip() or nama_singkat_dari(nama, data)
    data = isi_nama(data, {"nama": nama, "nama_singkat": nama_singkat})
    data["organisasi"] = {
        **data.get("organisasi", {}),
        "slug": slug,
        "nama": nama,
        "nama_singkat": nama_singkat,
        "induk": induk.slug if induk else "",
    }
    try:
        return _tulis(templat, data)
    except ValidationError as exc:
        raise Ditolak(exc.messages) from None
    except DataReferensiTidakValid as exc:
        raise Ditolak(f"Templat {templat}: {exc}") from exc
    except ObjectDoesNotExist as exc:
        # A slug inside the template (a unit, a scale) that the template does not define.
        model = type(exc).__qualname__.split(".")[0]
        raise Ditolak(f"Templat {templat} merujuk {model} yang tidak ada di templat.") from exc
    except IntegrityError:
        # Another request took the slug between the check and the write.
        raise Ditolak(_slug_terpakai(slug)) from None


@transaction.atomic
def _tulis(templat: str, data: dict[str, Any]) -> SatkerBaru:
    p = Pemuat()
    org = _muat_organisasi(p, data)
    _muat_renstra(p, org, data)
    _muat_anggaran(p, org, data)
    if p.hasil.diubah:
        berubah = ", ".join(str(nama) for nama in sorted(p.hasil.diubah, key=str))
        raise Ditolak(
            f"Templat {templat} berbeda dengan data bersama yang sudah ada ({berubah}); "
            "samakan templatnya dulu. Tidak ada yang diubah."
        )
    return SatkerBaru(org, p.hasil)
