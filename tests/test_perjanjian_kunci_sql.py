"""Raw SQL cannot rewrite a signed agreement: every statement that could replace, upsert,
re-insert, delete or truncate its rows is refused by the trigger the test names, on SQLite and
on PostgreSQL (a statement that one database lacks is skipped on it)."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from kinerja.models import PerjanjianKinerja
from kinerja.perjanjian.services import perjanjian_salin, perjanjian_tandatangani
from kinerja.perjanjian.sidik import sha256_perjanjian
from tests.pelindung import PESAN, ditolak_oleh
from tests.pembuat import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandi_cepat")]

PK = "kinerja_perjanjiankinerja"
TARGET = "kinerja_targetkinerja"
KEGIATAN = "kinerja_kegiatanperjanjian"
TTD = "kinerja_tandatangan"

SQLITE = connection.vendor == "sqlite"
hanya_sqlite = pytest.mark.skipif(not SQLITE, reason="REPLACE conflict resolution is SQLite's")
hanya_postgresql = pytest.mark.skipif(SQLITE, reason="SQLite has no TRUNCATE or MERGE")
# Plain INSERT and UPDATE on both databases; SQLite's REPLACE forms, which delete the row in
# the way without firing its delete triggers, on SQLite only.
SISIP = ["INSERT INTO", pytest.param("INSERT OR REPLACE INTO", marks=hanya_sqlite)]
SISIP += [pytest.param("REPLACE INTO", marks=hanya_sqlite)]
TANDA_TANGAN = (
    "INSERT INTO kinerja_tandatangan (perjanjian_id, pihak, pejabat_id, pengguna_id, waktu,"
    " sha256) VALUES (%s, %s, %s, %s, CURRENT_TIMESTAMP, %s)"
)
UBAH = ["UPDATE", pytest.param("UPDATE OR REPLACE", marks=hanya_sqlite)]


@pytest.fixture
def sebagian(draf_keuangan, kasubbag_keuangan) -> PerjanjianKinerja:
    perjanjian_tandatangani(
        perjanjian=draf_keuangan,
        pengguna=kasubbag_keuangan,
        password=PASSWORD,
        abaikan_peringatan=True,
    )
    draf_keuangan.refresh_from_db()
    return draf_keuangan


@pytest.fixture
def ditandatangani(sebagian, sekretaris) -> PerjanjianKinerja:
    perjanjian_tandatangani(
        perjanjian=sebagian, pengguna=sekretaris, password=PASSWORD, abaikan_peringatan=True
    )
    sebagian.refresh_from_db()
    return sebagian


@pytest.fixture
def draf(org, admin_org) -> PerjanjianKinerja:
    """A draft of another unit, whose rows an attacker may rewrite freely."""
    teknis = PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja__slug="teknis")
    return perjanjian_salin(sumber=teknis, tahun=2026, oleh=admin_org)


def _sql(sql: str, params: list | tuple = ()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _salin(awalan: str, tabel: str, ubah: dict[str, str], akhiran: str = "") -> str:
    """`<awalan> tabel (every column) SELECT …` copying the row whose id is the parameter,
    with the columns in `ubah` replaced by SQL expressions."""
    with connection.cursor() as cursor:
        kolom = [k.name for k in connection.introspection.get_table_description(cursor, tabel)]
    pilih = ", ".join(ubah.get(k, k) for k in kolom)
    return (
        f"{awalan} {tabel} ({', '.join(kolom)}) SELECT {pilih} FROM {tabel} WHERE id = %s{akhiran}"  # noqa: S608 (fixed table and column names: the statement is hostile on purpose)
    )


def _id_anak(perjanjian: PerjanjianKinerja, tabel: str) -> int:
    rel = perjanjian.target if tabel == TARGET else perjanjian.kegiatan
    return rel.order_by("pk").values_list("pk", flat=True).first()


# ---------------------------------------------------------------- the agreement row

MENJADI_DRAF = {"status": "'draf'", "kode_verifikasi": "NULL"}
KUNCI_PK = {
    "the same id": MENJADI_DRAF,
    "the same unit, year and version": {"id": "id + 100000", **MENJADI_DRAF},
    "the same verification code": {"id": "id + 100000", "versi": "99"},
}


@pytest.mark.parametrize("awalan", SISIP)
@pytest.mark.parametrize("ubah", KUNCI_PK.values(), ids=KUNCI_PK.keys())
def test_it_refuses_a_new_agreement_on_a_key_of_a_signed_one(ditandatangani, awalan, ubah):
    with ditolak_oleh("kinerja_pk_jaga_timpa_tambah"):
        _sql(_salin(awalan, PK, ubah), [ditandatangani.pk])
    assert PerjanjianKinerja.objects.get(pk=ditandatangani.pk).is_ditandatangani


def test_it_refuses_a_new_agreement_on_the_key_of_a_paper_signed_one(org):
    kertas = PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja__slug="teknis")
    with ditolak_oleh("kinerja_pk_jaga_timpa_tambah"):
        _sql(_salin("INSERT INTO", PK, MENJADI_DRAF), [kertas.pk])


def test_it_refuses_an_upsert_of_a_signed_agreement(ditandatangani):
    akhiran = " ON CONFLICT (id) DO UPDATE SET status = 'draf', kode_verifikasi = NULL"
    with ditolak_oleh("kinerja_pk_jaga_timpa_tambah"):
        _sql(_salin("INSERT INTO", PK, {}, akhiran), [ditandatangani.pk])


@pytest.mark.parametrize("awalan", UBAH)
@pytest.mark.parametrize("kunci", ["id", "kode", "versi"])
def test_it_refuses_a_draft_taking_a_key_of_a_signed_agreement(ditandatangani, draf, awalan, kunci):
    s = ditandatangani
    ubah = {
        "id": ("id = %s", [s.pk]),
        "kode": ("status = 'ditandatangani', kode_verifikasi = %s", [s.kode_verifikasi]),
        "versi": (
            "unit_kerja_id = %s, tahun = %s, versi = %s",
            [s.unit_kerja_id, s.tahun, s.versi],
        ),
    }[kunci]
    with ditolak_oleh("kinerja_pk_jaga_timpa_ubah"):
        _sql(f"{awalan} {PK} SET {ubah[0]} WHERE id = %s", [*ubah[1], draf.pk])
    assert PerjanjianKinerja.objects.get(pk=s.pk).is_ditandatangani


# ---------------------------------------------------------------- targets and kegiatan


@pytest.mark.parametrize("awalan", SISIP)
@pytest.mark.parametrize("tabel", [TARGET, KEGIATAN])
def test_it_refuses_a_row_on_the_id_of_a_signed_agreements_row(ditandatangani, draf, awalan, tabel):
    ubah = {"perjanjian_id": str(draf.pk)}
    with ditolak_oleh(f"{tabel}_jaga_timpa_tambah"):
        _sql(_salin(awalan, tabel, ubah), [_id_anak(ditandatangani, tabel)])


@pytest.mark.parametrize("tabel", [TARGET, KEGIATAN])
def test_it_refuses_an_upsert_on_the_id_of_a_signed_agreements_row(ditandatangani, draf, tabel):
    ubah = {"perjanjian_id": str(draf.pk)}
    akhiran = " ON CONFLICT (id) DO UPDATE SET urutan = 99"
    with ditolak_oleh(f"{tabel}_jaga_timpa_tambah"):
        _sql(_salin("INSERT INTO", tabel, ubah, akhiran), [_id_anak(ditandatangani, tabel)])


def test_it_refuses_an_upsert_that_halves_a_target(ditandatangani):
    akhiran = " ON CONFLICT (perjanjian_id, indikator_id) DO UPDATE SET nilai = 50"
    with ditolak_oleh(f"{TARGET}_jaga_tambah"):
        _sql(_salin("INSERT INTO", TARGET, {"id": "id + 100000"}, akhiran), [
            _id_anak(ditandatangani, TARGET)
        ])  # fmt: skip


@pytest.mark.parametrize("awalan", UBAH)
@pytest.mark.parametrize("tabel", [TARGET, KEGIATAN])
def test_it_refuses_a_row_taking_the_id_of_a_signed_agreements_row(
    ditandatangani, draf, awalan, tabel
):
    with ditolak_oleh(f"{tabel}_jaga_timpa_ubah"):
        _sql(f"{awalan} {tabel} SET id = %s WHERE id = %s", [
            _id_anak(ditandatangani, tabel), _id_anak(draf, tabel)
        ])  # fmt: skip


# ---------------------------------------------------------------- signatures


def test_it_refuses_deleting_the_signatures_of_a_signed_agreement(ditandatangani):
    with ditolak_oleh("kinerja_tandatangan_jaga_hapus"):
        _sql("DELETE FROM kinerja_tandatangan WHERE perjanjian_id = %s", [ditandatangani.pk])
    assert ditandatangani.tanda_tangan.count() == 2


@pytest.mark.parametrize("awalan", SISIP)
def test_it_refuses_replacing_a_signature_of_a_signed_agreement(ditandatangani, awalan):
    kedua = ditandatangani.tanda_tangan.get(pihak="kedua")
    with ditolak_oleh("kinerja_tandatangan_jaga_tambah"):
        _sql(_salin(awalan, TTD, {"id": "id + 100000", "sha256": "'" + "1" * 64 + "'"}), [
            kedua.pk
        ])  # fmt: skip


def test_it_refuses_an_upsert_of_a_signature(ditandatangani):
    kedua = ditandatangani.tanda_tangan.get(pihak="kedua")
    akhiran = f" ON CONFLICT (perjanjian_id, pihak) DO UPDATE SET sha256 = '{'1' * 64}'"
    with ditolak_oleh("kinerja_tandatangan_jaga_tambah"):
        _sql(_salin("INSERT INTO", TTD, {"id": "id + 100000"}, akhiran), [kedua.pk])


@pytest.mark.parametrize("awalan", SISIP)
def test_it_refuses_a_signature_on_the_id_of_a_signed_agreements_one(ditandatangani, draf, awalan):
    pertama = ditandatangani.tanda_tangan.get(pihak="pertama")
    with ditolak_oleh("kinerja_tandatangan_jaga_timpa"):
        _sql(_salin(awalan, TTD, {"perjanjian_id": str(draf.pk)}), [pertama.pk])
    assert ditandatangani.tanda_tangan.count() == 2


def test_it_refuses_a_second_first_party_signature_out_of_order(sebagian):
    """Pihak pertama's signature may go (pihak kedua returns the agreement), but no other
    signature of pihak pertama may take its place while the agreement waits for pihak kedua."""
    pertama = sebagian.tanda_tangan.get(pihak="pertama")
    _sql("DELETE FROM kinerja_tandatangan WHERE id = %s", [pertama.pk])
    with ditolak_oleh("kinerja_tandatangan_jaga_tambah"):
        _sql(
            TANDA_TANGAN,
            [sebagian.pk, "pertama", pertama.pejabat_id, pertama.pengguna_id, "1" * 64],
        )


# ---------------------------------------------------------------- PostgreSQL only


@hanya_postgresql
@pytest.mark.parametrize(
    ("perintah", "pemicu"),
    [
        (f"TRUNCATE {PK} CASCADE", f"{PK}_jaga_kosongkan"),
        (f"TRUNCATE {TARGET}", f"{TARGET}_jaga_kosongkan"),
        # The kegiatan mapping points at these lines: CASCADE, as an attacker would type it.
        (f"TRUNCATE {KEGIATAN} CASCADE", f"{KEGIATAN}_jaga_kosongkan"),
        (f"TRUNCATE {TTD}", f"{TTD}_jaga_kosongkan"),
    ],
)
def test_it_refuses_truncating_a_table_holding_a_signed_agreement(ditandatangani, perintah, pemicu):
    # The signing's deferred foreign-key checks would block a TRUNCATE in this transaction.
    _sql("SET CONSTRAINTS ALL IMMEDIATE")
    with ditolak_oleh(pemicu):
        _sql(perintah)
    assert ditandatangani.tanda_tangan.count() == 2


@hanya_postgresql
def test_it_refuses_a_merge_that_deletes_a_signature(ditandatangani):
    with ditolak_oleh("kinerja_tandatangan_jaga_hapus"):
        _sql(
            f"MERGE INTO {TTD} t USING (SELECT %s::bigint AS id) s ON t.id = s.id"
            " WHEN MATCHED THEN DELETE",
            [ditandatangani.tanda_tangan.first().pk],
        )


# ---------------------------------------------------- the attack that re-signed a halved agreement


def test_it_refuses_the_attack_that_re_signed_a_halved_agreement(client, ditandatangani):
    """Replace the signed row by a draft under its id, halve its targets, swap its signatures
    for two carrying the new hash, sign it again under the old code. Every step is tried; the
    first must be refused, and the public page must never call a tampered document authentic."""
    pk, kode = ditandatangani.pk, ditandatangani.kode_verifikasi
    target = list(ditandatangani.target.order_by("pk").values_list("pk", "nilai"))
    ttd = list(ditandatangani.tanda_tangan.order_by("pk").values_list("pk", "pihak", "sha256"))
    pertama, kedua = (ditandatangani.tanda_tangan.get(pihak=p) for p in ("pertama", "kedua"))
    if SQLITE:
        ganti = _salin("INSERT OR REPLACE INTO", PK, MENJADI_DRAF)
    else:
        akhiran = " ON CONFLICT (id) DO UPDATE SET status = 'draf', kode_verifikasi = NULL"
        ganti = _salin("INSERT INTO", PK, {}, akhiran)
    ditolak: list[str] = []

    def coba(sql: str, params: list) -> None:
        try:
            with transaction.atomic():
                _sql(sql, params)
        except IntegrityError as e:
            ditolak.append(str(e))

    coba(ganti, [pk])
    coba("UPDATE kinerja_targetkinerja SET nilai = nilai / 2 WHERE perjanjian_id = %s", [pk])
    coba("DELETE FROM kinerja_tandatangan WHERE perjanjian_id = %s", [pk])
    sha256 = sha256_perjanjian(PerjanjianKinerja.objects.get(pk=pk))
    for t, status, kode_baru in ((pertama, "sebagian", None), (kedua, "ditandatangani", kode)):
        coba(TANDA_TANGAN, [pk, t.pihak, t.pejabat_id, t.pengguna_id, sha256])
        coba(
            "UPDATE kinerja_perjanjiankinerja SET status = %s, kode_verifikasi = %s WHERE id = %s",
            [status, kode_baru, pk],
        )

    assert ditolak and PESAN["kinerja_pk_jaga_timpa_tambah"] in ditolak[0]
    assert list(ditandatangani.target.order_by("pk").values_list("pk", "nilai")) == target
    assert (
        list(ditandatangani.tanda_tangan.order_by("pk").values_list("pk", "pihak", "sha256")) == ttd
    )
    teks = client.get(reverse("verifikasi", args=[kode])).content.decode()
    assert "Asli dan utuh." in teks


# ---------------------------------------------------------------- what the guard knows

# The "timpa" rules compare a new row with the rows it would displace through each of these
# unique keys; a new unique constraint on a guarded table must be added to them.
KUNCI_UNIK = {
    PK: {
        ("id",),
        ("kode_verifikasi",),
        ("organisasi_id", "tahun", "versi"),
        ("organisasi_id", "unit_kerja_id", "tahun", "versi"),
    },
    TARGET: {("id",), ("perjanjian_id", "indikator_id")},
    KEGIATAN: {("id",)},
    TTD: {("id",), ("perjanjian_id", "pihak")},
}


@pytest.mark.parametrize("tabel", KUNCI_UNIK)
def test_it_knows_every_unique_key_of_the_guarded_tables(tabel):
    with connection.cursor() as cursor:
        batasan = connection.introspection.get_constraints(cursor, tabel)
    unik = {
        tuple(sorted(b["columns"])) for b in batasan.values() if b["unique"] or b["primary_key"]
    }
    assert unik == {tuple(sorted(k)) for k in KUNCI_UNIK[tabel]}
