"""The shape of the KPU: KPU RI, 38 KPU Provinsi and 514 KPU Kabupaten/Kota (553 satker), and
a smaller hierarchy in the same proportions for the scale tests.

Kab/kota per province as of the 2022-2023 expansions (the four new Papua provinces); the
counts sum to 514. Plain data, no Django.
"""

from dataclasses import dataclass

# (province, its capital: where its KPU signs documents, kab/kota below it)
PROVINSI: tuple[tuple[str, str, int], ...] = (
    ("Aceh", "Banda Aceh", 23),
    ("Sumatera Utara", "Medan", 33),
    ("Sumatera Barat", "Padang", 19),
    ("Riau", "Pekanbaru", 12),
    ("Jambi", "Jambi", 11),
    ("Sumatera Selatan", "Palembang", 17),
    ("Bengkulu", "Bengkulu", 10),
    ("Lampung", "Bandar Lampung", 15),
    ("Kepulauan Bangka Belitung", "Pangkalpinang", 7),
    ("Kepulauan Riau", "Tanjungpinang", 7),
    ("DKI Jakarta", "Jakarta", 6),
    ("Jawa Barat", "Bandung", 27),
    ("Jawa Tengah", "Semarang", 35),
    ("DI Yogyakarta", "Yogyakarta", 5),
    ("Jawa Timur", "Surabaya", 38),
    ("Banten", "Serang", 8),
    ("Bali", "Denpasar", 9),
    ("Nusa Tenggara Barat", "Mataram", 10),
    ("Nusa Tenggara Timur", "Kupang", 22),
    ("Kalimantan Barat", "Pontianak", 14),
    ("Kalimantan Tengah", "Palangka Raya", 14),
    ("Kalimantan Selatan", "Banjarbaru", 13),
    ("Kalimantan Timur", "Samarinda", 10),
    ("Kalimantan Utara", "Tanjung Selor", 5),
    ("Sulawesi Utara", "Manado", 15),
    ("Sulawesi Tengah", "Palu", 13),
    ("Sulawesi Selatan", "Makassar", 24),
    ("Sulawesi Tenggara", "Kendari", 17),
    ("Gorontalo", "Gorontalo", 6),
    ("Sulawesi Barat", "Mamuju", 6),
    ("Maluku", "Ambon", 11),
    ("Maluku Utara", "Sofifi", 10),
    ("Papua", "Jayapura", 9),
    ("Papua Barat", "Manokwari", 7),
    ("Papua Selatan", "Merauke", 4),
    ("Papua Tengah", "Nabire", 8),
    ("Papua Pegunungan", "Wamena", 8),
    ("Papua Barat Daya", "Sorong", 6),
)
JUMLAH_NASIONAL = 1 + len(PROVINSI) + sum(n for _, _, n in PROVINSI)  # 553

RI, PROV, KAB = "ri", "provinsi", "kabkota"
AWALAN_SLUG = "sintetis-"


@dataclass(frozen=True)
class RencanaSatker:
    """One synthetic satker to create; `induk` is the slug of the one above it."""

    slug: str
    nama: str
    nama_singkat: str
    tingkat: str
    provinsi: str
    kota: str
    induk: str = ""


def _bagi(jumlah: int, bobot: list[int]) -> list[int]:
    """`jumlah` split in proportion to `bobot`, largest remainder first (sums exactly)."""
    total = sum(bobot)
    dasar = [jumlah * b // total for b in bobot]
    sisa = sorted(range(len(bobot)), key=lambda i: (-(jumlah * bobot[i] % total), i))
    for i in sisa[: jumlah - sum(dasar)]:
        dasar[i] += 1
    return dasar


def susunan(n: int) -> list[tuple[str, str, int]]:
    """The provinces kept for a hierarchy of n satker and their kab/kota counts: KPU RI, at
    least one province, the rest in the national proportions (n = 553: the real counts)."""
    if n < 2:
        raise ValueError("Paling sedikit 2 satker: KPU RI dan satu KPU Provinsi.")
    n = min(n, JUMLAH_NASIONAL)
    jumlah_prov = min(len(PROVINSI), n - 1, max(1, round(len(PROVINSI) * n / JUMLAH_NASIONAL)))
    dipilih = PROVINSI[:jumlah_prov]
    kab = _bagi(n - 1 - jumlah_prov, [k for _, _, k in dipilih])
    return [(nama, ibu_kota, k) for (nama, ibu_kota, _), k in zip(dipilih, kab, strict=True)]


def _slug(teks: str) -> str:
    return teks.lower().replace(" ", "-")


def rencana(n: int) -> list[RencanaSatker]:
    """Every satker of the hierarchy, each above the ones below it (RI, provinces, kab/kota)."""
    ri = RencanaSatker(
        slug=f"{AWALAN_SLUG}kpu-ri",
        nama="Komisi Pemilihan Umum Republik Indonesia",
        nama_singkat="KPU RI",
        tingkat=RI,
        provinsi="",
        kota="Jakarta",
    )
    hasil = [ri]
    bawah = []
    for provinsi, ibu_kota, jumlah_kab in susunan(n):
        prov = RencanaSatker(
            slug=f"{AWALAN_SLUG}kpu-provinsi-{_slug(provinsi)}",
            nama=f"Komisi Pemilihan Umum Provinsi {provinsi}",
            nama_singkat=f"KPU Provinsi {provinsi}",
            tingkat=PROV,
            provinsi=provinsi,
            kota=ibu_kota,
            induk=ri.slug,
        )
        hasil.append(prov)
        for nomor in range(1, jumlah_kab + 1):
            # Invented names, plainly so: "Kabupaten Sintetis Aceh 01".
            nama = f"Kabupaten Sintetis {provinsi} {nomor:02d}"
            bawah.append(
                RencanaSatker(
                    slug=f"{AWALAN_SLUG}kpu-{_slug(provinsi)}-{nomor:02d}",
                    nama=f"Komisi Pemilihan Umum {nama}",
                    nama_singkat=f"KPU {nama}",
                    tingkat=KAB,
                    provinsi=provinsi,
                    kota=ibu_kota,
                    induk=prov.slug,
                )
            )
    return hasil + bawah
