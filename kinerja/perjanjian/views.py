"""Pages of the Perjanjian Kinerja: the year's list, an agreement, its draft, its signing,
its document (HTML and PDF), the RKT, and the public verification page.

Every agreement is reached through organisasi.akses.get_perjanjian_for_user (404 outside the
user's reach); the services check who may draft and who may sign.
"""

from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from inti.galat import Ditolak
from inti.kode import kode_cetak
from inti.pdf import html_ke_pdf
from kinerja.capaian import perjanjian_berlaku
from kinerja.models import PerjanjianKinerja, TandaTangan
from kinerja.perjanjian import services
from kinerja.perjanjian.akses import boleh_menyusun_perjanjian, get_perjanjian_for_user
from kinerja.perjanjian.dokumen import dokumen_perjanjian, dokumen_rkt
from kinerja.perjanjian.forms import (
    BuatDrafForm,
    KegiatanFormSet,
    KepalaDrafForm,
    TandaTanganForm,
    TargetFormSet,
    pilihan_anggaran,
    pilihan_indikator,
    pilihan_tingkat,
    teks_angka,
)
from kinerja.perjanjian.selectors import (
    daftar_perjanjian,
    pagu_tahun_periksa,
    perjanjian_kesalahan,
    perjanjian_periksa,
    riwayat_versi,
    verifikasi_perjanjian,
)
from organisasi.akses import (
    get_organisasi_for_user,
    is_admin_organisasi,
    melihat_semua_unit,
    pejabat_aktif,
)
from organisasi.models import Organisasi, UnitKerja
from organisasi.pesan import pesan_ditolak, tampilkan_ditolak


def _giliran(perjanjian: PerjanjianKinerja):
    """Whose signature is awaited, if anyone's."""
    if perjanjian.is_draf:
        return TandaTangan.Pihak.PERTAMA, perjanjian.pihak_pertama
    if perjanjian.status == PerjanjianKinerja.Status.SEBAGIAN:
        return TandaTangan.Pihak.KEDUA, perjanjian.pihak_kedua
    return None, None


def _boleh_menyusun(request: HttpRequest, organisasi: Organisasi) -> None:
    if not boleh_menyusun_perjanjian(request.user, organisasi):
        raise PermissionDenied


@login_required
def perjanjian_beranda(request: HttpRequest) -> HttpResponse:
    organisasi = request.user.organisasi or (
        Organisasi.objects.first() if request.user.is_superuser else None
    )
    if organisasi is None:
        raise Http404
    tahun = (
        PerjanjianKinerja.objects.filter(organisasi=organisasi)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
        .first()
    ) or timezone.localdate().year
    return redirect("perjanjian_daftar", org=organisasi.slug, tahun=tahun)


@login_required
def perjanjian_daftar(request: HttpRequest, org: str, tahun: int) -> HttpResponse:
    organisasi = get_organisasi_for_user(request.user, org)
    baris = daftar_perjanjian(organisasi=organisasi, tahun=tahun)
    if not melihat_semua_unit(request.user):
        baris = [
            b
            for b in baris
            if b.unit_kerja is None or b.unit_kerja.pk == request.user.unit_kerja_id
        ]
    menyusun = boleh_menyusun_perjanjian(request.user, organisasi)
    return render(
        request,
        "kinerja/perjanjian/daftar.html",
        {
            "organisasi": organisasi,
            "tahun": tahun,
            "baris": baris,
            "boleh_menyusun": menyusun,
            "pagu_tahun": pagu_tahun_periksa(organisasi=organisasi, tahun=tahun)
            if menyusun
            else [],
            "pagu_tahun_tahun": tahun,
            # A year without any agreement yet is started in one step (laporan.tahun_baru).
            "mulai_tahun": is_admin_organisasi(request.user, organisasi.pk)
            and not any(b.versi for b in baris),
        },
    )


@login_required
@require_POST
def perjanjian_buat(request: HttpRequest, org: str, tahun: int) -> HttpResponse:
    organisasi = get_organisasi_for_user(request.user, org)
    _boleh_menyusun(request, organisasi)
    form = BuatDrafForm(request.POST)
    if not form.is_valid():
        raise Http404
    unit = None
    if form.cleaned_data["unit"]:
        unit = UnitKerja.objects.filter(
            organisasi=organisasi, slug=form.cleaned_data["unit"]
        ).first()
        if unit is None:
            raise Http404
    try:
        if form.cleaned_data["cara"] == "salin":
            sumber = perjanjian_berlaku(organisasi=organisasi, tahun=tahun - 1, unit_kerja=unit)
            if sumber is None:
                raise Ditolak(f"Tidak ada perjanjian kinerja tahun {tahun - 1} untuk disalin.")
            perjanjian = services.perjanjian_salin(sumber=sumber, tahun=tahun, oleh=request.user)
        else:
            perjanjian = services.perjanjian_buat_dari_renstra(
                organisasi=organisasi, unit_kerja=unit, tahun=tahun, oleh=request.user
            )
    except Ditolak as exc:
        tampilkan_ditolak(request, exc)
        return redirect("perjanjian_daftar", org=organisasi.slug, tahun=tahun)
    messages.success(request, "Draf perjanjian kinerja dibuat. Periksa dan lengkapi isinya.")
    return redirect("perjanjian_ubah", pk=perjanjian.pk)


@login_required
def perjanjian_detail(request: HttpRequest, pk: int) -> HttpResponse:
    perjanjian = get_perjanjian_for_user(request.user, pk)
    pihak, pejabat = _giliran(perjanjian)
    menyusun = boleh_menyusun_perjanjian(request.user, perjanjian.organisasi)
    versi = riwayat_versi(perjanjian)
    return render(
        request,
        "kinerja/perjanjian/detail.html",
        {
            "perjanjian": perjanjian,
            "dokumen": dokumen_perjanjian(perjanjian, alamat_situs=request.build_absolute_uri("/")),
            "versi": versi,
            "tanda_tangan": list(perjanjian.tanda_tangan.select_related("pejabat", "pengguna")),
            "peringatan": [] if perjanjian.is_ditandatangani else perjanjian_periksa(perjanjian),
            "pagu_tahun": pagu_tahun_periksa(
                organisasi=perjanjian.organisasi, tahun=perjanjian.tahun, perjanjian=perjanjian
            )
            if menyusun and not perjanjian.is_ditandatangani
            else [],
            "pagu_tahun_tahun": perjanjian.tahun,
            "kesalahan": [] if perjanjian.is_ditandatangani else perjanjian_kesalahan(perjanjian),
            "giliran": pejabat,
            "giliran_pihak": TandaTangan.Pihak(pihak).label if pihak else "",
            "boleh_tanda_tangan": pejabat is not None and pejabat_aktif(request.user, pejabat),
            "boleh_menyusun": menyusun,
            "boleh_kembalikan": perjanjian.status == PerjanjianKinerja.Status.SEBAGIAN
            and (
                menyusun
                or pejabat_aktif(request.user, perjanjian.pihak_pertama)
                or pejabat_aktif(request.user, perjanjian.pihak_kedua)
            ),
            "boleh_perubahan": menyusun
            and perjanjian.is_ditandatangani
            and versi[-1].perjanjian.pk == perjanjian.pk,
        },
    )


def _awal_target(perjanjian: PerjanjianKinerja) -> list[dict]:
    return [
        {
            "indikator": str(t.indikator_id),
            "nilai": teks_angka(t.nilai),
            "nilai_atas": teks_angka(t.nilai_atas),
            "tingkat": str(t.tingkat_id or ""),
        }
        for t in perjanjian.target.order_by("indikator__sasaran__nomor", "urutan", "pk")
    ]


def _awal_kegiatan(perjanjian: PerjanjianKinerja) -> list[dict]:
    def tautan(k) -> str:
        if k.program_id:
            return f"program:{k.program_id}"
        return f"kegiatan:{k.kegiatan_id}" if k.kegiatan_id else ""

    return [
        {"uraian": k.uraian, "anggaran": teks_angka(k.anggaran), "tautan": tautan(k)}
        for k in perjanjian.kegiatan.order_by("urutan", "pk")
    ]


def _kepala(data, perjanjian: PerjanjianKinerja) -> KepalaDrafForm:
    return KepalaDrafForm(
        data,
        organisasi=perjanjian.organisasi,
        tahun=perjanjian.tahun,
        initial={
            "tempat": perjanjian.tempat,
            "tanggal": perjanjian.tanggal,
            "pihak_pertama": perjanjian.pihak_pertama,
            "pihak_kedua": perjanjian.pihak_kedua,
        },
    )


@login_required
def perjanjian_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    perjanjian = get_perjanjian_for_user(request.user, pk)
    organisasi = perjanjian.organisasi
    _boleh_menyusun(request, organisasi)
    if not perjanjian.is_draf:
        messages.error(request, "Perjanjian yang sudah ditandatangani tidak dapat diubah.")
        return redirect("perjanjian_detail", pk=perjanjian.pk)
    pilihan_target = {
        "indikator": pilihan_indikator(organisasi, perjanjian.unit_kerja),
        "tingkat": pilihan_tingkat(),
    }
    pilihan_kegiatan = {"anggaran": pilihan_anggaran(organisasi)}
    data = request.POST if request.method == "POST" else None
    kepala = _kepala(data, perjanjian)
    target = TargetFormSet(
        data, prefix="target", initial=_awal_target(perjanjian), form_kwargs=pilihan_target
    )
    kegiatan = KegiatanFormSet(
        data, prefix="kegiatan", initial=_awal_kegiatan(perjanjian), form_kwargs=pilihan_kegiatan
    )
    kesalahan: list[str] = []
    if data is not None and kepala.is_valid() and target.is_valid() and kegiatan.is_valid():
        try:
            services.perjanjian_simpan_draf(
                perjanjian=perjanjian,
                oleh=request.user,
                tempat=kepala.cleaned_data["tempat"],
                tanggal=kepala.cleaned_data["tanggal"],
                pihak_pertama=kepala.cleaned_data["pihak_pertama"],
                pihak_kedua=kepala.cleaned_data["pihak_kedua"],
                target=[f.draf() for f in target if _terisi(f)],
                kegiatan=[f.draf() for f in kegiatan if _terisi(f)],
                tanggal_luar_tahun=kepala.cleaned_data["tanggal_luar_tahun"],
            )
        except Ditolak as exc:
            kesalahan = pesan_ditolak(exc)
        else:
            messages.success(request, "Draf disimpan.")
            return redirect("perjanjian_detail", pk=perjanjian.pk)
    return render(
        request,
        "kinerja/perjanjian/ubah.html",
        {
            "perjanjian": perjanjian,
            "kepala": kepala,
            "target": target,
            "kegiatan": kegiatan,
            "kesalahan": kesalahan,
        },
    )


def _terisi(form) -> bool:
    """A row to keep: filled in (blank extra rows have no cleaned data) and not deleted."""
    return bool(form.cleaned_data) and not form.cleaned_data.get("DELETE")


@login_required
@require_POST
def perjanjian_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    perjanjian = get_perjanjian_for_user(request.user, pk)
    _boleh_menyusun(request, perjanjian.organisasi)
    organisasi, tahun = perjanjian.organisasi, perjanjian.tahun
    try:
        services.perjanjian_hapus(perjanjian=perjanjian, oleh=request.user)
    except Ditolak as exc:
        tampilkan_ditolak(request, exc)
        return redirect("perjanjian_detail", pk=pk)
    messages.success(request, "Draf dihapus.")
    return redirect("perjanjian_daftar", org=organisasi.slug, tahun=tahun)


@login_required
def perjanjian_perubahan(request: HttpRequest, pk: int) -> HttpResponse:
    """An amendment: first what it will be (which agreement, which version), then, when
    confirmed by POST, the draft."""
    perjanjian = get_perjanjian_for_user(request.user, pk)
    _boleh_menyusun(request, perjanjian.organisasi)
    try:
        if request.method != "POST":
            rencana = services.perjanjian_rencana_perubahan(
                perjanjian=perjanjian, oleh=request.user
            )
            return render(
                request,
                "kinerja/perjanjian/perubahan.html",
                {"rencana": rencana, "nama_pemilik": _nama_pemilik(perjanjian)},
            )
        baru = services.perjanjian_ubah(perjanjian=perjanjian, oleh=request.user)
    except Ditolak as exc:
        tampilkan_ditolak(request, exc)
        return redirect("perjanjian_detail", pk=pk)
    messages.success(
        request, f"Draf perubahan (versi {baru.versi}) dibuat dari versi {perjanjian.versi}."
    )
    return redirect("perjanjian_ubah", pk=baru.pk)


def _nama_pemilik(perjanjian: PerjanjianKinerja) -> str:
    if perjanjian.unit_kerja_id:
        return perjanjian.unit_kerja.nama
    return perjanjian.organisasi.nama_sekretariat or perjanjian.organisasi.nama


@login_required
def perjanjian_tandatangani(request: HttpRequest, pk: int) -> HttpResponse:
    perjanjian = get_perjanjian_for_user(request.user, pk)
    pihak, pejabat = _giliran(perjanjian)
    if pejabat is None or not pejabat_aktif(request.user, pejabat):
        raise PermissionDenied
    peringatan = perjanjian_periksa(perjanjian)
    form = TandaTanganForm(request.POST or None, ada_peringatan=bool(peringatan))
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        # The password goes through authenticate() first so that django-axes counts wrong
        # passwords here as it does on the login page, and locks out a guesser.
        if (
            authenticate(
                request,
                username=request.user.get_username(),
                password=form.cleaned_data["password"],
            )
            is None
        ):
            kesalahan = ["Kata sandi salah."]
        else:
            try:
                services.perjanjian_tandatangani(
                    perjanjian=perjanjian,
                    pengguna=request.user,
                    password=form.cleaned_data["password"],
                    abaikan_peringatan=form.cleaned_data.get("abaikan_peringatan", False),
                )
            except Ditolak as exc:
                kesalahan = pesan_ditolak(exc)
            else:
                messages.success(request, "Perjanjian kinerja ditandatangani.")
                return redirect("perjanjian_detail", pk=perjanjian.pk)
    return render(
        request,
        "kinerja/perjanjian/tandatangani.html",
        {
            "perjanjian": perjanjian,
            "pihak": TandaTangan.Pihak(pihak).label,
            "pejabat": pejabat,
            "peringatan": peringatan,
            "kesalahan": kesalahan + perjanjian_kesalahan(perjanjian),
            "form": form,
        },
    )


@login_required
@require_POST
def perjanjian_kembalikan(request: HttpRequest, pk: int) -> HttpResponse:
    perjanjian = get_perjanjian_for_user(request.user, pk)
    try:
        services.perjanjian_kembalikan(perjanjian=perjanjian, oleh=request.user)
    except Ditolak as exc:
        tampilkan_ditolak(request, exc)
    else:
        messages.success(
            request, "Perjanjian dikembalikan ke draf; tanda tangan pihak pertama dihapus."
        )
    return redirect("perjanjian_detail", pk=pk)


def _nama_berkas(perjanjian: PerjanjianKinerja) -> str:
    pemilik = perjanjian.unit_kerja.slug if perjanjian.unit_kerja_id else "organisasi"
    return f"perjanjian-kinerja-{perjanjian.tahun}-{pemilik}-v{perjanjian.versi}"


def _html_dokumen(request: HttpRequest, perjanjian: PerjanjianKinerja) -> str:
    dokumen = dokumen_perjanjian(perjanjian, alamat_situs=request.build_absolute_uri("/"))
    return render_to_string("kinerja/perjanjian/dokumen.html", {"dokumen": dokumen}, request)


def _pdf(nama: str, html: str) -> HttpResponse:
    response = HttpResponse(html_ke_pdf(html), content_type="application/pdf")
    # Behind "Unduh PDF" buttons: saved, not opened in the tab (the HTML page is the preview).
    response["Content-Disposition"] = f'attachment; filename="{nama}.pdf"'
    return response


@login_required
def perjanjian_dokumen(request: HttpRequest, pk: int) -> HttpResponse:
    perjanjian = get_perjanjian_for_user(request.user, pk)
    return HttpResponse(_html_dokumen(request, perjanjian))


@login_required
def perjanjian_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    perjanjian = get_perjanjian_for_user(request.user, pk)
    return _pdf(_nama_berkas(perjanjian), _html_dokumen(request, perjanjian))


def _html_rkt(request: HttpRequest, org: str, tahun: int) -> str:
    organisasi = get_organisasi_for_user(request.user, org)
    rkt = dokumen_rkt(organisasi=organisasi, tahun=tahun)
    if rkt is None:
        raise Http404
    return render_to_string("kinerja/perjanjian/rkt.html", {"rkt": rkt}, request)


@login_required
def rkt_dokumen(request: HttpRequest, org: str, tahun: int) -> HttpResponse:
    return HttpResponse(_html_rkt(request, org, tahun))


@login_required
def rkt_pdf(request: HttpRequest, org: str, tahun: int) -> HttpResponse:
    return _pdf(f"rencana-kinerja-tahunan-{tahun}", _html_rkt(request, org, tahun))


def verifikasi(request: HttpRequest, kode: str) -> HttpResponse:
    """Public, no login: what was signed (parties, year, version, targets), when, and
    whether the frozen content still hashes to what both parties signed. A code typed as
    printed ("7k3q-m9xp …") is sent on to its canonical address."""
    hasil = verifikasi_perjanjian(kode)
    if hasil is None:
        konteks = {"hasil": None, "kode": kode}
        return render(request, "kinerja/perjanjian/verifikasi.html", konteks, status=404)
    if hasil.perjanjian.kode_verifikasi != kode:
        return redirect("verifikasi", kode=hasil.perjanjian.kode_verifikasi)
    konteks = {"hasil": hasil, "kode_cetak": kode_cetak(kode)}
    return render(request, "kinerja/perjanjian/verifikasi.html", konteks)


def verifikasi_cari(request: HttpRequest) -> HttpResponse:
    """The code typed from paper: on to its page (which reads it in any case, with dashes)."""
    kode = request.GET.get("kode", "").replace("/", "").strip()
    if kode:
        return redirect("verifikasi", kode=kode)
    return render(request, "kinerja/perjanjian/verifikasi.html", {"hasil": None, "kode": ""})
