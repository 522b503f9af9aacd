"""Budget and logistics pages for the organisation's admins. Thin: access, a form, a
service from perencanaan.anggaran.layanan, a redirect."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from anggaran.models import AnggaranKegiatan, Kegiatan, Program, RealisasiProgram
from anggaran.selectors import realisasi_anggaran, realisasi_bulanan
from inti.angka import format_angka
from inti.galat import Ditolak
from kinerja.capaian import renstra_tahun, skala_renstra
from logistik.models import Logistik, Pemilihan
from organisasi.akses import get_organisasi_for_user, is_admin_organisasi
from organisasi.models import Organisasi
from organisasi.pesan import ditolak_ke_form
from perencanaan.anggaran import forms, layanan


def org_admin(request: HttpRequest, org: str) -> Organisasi:
    """The organisation in the URL (404 if the user may not read it), for its admins only."""
    organisasi = get_organisasi_for_user(request.user, org)
    if not is_admin_organisasi(request.user, organisasi.pk):
        raise PermissionDenied("Hanya admin organisasi yang mengelola anggaran.")
    return organisasi


def _url(nama: str, organisasi: Organisasi, tahun: int) -> str:
    return reverse(nama, args=[organisasi.slug, tahun])


def _halaman_form(
    request: HttpRequest,
    form: Form,
    simpan: Callable[[dict], object],
    *,
    judul: str,
    kembali: str,
    konteks: dict,
) -> HttpResponse:
    """A form page: on a valid POST call `simpan`; a refusal is shown and nothing changes."""
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
        {**konteks, "form": form, "judul": judul, "kembali": kembali},
        status=400 if form.errors else 200,
    )


@login_required
def indeks_kini(request: HttpRequest, org: str) -> HttpResponse:
    organisasi = org_admin(request, org)
    return redirect("perencanaan_anggaran", organisasi.slug, timezone.localdate().year)


@login_required
def indeks(request: HttpRequest, org: str, tahun: int) -> HttpResponse:
    organisasi = org_admin(request, org)
    skala = skala_renstra(renstra_tahun(organisasi=organisasi, tahun=tahun), "anggaran")
    ringkasan = realisasi_anggaran(organisasi=organisasi, tahun=tahun, skala=skala)
    tanpa_pagu = Kegiatan.objects.filter(program__organisasi=organisasi).exclude(
        anggaran__tahun=tahun
    )
    return render(
        request,
        "perencanaan/anggaran/indeks.html",
        {
            "organisasi": organisasi,
            "tahun": tahun,
            "ringkasan": ringkasan,
            "tanpa_pagu": tanpa_pagu.select_related("program"),
        },
    )


@login_required
def program_simpan(
    request: HttpRequest, org: str, tahun: int, pk: int | None = None
) -> HttpResponse:
    """Add a program, or edit one (pk)."""
    organisasi = org_admin(request, org)
    program = get_object_or_404(Program, pk=pk, organisasi=organisasi) if pk else None
    awal = {"kode": program.kode, "nama": program.nama, "urutan": program.urutan} if program else {}
    return _halaman_form(
        request,
        forms.ProgramForm(request.POST or None, initial=awal),
        lambda d: layanan.program_simpan(
            pengguna=request.user, organisasi=organisasi, program=program, **d
        ),
        judul=f"Ubah program {program.kode}" if program else "Tambah program",
        kembali=_url("perencanaan_anggaran", organisasi, tahun),
        konteks={"organisasi": organisasi, "tahun": tahun},
    )


@login_required
def kegiatan_simpan(
    request: HttpRequest, org: str, tahun: int, pk: int | None = None
) -> HttpResponse:
    """Add a kegiatan, or edit one (pk): its program, code, KRO/RO codes, name and order."""
    organisasi = org_admin(request, org)
    kegiatan = (
        get_object_or_404(
            Kegiatan.objects.select_related("program"), pk=pk, program__organisasi=organisasi
        )
        if pk
        else None
    )
    awal = (
        {
            f: getattr(kegiatan, f)
            for f in ("program", "kode", "nama", "kode_kro", "kode_ro", "urutan")
        }
        if kegiatan
        else {}
    )
    return _halaman_form(
        request,
        forms.KegiatanForm(request.POST or None, initial=awal, organisasi=organisasi),
        lambda d: layanan.kegiatan_simpan(pengguna=request.user, kegiatan=kegiatan, **d),
        judul=f"Ubah kegiatan {kegiatan.kode}" if kegiatan else "Tambah kegiatan",
        kembali=_url("perencanaan_anggaran", organisasi, tahun),
        konteks={"organisasi": organisasi, "tahun": tahun},
    )


@login_required
def kegiatan_anggaran(request: HttpRequest, org: str, tahun: int, pk: int) -> HttpResponse:
    organisasi = org_admin(request, org)
    kegiatan = get_object_or_404(
        Kegiatan.objects.select_related("program__organisasi"),
        pk=pk,
        program__organisasi=organisasi,
    )
    ada = AnggaranKegiatan.objects.filter(kegiatan=kegiatan, tahun=tahun).first()
    awal = (
        {"pagu": ada.pagu, "realisasi": ada.realisasi, "sumber_dana": ada.sumber_dana}
        if ada
        else {}
    )
    form = forms.AnggaranKegiatanForm(request.POST or None, initial=awal)
    if ada and ada.bulanan.exists():
        bantuan = "Realisasi kegiatan ini diisi per bulan; ubah di halaman Realisasi bulanan."
        form.fields["realisasi"].help_text = bantuan
    return _halaman_form(
        request,
        form,
        lambda d: layanan.anggaran_kegiatan_simpan(
            pengguna=request.user, kegiatan=kegiatan, tahun=tahun, **d
        ),
        judul=f"Pagu {tahun} kegiatan {kegiatan.kode}",
        kembali=_url("perencanaan_anggaran", organisasi, tahun),
        konteks={"organisasi": organisasi, "tahun": tahun, "keterangan": kegiatan.nama},
    )


@login_required
def realisasi_program(request: HttpRequest, org: str, tahun: int, pk: int) -> HttpResponse:
    organisasi = org_admin(request, org)
    program = get_object_or_404(Program, pk=pk, organisasi=organisasi)
    ada = RealisasiProgram.objects.filter(program=program, tahun=tahun).first()
    return _halaman_form(
        request,
        forms.RealisasiProgramForm(
            request.POST or None, initial={"realisasi": ada.realisasi} if ada else {}
        ),
        lambda d: layanan.realisasi_program_simpan(
            pengguna=request.user, program=program, tahun=tahun, **d
        ),
        judul=f"Realisasi {tahun} program {program.kode}",
        kembali=_url("perencanaan_anggaran", organisasi, tahun),
        konteks={"organisasi": organisasi, "tahun": tahun, "keterangan": program.nama},
    )


@login_required
def bulanan(request: HttpRequest, org: str, tahun: int) -> HttpResponse:
    """The monthly realisasi of every kegiatan with a pagu in the year, as one grid: saved
    all or none; quarter totals and cumulative absorption shown beside it."""
    organisasi = org_admin(request, org)
    daftar = realisasi_bulanan(organisasi=organisasi, tahun=tahun)
    awal = {
        forms.RealisasiBulananForm.nama_sel(b.anggaran, m): format_angka(j)
        for b in daftar
        for m, j in b.bulan.items()
    }
    form = forms.RealisasiBulananForm(
        request.POST or None, initial=awal, anggaran=[b.anggaran for b in daftar]
    )
    if request.method == "POST" and form.is_valid():
        try:
            n = layanan.realisasi_bulanan_simpan(
                pengguna=request.user,
                organisasi=organisasi,
                tahun=tahun,
                isian=form.cleaned_data["isian"],
            )
        except Ditolak as exc:
            ditolak_ke_form(form, exc)
        else:
            messages.success(request, f"Realisasi bulanan tersimpan ({n} kegiatan berubah).")
            return redirect(_url("perencanaan_anggaran_bulanan", organisasi, tahun))
    baris = [
        (b, [form[forms.RealisasiBulananForm.nama_sel(b.anggaran, m)] for m in range(1, 13)])
        for b in daftar
    ]
    return render(
        request,
        "perencanaan/anggaran/bulanan.html",
        {"organisasi": organisasi, "tahun": tahun, "form": form, "baris": baris},
        status=400 if form.errors else 200,
    )


@login_required
def logistik_daftar(request: HttpRequest, org: str, tahun: int) -> HttpResponse:
    organisasi = org_admin(request, org)
    pemilihan = Pemilihan.objects.filter(organisasi=organisasi, tahun=tahun).prefetch_related(
        "logistik"
    )
    return render(
        request,
        "perencanaan/anggaran/logistik.html",
        {"organisasi": organisasi, "tahun": tahun, "daftar_pemilihan": pemilihan},
    )


@login_required
def pemilihan_tambah(request: HttpRequest, org: str, tahun: int) -> HttpResponse:
    organisasi = org_admin(request, org)
    return _halaman_form(
        request,
        forms.PemilihanForm(request.POST or None),
        lambda d: layanan.pemilihan_simpan(
            pengguna=request.user, organisasi=organisasi, tahun=tahun, **d
        ),
        judul=f"Tambah pemilu/pemilihan {tahun}",
        kembali=_url("perencanaan_anggaran_logistik", organisasi, tahun),
        konteks={"organisasi": organisasi, "tahun": tahun},
    )


@login_required
def logistik_simpan(
    request: HttpRequest, org: str, tahun: int, item: int, pk: int | None = None
) -> HttpResponse:
    """Add a kind of logistics to an election (item), or edit one (pk)."""
    organisasi = org_admin(request, org)
    pem = get_object_or_404(Pemilihan, pk=item, organisasi=organisasi, tahun=tahun)
    logistik = get_object_or_404(Logistik, pk=pk, pemilihan=pem) if pk else None
    awal = (
        {
            f: getattr(logistik, f)
            for f in ("urutan", "jenis", "satuan", "dipesan", "diterima", "baik", "rusak")
        }
        if logistik
        else {"urutan": pem.logistik.count() + 1}
    )
    return _halaman_form(
        request,
        forms.LogistikForm(request.POST or None, initial=awal),
        lambda d: layanan.logistik_simpan(
            pengguna=request.user, pemilihan=pem, logistik=logistik, **d
        ),
        judul=f"{'Ubah' if logistik else 'Tambah'} logistik {pem.nama}",
        kembali=_url("perencanaan_anggaran_logistik", organisasi, tahun),
        konteks={"organisasi": organisasi, "tahun": tahun},
    )
