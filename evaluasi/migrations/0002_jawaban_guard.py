"""The database's own guard for frozen LKE answers, on SQLite and PostgreSQL.

The services refuse to change a submitted self-assessment or a completed evaluation, and the
admin shows answers read-only; these triggers stop whatever slips past both (a raw
QuerySet.update(), bulk_create(), a shell session):

- evaluasi_jawaban: the self-assessment columns do not change (nor arrive filled on INSERT)
  once the evaluation's self-assessment is submitted; the evaluator's columns once the
  evaluation is completed.
- evaluasi_evaluasi: a submission or completion time, once set, stays.

Deleting is left to the cascade of a deleted evaluation (the admin's decision, kept in the
history), so that `flush` keeps working on SQLite. SQLite drops a table's triggers when Django
rebuilds the table: a later migration that alters these tables must run pasang_pelindung again.
"""

from django.db import migrations

from inti.pelindung_sql import Pelindung

PESAN_MANDIRI = "Penilaian mandiri yang sudah diajukan tidak dapat diubah."
PESAN_EVALUATOR = "Evaluasi yang sudah diselesaikan tidak dapat diubah."
PESAN_WAKTU = "Waktu pengajuan atau penyelesaian evaluasi tidak dapat diubah."

KOLOM_MANDIRI = (
    "jawaban_mandiri",
    "penjelasan",
    "bukti_tautan",
    "bukti_berkas",
    "bukti_nama_asli",
    "bukti_jenis_konten",
)
KOLOM_EVALUATOR = ("jawaban_evaluator", "catatan_evaluator")
INDUK = "(SELECT {kolom} FROM evaluasi_evaluasi WHERE id = {baris}.evaluasi_id)"


def _sqlite() -> tuple[list[str], list[str]]:
    pasang = []
    for sisi, kolom, waktu, pesan in (
        ("mandiri", KOLOM_MANDIRI, "mandiri_diajukan_pada", PESAN_MANDIRI),
        ("evaluator", KOLOM_EVALUATOR, "selesai_pada", PESAN_EVALUATOR),
    ):
        berubah = " OR ".join(f"NEW.{k} IS NOT OLD.{k}" for k in kolom)
        terisi = " OR ".join(f"NEW.{k} <> ''" for k in kolom)
        pasang += [
            f"""CREATE TRIGGER evaluasi_jawaban_jaga_{sisi}_ubah BEFORE UPDATE ON evaluasi_jawaban
            FOR EACH ROW WHEN {INDUK.format(kolom=waktu, baris="OLD")} IS NOT NULL
                AND ({berubah})
            BEGIN SELECT RAISE(ABORT, '{pesan}'); END""",
            f"""CREATE TRIGGER evaluasi_jawaban_jaga_{sisi}_tambah BEFORE INSERT ON evaluasi_jawaban
            FOR EACH ROW WHEN {INDUK.format(kolom=waktu, baris="NEW")} IS NOT NULL
                AND ({terisi})
            BEGIN SELECT RAISE(ABORT, '{pesan}'); END""",
        ]
    pasang.append(
        f"""CREATE TRIGGER evaluasi_evaluasi_jaga_waktu BEFORE UPDATE ON evaluasi_evaluasi
        FOR EACH ROW WHEN (OLD.mandiri_diajukan_pada IS NOT NULL
                AND NEW.mandiri_diajukan_pada IS NOT OLD.mandiri_diajukan_pada)
            OR (OLD.selesai_pada IS NOT NULL AND NEW.selesai_pada IS NOT OLD.selesai_pada)
        BEGIN SELECT RAISE(ABORT, '{PESAN_WAKTU}'); END"""
    )
    nama = [
        f"evaluasi_jawaban_jaga_{sisi}_{aksi}"
        for sisi in ("mandiri", "evaluator")
        for aksi in ("ubah", "tambah")
    ]
    nama.append("evaluasi_evaluasi_jaga_waktu")
    lepas = [f"DROP TRIGGER IF EXISTS {n}" for n in nama]
    return lepas + pasang, lepas


def _postgresql() -> tuple[list[str], list[str]]:
    gagal = "RAISE EXCEPTION '{}' USING ERRCODE = '23000';"

    def baris(prefix: str, kolom: tuple[str, ...]) -> str:
        return "ROW(" + ", ".join(f"{prefix}.{k}" for k in kolom) + ")"

    def terisi(kolom: tuple[str, ...]) -> str:
        return " OR ".join(f"NEW.{k} <> ''" for k in kolom)

    # FOR SHARE waits for a submission being written in another transaction.
    waktu = "(SELECT {} FROM evaluasi_evaluasi WHERE id = NEW.evaluasi_id FOR SHARE)"
    pasang = [
        f"""CREATE OR REPLACE FUNCTION evaluasi_jawaban_jaga() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            diajukan timestamptz := {waktu.format("mandiri_diajukan_pada")};
            selesai timestamptz := {waktu.format("selesai_pada")};
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF diajukan IS NOT NULL AND ({terisi(KOLOM_MANDIRI)}) THEN
                    {gagal.format(PESAN_MANDIRI)}
                END IF;
                IF selesai IS NOT NULL AND ({terisi(KOLOM_EVALUATOR)}) THEN
                    {gagal.format(PESAN_EVALUATOR)}
                END IF;
                RETURN NEW;
            END IF;
            IF diajukan IS NOT NULL AND {baris("NEW", KOLOM_MANDIRI)}
                    IS DISTINCT FROM {baris("OLD", KOLOM_MANDIRI)} THEN
                {gagal.format(PESAN_MANDIRI)}
            END IF;
            IF selesai IS NOT NULL AND {baris("NEW", KOLOM_EVALUATOR)}
                    IS DISTINCT FROM {baris("OLD", KOLOM_EVALUATOR)} THEN
                {gagal.format(PESAN_EVALUATOR)}
            END IF;
            RETURN NEW;
        END $$""",
        """CREATE TRIGGER evaluasi_jawaban_jaga BEFORE INSERT OR UPDATE ON evaluasi_jawaban
        FOR EACH ROW EXECUTE FUNCTION evaluasi_jawaban_jaga()""",
        f"""CREATE OR REPLACE FUNCTION evaluasi_evaluasi_jaga() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF (OLD.mandiri_diajukan_pada IS NOT NULL
                    AND NEW.mandiri_diajukan_pada IS DISTINCT FROM OLD.mandiri_diajukan_pada)
                OR (OLD.selesai_pada IS NOT NULL
                    AND NEW.selesai_pada IS DISTINCT FROM OLD.selesai_pada) THEN
                {gagal.format(PESAN_WAKTU)}
            END IF;
            RETURN NEW;
        END $$""",
        """CREATE TRIGGER evaluasi_evaluasi_jaga BEFORE UPDATE ON evaluasi_evaluasi
        FOR EACH ROW EXECUTE FUNCTION evaluasi_evaluasi_jaga()""",
    ]
    lepas = [
        "DROP TRIGGER IF EXISTS evaluasi_jawaban_jaga ON evaluasi_jawaban",
        "DROP TRIGGER IF EXISTS evaluasi_evaluasi_jaga ON evaluasi_evaluasi",
        "DROP FUNCTION IF EXISTS evaluasi_jawaban_jaga()",
        "DROP FUNCTION IF EXISTS evaluasi_evaluasi_jaga()",
    ]
    return lepas + pasang, lepas


PELINDUNG = Pelindung("jawaban LKE", {"sqlite": _sqlite, "postgresql": _postgresql})
# RunPython functions; a later migration that rebuilds a guarded table imports them.
pasang_pelindung = PELINDUNG.pasang
lepas_pelindung = PELINDUNG.lepas


class Migration(migrations.Migration):
    dependencies = [("evaluasi", "0001_initial")]

    operations = [migrations.RunPython(pasang_pelindung, lepas_pelindung, elidable=False)]
