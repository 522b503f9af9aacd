"""Starting a new year ("Mulai tahun"): the plan shown for confirmation and the one write.

Units are not per year; officials are carried over by their periods; each agreement is
drafted by today's drafting services (from the Renstra's targets of the year, else a copy of
last year's agreement); the periods get their default deadlines written down; the report's
narratives are copied from last year, flagged for review. It sits at laporan's level because
the narratives are laporan's and kinerja may not import laporan.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils import formats

from inti.capaian import Polaritas
from inti.galat import Ditolak, TidakBerwenang
from kinerja.capaian import perjanjian_berlaku, renstra_tahun
from kinerja.models import JadwalPeriode, PerjanjianKinerja
from kinerja.perjanjian.services import (
    pejabat_pada,
    perjanjian_buat_dari_renstra,
    perjanjian_salin,
    posisi_pihak,
    tanggal_pihak,
)
from kinerja.realisasi.periode import (
    PERIODE_URUT,
    jadwal_tahun_buka,
    simpan_tercatat,
    tanggal_tutup_baku,
)
from laporan.models import AnalisisSasaran, LaporanKinerja
from laporan.selectors import FIELD_NARASI, laporan_kinerja
from organisasi.akses import is_admin_organisasi
from organisasi.models import Organisasi, Pejabat, Pengguna, UnitKerja
from renstra.models import IndikatorKinerja, Renstra, TargetRenstra

DARI_RENSTRA = "renstra"
SALIN = "salin"


@dataclass(frozen=True)
class RencanaPerjanjian:
    """One agreement's draft: of the organisation (unit None) or of a subbagian."""

    unit: UnitKerja | None
    nama: str
    cara: str  # DARI_RENSTRA, SALIN, or "" (nothing to draft from)
    sumber: PerjanjianKinerja | None = None  # last year's agreement copied
    jumlah_target: int = 0
    pihak: tuple[tuple[str, Pejabat | None], ...] = ()  # (position, who will sign)


@dataclass(frozen=True)
class RencanaPejabat:
    pejabat: Pejabat
    keterangan: str
    diperpanjang: bool = False  # the term ended with last year and nobody succeeds: +1 year


@dataclass
class RencanaTahunBaru:
    """What starting the year will create, shown before the admin confirms."""

    organisasi: Organisasi
    tahun: int
    renstra: Renstra | None
    unit: list[UnitKerja]
    pejabat: list[RencanaPejabat]
    perjanjian: list[RencanaPerjanjian]
    periode: list[tuple[str, date]]  # periods without a schedule, with their default deadline
    narasi_dari: LaporanKinerja | None  # last year's report whose texts are copied
    laporan_ada: bool  # the year's report exists already: its texts stay as they are
    jumlah_analisis: int  # last year's per-sasaran analyses copied with the narratives
    masalah: list[str] = field(default_factory=list)  # why it would be refused

    @property
    def dapat_dimulai(self) -> bool:
        return not self.masalah


@dataclass(frozen=True)
class HasilTahunBaru:
    perjanjian: list[PerjanjianKinerja]
    pejabat_diperpanjang: list[Pejabat]
    periode: list[JadwalPeriode]
    laporan: LaporanKinerja | None


def _boleh(oleh: Pengguna, organisasi: Organisasi) -> None:
    if not is_admin_organisasi(oleh, organisasi.pk):
        raise TidakBerwenang("Hanya admin organisasi ini yang dapat memulai tahun baru.")


def _belum_dimulai(organisasi: Organisasi, tahun: int) -> None:
    jumlah = PerjanjianKinerja.objects.filter(organisasi=organisasi, tahun=tahun).count()
    if jumlah:
        raise Ditolak(
            f"Tahun {tahun} sudah dimulai: sudah ada {jumlah} perjanjian kinerja tahun {tahun}. "
            "Lanjutkan dari halaman Perjanjian Kinerja; tidak ada yang diubah."
        )


def _rencana_pejabat(organisasi: Organisasi, tahun: int) -> list[RencanaPejabat]:
    """Per position, the holder at the end of last year: continues, is extended by a year
    (term recorded up to 31 December, nobody after), or leaves during the year."""
    akhir_lalu, akhir = date(tahun - 1, 12, 31), date(tahun, 12, 31)
    semua = list(
        Pejabat.objects.filter(organisasi=organisasi)
        .select_related("unit_kerja")
        .order_by("unit_kerja__urutan", "peran", "mulai")
    )
    rencana = []
    for p in semua:
        menjabat = p.mulai <= akhir_lalu and (p.selesai is None or p.selesai >= akhir_lalu)
        if not menjabat:
            continue
        pengganti = next(
            (
                q
                for q in semua
                if (q.peran, q.unit_kerja_id) == (p.peran, p.unit_kerja_id) and q.mulai > akhir_lalu
            ),
            None,
        )
        if p.selesai is None or p.selesai >= akhir:
            rencana.append(RencanaPejabat(p, "berlanjut"))
        elif pengganti is not None:
            rencana.append(
                RencanaPejabat(p, f"digantikan {pengganti.nama} mulai {pengganti.mulai:%d-%m-%Y}")
            )
        elif p.selesai == akhir_lalu:
            rencana.append(
                RencanaPejabat(p, f"masa jabatan diperpanjang sampai {akhir:%d-%m-%Y}", True)
            )
        else:
            rencana.append(
                RencanaPejabat(p, f"menjabat sampai {p.selesai:%d-%m-%Y}, belum ada pengganti")
            )
    return rencana


def _target_renstra(
    renstra: Renstra | None, unit: UnitKerja | None, tahun: int
) -> QuerySet[TargetRenstra]:
    """The targets perjanjian_buat_dari_renstra would take (it leaves out a zero target
    where higher is better)."""
    if renstra is None:
        return TargetRenstra.objects.none()
    qs = TargetRenstra.objects.filter(
        indikator__sasaran__renstra=renstra,
        indikator__tingkat=IndikatorKinerja.Tingkat.SASARAN_STRATEGIS,
        tahun=tahun,
    ).exclude(nilai=0, indikator__polaritas=Polaritas.NAIK)
    if unit is not None:
        qs = qs.filter(indikator__unit_kerja=unit)
    return qs


def _rencana_perjanjian(
    organisasi: Organisasi, tahun: int, renstra: Renstra | None, unit: list[UnitKerja]
) -> list[RencanaPerjanjian]:
    rencana = []
    for uk in [None, *unit]:
        nama = uk.nama if uk else f"{organisasi.nama_sekretariat or organisasi.nama} (organisasi)"
        jumlah = _target_renstra(renstra, uk, tahun).count()
        if jumlah:
            rencana.append(RencanaPerjanjian(uk, nama, DARI_RENSTRA, jumlah_target=jumlah))
            continue
        sumber = perjanjian_berlaku(organisasi=organisasi, tahun=tahun - 1, unit_kerja=uk)
        if sumber is not None:
            rencana.append(
                RencanaPerjanjian(uk, nama, SALIN, sumber, jumlah_target=sumber.target.count())
            )
        else:
            rencana.append(RencanaPerjanjian(uk, nama, ""))
    return rencana


def _pihak(
    organisasi: Organisasi, tahun: int, unit: UnitKerja | None, pejabat: list[RencanaPejabat]
) -> tuple[tuple[str, Pejabat | None], ...]:
    """Who will sign the draft, per position: the holder on the drafts' date, else the one
    whose term this start extends (recorded up to last year's end, nobody after)."""
    pada = tanggal_pihak(tahun)
    diperpanjang = [r.pejabat for r in pejabat if r.diperpanjang]
    hasil = []
    for peran, uk, nama in posisi_pihak(unit):
        pemegang = pejabat_pada(organisasi=organisasi, peran=peran, unit_kerja=uk, pada=pada)
        if pemegang is None:
            pemegang = next(
                (
                    p
                    for p in diperpanjang
                    if p.peran == peran and (uk is None or p.unit_kerja_id == uk.pk)
                ),
                None,
            )
        hasil.append((nama, pemegang))
    return tuple(hasil)


def _masalah(tahun: int, rencana: list[RencanaPerjanjian]) -> list[str]:
    """Reasons the drafting services would refuse, gathered before anything is written."""
    masalah = []
    if not rencana[0].cara:
        masalah.append(
            f"Tidak ada target Renstra tahun {tahun} maupun perjanjian kinerja organisasi tahun "
            f"{tahun - 1} untuk dijadikan draf perjanjian kinerja organisasi."
        )
    pada = formats.date_format(tanggal_pihak(tahun), "j F Y")
    for r in rencana:
        for nama, pemegang in r.pihak:
            pesan = f"Pejabat {nama} yang menjabat pada {pada} belum tercatat."
            if pemegang is None and pesan not in masalah:
                masalah.append(pesan)
    return masalah


def tahun_baru_rencana(*, organisasi: Organisasi, tahun: int, oleh: Pengguna) -> RencanaTahunBaru:
    """What tahun_baru_mulai would create now; refused, as it would be, for a year already
    started or a user who is not an admin of the organisation."""
    _boleh(oleh, organisasi)
    _belum_dimulai(organisasi, tahun)
    renstra = renstra_tahun(organisasi=organisasi, tahun=tahun)
    unit = list(UnitKerja.objects.filter(organisasi=organisasi, jenis=UnitKerja.Jenis.SUBBAGIAN))
    pejabat = _rencana_pejabat(organisasi, tahun)
    perjanjian = [
        replace(r, pihak=_pihak(organisasi, tahun, r.unit, pejabat)) if r.cara else r
        for r in _rencana_perjanjian(organisasi, tahun, renstra, unit)
    ]
    terjadwal = set(
        JadwalPeriode.objects.filter(organisasi=organisasi, tahun=tahun).values_list(
            "periode", flat=True
        )
    )
    narasi_dari = LaporanKinerja.objects.filter(organisasi=organisasi, tahun=tahun - 1).first()
    return RencanaTahunBaru(
        organisasi=organisasi,
        tahun=tahun,
        renstra=renstra,
        unit=list(UnitKerja.objects.filter(organisasi=organisasi)),
        pejabat=pejabat,
        perjanjian=perjanjian,
        periode=[
            (
                str(p.label),
                tanggal_tutup_baku(tahun=tahun, periode=p, hari=organisasi.hari_tutup_baku),
            )
            for p in PERIODE_URUT
            if p not in terjadwal
        ],
        narasi_dari=narasi_dari,
        laporan_ada=LaporanKinerja.objects.filter(organisasi=organisasi, tahun=tahun).exists(),
        jumlah_analisis=_analisis_lalu(narasi_dari, perjanjian[0], renstra, tahun).count(),
        masalah=_masalah(tahun, perjanjian),
    )


def _perpanjang(rencana: list[RencanaPejabat], tahun: int, oleh: Pengguna) -> list[Pejabat]:
    diperpanjang = []
    for r in rencana:
        if not r.diperpanjang:
            continue
        r.pejabat.selesai = date(tahun, 12, 31)
        simpan_tercatat(r.pejabat, alasan=f"Tahun {tahun} dimulai: {r.keterangan}.", pengguna=oleh)
        diperpanjang.append(r.pejabat)
    return diperpanjang


def _analisis_lalu(
    lalu: LaporanKinerja | None, organisasi: RencanaPerjanjian, renstra: Renstra | None, tahun: int
) -> QuerySet[AnalisisSasaran]:
    """Last year's typed per-sasaran analyses of the sasaran the year's report will show:
    those of the organisation's draft agreement (a new Renstra has new sasaran, and their
    old texts would mislead)."""
    if lalu is None or not organisasi.cara:
        return AnalisisSasaran.objects.none()
    ditulis = AnalisisSasaran.objects.filter(laporan=lalu).exclude(teks="")
    if organisasi.cara == DARI_RENSTRA:
        target = _target_renstra(renstra, None, tahun)
        return ditulis.filter(sasaran__in=target.values("indikator__sasaran"))
    assert organisasi.sumber is not None
    return ditulis.filter(sasaran__in=organisasi.sumber.target.values("indikator__sasaran"))


def _salin_narasi(rencana: RencanaTahunBaru) -> LaporanKinerja | None:
    """The year's report with last year's texts and per-sasaran analyses, flagged for
    review; the place, date and signatory are this year's defaults. One flag covers both:
    the analyses are reviewed and saved in the same form as the narratives."""
    lalu = rencana.narasi_dari
    if lalu is None or rencana.laporan_ada:
        return None
    laporan, _ = laporan_kinerja(organisasi=rencana.organisasi, tahun=rencana.tahun)
    for nama in FIELD_NARASI:
        setattr(laporan, nama, getattr(lalu, nama))
    laporan.lampiran_pohon = lalu.lampiran_pohon
    laporan.perlu_ditinjau = True
    laporan.full_clean()
    laporan.save()
    AnalisisSasaran.objects.bulk_create(
        AnalisisSasaran(laporan=laporan, sasaran_id=a.sasaran_id, teks=a.teks)
        for a in _analisis_lalu(lalu, rencana.perjanjian[0], rencana.renstra, rencana.tahun)
    )
    return laporan


def _buat_perjanjian(rencana: RencanaTahunBaru, oleh: Pengguna) -> list[PerjanjianKinerja]:
    dibuat = []
    for r in rencana.perjanjian:
        if r.cara == DARI_RENSTRA:
            dibuat.append(
                perjanjian_buat_dari_renstra(
                    organisasi=rencana.organisasi, unit_kerja=r.unit, tahun=rencana.tahun, oleh=oleh
                )
            )
        elif r.cara == SALIN and r.sumber is not None:
            dibuat.append(perjanjian_salin(sumber=r.sumber, tahun=rencana.tahun, oleh=oleh))
    return dibuat


@transaction.atomic
def tahun_baru_mulai(*, organisasi: Organisasi, tahun: int, oleh: Pengguna) -> HasilTahunBaru:
    """Start a year, all of it or nothing: officials carried over, draft agreements for the
    organisation and each subbagian, the periods' default deadlines written down, last
    year's narratives copied for review. Refused once the year has agreements; otherwise a
    second run only adds what is missing."""
    # One start at a time per organisation: two admins clicking together must not both pass
    # the "no agreements yet" check.
    Organisasi.objects.select_for_update().filter(pk=organisasi.pk).first()
    rencana = tahun_baru_rencana(organisasi=organisasi, tahun=tahun, oleh=oleh)
    if rencana.masalah:
        raise Ditolak(rencana.masalah)
    diperpanjang = _perpanjang(rencana.pejabat, tahun, oleh)
    perjanjian = _buat_perjanjian(rencana, oleh)
    periode = jadwal_tahun_buka(
        organisasi=organisasi,
        tahun=tahun,
        alasan=f"Tahun {tahun} dimulai: batas pengisian baku.",
        pengguna=oleh,
    )
    return HasilTahunBaru(perjanjian, diperpanjang, periode, _salin_narasi(rencana))
