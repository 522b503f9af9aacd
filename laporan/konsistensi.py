"""The consistency panel of the LAKIP page: what makes the year's report wrong or incomplete,
read from the data the report was built from (laporan.selectors.data_lakip)."""

from dataclasses import dataclass

from inti.angka import format_persen
from inti.capaian import Status
from kinerja.models import PerjanjianKinerja, Realisasi
from kinerja.pohon import periksa_kaskade
from laporan.models import LaporanKinerja
from laporan.narasi_periksa import periksa_narasi
from laporan.selectors import FIELD_NARASI, NARASI_PILIHAN, DataLakip
from renstra.models import IndikatorKinerja


@dataclass(frozen=True)
class Temuan:
    """One kind of problem that makes the report wrong or incomplete, with its items."""

    judul: str
    rincian: list[str]
    berat: bool = True  # wrong figures (True) or only incomplete text (False)


def periksa_konsistensi(data: DataLakip) -> list[Temuan]:
    """What the report of the year lacks, from the data it was built from (three queries)."""
    return [
        *_temuan_capaian(data),
        *_temuan_perjanjian_anggaran(data),
        *_temuan_analisis(data),
        *(
            Temuan(judul, rincian, berat=False)
            for judul, rincian in periksa_kaskade(
                organisasi=data.organisasi, tahun=data.tahun, tabel=data.capaian
            ).bagian()
        ),
        *(
            Temuan(judul, rincian, berat=False)
            for judul, rincian in periksa_narasi(laporan=data.laporan, analisis=data.analisis)
        ),
        *_temuan_narasi(data),
        *_temuan_kelengkapan(data),
    ]


def _temuan_capaian(data: DataLakip) -> list[Temuan]:
    """Wrong figures: no agreement, targets without realisasi, realisasi left out."""
    temuan: list[Temuan] = []
    capaian = data.capaian
    if capaian.perjanjian is None:
        temuan.append(Temuan("Belum ada Perjanjian Kinerja organisasi tahun ini", []))
    tanpa = [b for b in capaian.baris if b.hasil.status == Status.BELUM_ADA_REALISASI]
    if tanpa:
        temuan.append(
            Temuan(
                "Indikator dengan target tetapi tanpa realisasi"
                + ("" if data.pratinjau else " terverifikasi"),
                [f"Sasaran {b.indikator.sasaran.nomor}: {b.indikator.nama}" for b in tanpa],
            )
        )
    id_target = [b.indikator.pk for b in capaian.baris]
    if not data.pratinjau:
        belum = (
            Realisasi.objects.filter(indikator_id__in=id_target, tahun=data.tahun)
            .exclude(status=Realisasi.Status.DIVERIFIKASI)
            .select_related("indikator")
            .order_by("indikator__sasaran__nomor", "indikator__urutan", "periode")
        )
        rincian = [
            f"{r.indikator.nama} ({r.get_periode_display()}, {r.get_status_display()})"
            for r in belum
        ]
        if rincian:
            temuan.append(Temuan("Realisasi yang belum diverifikasi (tidak dihitung)", rincian))
    if data.renstra is not None:
        rincian = _realisasi_tanpa_target(data, id_target)
        if rincian:
            temuan.append(
                Temuan("Realisasi tanpa target pada Perjanjian Kinerja yang berlaku", rincian)
            )
    return temuan


def _realisasi_tanpa_target(data: DataLakip, id_target: list[int]) -> list[str]:
    """Strategic indicators with realisasi this year but no target in the agreement."""
    tanpa_target = (
        Realisasi.objects.filter(
            tahun=data.tahun,
            indikator__sasaran__renstra=data.renstra,
            indikator__tingkat=IndikatorKinerja.Tingkat.SASARAN_STRATEGIS,
        )
        .exclude(indikator_id__in=id_target)
        .select_related("indikator__sasaran")
        .order_by("indikator__sasaran__nomor", "indikator__urutan", "periode")
    )
    return sorted(
        {f"Sasaran {r.indikator.sasaran.nomor}: {r.indikator.nama}" for r in tanpa_target}
    )


def _temuan_perjanjian_anggaran(data: DataLakip) -> list[Temuan]:
    """Unsigned agreements, programs without realisasi, a year without pagu."""
    temuan: list[Temuan] = []
    belum_ttd = [
        d.perjanjian
        for d in data.semua_perjanjian
        if d.perjanjian.status != PerjanjianKinerja.Status.DITANDATANGANI
    ]
    if belum_ttd:
        temuan.append(
            Temuan("Perjanjian Kinerja belum ditandatangani", [str(p) for p in belum_ttd])
        )
    if data.anggaran.program_tanpa_realisasi:
        temuan.append(
            Temuan(
                "Program tanpa realisasi anggaran",
                [
                    f"{p.program.kode} {p.program.nama}"
                    for p in data.anggaran.program_tanpa_realisasi
                ],
            )
        )
    if not data.anggaran.program:
        temuan.append(Temuan("Belum ada pagu anggaran tahun ini", []))
    return temuan


def _temuan_analisis(data: DataLakip) -> list[Temuan]:
    """Incomplete analysis: causes and drivers not written, kegiatan not mapped."""
    temuan: list[Temuan] = []
    tanpa_kendala = [
        f"{b.indikator.nama} ({format_persen(b.persen)})"
        for b in data.di_bawah_tanpa_sebab
        if b.persen is not None
    ]
    if tanpa_kendala:
        temuan.append(
            Temuan(
                "Indikator di bawah target tanpa kendala dan tindak lanjut",
                tanpa_kendala,
                berat=False,
            )
        )
    tanpa_pendorong = [
        f"{b.indikator.nama} ({format_persen(b.persen)})"
        for b in data.tercapai_tanpa_pendorong
        if b.persen is not None
    ]
    if tanpa_pendorong:
        temuan.append(
            Temuan(
                "Indikator yang mencapai target tanpa faktor pendorong",
                tanpa_pendorong,
                berat=False,
            )
        )
    if data.kegiatan_tanpa_sasaran:
        temuan.append(
            Temuan(
                "Kegiatan perjanjian unit yang belum dipetakan ke sasaran (tidak dihitung "
                "pada efisiensi)",
                [
                    f"{k.unit.nama_singkat}: {k.kegiatan.uraian}"
                    for k in data.kegiatan_tanpa_sasaran
                ],
                berat=False,
            )
        )
    return temuan


def _temuan_narasi(data: DataLakip) -> list[Temuan]:
    """The narrative not saved, or fields of it still empty."""
    temuan: list[Temuan] = []
    if not data.laporan_tersimpan:
        temuan.append(
            Temuan("Narasi laporan belum disimpan: teks bawaan yang dipakai", [], berat=False)
        )
    if data.laporan.perlu_ditinjau:
        temuan.append(
            Temuan(
                f"Narasi dan analisis sasaran perlu ditinjau: disalin dari laporan tahun "
                f"{data.tahun - 1}; periksa dan simpan narasinya",
                [],
                berat=False,
            )
        )
    kosong = [
        # FIELD_NARASI names text columns; get_field is typed for relations too.
        str(LaporanKinerja._meta.get_field(f).verbose_name).capitalize()  # type: ignore[union-attr]
        for f in FIELD_NARASI
        if f not in NARASI_PILIHAN and not getattr(data.laporan, f).strip()
    ]
    kosong += [f"Analisis sasaran {a.sasaran.nomor}" for a in data.analisis if not a.teks.strip()]
    if kosong:
        temuan.append(Temuan("Narasi yang masih kosong", kosong, berat=False))
    return temuan


def _temuan_kelengkapan(data: DataLakip) -> list[Temuan]:
    """Signatory, date, logo, SAKIP result, pictures of other achievements."""
    lain = []
    if not data.laporan.penandatangan_id:
        lain.append("Penandatangan laporan belum dipilih")
    if not data.laporan.tanggal:
        lain.append("Tanggal laporan belum diisi")
    if not data.organisasi.logo:
        lain.append("Logo organisasi belum diunggah (sampul dan kop tanpa logo)")
    if data.sakip is None:
        lain.append("Belum ada hasil evaluasi SAKIP")
    lain += [
        f"Capaian kinerja lain tanpa gambar: {c.uraian[:80]}"
        for c in data.capaian_lain
        if not c.gambar
    ]
    return [Temuan("Kelengkapan lain", lain, berat=False)] if lain else []
