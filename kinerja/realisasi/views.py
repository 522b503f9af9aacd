"""Realisasi entry, submission, verification, history and evidence: thin function views.

Each view checks access with one helper (kinerja.realisasi.akses), calls a selector or a service
and renders.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from inti.berkas import nama_unduhan
from inti.galat import Ditolak
from kinerja.models import Realisasi, penyimpanan_pribadi
from kinerja.realisasi.akses import (
    boleh_membuka_periode,
    boleh_memverifikasi,
    boleh_mengisi,
    get_bukti_for_user,
    get_realisasi_atau_terhapus_for_user,
    get_realisasi_for_user,
    get_unit_periode_for_user,
    wajib,
)
from kinerja.realisasi.forms import (
    BarisRealisasiForm,
    HapusRealisasiForm,
    PembukaanPeriodeForm,
    VerifikasiForm,
)
from kinerja.realisasi.periode import (
    PERIODE_URUT,
    periode_buka_kembali,
)
from kinerja.realisasi.selectors import (
    FormulirRealisasi,
    formulir_realisasi,
    riwayat_realisasi,
)
from kinerja.realisasi.services.isian import (
    realisasi_ajukan,
    realisasi_hapus,
    realisasi_simpan_formulir,
)
from kinerja.realisasi.services.terjaga import KonflikVersi
from kinerja.realisasi.services.verifikasi import realisasi_kembalikan, realisasi_verifikasi
from organisasi.pesan import tampilkan_ditolak


def url_formulir(formulir: FormulirRealisasi) -> str:
    return reverse(
        "kinerja:isi",
        args=[
            formulir.organisasi.slug,
            formulir.unit_kerja.slug,
            formulir.tahun,
            formulir.periode.value,
        ],
    )


def _forms(formulir: FormulirRealisasi, data=None, files=None) -> dict[int, BarisRealisasiForm]:
    return {
        b.indikator.pk: BarisRealisasiForm(
            data,
            files,
            baris=b,
            pilihan_tingkat=formulir.pilihan_tingkat.get(b.indikator.skala_id, []),
        )
        for b in formulir.baris
        if b.dapat_diubah
    }


@login_required
def isi_realisasi(
    request: HttpRequest, org: str, unit: str, tahun: int, periode: str
) -> HttpResponse:
    """One unit's values for a year and period: one row per indicator, saved all or none."""
    organisasi, unit_kerja, periode = get_unit_periode_for_user(request.user, org, unit, periode)
    formulir = formulir_realisasi(
        organisasi=organisasi, unit_kerja=unit_kerja, tahun=tahun, periode=periode
    )
    mengisi = boleh_mengisi(request.user, unit_kerja) and formulir.status.terbuka
    forms = _forms(formulir) if mengisi else {}
    status = 200
    if request.method == "POST":
        wajib(boleh_mengisi(request.user, unit_kerja))
        if not formulir.status.terbuka:
            messages.error(
                request, f"{periode.label} {tahun} sudah ditutup; tidak ada yang disimpan."
            )
            return redirect(url_formulir(formulir))
        forms = _forms(formulir, request.POST, request.FILES)
        status, formulir, forms = _simpan(request, formulir, forms)
        if status == 302:
            return redirect(url_formulir(formulir))
    return render(
        request,
        "kinerja/isi_realisasi.html",
        {
            "formulir": formulir,
            "baris_form": [(b, forms.get(b.indikator.pk)) for b in formulir.baris],
            "mengisi": mengisi,
            "memverifikasi": boleh_memverifikasi(request.user, unit_kerja),
            "membuka": boleh_membuka_periode(request.user, unit_kerja),
            "periode_urut": PERIODE_URUT,
            # Shown again after a refused POST: what the page holds is not saved.
            "belum_tersimpan": request.method == "POST",
        },
        status=status,
    )


def _simpan(
    request: HttpRequest, formulir: FormulirRealisasi, forms: dict[int, BarisRealisasiForm]
) -> tuple[int, FormulirRealisasi, dict[int, BarisRealisasiForm]]:
    """Save the posted rows, all or none: 302 once saved, else the status of the page shown
    again with the rows (refreshed after a version conflict)."""
    if not all(f.is_valid() for f in forms.values()):
        messages.error(
            request,
            "Tidak ada yang disimpan: perbaiki isian yang ditandai merah. "
            "Berkas bukti dukung perlu dipilih ulang.",
        )
        return 400, formulir, forms
    isian = [i for f in forms.values() if (i := f.isian()) is not None]
    try:
        hasil = realisasi_simpan_formulir(
            pengguna=request.user,
            unit_kerja=formulir.unit_kerja,
            tahun=formulir.tahun,
            periode=formulir.periode,
            isian=isian,
            # The Ajukan button of the same form: what was typed is saved, then submitted.
            ajukan="ajukan" in request.POST,
        )
    except KonflikVersi as exc:
        tampilkan_ditolak(request, exc)
        return 409, *_setelah_konflik(formulir, request, exc)
    except Ditolak as exc:
        tampilkan_ditolak(request, exc)
        return 400, formulir, forms
    if hasil.jumlah or hasil.bukti:
        messages.success(
            request,
            f"Tersimpan: {hasil.dibuat} nilai baru, {hasil.diubah} nilai diubah, "
            f"{hasil.bukti} bukti dukung.",
        )
    elif not hasil.diajukan:
        messages.info(request, "Tidak ada perubahan.")
    if hasil.diajukan:
        messages.success(request, f"{hasil.diajukan} nilai diajukan untuk diverifikasi.")
    return 302, formulir, forms


def _setelah_konflik(formulir: FormulirRealisasi, request: HttpRequest, exc: KonflikVersi):
    """Keep what the user typed, next to the values someone else saved meanwhile.

    The rows now carry the current version: saving again is a choice made after reading
    the message that names who changed what.
    """
    segar = formulir_realisasi(
        organisasi=formulir.organisasi,
        unit_kerja=formulir.unit_kerja,
        tahun=formulir.tahun,
        periode=formulir.periode,
    )
    data = request.POST.copy()
    for b in segar.baris:
        data[f"i{b.indikator.pk}-versi"] = str(b.versi)
    forms = _forms(segar, data)
    for f in forms.values():
        f.is_valid()
    return segar, forms


@login_required
@require_POST
def ajukan(request: HttpRequest, org: str, unit: str, tahun: int, periode: str) -> HttpResponse:
    organisasi, unit_kerja, periode = get_unit_periode_for_user(request.user, org, unit, periode)
    wajib(boleh_mengisi(request.user, unit_kerja))
    try:
        jumlah = realisasi_ajukan(
            pengguna=request.user, unit_kerja=unit_kerja, tahun=tahun, periode=periode
        )
    except Ditolak as exc:
        tampilkan_ditolak(request, exc)
    else:
        messages.success(request, f"{jumlah} nilai diajukan untuk diverifikasi.")
    return redirect("kinerja:isi", organisasi.slug, unit_kerja.slug, tahun, periode.value)


@login_required
def verifikasi(request: HttpRequest, org: str, unit: str, tahun: int, periode: str) -> HttpResponse:
    """The head verifies submitted values or returns them with a comment."""
    organisasi, unit_kerja, periode = get_unit_periode_for_user(request.user, org, unit, periode)
    wajib(boleh_memverifikasi(request.user, unit_kerja))
    formulir = formulir_realisasi(
        organisasi=organisasi, unit_kerja=unit_kerja, tahun=tahun, periode=periode
    )
    dapat_dipilih = [
        b
        for b in formulir.baris
        if b.realisasi
        and b.realisasi.status in (Realisasi.Status.DIAJUKAN, Realisasi.Status.DIVERIFIKASI)
    ]
    pilihan = [(f"{b.realisasi.pk}:{b.realisasi.versi}", b.indikator.nama) for b in dapat_dipilih]
    form = VerifikasiForm(request.POST or None, pilihan=pilihan)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            aksi = form.cleaned_data["aksi"]
            try:
                if aksi == "verifikasi":
                    jumlah = realisasi_verifikasi(
                        pengguna=request.user,
                        unit_kerja=unit_kerja,
                        tahun=tahun,
                        periode=periode,
                        versi=form.versi(),
                    )
                    messages.success(request, f"{jumlah} nilai diverifikasi.")
                else:
                    jumlah = realisasi_kembalikan(
                        pengguna=request.user,
                        unit_kerja=unit_kerja,
                        tahun=tahun,
                        periode=periode,
                        versi=form.versi(),
                        catatan=form.cleaned_data["catatan"],
                    )
                    messages.success(request, f"{jumlah} nilai dikembalikan ke staf.")
            except Ditolak as exc:
                tampilkan_ditolak(request, exc)
            return redirect("kinerja:verifikasi", organisasi.slug, unit_kerja.slug, tahun, periode)
        status = 400
    return render(
        request,
        "kinerja/verifikasi.html",
        {
            "formulir": formulir,
            "form": form,
            "baris": dapat_dipilih,
            "url_formulir": url_formulir(formulir),
        },
        status=status,
    )


@login_required
def buka_periode(
    request: HttpRequest, org: str, unit: str, tahun: int, periode: str
) -> HttpResponse:
    """Only an admin reopens a unit's closed period, with a reason and an end date."""
    organisasi, unit_kerja, periode = get_unit_periode_for_user(request.user, org, unit, periode)
    wajib(boleh_membuka_periode(request.user, unit_kerja))
    form = PembukaanPeriodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            periode_buka_kembali(
                pengguna=request.user,
                unit_kerja=unit_kerja,
                tahun=tahun,
                periode=periode,
                alasan=form.cleaned_data["alasan"],
                sampai=form.cleaned_data["sampai"],
            )
        except Ditolak as exc:
            tampilkan_ditolak(request, exc)
        else:
            messages.success(
                request,
                f"{periode.label} {tahun} dibuka kembali untuk {unit_kerja.nama} sampai "
                f"{form.cleaned_data['sampai']:%d-%m-%Y}.",
            )
            return redirect("kinerja:isi", organisasi.slug, unit_kerja.slug, tahun, periode)
    return render(
        request,
        "kinerja/buka_periode.html",
        {"unit_kerja": unit_kerja, "tahun": tahun, "periode": periode, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def riwayat(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change of one value: who, when, from what to what, and why; also of a value
    since deleted (as it last was)."""
    realisasi, dihapus = get_realisasi_atau_terhapus_for_user(request.user, pk)
    return render(
        request,
        "kinerja/riwayat.html",
        {
            "realisasi": realisasi,
            "dihapus": dihapus,
            "riwayat": riwayat_realisasi(realisasi),
            "url_isi": _url_isi_realisasi(realisasi),
        },
    )


def _url_isi_realisasi(realisasi: Realisasi) -> str:
    """The entry form the value belongs to; none for an indicator without a unit."""
    indikator = realisasi.indikator
    if indikator.unit_kerja is None:
        return ""
    return reverse(
        "kinerja:isi",
        args=[
            indikator.sasaran.renstra.organisasi.slug,
            indikator.unit_kerja.slug,
            realisasi.tahun,
            realisasi.periode,
        ],
    )


@login_required
def hapus(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a draft value after a confirmation; the history page then shows it."""
    realisasi = get_realisasi_for_user(request.user, pk)
    unit_kerja = realisasi.indikator.unit_kerja
    wajib(unit_kerja is not None and boleh_mengisi(request.user, unit_kerja))
    url_isi = _url_isi_realisasi(realisasi)
    form = HapusRealisasiForm(request.POST or None, initial={"versi": realisasi.versi})
    if request.method == "POST" and form.is_valid():
        try:
            realisasi_hapus(
                pengguna=request.user, realisasi=realisasi, versi=form.cleaned_data["versi"]
            )
        except Ditolak as exc:
            tampilkan_ditolak(request, exc)
            return redirect(url_isi)
        messages.success(
            request,
            f"Nilai {realisasi.indikator.nama} {realisasi.get_periode_display()} "
            f"{realisasi.tahun} dihapus.",
        )
        return redirect("kinerja:riwayat", pk)
    return render(
        request,
        "kinerja/hapus_realisasi.html",
        {"realisasi": realisasi, "form": form, "url_isi": url_isi},
        status=400 if form.is_bound else 200,
    )


@login_required
def bukti_unduh(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, only for users who may see its indicator."""
    bukti = get_bukti_for_user(request.user, pk)
    respons = FileResponse(
        penyimpanan_pribadi().open(bukti.berkas.name, "rb"),
        as_attachment=True,
        filename=nama_unduhan(bukti.nama_asli, bukti.jenis_konten),
        content_type=bukti.jenis_konten,
    )
    respons["X-Content-Type-Options"] = "nosniff"
    respons["Cache-Control"] = "private, no-store"
    return respons
