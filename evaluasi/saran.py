"""Answers the application can suggest from the data it holds, each with its figures.

The criteria of an LKE structure name the suggestion that answers them (`saran` in
fixtures/lke/*.toml). The keys of this module: target_jangka_menengah, perjanjian_ditetapkan,
pengukuran_berkala; laporan adds laporan_difinalkan and laporan_tepat_waktu (laporan/lke.py).
"""

from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.urls import reverse
from django.utils import formats, translation

from evaluasi.sumber import Dokumen, Saran, daftarkan, sumber_dokumen, sumber_saran
from kinerja.capaian import renstra_tahun
from kinerja.models import PERIODE_TRIWULAN, BuktiDukung, PerjanjianKinerja
from kinerja.realisasi.selectors import progres_unit
from organisasi.models import Organisasi, UnitKerja
from renstra.models import IndikatorKinerja, TargetRenstra

NOL = Decimal(0)


def tanggal_id(tanggal: date) -> str:
    with translation.override("id"):
        return formats.date_format(tanggal, "j F Y")


def batas_perjanjian(tahun: int) -> date:
    """PermenPANRB 53/2014: an agreement is set at the latest one month after the budget
    year starts (no budget calendar is held by the application): 31 January."""
    return date(tahun, 1, 31)


def _bagi(a: int, b: int) -> Decimal:
    return Decimal(a) / Decimal(b) if b else NOL


def saran_target_jangka_menengah(organisasi: Organisasi, tahun: int) -> Saran:
    judul = "Target kinerja jangka menengah tersedia"
    renstra = renstra_tahun(organisasi=organisasi, tahun=tahun)
    if renstra is None:
        return Saran("target_jangka_menengah", judul, NOL, (f"Tidak ada Renstra untuk {tahun}.",))
    tahun_renstra = set(range(renstra.tahun_mulai, renstra.tahun_selesai + 1))
    indikator = list(
        IndikatorKinerja.objects.filter(sasaran__renstra=renstra).order_by(
            "sasaran__nomor", "urutan"
        )
    )
    ada: dict[int, set[int]] = {}
    for indikator_id, t in TargetRenstra.objects.filter(
        Q(nilai__isnull=False) | Q(tingkat__isnull=False), indikator__in=indikator
    ).values_list("indikator_id", "tahun"):
        ada.setdefault(indikator_id, set()).add(t)
    kurang = [i for i in indikator if not tahun_renstra <= ada.get(i.pk, set())]
    rincian = [
        f"{renstra.judul}: {len(indikator) - len(kurang)} dari {len(indikator)} indikator "
        f"memiliki target untuk setiap tahun {renstra.tahun_mulai}–{renstra.tahun_selesai}."
    ]
    rincian += [f"Tanpa target lengkap: {i.nama}" for i in kurang[:5]]
    if len(kurang) > 5:
        rincian.append(f"… dan {len(kurang) - 5} indikator lain.")
    terpenuhi = _bagi(len(indikator) - len(kurang), len(indikator))
    return Saran("target_jangka_menengah", judul, terpenuhi, tuple(rincian))


def saran_perjanjian_ditetapkan(organisasi: Organisasi, tahun: int) -> Saran:
    """Signed agreements for the organisation and every unit that carries indicators, and
    whether the first signed version of each was dated by the deadline."""
    judul = "Perjanjian Kinerja telah ditetapkan"
    batas = batas_perjanjian(tahun)
    renstra = renstra_tahun(organisasi=organisasi, tahun=tahun)
    unit = list(
        UnitKerja.objects.filter(
            organisasi=organisasi, indikator__sasaran__renstra=renstra
        ).distinct()
        if renstra is not None
        else []
    )
    pertama: dict[int | None, date] = {}
    for unit_id, tanggal in PerjanjianKinerja.objects.filter(
        organisasi=organisasi, tahun=tahun, status=PerjanjianKinerja.Status.DITANDATANGANI
    ).values_list("unit_kerja_id", "tanggal"):
        if tanggal is None:  # date not printed in the source: no evidence either way
            continue
        if unit_id not in pertama or tanggal < pertama[unit_id]:
            pertama[unit_id] = tanggal
    pihak: list[tuple[int | None, str]] = [(None, organisasi.nama_singkat or organisasi.nama)]
    pihak += [(u.pk, u.nama) for u in unit]
    rincian = [f"Batas penetapan: {tanggal_id(batas)} (satu bulan setelah awal tahun anggaran)."]
    tepat = 0
    for kunci, nama in pihak:
        ttd = pertama.get(kunci)
        if ttd is None:
            rincian.append(f"{nama}: belum ada perjanjian yang ditandatangani.")
        elif ttd <= batas:
            tepat += 1
            rincian.append(f"{nama}: ditandatangani {tanggal_id(ttd)}, tepat waktu.")
        else:
            rincian.append(
                f"{nama}: ditandatangani {tanggal_id(ttd)}, terlambat {(ttd - batas).days} hari."
            )
    rincian.insert(
        0,
        f"{sum(1 for k, _ in pihak if k in pertama)} dari {len(pihak)} perjanjian "
        f"ditandatangani, {tepat} tepat waktu.",
    )
    return Saran("perjanjian_ditetapkan", judul, _bagi(tepat, len(pihak)), tuple(rincian))


def saran_pengukuran_berkala(organisasi: Organisasi, tahun: int) -> Saran:
    """The quarters in which every unit indicator's realisasi was verified."""
    judul = "Pengukuran kinerja dilakukan berkala"
    rincian = []
    lengkap = 0
    for periode in PERIODE_TRIWULAN:
        progres = progres_unit(organisasi=organisasi, tahun=tahun, periode=periode)
        jumlah = sum(p.jumlah_indikator for p in progres)
        terverifikasi = sum(p.diverifikasi for p in progres)
        if jumlah and terverifikasi == jumlah:
            lengkap += 1
        rincian.append(
            f"{periode.label}: {terverifikasi} dari {jumlah} realisasi indikator terverifikasi."
        )
    rincian.insert(0, f"{lengkap} dari 4 triwulan terukur lengkap dan terverifikasi.")
    return Saran("pengukuran_berkala", judul, _bagi(lengkap, 4), tuple(rincian))


def saran_kinerja(organisasi: Organisasi, tahun: int) -> list[Saran]:
    return [
        saran_target_jangka_menengah(organisasi, tahun),
        saran_perjanjian_ditetapkan(organisasi, tahun),
        saran_pengukuran_berkala(organisasi, tahun),
    ]


def dokumen_kinerja(organisasi: Organisasi, tahun: int) -> list[Dokumen]:
    dokumen = [
        Dokumen(
            reverse("rkt_dokumen", args=[organisasi.slug, tahun]),
            f"Rencana Kinerja Tahunan {tahun}",
        )
    ]
    for pk in PerjanjianKinerja.objects.filter(
        organisasi=organisasi, tahun=tahun, status=PerjanjianKinerja.Status.DITANDATANGANI
    ).select_related("unit_kerja"):
        pihak = pk.unit_kerja.nama if pk.unit_kerja else organisasi.nama_singkat
        dokumen.append(
            Dokumen(
                reverse("perjanjian_dokumen", args=[pk.pk]),
                f"Perjanjian Kinerja {tahun} {pihak} (versi {pk.versi}), ditandatangani",
            )
        )
    for bukti in BuktiDukung.objects.filter(
        realisasi__indikator__sasaran__renstra__organisasi=organisasi, realisasi__tahun=tahun
    ).select_related("realisasi__indikator"):
        r = bukti.realisasi
        dokumen.append(
            Dokumen(
                reverse("kinerja:bukti", args=[bukti.pk]),
                f"Bukti realisasi {r.get_periode_display()}: {r.indikator.nama[:60]} "
                f"({bukti.nama_asli})",
            )
        )
    return dokumen


daftarkan(saran=saran_kinerja, dokumen=dokumen_kinerja)


def saran_semua(organisasi: Organisasi, tahun: int) -> dict[str, Saran]:
    return {s.kunci: s for sumber in sumber_saran() for s in sumber(organisasi, tahun)}


def dokumen_semua(organisasi: Organisasi, tahun: int) -> list[Dokumen]:
    return [d for sumber in sumber_dokumen() for d in sumber(organisasi, tahun)]
