"""A signed agreement cannot change, by any path: the services refuse, the admin shows it
read-only, and the database triggers stop raw queries (on SQLite and on PostgreSQL alike)."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from inti.galat import Ditolak
from kinerja.models import KegiatanPerjanjian, PerjanjianKinerja, TandaTangan, TargetKinerja
from kinerja.perjanjian.services import (
    perjanjian_hapus,
    perjanjian_salin,
    perjanjian_simpan_draf,
    perjanjian_tandatangani,
)
from organisasi.models import Pengguna
from renstra.models import IndikatorKinerja
from tests.pelindung import ditolak_oleh
from tests.pembuat import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandi_cepat")]


def _pk_keuangan_2024(org) -> PerjanjianKinerja:
    return PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja__slug="keuangan")


@pytest.fixture
def sebagian(draf_keuangan, kasubbag_keuangan) -> PerjanjianKinerja:
    """Signed by pihak pertama only: already locked."""
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
    """Signed by both parties in the application."""
    perjanjian_tandatangani(
        perjanjian=sebagian, pengguna=sekretaris, password=PASSWORD, abaikan_peringatan=True
    )
    sebagian.refresh_from_db()
    return sebagian


@pytest.fixture(params=["paper", "sebagian", "ditandatangani"])
def terkunci(request, org) -> PerjanjianKinerja:
    """Every kind of locked agreement: a paper-signed reference one, half and fully signed."""
    if request.param == "paper":
        return _pk_keuangan_2024(org)
    return request.getfixturevalue(request.param)


def _ditolak(pemicu: str, fungsi) -> None:
    with ditolak_oleh(pemicu):
        fungsi()


TARGET, KEGIATAN = "kinerja_targetkinerja", "kinerja_kegiatanperjanjian"


# ---------------------------------------------------------------- the services refuse


def test_it_refuses_to_save_a_locked_agreement_through_the_service(terkunci, admin_org):
    with pytest.raises(Ditolak, match="tidak dapat diubah"):
        perjanjian_simpan_draf(
            perjanjian=terkunci,
            oleh=admin_org,
            tempat="Bengkulu",
            tanggal=terkunci.tanggal,
            pihak_pertama=terkunci.pihak_pertama,
            pihak_kedua=terkunci.pihak_kedua,
            target=[],
            kegiatan=[],
        )
    assert terkunci.target.count() == 10


def test_it_refuses_to_delete_a_locked_agreement_through_the_service(terkunci, admin_org):
    with pytest.raises(Ditolak):
        perjanjian_hapus(perjanjian=terkunci, oleh=admin_org)
    assert PerjanjianKinerja.objects.filter(pk=terkunci.pk).exists()


def test_it_deletes_a_draft(draf_keuangan, admin_org):
    perjanjian_hapus(perjanjian=draf_keuangan, oleh=admin_org)
    assert not PerjanjianKinerja.objects.filter(pk=draf_keuangan.pk).exists()


def test_it_redirects_the_edit_page_of_a_signed_agreement(client, org, admin_org):
    client.force_login(admin_org)
    pk = _pk_keuangan_2024(org)
    response = client.get(reverse("perjanjian_ubah", args=[pk.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("perjanjian_detail", args=[pk.pk])


# ---------------------------------------------------------------- the admin shows it read-only


@pytest.fixture
def superuser(org) -> Pengguna:
    return Pengguna.objects.create_superuser(
        username="super-uji", password=PASSWORD, email="", organisasi=org, peran="admin"
    )


def test_it_shows_a_signed_agreement_read_only_in_the_admin(client, org, superuser):
    client.force_login(superuser)
    pk = _pk_keuangan_2024(org)
    url = reverse("admin:kinerja_perjanjiankinerja_change", args=[pk.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert response.context["has_delete_permission"] is False
    for formset in response.context["inline_admin_formsets"]:
        assert not formset.has_add_permission
        assert not formset.has_change_permission
        assert not formset.has_delete_permission
    assert 'name="_save"' not in response.content.decode()
    assert client.post(url, {"tempat": "Bengkulu"}).status_code == 403
    hapus = reverse("admin:kinerja_perjanjiankinerja_delete", args=[pk.pk])
    assert client.post(hapus, {"post": "yes"}).status_code == 403
    pk.refresh_from_db()
    assert pk.tempat == "Arga Makmur"


def test_it_lets_the_admin_edit_a_draft(client, draf_keuangan, superuser):
    client.force_login(superuser)
    url = reverse("admin:kinerja_perjanjiankinerja_change", args=[draf_keuangan.pk])
    response = client.get(url)
    assert response.context["has_change_permission"] is True
    assert 'name="_save"' in response.content.decode()
    # Status and code are set by the signing service only.
    assert set(response.context["adminform"].readonly_fields) == {"status", "kode_verifikasi"}


def test_it_offers_no_bulk_delete_in_the_admin(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:kinerja_perjanjiankinerja_changelist"))
    assert "delete_selected" not in response.content.decode()


# ---------------------------------------------------------------- the database guard


def test_it_refuses_a_raw_update_of_the_content(terkunci, ketua):
    qs = PerjanjianKinerja.objects.filter(pk=terkunci.pk)
    _ditolak("kinerja_pk_jaga_isi", lambda: qs.update(tempat="Bengkulu"))
    _ditolak("kinerja_pk_jaga_isi", lambda: qs.update(tahun=2030))
    _ditolak("kinerja_pk_jaga_isi", lambda: qs.update(pihak_kedua=ketua.jabatan.get()))
    terkunci.refresh_from_db()
    assert (terkunci.tempat, terkunci.tahun) == ("Arga Makmur", terkunci.tahun)


def test_it_refuses_a_model_save_of_the_content(terkunci):
    terkunci.tempat = "Bengkulu"
    _ditolak("kinerja_pk_jaga_isi", terkunci.save)


def test_it_refuses_a_raw_delete_of_the_agreement(terkunci):
    def hapus() -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM kinerja_perjanjiankinerja WHERE id = %s", [terkunci.pk])

    _ditolak("kinerja_pk_jaga_hapus", hapus)
    assert PerjanjianKinerja.objects.filter(pk=terkunci.pk).exists()


def test_it_refuses_an_orm_delete_of_the_agreement(terkunci):
    # The ORM deletes the targets first (CASCADE), or stops at the signatures (PROTECT).
    if terkunci.tanda_tangan.exists():
        with pytest.raises(ProtectedError), transaction.atomic():
            terkunci.delete()
    else:
        _ditolak(f"{TARGET}_jaga_hapus", terkunci.delete)
        _ditolak(f"{TARGET}_jaga_hapus", PerjanjianKinerja.objects.filter(pk=terkunci.pk).delete)
    assert terkunci.target.count() == 10


def test_it_refuses_raw_writes_to_the_targets(terkunci):
    targets = TargetKinerja.objects.filter(perjanjian=terkunci)
    _ditolak(f"{TARGET}_jaga_ubah", lambda: targets.update(nilai=Decimal("90")))
    _ditolak(f"{TARGET}_jaga_hapus", lambda: targets.filter(pk=targets.first().pk).delete())
    lain = IndikatorKinerja.objects.exclude(target_kinerja__perjanjian=terkunci).first()
    _ditolak(
        f"{TARGET}_jaga_tambah",
        lambda: TargetKinerja.objects.bulk_create(
            [TargetKinerja(perjanjian=terkunci, indikator=lain, nilai=Decimal("100"))]
        ),
    )
    assert sorted(set(targets.values_list("nilai", flat=True))) == [Decimal("100")]
    assert targets.count() == 10


def test_it_refuses_moving_a_target_into_a_locked_agreement(terkunci, org, admin_org):
    teknis = PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja__slug="teknis")
    draf = perjanjian_salin(sumber=teknis, tahun=2026, oleh=admin_org)
    target = TargetKinerja.objects.filter(perjanjian=draf).first()
    _ditolak(
        f"{TARGET}_jaga_ubah",
        lambda: TargetKinerja.objects.filter(pk=target.pk).update(perjanjian=terkunci),
    )


def test_it_refuses_raw_writes_to_the_kegiatan(terkunci):
    kegiatan = KegiatanPerjanjian.objects.filter(perjanjian=terkunci)
    _ditolak(f"{KEGIATAN}_jaga_ubah", lambda: kegiatan.update(anggaran=Decimal("1")))
    _ditolak(f"{KEGIATAN}_jaga_hapus", lambda: kegiatan.delete())
    _ditolak(
        f"{KEGIATAN}_jaga_tambah",
        lambda: KegiatanPerjanjian.objects.create(
            perjanjian=terkunci, uraian="Kegiatan sisipan", anggaran=Decimal("1000")
        ),
    )
    assert kegiatan.count() == 4


def test_it_refuses_to_unsign_or_recode_a_signed_agreement(ditandatangani):
    qs = PerjanjianKinerja.objects.filter(pk=ditandatangani.pk)
    _ditolak("kinerja_pk_jaga_status", lambda: qs.update(status="draf"))
    _ditolak("kinerja_pk_jaga_status", lambda: qs.update(status="sebagian"))
    _ditolak("kinerja_pk_jaga_kode", lambda: qs.update(kode_verifikasi="kode-lain"))
    _ditolak("kinerja_pk_jaga_kode", lambda: qs.update(kode_verifikasi=None))
    ditandatangani.refresh_from_db()
    assert ditandatangani.is_ditandatangani


def test_it_refuses_to_unsign_a_paper_signed_agreement(org):
    _ditolak(
        "kinerja_pk_jaga_status",
        lambda: PerjanjianKinerja.objects.filter(pk=_pk_keuangan_2024(org).pk).update(
            status="draf"
        ),
    )


def test_it_refuses_changes_to_the_signatures(ditandatangani, sekretaris):
    ttd = TandaTangan.objects.filter(perjanjian=ditandatangani)
    _ditolak("kinerja_tandatangan_jaga_ubah", lambda: ttd.update(sha256="0" * 64))
    _ditolak("kinerja_tandatangan_jaga_hapus", lambda: ttd.delete())
    _ditolak(
        "kinerja_tandatangan_jaga_tambah",
        lambda: TandaTangan.objects.create(
            perjanjian=ditandatangani,
            pihak="kedua",
            pejabat=ditandatangani.pihak_kedua,
            pengguna=sekretaris,
            waktu=ttd.first().waktu,
            sha256="1" * 64,
        ),
    )
    assert ttd.count() == 2


def test_it_allows_the_moves_of_the_lifecycle_at_the_database(draf_keuangan):
    qs = PerjanjianKinerja.objects.filter(pk=draf_keuangan.pk)
    # A draft is freely editable, and may go to sebagian, back to draft, and to signed.
    qs.update(tempat="Bengkulu")
    TargetKinerja.objects.filter(perjanjian=draf_keuangan).update(nilai=Decimal("95"))
    qs.update(status="sebagian", isi_beku="{}")
    qs.update(status="draf", isi_beku=None)
    qs.update(status="ditandatangani", kode_verifikasi="kode-uji", isi_beku="{}")
    draf_keuangan.refresh_from_db()
    assert (draf_keuangan.status, draf_keuangan.tempat) == ("ditandatangani", "Bengkulu")


def test_it_reloads_the_reference_data_after_signing(ditandatangani, capsys):
    call_command("load_reference")
    assert "tidak ada yang berubah" in capsys.readouterr().out
