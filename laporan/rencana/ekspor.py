"""An organisation's structure and plan for one year as rows of the plan workbook's sheets.

`baris_rencana` reads the database into plain rows (dicts keyed as in laporan.rencana.lembar);
`rencana_ekspor` writes them as a workbook. The import compares a workbook with the same rows
of a signed agreement, so both sides go through one reader.
"""

from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from anggaran.models import AnggaranKegiatan, Program, RealisasiProgram
from inti.galat import Ditolak
from inti.xlsx import FORMAT_RUPIAH, judul_kolom, ke_bytes, tulis
from kinerja.capaian import renstra_tahun
from kinerja.models import (
    KegiatanPerjanjian,
    PerjanjianKinerja,
    Realisasi,
    StandarNasional,
    TargetKinerja,
)
from laporan.rencana import lembar as L
from laporan.rencana.laporan_tahunan import baris_laporan
from laporan.rencana.skala import baris_skala, baris_skala_penilaian
from organisasi.models import JumlahPegawai, Organisasi, Pejabat, UnitKerja, UraianTugas
from renstra.models import IndikatorKinerja, Renstra, TargetRenstra

Baris = dict[str, Any]


def kode_peran(peran: str, unit_kerja: str) -> str:
    return f"kasubbag-{unit_kerja}" if peran == Pejabat.Peran.KEPALA_SUBBAGIAN else peran


def kode_pejabat(pejabat: Pejabat, terakhir: set[int]) -> str:
    """The code the reference loader finds a signatory by (laporan.referensi.pejabat_dari_kode):
    the role, and the start date for anyone but the role's latest holder (in `terakhir`)."""
    kode = kode_peran(pejabat.peran, pejabat.unit_kerja.slug if pejabat.unit_kerja else "")
    return kode if pejabat.pk in terakhir else f"{kode}@{pejabat.mulai.isoformat()}"


def _pemegang_terakhir(org_id: int) -> set[int]:
    terakhir: dict[tuple[str, int | None], tuple] = {}
    for pk, peran, unit, mulai in Pejabat.objects.filter(organisasi_id=org_id).values_list(
        "pk", "peran", "unit_kerja_id", "mulai"
    ):
        if (peran, unit) not in terakhir or mulai >= terakhir[peran, unit][1]:
            terakhir[peran, unit] = (pk, mulai)
    return {pk for pk, _mulai in terakhir.values()}


def _nilai(t: Any) -> Decimal | str | None:
    nilai: Decimal | str | None = t.tingkat.kode if t.tingkat_id else t.nilai
    return nilai


def _slug(unit: UnitKerja | None) -> str:
    return unit.slug if unit else ""


def baris_organisasi(org: Organisasi, tahun: int) -> dict[str, list[Baris]]:
    o = {k.kunci: getattr(org, k.kunci) for k in L.ORGANISASI.kolom if k.kunci != "induk"}
    o["induk"] = org.induk.slug if org.induk else ""
    unit = [
        {
            "slug": u.slug,
            "nama": u.nama,
            "nama_singkat": u.nama_singkat,
            "jenis": u.jenis,
            "induk": _slug(u.induk),
            "tugas": u.tugas,
        }
        for u in UnitKerja.objects.filter(organisasi=org).select_related("induk")
    ]
    pejabat = [
        {
            "peran": p.peran,
            "unit_kerja": _slug(p.unit_kerja),
            "mulai": p.mulai,
            "selesai": p.selesai,
            "nama": p.nama,
            "nip": p.nip,
            "jabatan": p.jabatan,
            "jabatan_ttd": p.jabatan_ttd,
            "pelaksana": p.pelaksana,
        }
        for p in Pejabat.objects.filter(organisasi=org)
        .select_related("unit_kerja")
        .order_by("mulai", "pk")
    ]
    return {
        L.ORGANISASI.nama: [o],
        L.UNIT.nama: unit,
        L.PEJABAT.nama: pejabat,
        L.URAIAN_TUGAS.nama: [
            dict(u)
            for u in UraianTugas.objects.filter(organisasi=org)
            .order_by("jenis", "urutan")
            .values("jenis", "urutan", "teks")
        ],
        L.PEGAWAI.nama: [
            {
                "tahun": p.tahun,
                "status": p.status_kepegawaian,
                "jumlah": p.jumlah,
                "urutan": p.urutan,
            }
            for p in JumlahPegawai.objects.filter(organisasi=org, tahun=tahun).order_by(
                "urutan", "pk"
            )
        ],
    }


def baris_renstra(renstra: Renstra) -> dict[str, list[Baris]]:
    indikator = list(
        IndikatorKinerja.objects.filter(sasaran__renstra=renstra)
        .select_related("sasaran", "skala", "unit_kerja", "pendahulu")
        .order_by("sasaran__nomor", "urutan", "pk")
    )
    target = (
        TargetRenstra.objects.filter(indikator__sasaran__renstra=renstra)
        .select_related("indikator", "tingkat")
        .order_by("indikator__sasaran__nomor", "indikator__urutan", "indikator__pk", "tahun")
    )
    return {
        L.RENSTRA.nama: [{k.kunci: getattr(renstra, k.kunci) for k in L.RENSTRA.kolom}],
        L.MISI.nama: [{"nomor": m.nomor, "teks": m.teks} for m in renstra.misi.order_by("nomor")],
        L.TUJUAN.nama: [
            {"nomor": t.nomor, "teks": t.teks} for t in renstra.tujuan.order_by("nomor")
        ],
        L.SASARAN_TUJUAN.nama: [
            {"tujuan": s.tujuan.nomor, "nomor": s.nomor, "teks": s.teks}
            for t in renstra.tujuan.order_by("nomor").prefetch_related("sasaran")
            for s in sorted(t.sasaran.all(), key=lambda s: s.nomor)
        ],
        L.SASARAN.nama: [
            {"nomor": s.nomor, "nama": s.nama, "tabel_bukti": s.tabel_bukti}
            for s in renstra.sasaran.order_by("nomor")
        ],
        L.INDIKATOR.nama: [_baris_indikator(i) for i in indikator],
        L.TARGET_RENSTRA.nama: [
            {
                "kode": t.indikator.kode,
                "nama": t.indikator.nama,
                "tahun": t.tahun,
                "nilai": _nilai(t),
                "nilai_atas": t.nilai_atas,
            }
            for t in target
        ],
    }


def _baris_indikator(i: IndikatorKinerja) -> Baris:
    return {
        "kode": i.kode,
        "sasaran": i.sasaran.nomor,
        "nama": i.nama,
        "tingkat": i.tingkat,
        "sasaran_program": i.sasaran_program,
        "tipe": i.tipe,
        "skala": i.skala.kode if i.skala else "",
        "satuan": i.satuan,
        "polaritas": i.polaritas,
        "agregasi": i.agregasi,
        "unit_kerja": _slug(i.unit_kerja),
        "pendahulu": i.pendahulu.kode if i.pendahulu else "",
        "definisi_operasional": i.definisi_operasional,
        "formula": i.formula,
        "sumber_data": i.sumber_data,
    }


def baris_perjanjian(daftar: list[PerjanjianKinerja]) -> dict[str, list[Baris]]:
    """The agreements, their targets and their kegiatan lines, in the order given."""
    hasil: dict[str, list[Baris]] = {
        L.PERJANJIAN.nama: [],
        L.TARGET_PERJANJIAN.nama: [],
        L.KEGIATAN_PERJANJIAN.nama: [],
    }
    target = TargetKinerja.objects.filter(perjanjian__in=daftar).select_related(
        "indikator", "tingkat"
    )
    kegiatan = KegiatanPerjanjian.objects.filter(perjanjian__in=daftar).select_related(
        "program", "kegiatan", "pemetaan__sasaran", "pemetaan__indikator"
    )
    terakhir = _pemegang_terakhir(daftar[0].organisasi_id) if daftar else set()
    for pk in daftar:
        kunci = {"unit_kerja": _slug(pk.unit_kerja), "versi": pk.versi}
        hasil[L.PERJANJIAN.nama].append(
            {
                **kunci,
                "tahun": pk.tahun,
                "pihak_pertama": kode_pejabat(pk.pihak_pertama, terakhir),
                "pihak_kedua": kode_pejabat(pk.pihak_kedua, terakhir),
                "tempat": pk.tempat,
                "tanggal": pk.tanggal,
                "ditandatangani": L.YA
                if pk.status == PerjanjianKinerja.Status.DITANDATANGANI
                else L.TIDAK,
            }
        )
        hasil[L.TARGET_PERJANJIAN.nama] += [
            {
                **kunci,
                "kode": t.indikator.kode,
                "nama": t.indikator.nama,
                "nilai": _nilai(t),
                "nilai_atas": t.nilai_atas,
            }
            for t in sorted(target, key=lambda t: (t.urutan, t.pk))
            if t.perjanjian_id == pk.pk
        ]
        hasil[L.KEGIATAN_PERJANJIAN.nama] += [
            _baris_kegiatan(kunci, k)
            for k in sorted(kegiatan, key=lambda k: (k.urutan, k.pk))
            if k.perjanjian_id == pk.pk
        ]
    return hasil


def _baris_kegiatan(kunci: Baris, k: KegiatanPerjanjian) -> Baris:
    pemetaan = getattr(k, "pemetaan", None)
    return {
        **kunci,
        "uraian": k.uraian,
        "anggaran": k.anggaran,
        "program": k.program.kode if k.program else "",
        "kegiatan": k.kegiatan.kode if k.kegiatan else "",
        "sasaran": pemetaan.sasaran.nomor if pemetaan else None,
        "indikator": pemetaan.indikator.kode if pemetaan and pemetaan.indikator_id else "",
        "sumber_dana": pemetaan.sumber_dana if pemetaan else "",
    }


def perjanjian_tahun(org: Organisasi, tahun: int) -> list[PerjanjianKinerja]:
    return list(
        PerjanjianKinerja.objects.filter(organisasi=org, tahun=tahun)
        .select_related("unit_kerja", "pihak_pertama__unit_kerja", "pihak_kedua__unit_kerja")
        .order_by("unit_kerja__urutan", "unit_kerja__pk", "versi")
    )


def baris_anggaran(org: Organisasi, tahun: int) -> list[Baris]:
    realisasi_program = dict(
        RealisasiProgram.objects.filter(program__organisasi=org, tahun=tahun).values_list(
            "program_id", "realisasi"
        )
    )
    anggaran = {
        a.kegiatan_id: a
        for a in AnggaranKegiatan.objects.filter(kegiatan__program__organisasi=org, tahun=tahun)
    }
    hasil = []
    for prog in Program.objects.filter(organisasi=org).prefetch_related("kegiatan"):
        awal = {
            "tahun": tahun,
            "program": prog.kode,
            "nama_program": prog.nama,
            "realisasi_program": realisasi_program.get(prog.pk),
        }
        hasil.append(
            {**awal, "kode": "", "nama": "", "sumber_dana": "", "kode_kro": "", "kode_ro": ""}
        )
        for keg in prog.kegiatan.all():
            a = anggaran.get(keg.pk)
            hasil.append(
                {
                    **awal,
                    "kode": keg.kode,
                    "nama": keg.nama,
                    "sumber_dana": a.sumber_dana if a else "",
                    "pagu": a.pagu if a else None,
                    "realisasi": a.realisasi if a else None,
                    "kode_kro": keg.kode_kro,
                    "kode_ro": keg.kode_ro,
                }
            )
    return hasil


def baris_standar(renstra: Renstra, tahun: int) -> list[Baris]:
    return [
        {
            "kode": s.indikator.kode,
            "nama": s.indikator.nama,
            "tahun": s.tahun,
            "nilai": _nilai(s),
            "sumber": s.sumber,
        }
        for s in StandarNasional.objects.filter(indikator__sasaran__renstra=renstra, tahun=tahun)
        .select_related("indikator", "tingkat")
        .order_by("indikator__sasaran__nomor", "indikator__urutan", "indikator__pk")
    ]


def baris_realisasi(renstra: Renstra, tahun: int) -> list[Baris]:
    return [
        {
            "tahun": tahun,
            "kode": r.indikator.kode,
            "nama": r.indikator.nama,
            "periode": r.periode,
            "nilai": _nilai(r),
            "status": r.status,
            "kendala": r.kendala,
            "tindak_lanjut": r.tindak_lanjut,
            "faktor_pendorong": r.faktor_pendorong,
        }
        for r in Realisasi.objects.filter(indikator__sasaran__renstra=renstra, tahun=tahun)
        .select_related("indikator", "tingkat")
        .order_by("indikator__sasaran__nomor", "indikator__urutan", "indikator__pk", "periode")
    ]


def baris_rencana(*, organisasi: Organisasi, tahun: int) -> dict[str, list[Baris]]:
    renstra = renstra_tahun(organisasi=organisasi, tahun=tahun)
    if renstra is None:
        raise Ditolak(f"{organisasi.nama_singkat} tidak mempunyai Renstra untuk tahun {tahun}.")
    terakhir = _pemegang_terakhir(organisasi.pk)
    return {
        **baris_organisasi(organisasi, tahun),
        L.SKALA.nama: baris_skala(renstra),
        **baris_renstra(renstra),
        L.SKALA_PENILAIAN.nama: baris_skala_penilaian(renstra),
        L.STANDAR.nama: baris_standar(renstra, tahun),
        **baris_perjanjian(perjanjian_tahun(organisasi, tahun)),
        L.ANGGARAN.nama: baris_anggaran(organisasi, tahun),
        L.REALISASI.nama: baris_realisasi(renstra, tahun),
        **baris_laporan(organisasi, renstra, tahun, lambda p: kode_pejabat(p, terakhir)),
    }


def rencana_ekspor(*, organisasi: Organisasi, tahun: int) -> bytes:
    """The workbook: a sheet per kind, a header row, then one row per record. Numbers are
    number cells holding the stored Decimal; every text goes through inti.xlsx.tulis."""
    data = baris_rencana(organisasi=organisasi, tahun=tahun)
    wb = Workbook()
    for i, lb in enumerate(L.SEMUA):
        ws = wb.create_sheet(lb.nama, i)
        judul_kolom(
            ws, 1, [k.judul for k in lb.kolom], [max(12, len(k.judul) + 2) for k in lb.kolom]
        )
        ws.freeze_panes = "A2"
        for n, baris in enumerate(data[lb.nama], start=2):
            for kolom, k in enumerate(lb.kolom, start=1):
                nilai = baris.get(k.kunci)
                uang = FORMAT_RUPIAH if k.kunci in ("anggaran", "pagu", "realisasi") else None
                tulis(ws, n, kolom, nilai, uang)
    del wb[wb.sheetnames[-1]]  # the empty sheet every new workbook starts with
    return ke_bytes(wb)
