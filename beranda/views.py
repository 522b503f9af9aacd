"""Beranda: what each person has to do now, most urgent first (beranda/selectors.py)."""

import re
from dataclasses import fields

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from beranda.selectors import beranda_pengguna
from kinerja.models import Periode
from organisasi.tahun import TahunConverter


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """What each person has to do now: sign, verify, correct, enter; then everything else."""
    isi = beranda_pengguna(
        pengguna=request.user, tahun=_tahun_get(request), periode=_periode_get(request)
    )
    konteks = {f.name: getattr(isi, f.name) for f in fields(isi)}
    return render(request, "beranda/beranda.html", konteks)


def _tahun_get(request: HttpRequest) -> int | None:
    teks = request.GET.get("tahun", "")
    return int(teks) if re.fullmatch(TahunConverter.regex, teks) else None


def _periode_get(request: HttpRequest) -> Periode | None:
    teks = request.GET.get("periode", "")
    return Periode(teks) if teks in Periode.values else None
