"""The generated sentences of the LAKIP: every count and figure in them comes from data.

Plain functions over numbers and names, no Django and no ORM, so that each sentence can be
tested on its own. Numbers go through inti.angka, counts are written the way Indonesian
reports write them: "35 (tiga puluh lima)".
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal

from inti.angka import format_persen, format_rupiah
from inti.capaian import Status

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


def kalimat_tahun_lalu(*, tahun: int, naik: int, turun: int, tetap: int) -> str:
    """The verdict of the comparison with the previous year, counted from the rows."""
    bagian = []
    if naik:
        bagian.append(f"{jumlah(naik)} indikator meningkat")
    if turun:
        bagian.append(f"{jumlah(turun)} indikator menurun")
    if tetap:
        bagian.append(f"{jumlah(tetap)} indikator tetap")
    if not bagian:
        return f"Capaian tahun {tahun - 1} belum dapat dibandingkan."
    return f"Dibandingkan dengan tahun {tahun - 1}, capaian {gabung(bagian)}."


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

    `tercapai` counts the indicators in a category that reaches the target, `terukur` those
    with a capaian, `belum` those without realisasi.
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
    elif tercapai * 2 >= terukur:
        putusan = (
            f"sebagian besar tercapai: {jumlah(tercapai)} dari {jumlah(terukur)} indikator "
            "terukur telah mencapai target"
        )
    else:
        putusan = (
            f"belum tercapai sepenuhnya: {jumlah(tercapai)} dari {jumlah(terukur)} "
            "indikator terukur yang mencapai target"
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
