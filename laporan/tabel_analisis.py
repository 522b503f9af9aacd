"""The tables of one sasaran's analysis (BAB III C) as laporan.tabel defines tables: the
same definitions print on the page (laporan/_tabel.html) and in the workbook."""

from kinerja.capaian import BarisCapaian
from laporan import kalimat
from laporan.analisis import AnalisisLakip
from laporan.selectors import DataLakip
from laporan.tabel import (
    KEPALA_CAPAIAN,
    Baris,
    Kode,
    Sel,
    Tabel,
    sel_capaian,
    sel_nilai,
    sel_persen,
    sel_rupiah,
)


def _analisis(d: DataLakip, nomor: int) -> AnalisisLakip:
    return next(a for a in d.analisis if a.sasaran.nomor == nomor)


def sasaran(d: DataLakip, nomor: int) -> list[Tabel]:
    """The tables of one sasaran's analysis, those it has, in the report's order."""
    a = _analisis(d, nomor)
    tabel = [
        Tabel(
            f"Capaian Kinerja Sasaran Strategis {nomor}",
            KEPALA_CAPAIAN,
            [Baris(sel_capaian(b)) for b in a.capaian.baris],
            [Baris(["Rata-rata capaian", None, None, None, sel_persen(a.rata_rata), None])],
        )
    ]
    for bagian in (lalu, renstra, standar, sebab, kegiatan):
        tabel += bagian(d, nomor)
    return tabel


def lalu(d: DataLakip, nomor: int) -> list[Tabel]:
    """The realisasi of every year on record and the change against the previous year."""
    a = _analisis(d, nomor)
    if not a.baris_lalu:
        return []
    baris = []
    for b in a.baris_lalu:
        tipe = b.indikator.tipe
        nilai = [
            sel_nilai(b.realisasi if th == d.tahun else b.riwayat.get(th), tipe)
            for th in a.tahun_riwayat
        ]
        penjelas = "(indikator sasaran program)" if _program(b) else ""
        baris.append(
            Baris([b.indikator.nama, *nilai, Kode(kalimat.perubahan_lalu(b))], penjelas=penjelas)
        )
    return [
        Tabel(
            f"Realisasi Tahun {a.tahun_riwayat[0]}–{d.tahun}, Sasaran Strategis {nomor}",
            ["INDIKATOR KINERJA", *map(str, a.tahun_riwayat), f"PERUBAHAN TERHADAP {d.tahun - 1}"],
            baris,
            induk=[("", 1), ("REALISASI", len(a.tahun_riwayat)), ("", 1)],
        )
    ]


def _program(b: BarisCapaian) -> bool:
    return b.indikator.tingkat == "sasaran_program"


def renstra(d: DataLakip, nomor: int) -> list[Tabel]:
    """The Renstra's yearly targets, this year's realisasi and progress to the final one."""
    a, r = _analisis(d, nomor), d.renstra
    if not a.baris_renstra or r is None:
        return []
    tahun = d.tahun_renstra
    baris = []
    for b in a.baris_renstra:
        tipe = b.indikator.tipe
        akhir = b.progres_akhir.persen if b.progres_akhir else None
        penjelas = f"(sasaran program: {b.indikator.sasaran_program})" if _program(b) else ""
        sel: list[Sel] = [
            b.indikator.nama,
            *(sel_nilai(b.target_renstra_tahunan.get(th), tipe) for th in tahun),
            sel_nilai(b.realisasi, tipe),
            sel_persen(akhir),
        ]
        baris.append(Baris(sel, penjelas=penjelas))
    return [
        Tabel(
            f"Target Rencana Strategis {r.tahun_mulai}–{r.tahun_selesai} dan Capaian, "
            f"Sasaran Strategis {nomor}",
            [
                "INDIKATOR KINERJA",
                *(f"{th} (AKHIR)" if th == tahun[-1] else str(th) for th in tahun),
                f"REALISASI {d.tahun}",
                "CAPAIAN TERHADAP TARGET AKHIR",
            ],
            baris,
            induk=[("", 1), ("TARGET RENSTRA", len(tahun)), ("", 2)],
        )
    ]


def standar(d: DataLakip, nomor: int) -> list[Tabel]:
    a = _analisis(d, nomor)
    if not a.baris_standar:
        return []
    return [
        Tabel(
            f"Perbandingan dengan Standar Nasional, Sasaran Strategis {nomor}",
            ["INDIKATOR KINERJA", "STANDAR NASIONAL", "REALISASI", "SUMBER"],
            [
                Baris(
                    [
                        b.indikator.nama,
                        sel_nilai(b.standar_nasional, b.indikator.tipe),
                        sel_nilai(b.realisasi, b.indikator.tipe),
                        b.sumber_standar,
                    ]
                )
                for b in a.baris_standar
            ],
        )
    ]


def _penyebab(b: BarisCapaian, pratinjau: bool) -> str | None:
    """What drove a target met, or what held back one missed; a preview says what is missing."""
    if b.persen is not None and b.persen >= 100:
        if b.faktor_pendorong:
            return f"Faktor pendorong: {b.faktor_pendorong}"
        return "faktor pendorong belum diisi" if pratinjau else None
    if b.kendala:
        return f"Kendala: {b.kendala}"
    return "kendala belum diisi" if pratinjau else None


def sebab(d: DataLakip, nomor: int) -> list[Tabel]:
    """Penyebab dan Solusi: each measured indicator's cause and follow-up, as entered with
    its realisasi."""
    a = _analisis(d, nomor)
    if not a.baris_sebab:
        return []
    baris = []
    for b in a.baris_sebab:
        kurang = b.persen is not None and b.persen < 100
        solusi = b.tindak_lanjut or (
            "tindak lanjut belum diisi" if d.pratinjau and kurang else None
        )
        baris.append(
            Baris([b.indikator.nama, sel_persen(b.persen), _penyebab(b, d.pratinjau), solusi])
        )
    return [
        Tabel(
            f"Penyebab dan Solusi, Sasaran Strategis {nomor}",
            ["INDIKATOR KINERJA", "CAPAIAN", "PENYEBAB", "SOLUSI / TINDAK LANJUT"],
            baris,
        )
    ]


def kegiatan(d: DataLakip, nomor: int) -> list[Tabel]:
    """The unit kegiatan behind one sasaran, the DIPA code before the description."""
    a = _analisis(d, nomor)
    if not a.kegiatan:
        return []
    baris = []
    for k in a.kegiatan:
        kode = k.kegiatan.kegiatan.kode_lengkap if k.kegiatan.kegiatan else ""
        uraian = f"{kode} {k.kegiatan.uraian}" if kode else k.kegiatan.uraian
        baris.append(Baris([k.unit.nama_singkat, uraian, sel_rupiah(k.kegiatan.anggaran)]))
    return [
        Tabel(
            f"Kegiatan Pendukung Sasaran Strategis {nomor}",
            ["UNIT KERJA", "KEGIATAN", "ANGGARAN (Rp)"],
            baris,
            [Baris(["Jumlah", None, sel_rupiah(a.total_kegiatan)])],
        )
    ]
