"""The pohon kinerja of a year and the check of its cascade.

How the cascade is held in the data: a unit's agreement carries the Renstra's own indicators
(TargetKinerja.indikator), so a unit indicator serves the organisation indicator that is the
same row; no second "induk" link is needed, and none could disagree with the first. A kegiatan
line of a unit's agreement names the indicator it serves (KegiatanPerjanjian.indikator).
The check lists what breaks the chain: a unit indicator the organisation's agreement does not
carry, an organisation indicator no unit carries, a kegiatan that serves nothing (or an
indicator its own agreement does not carry).

Fixed queries: the capaian table's nine (or none when the caller passes it) and five more.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, When

from inti.angka import format_persen, format_rupiah
from inti.capaian import HasilCapaian, Rentang, klasifikasi
from inti.pohon import Jenis, Simpul, gambar_pohon
from kinerja.capaian import (
    BarisCapaian,
    Nilai,
    TabelCapaian,
    hitung,
    realisasi_tahun,
    tabel_capaian,
)
from kinerja.models import (
    KegiatanPerjanjian,
    PemetaanKegiatan,
    PerjanjianKinerja,
    Realisasi,
    TargetKinerja,
)
from organisasi.models import Organisasi, UnitKerja
from renstra.models import IndikatorKinerja, SasaranStrategis, Tujuan


@dataclass
class UnitPohon:
    unit: UnitKerja
    kegiatan: list[KegiatanPerjanjian]
    membawa: bool  # the unit's agreement carries the indicator (else only a kegiatan serves it)


@dataclass
class IndikatorPohon:
    indikator: IndikatorKinerja
    hasil: HasilCapaian
    kategori: Rentang | None
    di_organisasi: bool  # on the organisation's agreement in force
    unit: list[UnitPohon] = field(default_factory=list)

    @property
    def keterangan(self) -> str:
        if self.hasil.persen is None:
            return self.hasil.status.label
        teks = f"Capaian {format_persen(self.hasil.persen)}"
        return f"{teks} · {self.kategori.nama}" if self.kategori else teks


@dataclass
class SasaranPohon:
    sasaran: SasaranStrategis
    indikator: list[IndikatorPohon]


@dataclass(frozen=True)
class KegiatanLepas:
    unit: UnitKerja
    kegiatan: KegiatanPerjanjian
    indikator: IndikatorKinerja | None = None  # what its mapping says it serves

    @property
    def teks(self) -> str:
        if self.indikator is None:
            return f"{self.unit.nama}: {self.kegiatan.uraian} (tidak terhubung ke indikator)"
        return (
            f"{self.unit.nama}: {self.kegiatan.uraian} (mendukung indikator yang tidak ada pada "
            f"perjanjian kinerja unitnya: {self.indikator})"
        )


@dataclass(frozen=True)
class CekKaskade:
    unit_tanpa_induk: list[tuple[UnitKerja, IndikatorKinerja]]
    organisasi_tanpa_unit: list[IndikatorKinerja]
    kegiatan_lepas: list[KegiatanLepas]

    @property
    def kosong(self) -> bool:
        return not (self.unit_tanpa_induk or self.organisasi_tanpa_unit or self.kegiatan_lepas)

    def bagian(self) -> list[tuple[str, list[str]]]:
        """(heading, items) of each non-empty finding, in Indonesian, for pages and the LAKIP."""
        hasil = [
            (
                "Indikator unit yang tidak mendukung indikator organisasi",
                [f"{u.nama}: {i.nama}" for u, i in self.unit_tanpa_induk],
            ),
            (
                "Indikator organisasi yang tidak dibawa unit mana pun",
                [f"Sasaran {i.sasaran.nomor}: {i.nama}" for i in self.organisasi_tanpa_unit],
            ),
            (
                "Kegiatan yang tidak terhubung dalam pohon kinerja",
                [k.teks for k in self.kegiatan_lepas],
            ),
        ]
        return [(judul, rincian) for judul, rincian in hasil if rincian]


@dataclass
class PohonKinerja:
    organisasi: Organisasi
    tahun: int
    tujuan: list[Tujuan]
    sasaran: list[SasaranPohon]
    cek: CekKaskade

    def simpul(self) -> list[Simpul]:
        """The drawing's nodes, one tree per sasaran."""
        return [_simpul_sasaran(s) for s in self.sasaran]

    def svg(self) -> str:
        """The whole tree in one drawing (the download)."""
        return gambar_pohon(
            self.simpul(), judul=f"Pohon kinerja {self.organisasi.nama_singkat} {self.tahun}"
        )

    def svg_per_sasaran(self) -> list[tuple[SasaranPohon, str]]:
        """One drawing per sasaran: pages break between them when printed."""
        return [
            (
                s,
                gambar_pohon(
                    [simpul],
                    judul=f"Pohon kinerja sasaran {s.sasaran.nomor}: {s.sasaran.nama}",
                    kode=f"pohon-sasaran-{s.sasaran.nomor}",
                ),
            )
            for s, simpul in zip(self.sasaran, self.simpul(), strict=True)
        ]


def _simpul_sasaran(s: SasaranPohon) -> Simpul:
    return Simpul(
        judul=f"Sasaran {s.sasaran.nomor}: {s.sasaran.nama}",
        jenis=Jenis.SASARAN,
        anak=tuple(
            Simpul(
                judul=i.indikator.nama,
                jenis=Jenis.INDIKATOR,
                keterangan=i.keterangan
                + ("" if i.di_organisasi else " · tidak ada di PK organisasi"),
                tanda=not i.di_organisasi or not any(u.membawa for u in i.unit),
                anak=tuple(
                    Simpul(
                        judul=u.unit.nama,
                        jenis=Jenis.UNIT,
                        keterangan="" if u.membawa else "tidak membawa indikator ini",
                        tanda=not u.membawa,
                        anak=tuple(
                            Simpul(
                                judul=k.uraian,
                                jenis=Jenis.KEGIATAN,
                                keterangan=format_rupiah(k.anggaran),
                                tanda=not u.membawa,
                            )
                            for k in u.kegiatan
                        ),
                    )
                    for u in i.unit
                ),
            )
            for i in s.indikator
        ),
    )


def _perjanjian_unit(organisasi: Organisasi, tahun: int) -> list[PerjanjianKinerja]:
    """Each unit's agreement in force, as kinerja.capaian.perjanjian_berlaku picks it (the
    latest signed version, else the latest draft), in one query for all units."""
    dipilih: dict[int, PerjanjianKinerja] = {}
    for pk in (
        PerjanjianKinerja.objects.filter(
            organisasi=organisasi, tahun=tahun, unit_kerja__isnull=False
        )
        .select_related("unit_kerja")
        .order_by(
            Case(When(status=PerjanjianKinerja.Status.DITANDATANGANI, then=0), default=1),
            "-versi",
        )
    ):
        dipilih.setdefault(pk.unit_kerja_id, pk)  # type: ignore[arg-type]
    return sorted(dipilih.values(), key=lambda p: (p.unit_kerja.urutan, p.unit_kerja.pk))  # type: ignore[union-attr]


@dataclass
class _Unit:
    """The units' agreements of the year: who carries which indicator, and their kegiatan."""

    perjanjian: list[PerjanjianKinerja]
    dibawa: dict[int, list[UnitKerja]]  # indicator -> units whose agreement carries it
    indikator: dict[int, IndikatorKinerja]  # carried by a unit, or served by a unit's kegiatan
    target: dict[int, TargetKinerja]  # indicator -> the first unit's target
    kegiatan: dict[tuple[int, int], list[KegiatanPerjanjian]]  # (indicator, unit) -> lines
    # Kegiatan serving nothing, or an indicator their own agreement does not carry.
    lepas: list[tuple[UnitKerja, KegiatanPerjanjian, int | None]]


def pohon_kinerja(
    *, organisasi: Organisasi, tahun: int, tabel: TabelCapaian | None = None
) -> PohonKinerja:
    """The year's tree from verified realisasi. Pass the capaian table when it is at hand."""
    if tabel is None:
        tabel = tabel_capaian(organisasi=organisasi, tahun=tahun)
    unit = _baca_unit(organisasi, tahun, tabel)
    di_organisasi = {b.indikator.pk: b for b in tabel.baris}
    # Capaian of indicators only units carry: their realisasi against the unit's target.
    realisasi = _realisasi_terverifikasi(
        [i for i in unit.indikator if i not in di_organisasi], tahun
    )
    semua = [b.indikator for b in tabel.baris] + [
        i for pk, i in unit.indikator.items() if pk not in di_organisasi
    ]
    per_sasaran: dict[int, SasaranPohon] = {}
    for ind in sorted(semua, key=lambda i: (i.sasaran.nomor, i.urutan, i.pk)):
        s = per_sasaran.setdefault(ind.sasaran_id, SasaranPohon(ind.sasaran, []))
        s.indikator.append(
            _indikator_pohon(ind, di_organisasi.get(ind.pk), unit, realisasi, tabel.skala)
        )
    tujuan = list(Tujuan.objects.filter(renstra=tabel.renstra)) if tabel.renstra else []
    return PohonKinerja(
        organisasi=organisasi,
        tahun=tahun,
        tujuan=tujuan,
        sasaran=sorted(per_sasaran.values(), key=lambda s: s.sasaran.nomor),
        cek=_cek_kaskade(unit, tabel, di_organisasi),
    )


def _baca_unit(organisasi: Organisasi, tahun: int, tabel: TabelCapaian) -> _Unit:
    """The units' agreements, targets, kegiatan and their mapping: four queries, and one more
    for indicators that only a kegiatan serves."""
    perjanjian = _perjanjian_unit(organisasi, tahun)
    unit_pk = {p.pk: p.unit_kerja for p in perjanjian}
    dibawa, indikator, target = _target_unit(unit_pk)
    kegiatan, lepas = _kegiatan_unit(unit_pk, dibawa)
    sisa = {i for i, _ in kegiatan} - set(dibawa) - {b.indikator.pk for b in tabel.baris}
    if sisa:
        # Kegiatan serving an indicator no agreement of the year carries: still drawn.
        for i in IndikatorKinerja.objects.filter(pk__in=sisa).select_related("sasaran", "skala"):
            indikator[i.pk] = i
    return _Unit(perjanjian, dibawa, indikator, target, kegiatan, lepas)


def _target_unit(
    unit_pk: dict[int, UnitKerja | None],
) -> tuple[dict[int, list[UnitKerja]], dict[int, IndikatorKinerja], dict[int, TargetKinerja]]:
    """Per indicator: the units carrying it, the indicator, and the first unit's target."""
    dibawa: dict[int, list[UnitKerja]] = defaultdict(list)
    indikator: dict[int, IndikatorKinerja] = {}
    target: dict[int, TargetKinerja] = {}
    for t in (
        TargetKinerja.objects.filter(perjanjian_id__in=list(unit_pk))
        .select_related("indikator__sasaran", "indikator__skala", "tingkat")
        .order_by("indikator__sasaran__nomor", "indikator__urutan", "indikator__pk")
    ):
        unit = unit_pk[t.perjanjian_id]
        assert unit is not None  # noqa: S101 - unit agreements only
        dibawa[t.indikator_id].append(unit)
        indikator.setdefault(t.indikator_id, t.indikator)
        target.setdefault(t.indikator_id, t)
    return dibawa, indikator, target


def _kegiatan_unit(
    unit_pk: dict[int, UnitKerja | None], dibawa: dict[int, list[UnitKerja]]
) -> tuple[
    dict[tuple[int, int], list[KegiatanPerjanjian]],
    list[tuple[UnitKerja, KegiatanPerjanjian, int | None]],
]:
    """The units' kegiatan by the indicator they serve, and those that break the chain."""
    kegiatan: dict[tuple[int, int], list[KegiatanPerjanjian]] = defaultdict(list)
    # What each kegiatan serves is its mapping (PemetaanKegiatan), beside the signed agreement.
    melayani = dict(
        PemetaanKegiatan.objects.filter(kegiatan__perjanjian_id__in=list(unit_pk)).values_list(
            "kegiatan_id", "indikator_id"
        )
    )
    lepas: list[tuple[UnitKerja, KegiatanPerjanjian, int | None]] = []
    for k in KegiatanPerjanjian.objects.filter(perjanjian_id__in=list(unit_pk)).order_by(
        "perjanjian_id", "urutan", "pk"
    ):
        unit = unit_pk[k.perjanjian_id]
        assert unit is not None  # noqa: S101
        id_indikator = melayani.get(k.pk)
        if id_indikator is None or unit not in dibawa.get(id_indikator, []):
            lepas.append((unit, k, id_indikator))
        if id_indikator is not None:
            kegiatan[id_indikator, unit.pk].append(k)
    return kegiatan, lepas


def _realisasi_terverifikasi(
    id_indikator: list[int], tahun: int
) -> dict[int, dict[str, Realisasi]]:
    """Indicator -> period -> verified value of the year; no query for no indicator."""
    realisasi: dict[int, dict[str, Realisasi]] = defaultdict(dict)
    if id_indikator:
        for r in Realisasi.objects.filter(
            indikator_id__in=id_indikator, tahun=tahun, status=Realisasi.Status.DIVERIFIKASI
        ).select_related("tingkat"):
            realisasi[r.indikator_id][r.periode] = r
    return realisasi


def _indikator_pohon(
    ind: IndikatorKinerja,
    baris: BarisCapaian | None,
    unit: _Unit,
    realisasi: dict[int, dict[str, Realisasi]],
    skala: tuple[Rentang, ...],
) -> IndikatorPohon:
    """One indicator with its capaian (the organisation's row, else against the unit's
    target), the units carrying it, then the units whose kegiatan serve it without."""
    if baris is not None:
        hasil, kategori = baris.hasil, baris.kategori
    else:
        target = Nilai.dari_target(unit.target.get(ind.pk))
        hasil = hitung(ind, target, realisasi_tahun(ind, realisasi.get(ind.pk, {})))
        kategori = klasifikasi(hasil.persen, skala) if hasil.persen is not None else None
    unit_ind = [
        UnitPohon(u, unit.kegiatan.get((ind.pk, u.pk), []), membawa=True)
        for u in unit.dibawa.get(ind.pk, [])
    ]
    pembawa = {u.pk for u in unit.dibawa.get(ind.pk, [])}
    for p in unit.perjanjian:
        u = p.unit_kerja
        assert u is not None  # noqa: S101
        if u.pk not in pembawa and (ind.pk, u.pk) in unit.kegiatan:
            unit_ind.append(UnitPohon(u, unit.kegiatan[ind.pk, u.pk], membawa=False))
    return IndikatorPohon(ind, hasil, kategori, baris is not None, unit_ind)


def _cek_kaskade(
    unit: _Unit, tabel: TabelCapaian, di_organisasi: dict[int, BarisCapaian]
) -> CekKaskade:
    indikator, dibawa = unit.indikator, unit.dibawa
    dikenal = {**{b.indikator.pk: b.indikator for b in tabel.baris}, **indikator}
    return CekKaskade(
        unit_tanpa_induk=[
            (u, indikator[i])
            for i in sorted(
                indikator, key=lambda pk: (indikator[pk].sasaran.nomor, indikator[pk].urutan)
            )
            if i not in di_organisasi
            for u in dibawa.get(i, [])
        ],
        organisasi_tanpa_unit=[b.indikator for b in tabel.baris if b.indikator.pk not in dibawa],
        kegiatan_lepas=[
            KegiatanLepas(u, k, dikenal.get(i) if i is not None else None) for u, k, i in unit.lepas
        ],
    )


def periksa_kaskade(*, organisasi: Organisasi, tahun: int, tabel: TabelCapaian) -> CekKaskade:
    """The cascade check alone (the LAKIP's consistency panel)."""
    return pohon_kinerja(organisasi=organisasi, tahun=tahun, tabel=tabel).cek
