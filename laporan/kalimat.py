"""The generated sentences of the LAKIP: every count and figure in them comes from data.

Plain functions over numbers and names, no Django and no ORM, so that each sentence can be
tested on its own. Numbers go through inti.angka, counts are written the way Indonesian
reports write them: "35 (tiga puluh lima)".
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from inti.angka import bulatkan, format_angka, format_persen, format_rupiah, parse_angka
from inti.capaian import Arah, Status, selisih

if TYPE_CHECKING:
    from kinerja.capaian import BarisCapaian

_SATUAN = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)


def terbilang(n: int) -> str:
    """35 → "tiga puluh lima"; 1.680 → "seribu enam ratus delapan puluh"."""
    if n < 0:
        return "minus " + terbilang(-n)
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        puluh, sisa = divmod(n, 10)
        return f"{_SATUAN[puluh]} puluh" + (f" {_SATUAN[sisa]}" if sisa else "")
    for besar, nama in ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu")):
        if n >= besar:
            depan, sisa = divmod(n, besar)
            awal = "seribu" if besar == 1000 and depan == 1 else f"{terbilang(depan)} {nama}"
            return awal + (f" {terbilang(sisa)}" if sisa else "")
    ratus, sisa = divmod(n, 100)
    awal = "seratus" if ratus == 1 else f"{_SATUAN[ratus]} ratus"
    return awal + (f" {terbilang(sisa)}" if sisa else "")


def jumlah(n: int) -> str:
    """5 → "5 (lima)": how the reference writes a count in running text."""
    return f"{n} ({terbilang(n)})"


def gabung(bagian: Sequence[str]) -> str:
    """["a", "b", "c"] → "a, b dan c"."""
    if not bagian:
        return ""
    if len(bagian) == 1:
        return bagian[0]
    return ", ".join(bagian[:-1]) + " dan " + bagian[-1]


BELUM_ADA_REALISASI = Status.BELUM_ADA_REALISASI.label
TIDAK_DITARGETKAN = Status.TIDAK_DITARGETKAN.label


def _rincian_kategori(ringkasan: Mapping[str, int]) -> list[str]:
    bagian = []
    for nama, n in ringkasan.items():
        if not n:
            continue
        if nama == BELUM_ADA_REALISASI:
            bagian.append(f"{jumlah(n)} indikator belum ada realisasinya")
        elif nama == TIDAK_DITARGETKAN:
            bagian.append(f"{jumlah(n)} indikator tidak ditargetkan")
        else:
            bagian.append(f"{jumlah(n)} indikator berkategori {nama}")
    return bagian


def kalimat_ringkasan(
    *, tahun: int, jumlah_sasaran: int, ringkasan: Mapping[str, int], singkatan: str
) -> str:
    """The count sentence after the capaian table (reference: after Tabel 9)."""
    total = sum(ringkasan.values())
    if not jumlah_sasaran and not total:
        # A new satker, or a year without an agreement: no table to count from.
        return (
            f"Belum ada indikator kinerja yang ditargetkan {singkatan} pada tahun {tahun}, "
            "sehingga belum ada capaian yang dapat diukur."
        )
    rincian = _rincian_kategori(ringkasan)
    return (
        f"Berdasarkan hasil pengukuran kinerja di atas, dari {jumlah(jumlah_sasaran)} sasaran "
        f"strategis yang ditargetkan {singkatan} pada tahun {tahun} dengan {jumlah(total)} "
        f"indikator kinerja, terdapat {gabung(rincian) or 'tidak ada indikator yang diukur'}."
    )


def kalimat_sasaran(
    *,
    ringkasan: Mapping[str, int],
    rata_rata: Decimal | None,
    terendah: tuple[str, Decimal] | None,
) -> str:
    """The count sentence of one sasaran in BAB III C."""
    total = sum(ringkasan.values())
    rincian = gabung(_rincian_kategori(ringkasan))
    teks = f"Dari {jumlah(total)} indikator kinerja pada sasaran ini, {rincian}."
    if rata_rata is not None:
        teks += (
            f" Rata-rata capaian indikator yang telah terukur adalah {format_persen(rata_rata)}."
        )
    if terendah is not None and total > 1:
        nama, persen = terendah
        teks += f" Capaian terendah pada indikator {nama} ({format_persen(persen)})."
    return teks


def kalimat_tahun_lalu(
    *, tahun: int, naik: int, turun: int, tetap: int, tahun_data: Sequence[int] = ()
) -> str:
    """The verdict of the comparison with the previous year, counted from the rows.

    The direction is that of the realised value (a level by its rank), not of the percent of
    a target: a raised target with the same result is "tetap". `tahun_data` are the years the
    data holds, this one included; with more than two the sentence names the period.
    """
    bagian = []
    if naik:
        bagian.append(f"{jumlah(naik)} indikator meningkat")
    if turun:
        bagian.append(f"{jumlah(turun)} indikator menurun")
    if tetap:
        bagian.append(f"{jumlah(tetap)} indikator tetap")
    awal = ""
    if len(tahun_data) > 1:
        daftar = gabung([str(t) for t in tahun_data])
        awal = f"Data realisasi tersedia untuk tahun {daftar}. "
    if not bagian:
        return awal + f"Capaian tahun {tahun - 1} belum dapat dibandingkan."
    return awal + f"Dibandingkan dengan tahun {tahun - 1}, realisasi {gabung(bagian)}."


# The comparison cell of an indicator new with the Renstra period and linked to no predecessor.
TIDAK_DAPAT_DIBANDINGKAN = "tidak dapat dibandingkan"


def perubahan_tingkat(*, arah: str | None, lalu: str, sekarang: str) -> str:
    """The change of a level between two years, as a table cell: "tetap BB", "naik (B → BB)"."""
    if arah is None:
        return "–"
    if arah == "tetap":
        return f"tetap {sekarang}"
    return f"{arah} ({lalu} → {sekarang})"


def perubahan_tingkat_baris(baris: "BarisCapaian") -> str:
    """perubahan_tingkat of an ordinal indicator's row against the previous year: the cell
    the report's table of earlier years prints (perubahan_lalu)."""
    arah, sekarang, lalu = baris.arah_lalu, baris.realisasi.tingkat, baris.realisasi_lalu.tingkat
    return perubahan_tingkat(
        arah=arah.value if arah else None,
        lalu=lalu.kode if lalu else "",
        sekarang=sekarang.kode if sekarang else "",
    )


def perubahan_lalu(baris: "BarisCapaian") -> str:
    """The change against the previous year as a cell: a level reads "tetap BB" or
    "naik (B → BB)"; a number reads its direction and the difference of the realisasi."""
    if baris.tidak_dapat_dibandingkan:
        return TIDAK_DAPAT_DIBANDINGKAN
    if baris.indikator.is_ordinal:
        return perubahan_tingkat_baris(baris)
    arah = baris.arah_lalu
    beda = selisih(baris.realisasi.angka, baris.realisasi_lalu.angka)
    if arah is None or beda is None:
        return "–"
    if arah == Arah.TETAP:
        return str(arah.label)
    return f"{arah.label} ({format_angka(beda, 2)})"


def kalimat_renstra(
    *, tahun_akhir: int, jumlah_indikator: int, tercapai: int, belum_terukur: int
) -> str:
    """Progress toward the Renstra's final-year target."""
    teks = (
        f"Terhadap target jangka menengah tahun {tahun_akhir} pada Rencana Strategis, "
        f"{jumlah(tercapai)} dari {jumlah(jumlah_indikator)} indikator telah mencapai targetnya"
    )
    if belum_terukur:
        teks += f", sedangkan {jumlah(belum_terukur)} indikator belum dapat diukur"
    return teks + "."


def kalimat_kesimpulan(
    *, nomor: int, nama_sasaran: str, tahun: int, tercapai: int, terukur: int, belum: int
) -> str:
    """BAB IV A: one conclusion per sasaran, from the categories of its indicators.

    `tercapai` counts the indicators whose capaian reached 100 % of the target (the definition
    BAB III uses), `terukur` those with a capaian, `belum` those without realisasi.
    "Sebagian besar" means more than half.
    """
    if terukur == 0:
        putusan = "belum dapat diukur karena belum ada realisasi"
    elif tercapai == terukur and not belum:
        putusan = f"telah tercapai sesuai target yang ditetapkan pada tahun {tahun}"
    elif tercapai == terukur:
        putusan = (
            f"telah tercapai pada indikator yang terukur, sedangkan {jumlah(belum)} "
            "indikator belum ada realisasinya"
        )
    elif tercapai * 2 > terukur:
        putusan = (
            f"sebagian besar tercapai: {jumlah(tercapai)} dari {jumlah(terukur)} indikator "
            "terukur telah mencapai target"
        )
    else:
        putusan = (
            f"belum tercapai sepenuhnya: {jumlah(tercapai)} dari {jumlah(terukur)} "
            "indikator terukur yang mencapai target 100 %"
        )
    return f"Capaian kinerja sasaran strategis ke-{nomor}, {nama_sasaran}, {putusan}."


def kalimat_anggaran(
    *,
    tahun: int,
    pagu: Decimal,
    realisasi: Decimal | None,
    serapan: Decimal | None,
    kategori: str | None,
    jumlah_program: int,
) -> str:
    teks = (
        f"Pada tahun {tahun} dilaksanakan {jumlah(jumlah_program)} program dengan pagu "
        f"anggaran seluruhnya {format_rupiah(pagu)}"
    )
    if realisasi is None or serapan is None:
        return teks + "; realisasinya belum dilaporkan."
    teks += f" dan realisasi {format_rupiah(realisasi)} atau {format_persen(serapan)}"
    if kategori:
        teks += f", sehingga kinerja anggaran secara keseluruhan masuk kategori {kategori}"
    return teks + "."


def kalimat_efisiensi(
    *,
    rata_rata: Decimal | None,
    jumlah_kegiatan: int,
    anggaran: Decimal,
    realisasi: Decimal | None,
    serapan: Decimal | None,
    serapan_total: Decimal | None,
) -> str:
    """Capaian of a sasaran against the budget of the kegiatan that serve it."""
    capaian = (
        f"rata-rata capaian {format_persen(rata_rata)}"
        if rata_rata is not None
        else "capaian yang belum dapat diukur"
    )
    if not jumlah_kegiatan:
        teks = (
            f"Sasaran ini, dengan {capaian}, tidak didukung kegiatan pada Perjanjian Kinerja "
            "unit yang dipetakan kepadanya, sehingga efisiensi penggunaan anggarannya tidak dapat "
            "dinilai tersendiri"
        )
        if serapan_total is not None:
            teks += f"; serapan anggaran secara keseluruhan {format_persen(serapan_total)}"
        return teks + "."
    teks = (
        f"Sasaran ini didukung {jumlah(jumlah_kegiatan)} kegiatan dengan anggaran "
        f"{format_rupiah(anggaran)} dan {capaian}"
    )
    if realisasi is not None and serapan is not None:
        teks += f"; anggarannya terserap {format_rupiah(realisasi)} ({format_persen(serapan)})"
        if rata_rata is not None and serapan:
            efisien = "lebih tinggi dari" if rata_rata > serapan else "tidak melebihi"
            teks += f", sehingga capaian {efisien} serapan anggaran"
        return teks + "."
    teks += (
        "; realisasi anggaran per kegiatan tidak dilaporkan, sehingga serapan yang tersedia "
        "hanya serapan anggaran secara keseluruhan"
    )
    if serapan_total is not None:
        teks += f", yaitu {format_persen(serapan_total)}"
    return teks + "."


def kalimat_rekonsiliasi(
    *,
    tahun: int,
    total: Decimal,
    pagu: Decimal,
    apbd: Decimal,
    rincian: Sequence[tuple[str, Decimal]],
) -> str:
    """Why the unit agreements' kegiatan add up to more (or less) than the DIPA pagu."""
    teks = (
        f"Kegiatan pada Perjanjian Kinerja unit tahun {tahun} berjumlah {format_rupiah(total)}, "
        f"sedangkan pagu DIPA {format_rupiah(pagu)}. Menurut sumber dana: "
        + gabung([f"{label} {format_rupiah(nilai)}" for label, nilai in rincian])
        + "."
    )
    if total == pagu:
        return teks
    if apbd:
        sisa = total - apbd
        teks += (
            f" Kegiatan yang didanai hibah APBD tidak termasuk pagu DIPA; tanpa kegiatan itu "
            f"jumlahnya {format_rupiah(sisa)}"
        )
        if sisa == pagu:
            return teks + ", sama dengan pagu DIPA."
        selisih = pagu - sisa
        arah = "lebih kecil" if selisih > 0 else "lebih besar"
        return (
            teks + f", {format_rupiah(abs(selisih))} {arah} dari pagu DIPA: selisih yang tidak "
            "dapat dijelaskan dari data perjanjian unit."
        )
    return teks + " Selisihnya tidak dapat dijelaskan dari data sumber dana."


def kalimat_standar_nasional(*, tahun: int, jumlah_indikator: int, dengan_standar: int) -> str:
    """Said once: which indicators carry a national standard to compare with."""
    if not jumlah_indikator:
        return ""
    if not dengan_standar:
        return (
            f"Tidak terdapat standar nasional untuk indikator kinerja tahun {tahun}, sehingga "
            "capaian dibandingkan dengan target, tahun-tahun sebelumnya dan target Rencana "
            "Strategis."
        )
    tanpa = jumlah_indikator - dengan_standar
    teks = f"{jumlah(dengan_standar)} indikator memiliki standar nasional sebagai pembanding"
    if tanpa:
        teks += f"; untuk {jumlah(tanpa)} indikator lainnya tidak terdapat standar nasional"
    return teks + "."


def kalimat_masalah(*, di_bawah: Sequence[tuple[str, Decimal, str]], paling_banyak: int = 3) -> str:
    """The main problems for the Ringkasan: the lowest capaian below target, with the obstacle
    recorded for each. `di_bawah` holds (indicator, capaian, kendala) below target."""
    if not di_bawah:
        return "Seluruh indikator yang terukur telah mencapai targetnya."
    terendah = sorted(di_bawah, key=lambda x: x[1])[:paling_banyak]
    bagian = [
        f"{nama} ({format_persen(persen)}"
        + (f"; kendala: {kendala.strip()}" if kendala else "")
        + ")"
        for nama, persen, kendala in terendah
    ]
    return (
        f"{jumlah(len(di_bawah))} indikator belum mencapai target; capaian terendah pada "
        f"{gabung(bagian)}."
    )


def catatan_tercetak(
    teks_tercetak: str | None, nilai: Decimal | int | None, *, tentang: str = ""
) -> str:
    """The note beside a recomputed figure where the source printed another one.

    The printed text is read as a number and ours is compared at the printed precision
    ("91,57 %" against 91,2634 → different; "70,70" against 70,70 → no note).
    """
    if not teks_tercetak or nilai is None:
        return ""
    tercetak = parse_angka(teks_tercetak)
    desimal = max(0, -int(tercetak.as_tuple().exponent))
    if bulatkan(nilai, desimal) == tercetak:
        return ""
    sebelumnya = f"{tentang}: {teks_tercetak.strip()}" if tentang else teks_tercetak.strip()
    return f"dihitung ulang dari data; angka tercetak sebelumnya {sebelumnya}"
