"""Load a plan workbook into an organisation: all of it or none of it.

The rows are checked first (laporan.rencana.baca); then they go through the reference loader
(laporan.referensi.data_muat), which finds every record by its natural key and writes only
what differs, so that an unchanged workbook changes nothing: no history rows, no timestamps.

Signed agreements are frozen. A workbook may carry them into a new organisation (they are
recorded as signed on paper, as the reference year's are); into an existing one only when
they equal what is already signed, and then they are left alone. A preview runs the same
load inside a transaction that is rolled back, and reports what would change, per sheet.
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from anggaran.models import AnggaranKegiatan, Kegiatan, Program, RealisasiProgram
from inti.galat import Ditolak, TidakBerwenang
from kinerja.models import (
    KegiatanPerjanjian,
    KunciTahun,
    PemetaanKegiatan,
    PerjanjianKinerja,
    Realisasi,
    RentangPenilaian,
    SkalaPenilaian,
    StandarNasional,
    TargetKinerja,
)
from laporan.models import (
    AnalisisSasaran,
    AngkaTercetak,
    CapaianLain,
    LaporanKinerja,
    ProdukHukum,
)
from laporan.referensi import DataReferensiTidakValid, HasilMuat, data_muat
from laporan.rencana import lembar as L
from laporan.rencana.baca import baca_buku, susun_data
from laporan.rencana.buku import BukuRencana
from laporan.rencana.ekspor import baris_perjanjian
from logistik.models import Logistik, Pemilihan
from organisasi.akses import is_admin_organisasi
from organisasi.models import (
    JumlahPegawai,
    Organisasi,
    Pejabat,
    Pengguna,
    UnitKerja,
    UraianTugas,
)
from renstra.models import (
    IndikatorKinerja,
    Misi,
    Renstra,
    SasaranStrategis,
    SasaranTujuan,
    SkalaOrdinal,
    TargetRenstra,
    TingkatSkala,
    Tujuan,
)

_LEMBAR_MODEL: dict[str, tuple[type[models.Model], ...]] = {
    L.ORGANISASI.nama: (Organisasi,),
    L.UNIT.nama: (UnitKerja,),
    L.PEJABAT.nama: (Pejabat,),
    L.URAIAN_TUGAS.nama: (UraianTugas,),
    L.PEGAWAI.nama: (JumlahPegawai,),
    L.SKALA.nama: (SkalaOrdinal, TingkatSkala),
    L.RENSTRA.nama: (Renstra, SkalaPenilaian),
    L.MISI.nama: (Misi,),
    L.TUJUAN.nama: (Tujuan,),
    L.SASARAN_TUJUAN.nama: (SasaranTujuan,),
    L.SASARAN.nama: (SasaranStrategis,),
    L.INDIKATOR.nama: (IndikatorKinerja,),
    L.TARGET_RENSTRA.nama: (TargetRenstra,),
    L.SKALA_PENILAIAN.nama: (RentangPenilaian,),
    L.STANDAR.nama: (StandarNasional,),
    L.PERJANJIAN.nama: (PerjanjianKinerja,),
    L.TARGET_PERJANJIAN.nama: (TargetKinerja,),
    L.KEGIATAN_PERJANJIAN.nama: (KegiatanPerjanjian, PemetaanKegiatan),
    L.ANGGARAN.nama: (Program, Kegiatan, AnggaranKegiatan, RealisasiProgram),
    L.REALISASI.nama: (Realisasi,),
    L.LOGISTIK.nama: (Pemilihan, Logistik),
    # The Narasi Laporan sheet fills the report's own row: counted with the Laporan sheet.
    L.LAPORAN.nama: (LaporanKinerja,),
    L.ANALISIS.nama: (AnalisisSasaran,),
    L.PRODUK_HUKUM.nama: (ProdukHukum,),
    L.CAPAIAN_LAIN.nama: (CapaianLain,),
    L.ANGKA_TERCETAK.nama: (AngkaTercetak,),
}


@dataclass(frozen=True)
class RingkasanLembar:
    """Records of one sheet's kinds that the import creates, changes or leaves as they are."""

    nama: str
    baru: int
    diubah: int
    tetap: int


@dataclass
class HasilImpor:
    slug: str
    disimpan: bool
    lembar: list[RingkasanLembar] = field(default_factory=list)

    @property
    def jumlah_perubahan(self) -> int:
        return sum(r.baru + r.diubah for r in self.lembar)


class _Batal(Exception):
    """Rolls the preview's transaction back, carrying what the load did."""

    def __init__(self, hasil: HasilMuat) -> None:
        self.hasil = hasil


def rencana_impor(
    *,
    pengguna: Pengguna | None,
    slug: str,
    isi: bytes,
    buat: bool = False,
    simpan: bool = True,
) -> HasilImpor:
    """Import the workbook `isi` into organisation `slug` (created when `buat`). `pengguna`
    None is the operator at the command line; a user must be an admin of the organisation
    (creating one: a superuser). With `simpan` False nothing is kept: a preview."""
    org = Organisasi.objects.filter(slug=slug).first()
    _periksa_wewenang(pengguna, org, buat)
    if buat and org is not None:
        raise Ditolak(f"Organisasi {slug!r} sudah ada; impor ke sana tanpa membuat baru.")
    if not buat and org is None:
        raise Ditolak(f"Organisasi {slug!r} tidak ada; buat baru dengan --create.")
    buku = baca_buku(isi)
    if buku.galat:
        raise Ditolak(buku.galat)
    data = susun_data(buku, slug=slug)
    beku = _pisahkan_perjanjian_beku(buku, data, org)
    if buku.galat:
        raise Ditolak(buku.galat)
    try:
        with transaction.atomic():
            hasil = data_muat(data=data)
            _tolak_tahun_terkunci(hasil, data, org)
            if not simpan:
                raise _Batal(hasil)
    except _Batal as batal:
        hasil = batal.hasil
    except ValidationError as exc:
        raise Ditolak(["Buku kerja tidak dapat dimuat:", *exc.messages]) from exc
    except (DataReferensiTidakValid, IntegrityError) as exc:
        raise Ditolak(f"Buku kerja tidak dapat dimuat: {exc}") from exc
    return HasilImpor(slug=slug, disimpan=simpan, lembar=_ringkas(hasil, beku))


def _tolak_tahun_terkunci(hasil: HasilMuat, data: dict[str, Any], org: Organisasi | None) -> None:
    """A locked year's realisasi is final (its report is); the workbook may not change it."""
    nama = str(Realisasi._meta.verbose_name_plural)
    berubah = sum(v for k, v in (hasil.dibuat + hasil.diubah).items() if str(k) == nama)
    tahun = {r["tahun"] for r in data["kinerja"]["realisasi"]}
    if not berubah or org is None:
        return
    terkunci = sorted(
        KunciTahun.objects.filter(organisasi=org, tahun__in=tahun).values_list("tahun", flat=True)
    )
    if terkunci:
        raise Ditolak(
            f"Realisasi tahun {', '.join(map(str, terkunci))} sudah dikunci; buku kerja tidak "
            "dapat mengubahnya. Buka kunci tahun itu lebih dahulu bila memang perlu."
        )


def _periksa_wewenang(pengguna: Pengguna | None, org: Organisasi | None, buat: bool) -> None:
    if pengguna is None:
        return
    if buat:
        boleh = pengguna.is_superuser
    else:
        boleh = org is not None and is_admin_organisasi(pengguna, org.pk)
    if not boleh:
        raise TidakBerwenang("Hanya admin organisasi yang dapat mengimpor buku kerja rencana.")


def _pisahkan_perjanjian_beku(
    buku: BukuRencana, data: dict[str, Any], org: Organisasi | None
) -> list[dict[str, Any]]:
    """Take out the agreements already signed and unchanged (they stay as they are); every
    other signed one in an existing organisation is a row error. Returns those taken out."""
    daftar = data["kinerja"]["perjanjian"]
    if org is None:
        return []
    ada = {
        (pk.unit_kerja.slug if pk.unit_kerja else "", pk.versi, pk.tahun): pk
        for pk in PerjanjianKinerja.objects.filter(
            organisasi=org, tahun__in={p["tahun"] for p in daftar}
        ).select_related("unit_kerja")
    }
    beku, tetap = [], []
    for p in daftar:
        lama = ada.get((p["unit_kerja"], p["versi"], p["tahun"]))
        pesan = None
        if lama is not None and lama.status in PerjanjianKinerja.STATUS_TERKUNCI:
            if _sama(buku, lama, p):
                beku.append(p)
                continue
            pesan = (
                "perjanjian ini sudah ditandatangani dan isinya beku; impor tidak dapat "
                "mengubahnya. Buat versi baru (amandemen) di aplikasi."
            )
        elif p["ditandatangani"]:
            pesan = (
                "perjanjian yang ditandatangani hanya dimuat ke organisasi baru; untuk "
                "organisasi ini tulis Tidak pada kolom Ditandatangani, lalu tandatangani di "
                "aplikasi."
            )
        if pesan:
            buku.salah(L.PERJANJIAN, p["baris"], pesan)
        tetap.append(p)
    data["kinerja"]["perjanjian"] = tetap
    return beku


def _sama(buku: BukuRencana, lama: PerjanjianKinerja, p: dict[str, Any]) -> bool:
    """Whether the workbook's rows of this agreement equal the signed agreement's own."""
    dari_db = baris_perjanjian([lama])
    for lb in (L.PERJANJIAN, L.TARGET_PERJANJIAN, L.KEGIATAN_PERJANJIAN):
        kolom = [k for k in lb.kolom if k.kunci != "nama"]  # names are shown, never loaded
        db = [
            _bandingan(kolom, {k.kunci: L.normal(b.get(k.kunci), k) for k in kolom})
            for b in dari_db[lb.nama]
        ]
        wb = [
            _bandingan(kolom, b)
            for _n, b in buku.baris(lb)
            if (b["unit_kerja"], b["versi"]) == (p["unit_kerja"], p["versi"])
            and b.get("tahun", p["tahun"]) == p["tahun"]
        ]
        if db != wb:
            return False
    return True


def _bandingan(kolom: list[L.Kolom], b: dict[str, Any]) -> tuple:
    return tuple(
        b.get(k.kunci) is not False if k.jenis == L.YA_TIDAK else b.get(k.kunci) for k in kolom
    )


def _ringkas(hasil: HasilMuat, beku: list[dict[str, Any]]) -> list[RingkasanLembar]:
    tetap_beku = Counter(
        {
            L.PERJANJIAN.nama: len(beku),
            L.TARGET_PERJANJIAN.nama: sum(len(p["target"]) for p in beku),
            L.KEGIATAN_PERJANJIAN.nama: sum(len(p["kegiatan"]) for p in beku),
        }
    )
    ringkasan = []
    for nama, model_ in _LEMBAR_MODEL.items():
        kunci = [str(m._meta.verbose_name_plural) for m in model_]

        def jumlah(hitungan: Counter, kunci: list[str] = kunci) -> int:
            return sum(v for k, v in hitungan.items() if str(k) in kunci)

        ringkasan.append(
            RingkasanLembar(
                nama=nama,
                baru=jumlah(hasil.dibuat),
                diubah=jumlah(hasil.diubah),
                tetap=jumlah(hasil.tetap) + tetap_beku[nama],
            )
        )
    return ringkasan
