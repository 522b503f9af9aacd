from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from organisasi.models import Organisasi


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    organisasi = Organisasi.objects.filter(pk=request.user.organisasi_id).first()
    return render(request, "organisasi/beranda.html", {"organisasi": organisasi})
