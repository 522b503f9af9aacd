"""Other inputs of the report kept by the organisation's admins: legal products (Tabel 22)
and other achievements. Services, forms and thin views in one small module; the pages are
linked from Perencanaan's budget page, which cannot import laporan (layers).

The achievements' picture stays in the Django admin for now: these pages keep the text.
"""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from inti.galat import Ditolak, TidakBerwenang
from laporan.models import CapaianLain, ProdukHukum
from organisasi.akses import get_organisasi_for_user, is_admin_organisasi
from organisasi.models import Organisasi, Pengguna
from organisasi.pesan import ditolak_ke_form


def _wajib_admin(pengguna: Pengguna, organisasi: Organisasi) -> None:
    if not is_admin_organisasi(pengguna, organisasi.pk):
        raise TidakBerwenang("Hanya admin organisasi ini yang boleh mengubah masukan laporan.")


def _simpan(obj: Model) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise Ditolak([m for pesan in exc.message_dict.values() for m in pesan]) from None
    obj.save()


@transaction.atomic
def produk_hukum_simpan(
    *,
    pengguna: Pengguna,
    organisasi: Organisasi,
    tahun: int,
    produk: ProdukHukum | None = None,
    jenis_dokumen: str,
    satuan: str,
    jumlah_hardcopy: int,
    jumlah_softcopy: int,
) -> ProdukHukum:
    _wajib_admin(pengguna, organisasi)
    produk = produk or ProdukHukum(organisasi=organisasi, tahun=tahun)
    if (produk.organisasi_id, produk.tahun) != (organisasi.pk, tahun):
        raise TidakBerwenang("Produk hukum ini milik organisasi atau tahun lain.")
    produk.jenis_dokumen, produk.satuan = jenis_dokumen.strip(), satuan.strip()
    produk.jumlah_hardcopy, produk.jumlah_softcopy = jumlah_hardcopy, jumlah_softcopy
    _simpan(produk)
    return produk


@transaction.atomic
def capaian_lain_simpan(
    *,
    pengguna: Pengguna,
    organisasi: Organisasi,
    tahun: int,
    capaian: CapaianLain | None = None,
    uraian: str,
    keterangan_gambar: str,
    urutan: int,
) -> CapaianLain:
    _wajib_admin(pengguna, organisasi)
    capaian = capaian or CapaianLain(organisasi=organisasi, tahun=tahun)
    if (capaian.organisasi_id, capaian.tahun) != (organisasi.pk, tahun):
        raise TidakBerwenang("Capaian ini milik organisasi atau tahun lain.")
    capaian.uraian, capaian.keterangan_gambar = uraian.strip(), keterangan_gambar.strip()
    capaian.urutan = urutan
    _simpan(capaian)
    return capaian


class ProdukHukumForm(forms.Form):
    jenis_dokumen = forms.CharField(label="Jenis dokumen", max_length=255)
    satuan = forms.CharField(label="Satuan", max_length=30, initial="dokumen")
    jumlah_hardcopy = forms.IntegerField(label="Jumlah hardcopy", min_value=0)
    jumlah_softcopy = forms.IntegerField(label="Jumlah softcopy", min_value=0)


class CapaianLainForm(forms.Form):
    uraian = forms.CharField(label="Uraian", widget=forms.Textarea(attrs={"rows": 4}))
    keterangan_gambar = forms.CharField(label="Keterangan gambar", max_length=255, required=False)
    urutan = forms.IntegerField(label="Urutan", min_value=0, max_value=32767, initial=0)


def _org_admin(request: HttpRequest, slug: str) -> Organisasi:
    organisasi = get_organisasi_for_user(request.user, slug)
    if not is_admin_organisasi(request.user, organisasi.pk):
        raise PermissionDenied("Hanya admin organisasi yang mengelola masukan laporan.")
    return organisasi


@login_required
def masukan(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    """The year's legal products and other achievements, each with an edit link."""
    organisasi = _org_admin(request, slug)
    return render(
        request,
        "perencanaan/anggaran/masukan.html",
        {
            "organisasi": organisasi,
            "tahun": tahun,
            "produk_hukum": ProdukHukum.objects.filter(organisasi=organisasi, tahun=tahun),
            "capaian_lain": CapaianLain.objects.filter(organisasi=organisasi, tahun=tahun),
        },
    )


def _halaman(
    request: HttpRequest,
    organisasi: Organisasi,
    tahun: int,
    form: forms.Form,
    simpan: Callable[[dict], object],
    judul: str,
) -> HttpResponse:
    kembali = reverse("laporan:masukan", args=[organisasi.slug, tahun])
    if request.method == "POST" and form.is_valid():
        try:
            simpan(form.cleaned_data)
        except Ditolak as exc:
            ditolak_ke_form(form, exc)
        else:
            messages.success(request, f"{judul}: tersimpan.")
            return redirect(kembali)
    return render(
        request,
        "perencanaan/anggaran/form.html",
        {
            "organisasi": organisasi,
            "tahun": tahun,
            "form": form,
            "judul": judul,
            "kembali": kembali,
        },
        status=400 if form.errors else 200,
    )


@login_required
def produk_hukum(
    request: HttpRequest, slug: str, tahun: int, pk: int | None = None
) -> HttpResponse:
    organisasi = _org_admin(request, slug)
    ada = get_object_or_404(ProdukHukum, pk=pk, organisasi=organisasi, tahun=tahun) if pk else None
    awal = (
        {f: getattr(ada, f) for f in ProdukHukumForm.base_fields} if ada else {"satuan": "dokumen"}
    )
    return _halaman(
        request,
        organisasi,
        tahun,
        ProdukHukumForm(request.POST or None, initial=awal),
        lambda d: produk_hukum_simpan(
            pengguna=request.user, organisasi=organisasi, tahun=tahun, produk=ada, **d
        ),
        f"{'Ubah' if ada else 'Tambah'} produk hukum {tahun}",
    )


@login_required
def capaian_lain(
    request: HttpRequest, slug: str, tahun: int, pk: int | None = None
) -> HttpResponse:
    organisasi = _org_admin(request, slug)
    ada = get_object_or_404(CapaianLain, pk=pk, organisasi=organisasi, tahun=tahun) if pk else None
    awal = {f: getattr(ada, f) for f in CapaianLainForm.base_fields} if ada else {}
    return _halaman(
        request,
        organisasi,
        tahun,
        CapaianLainForm(request.POST or None, initial=awal),
        lambda d: capaian_lain_simpan(
            pengguna=request.user, organisasi=organisasi, tahun=tahun, capaian=ada, **d
        ),
        f"{'Ubah' if ada else 'Tambah'} capaian kinerja lain {tahun}",
    )
