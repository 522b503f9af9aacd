"""Triggers that bump laporan_versilaporan on every write to what the LAKIP reads.

The cached PDF of a report is looked up by the versions of its data (laporan.tembolok), so a
write that changes the report must bump one of them on every path: forms, the admin, imports,
a raw QuerySet.update() or bulk_create(), a shell session. Hence triggers, after each INSERT,
UPDATE (both the old and the new row: a row may move) and DELETE, on SQLite and PostgreSQL;
on PostgreSQL a TRUNCATE bumps the shared counter.

Each table names how a row finds its organisation and, where that is cheap and safe, its
year. The report of year T reads years up to T (last year's agreement, realisasi since the
Renstra began, the latest evaluation up to T), so it depends on its organisation's counters of
every year up to T, year 0 ("every year") included. A row bumps its own year's counter only
where no report of an earlier year reads it; the Renstra's targets are read for its final year
by every report, so they bump year 0. A row whose organisation cannot be found (its parent
gone) bumps the shared counter (organisasi 0, tahun 0), which every report depends on: too
much invalidation, never too little.

Not covered, on purpose: history tables (written with the rows they record), accounts (last
login), reminders sent, render claims and the cache map itself (written while printing).

SQLite drops a table's triggers when Django rebuilds the table: a later migration that alters
one of these tables must run pasang_pelindung again (tests/test_lakip_versi.py checks that
every table listed here carries its trigger).
"""

from django.db import migrations

from inti.pelindung_sql import Pelindung

VERSI = "laporan_versilaporan"
BERSAMA = "0"  # the organisation (and year) of the shared counter

# Row -> organisation lookups; {r} is NEW or OLD.
_RENSTRA = "(SELECT organisasi_id FROM renstra_renstra WHERE id = {r}.renstra_id)"
_SASARAN = (
    "(SELECT x.organisasi_id FROM renstra_sasaranstrategis s"
    " JOIN renstra_renstra x ON x.id = s.renstra_id WHERE s.id = {kolom})"
)
_INDIKATOR = (
    "(SELECT x.organisasi_id FROM renstra_indikatorkinerja i"
    " JOIN renstra_sasaranstrategis s ON s.id = i.sasaran_id"
    " JOIN renstra_renstra x ON x.id = s.renstra_id WHERE i.id = {kolom})"
)
_PK = "(SELECT {isi} FROM kinerja_perjanjiankinerja WHERE id = {kolom})"
_PROGRAM = "(SELECT organisasi_id FROM anggaran_program WHERE id = {kolom})"
_KEGIATAN = (
    "(SELECT p.organisasi_id FROM anggaran_kegiatan k"
    " JOIN anggaran_program p ON p.id = k.program_id WHERE k.id = {r}.kegiatan_id)"
)
_REALISASI = "(SELECT {isi} FROM kinerja_realisasi WHERE id = {r}.realisasi_id)"
_PEMILIHAN = "(SELECT {isi} FROM logistik_pemilihan WHERE id = {r}.pemilihan_id)"
_LAPORAN = "(SELECT {isi} FROM laporan_laporankinerja WHERE id = {r}.laporan_id)"
_EVALUASI = "(SELECT {isi} FROM evaluasi_evaluasi WHERE id = {r}.evaluasi_id)"
_KEGIATAN_PK = (
    "(SELECT p.{isi} FROM kinerja_kegiatanperjanjian k"
    " JOIN kinerja_perjanjiankinerja p ON p.id = k.perjanjian_id WHERE k.id = {r}.kegiatan_id)"
)

# table -> (organisation, year); year None: every year; organisation BERSAMA: shared.
SUMBER: dict[str, tuple[str, str | None]] = {
    # organisasi
    "organisasi_organisasi": ("{r}.id", None),
    "organisasi_unitkerja": ("{r}.organisasi_id", None),
    "organisasi_pejabat": ("{r}.organisasi_id", None),
    "organisasi_uraiantugas": ("{r}.organisasi_id", None),
    "organisasi_jumlahpegawai": ("{r}.organisasi_id", "{r}.tahun"),
    # renstra
    "renstra_skalaordinal": (BERSAMA, None),
    "renstra_tingkatskala": (BERSAMA, None),
    "renstra_renstra": ("{r}.organisasi_id", None),
    "renstra_misi": (_RENSTRA, None),
    "renstra_tujuan": (_RENSTRA, None),
    "renstra_sasaranstrategis": (_RENSTRA, None),
    "renstra_sasarantujuan": (
        "(SELECT x.organisasi_id FROM renstra_tujuan t"
        " JOIN renstra_renstra x ON x.id = t.renstra_id WHERE t.id = {r}.tujuan_id)",
        None,
    ),
    "renstra_indikatorkinerja": (_SASARAN.replace("{kolom}", "{r}.sasaran_id"), None),
    "renstra_targetrenstra": (_INDIKATOR.replace("{kolom}", "{r}.indikator_id"), None),
    # kinerja
    "kinerja_realisasi": (_INDIKATOR.replace("{kolom}", "{r}.indikator_id"), "{r}.tahun"),
    "kinerja_buktidukung": (
        _INDIKATOR.replace("{kolom}", _REALISASI.format(isi="indikator_id", r="{r}")),
        _REALISASI.format(isi="tahun", r="{r}"),
    ),
    "kinerja_jadwalperiode": ("{r}.organisasi_id", "{r}.tahun"),
    "kinerja_kuncitahun": ("{r}.organisasi_id", "{r}.tahun"),
    "kinerja_tenggatwaktu": ("{r}.organisasi_id", "{r}.tahun"),
    "kinerja_pembukaanperiode": (
        "(SELECT organisasi_id FROM organisasi_unitkerja WHERE id = {r}.unit_kerja_id)",
        "{r}.tahun",
    ),
    "kinerja_skalapenilaian": (_RENSTRA, None),
    "kinerja_rentangpenilaian": (
        "(SELECT x.organisasi_id FROM kinerja_skalapenilaian s"
        " JOIN renstra_renstra x ON x.id = s.renstra_id WHERE s.id = {r}.skala_id)",
        None,
    ),
    "kinerja_standarnasional": (_INDIKATOR.replace("{kolom}", "{r}.indikator_id"), "{r}.tahun"),
    "kinerja_perjanjiankinerja": ("{r}.organisasi_id", "{r}.tahun"),
    **{
        tabel: (
            _PK.format(isi="organisasi_id", kolom="{r}.perjanjian_id"),
            _PK.format(isi="tahun", kolom="{r}.perjanjian_id"),
        )
        for tabel in ("kinerja_targetkinerja", "kinerja_kegiatanperjanjian", "kinerja_tandatangan")
    },
    "kinerja_pemetaankegiatan": (
        _KEGIATAN_PK.format(isi="organisasi_id", r="{r}"),
        _KEGIATAN_PK.format(isi="tahun", r="{r}"),
    ),
    # anggaran
    "anggaran_program": ("{r}.organisasi_id", None),
    "anggaran_kegiatan": (_PROGRAM.format(kolom="{r}.program_id"), None),
    "anggaran_anggarankegiatan": (_KEGIATAN, "{r}.tahun"),
    "anggaran_realisasiprogram": (_PROGRAM.format(kolom="{r}.program_id"), "{r}.tahun"),
    "anggaran_realisasianggaranbulanan": (
        "(SELECT p.organisasi_id FROM anggaran_anggarankegiatan a"
        " JOIN anggaran_kegiatan k ON k.id = a.kegiatan_id"
        " JOIN anggaran_program p ON p.id = k.program_id WHERE a.id = {r}.anggaran_kegiatan_id)",
        "(SELECT tahun FROM anggaran_anggarankegiatan WHERE id = {r}.anggaran_kegiatan_id)",
    ),
    # logistik
    "logistik_pemilihan": ("{r}.organisasi_id", "{r}.tahun"),
    "logistik_logistik": (
        _PEMILIHAN.format(isi="organisasi_id", r="{r}"),
        _PEMILIHAN.format(isi="tahun", r="{r}"),
    ),
    # laporan
    "laporan_produkhukum": ("{r}.organisasi_id", "{r}.tahun"),
    "laporan_capaianlain": ("{r}.organisasi_id", "{r}.tahun"),
    "laporan_laporankinerja": ("{r}.organisasi_id", "{r}.tahun"),
    "laporan_angkatercetak": ("{r}.organisasi_id", "{r}.tahun"),
    "laporan_analisissasaran": (
        _LAPORAN.format(isi="organisasi_id", r="{r}"),
        _LAPORAN.format(isi="tahun", r="{r}"),
    ),
    "laporan_laporanfinal": (
        _LAPORAN.format(isi="organisasi_id", r="{r}"),
        _LAPORAN.format(isi="tahun", r="{r}"),
    ),
    # evaluasi: the report of year T shows the latest evaluation up to T
    "evaluasi_kerangkalke": (BERSAMA, None),
    "evaluasi_komponenlke": (BERSAMA, None),
    "evaluasi_subkomponenlke": (BERSAMA, None),
    "evaluasi_kriterialke": (BERSAMA, None),
    "evaluasi_evaluasi": ("{r}.organisasi_id", "{r}.tahun"),
    **{
        tabel: (
            _EVALUASI.format(isi="organisasi_id", r="{r}"),
            _EVALUASI.format(isi="tahun", r="{r}"),
        )
        for tabel in ("evaluasi_jawaban", "evaluasi_nilaisubkomponen", "evaluasi_rekomendasi")
    },
}


def _nilai(baris: str, tabel: str) -> tuple[str, str]:
    organisasi, tahun = SUMBER[tabel]
    return (
        f"COALESCE({organisasi.format(r=baris)}, 0)",
        f"COALESCE({tahun.format(r=baris)}, 0)" if tahun else "0",
    )


def _upsert(organisasi: str, tahun: str) -> str:
    return (
        f"INSERT INTO {VERSI} (organisasi, tahun, versi) VALUES ({organisasi}, {tahun}, 1)"
        f" ON CONFLICT (organisasi, tahun) DO UPDATE SET versi = {VERSI}.versi + 1"
    )


def nama_pemicu(tabel: str) -> str:
    return f"versi_{tabel}"


def _sqlite() -> tuple[list[str], list[str]]:
    pasang, lepas = [], []
    for tabel in SUMBER:
        for aksi, baris in (
            ("INSERT", ("NEW",)),
            ("UPDATE", ("OLD", "NEW")),
            ("DELETE", ("OLD",)),
        ):
            nama = f"{nama_pemicu(tabel)}_{aksi.lower()}"
            naik = "".join(f"{_upsert(*_nilai(b, tabel))}; " for b in baris)
            lepas.append(f"DROP TRIGGER IF EXISTS {nama}")
            pasang.append(
                f"CREATE TRIGGER {nama} AFTER {aksi} ON {tabel} FOR EACH ROW BEGIN {naik}END"
            )
    return lepas + pasang, lepas


def _postgresql() -> tuple[list[str], list[str]]:
    pasang = [
        f"""CREATE OR REPLACE FUNCTION laporan_versi_naik(o bigint, t integer) RETURNS void
        LANGUAGE sql AS $$ {_upsert("o", "t")} $$""",
        f"""CREATE OR REPLACE FUNCTION laporan_versi_semua() RETURNS trigger
        LANGUAGE plpgsql AS $$ BEGIN PERFORM laporan_versi_naik({BERSAMA}, 0); RETURN NULL;
        END $$""",
    ]
    lepas = []
    for tabel in SUMBER:
        nama = nama_pemicu(tabel)
        pasang += [
            f"""CREATE OR REPLACE FUNCTION {nama}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'INSERT' THEN
                    PERFORM laporan_versi_naik({", ".join(_nilai("OLD", tabel))});
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    PERFORM laporan_versi_naik({", ".join(_nilai("NEW", tabel))});
                END IF;
                RETURN NULL;
            END $$""",
            f"""CREATE TRIGGER {nama} AFTER INSERT OR UPDATE OR DELETE ON {tabel}
            FOR EACH ROW EXECUTE FUNCTION {nama}()""",
            f"""CREATE TRIGGER {nama}_kosongkan AFTER TRUNCATE ON {tabel}
            FOR EACH STATEMENT EXECUTE FUNCTION laporan_versi_semua()""",
        ]
        lepas += [
            f"DROP TRIGGER IF EXISTS {nama} ON {tabel}",
            f"DROP TRIGGER IF EXISTS {nama}_kosongkan ON {tabel}",
            f"DROP FUNCTION IF EXISTS {nama}()",
        ]
    lepas += [
        "DROP FUNCTION IF EXISTS laporan_versi_semua()",
        "DROP FUNCTION IF EXISTS laporan_versi_naik(bigint, integer)",
    ]
    return lepas + pasang, lepas


PELINDUNG = Pelindung("versi data laporan", {"sqlite": _sqlite, "postgresql": _postgresql})
# RunPython functions; a later migration that rebuilds a listed table imports them.
pasang_pelindung = PELINDUNG.pasang
lepas_pelindung = PELINDUNG.lepas


class Migration(migrations.Migration):
    dependencies = [
        ("laporan", "0012_versi_laporan"),
        ("organisasi", "0007_organisasi_sintetis"),
        ("renstra", "0004_manual_indikator"),
        ("kinerja", "0014_riwayat_standar_nasional"),
        ("anggaran", "0003_kegiatan_kro_ro_bulanan_riwayat"),
        ("logistik", "0002_initial"),
        ("evaluasi", "0002_jawaban_guard"),
    ]

    operations = [migrations.RunPython(pasang_pelindung, lepas_pelindung, elidable=False)]
