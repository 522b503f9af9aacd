"""Immutability of a signed agreement, by every path: raw queries against the database guard."""

from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, transaction

from kinerja.models import KegiatanPerjanjian, PerjanjianKinerja, TargetKinerja

pytestmark = pytest.mark.django_db


def _pk_keuangan(org) -> PerjanjianKinerja:
    return PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja__slug="keuangan")


def test_it_refuses_a_raw_update_of_a_signed_agreements_content(org):
    pk = _pk_keuangan(org)
    with pytest.raises(IntegrityError), transaction.atomic():
        PerjanjianKinerja.objects.filter(pk=pk.pk).update(tempat="Bengkulu")


def test_it_refuses_a_raw_update_of_a_target_on_a_signed_agreement(org):
    pk = _pk_keuangan(org)
    with pytest.raises(IntegrityError), transaction.atomic():
        TargetKinerja.objects.filter(perjanjian=pk).update(nilai=Decimal("90"))


def test_it_refuses_bulk_create_on_a_signed_agreement(org):
    pk = _pk_keuangan(org)
    lain = TargetKinerja.objects.filter(perjanjian__unit_kerja__slug="teknis").first()
    with pytest.raises(DatabaseError), transaction.atomic():
        TargetKinerja.objects.bulk_create(
            [TargetKinerja(perjanjian=pk, indikator=lain.indikator, nilai=Decimal("100"))]
        )


def test_it_refuses_raw_delete(org):
    pk = _pk_keuangan(org)
    with pytest.raises(IntegrityError), transaction.atomic():
        KegiatanPerjanjian.objects.filter(perjanjian=pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        PerjanjianKinerja.objects.filter(pk=pk.pk).delete()
