"""The realisasi entry, verification and reopening forms: plain forms, messages in Indonesian."""

from datetime import timedelta
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.utils import timezone

from inti.angka import AngkaTidakValid, format_tersimpan, parse_angka
from inti.berkas import UKURAN_MAKS_MB, BerkasTidakValid, periksa_berkas
from inti.capaian import TipeNilai
from kinerja.models import PANJANG_TEKS_MAKS
from kinerja.realisasi.aturan import (
    DESIMAL_MAKS,
    PESAN_TANPA_NILAI,
    IsianTidakValid,
    baca_angka,
    batas_wajar,
    melebihi_wajar,
    pesan_melebihi,
)
from kinerja.realisasi.selectors import BarisIsian
from kinerja.realisasi.services.isian import IsianBaris
from renstra.models import TingkatSkala


class BanyakBerkasInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class BanyakBerkasField(forms.FileField):
    """Several evidence files at once, each checked by its content."""

    widget = BanyakBerkasInput

    def clean(self, data, initial=None):
        berkas = data if isinstance(data, list | tuple) else ([data] if data else [])
        hasil = []
        for b in berkas:
            b = super().clean(b, initial)
            try:
                jenis = periksa_berkas(b, nama=b.name, ukuran=b.size)
            except BerkasTidakValid as exc:
                raise forms.ValidationError(str(exc)) from None
            hasil.append((b, jenis))
        return hasil


def _awal(baris: BarisIsian) -> dict[str, object]:
    """The row as stored: the number written the way people type it."""
    r = baris.realisasi
    return {
        "versi": baris.versi,
        "kendala": r.kendala if r else "",
        "tindak_lanjut": r.tindak_lanjut if r else "",
        "faktor_pendorong": r.faktor_pendorong if r else "",
        "nilai": format_tersimpan(r.nilai, DESIMAL_MAKS) if r and r.nilai is not None else "",
        "tingkat": str(r.tingkat_id) if r and r.tingkat_id else "",
    }


class BarisRealisasiForm(forms.Form):
    """One indicator's row; the number goes through the one parser (inti.angka)."""

    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    kendala = forms.CharField(
        label="Kendala",
        required=False,
        max_length=PANJANG_TEKS_MAKS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    tindak_lanjut = forms.CharField(
        label="Tindak lanjut",
        required=False,
        max_length=PANJANG_TEKS_MAKS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    faktor_pendorong = forms.CharField(
        label="Faktor pendorong",
        required=False,
        max_length=PANJANG_TEKS_MAKS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    bukti = BanyakBerkasField(
        label=f"Bukti dukung (PDF, JPG, PNG, XLSX, DOCX; paling besar {UKURAN_MAKS_MB} MB)",
        required=False,
    )
    konfirmasi = forms.BooleanField(
        label="Nilai ini sudah benar walaupun lebih dari sepuluh kali target", required=False
    )

    def __init__(self, *args, baris: BarisIsian, pilihan_tingkat: list[TingkatSkala], **kwargs):
        self.baris = baris
        kwargs.setdefault("prefix", f"i{baris.indikator.pk}")
        kwargs.setdefault("initial", _awal(baris))
        super().__init__(*args, **kwargs)
        if baris.indikator.is_ordinal:
            self._tingkat = {str(t.pk): t for t in pilihan_tingkat}
            self.fields["tingkat"] = forms.ChoiceField(
                label="Realisasi",
                required=False,
                choices=[("", "— pilih —")]
                + [(k, f"{t.kode} — {t.nama}") for k, t in self._tingkat.items()],
            )
            self.kolom_nilai = "tingkat"
        else:
            satuan = " (%)" if baris.indikator.tipe == TipeNilai.PERSENTASE else ""
            self.fields["nilai"] = forms.CharField(
                label=f"Realisasi{satuan}",
                required=False,
                max_length=40,
                widget=forms.TextInput(
                    attrs={
                        "inputmode": "decimal",
                        "autocomplete": "off",
                        "placeholder": "contoh: 96,7",
                    }
                ),
            )
            self.kolom_nilai = "nilai"
        self.helper = self._tata_letak()

    def _tata_letak(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        lapisan = [
            Row(
                Column(Field(self.kolom_nilai), css_class="col-12 col-md-3"),
                Column(Field("kendala"), css_class="col-12 col-md-3"),
                Column(Field("tindak_lanjut"), css_class="col-12 col-md-3"),
                Column(Field("faktor_pendorong"), css_class="col-12 col-md-3"),
            ),
            Field("bukti"),
            Field("versi"),
        ]
        # The confirmation appears once a value looks implausible (and stays once checked).
        if self.is_bound and (
            self.data.get(self.add_prefix("konfirmasi")) or self._perlu_konfirmasi()
        ):
            lapisan.append(Field("konfirmasi"))
        helper.layout = Layout(*lapisan)
        return helper

    def _perlu_konfirmasi(self) -> bool:
        teks = self.data.get(self.add_prefix("nilai"), "")
        if not teks or batas_wajar(self.baris.target) is None:
            return False
        tersimpan = self.baris.realisasi.nilai if self.baris.realisasi else None
        try:
            angka = parse_angka(teks)
            return angka != tersimpan and melebihi_wajar(angka, self.baris.target)
        except AngkaTidakValid:
            return False

    def clean_nilai(self) -> Decimal | None:
        teks = self.cleaned_data.get("nilai", "").strip()
        if not teks:
            return None
        try:
            return baca_angka(teks, tipe=self.baris.indikator.tipe)
        except IsianTidakValid as exc:
            raise forms.ValidationError(exc.pesan) from None

    def clean_tingkat(self) -> TingkatSkala | None:
        kode = self.cleaned_data.get("tingkat")
        return self._tingkat.get(kode) if kode else None

    def clean(self):
        data = super().clean()
        nilai = data.get(self.kolom_nilai)
        if self.kolom_nilai in self.errors:
            return data
        if nilai is None:
            if self.baris.realisasi is not None:
                self.add_error(
                    self.kolom_nilai,
                    "Realisasi yang sudah tersimpan tidak dapat dikosongkan di sini; "
                    "hapus nilai draf dengan tombol Hapus nilai.",
                )
            elif any(
                data.get(k) for k in ("kendala", "tindak_lanjut", "faktor_pendorong", "bukti")
            ):
                self.add_error(self.kolom_nilai, PESAN_TANPA_NILAI)
            return data
        # A value already stored was confirmed when it was saved: posting it again unchanged
        # (Simpan or Ajukan for other rows) asks nothing more.
        tersimpan = self.baris.realisasi.nilai if self.baris.realisasi else None
        if (
            self.kolom_nilai == "nilai"
            and nilai != tersimpan
            and melebihi_wajar(nilai, self.baris.target)
            and not data.get("konfirmasi")
        ):
            self.add_error(
                "nilai",
                f"{pesan_melebihi(self.baris.indikator, self.baris.target)} Periksa lagi; bila "
                "sudah benar, centang konfirmasi di bawah lalu simpan lagi.",
            )
        return data

    def isian(self) -> IsianBaris | None:
        """The validated row, or None when the row was left empty."""
        data = self.cleaned_data
        nilai = data.get(self.kolom_nilai)
        if nilai is None:
            return None
        return IsianBaris(
            indikator=self.baris.indikator,
            versi=data["versi"],
            nilai=nilai if self.kolom_nilai == "nilai" else None,
            tingkat=nilai if self.kolom_nilai == "tingkat" else None,
            kendala=data.get("kendala", "").strip(),
            tindak_lanjut=data.get("tindak_lanjut", "").strip(),
            faktor_pendorong=data.get("faktor_pendorong", "").strip(),
            berkas=data.get("bukti") or [],
        )


class HapusRealisasiForm(forms.Form):
    """Deleting a draft value: the version the user saw, for the optimistic lock."""

    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class VerifikasiForm(forms.Form):
    """Choose submitted values, then verify them or return them with a comment."""

    AKSI = [("verifikasi", "Verifikasi"), ("kembalikan", "Kembalikan")]

    pilih = forms.MultipleChoiceField(
        label="Nilai yang diputuskan",
        widget=forms.CheckboxSelectMultiple,
        required=True,
        error_messages={"required": "Pilih paling sedikit satu nilai."},
    )
    catatan = forms.CharField(
        label="Catatan (wajib bila dikembalikan)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    aksi = forms.ChoiceField(choices=AKSI, widget=forms.HiddenInput, required=True)

    def __init__(self, *args, pilihan: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pilih"].choices = pilihan

    def clean(self):
        data = super().clean()
        if data.get("aksi") == "kembalikan" and not data.get("catatan", "").strip():
            self.add_error(
                "catatan", "Tulis alasan pengembalian agar staf tahu yang perlu diperbaiki."
            )
        return data

    def versi(self) -> dict[int, int]:
        """pk -> version, from "pk:versi" choices."""
        hasil = {}
        for nilai in self.cleaned_data["pilih"]:
            pk, versi = nilai.split(":")
            hasil[int(pk)] = int(versi)
        return hasil


class PembukaanPeriodeForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan membuka kembali", widget=forms.Textarea(attrs={"rows": 3})
    )
    # A date input takes ISO dates only: in the local format the default would show empty.
    sampai = forms.DateField(
        label="Dibuka sampai tanggal",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"sampai": timezone.localdate() + timedelta(days=7)})
        super().__init__(*args, **kwargs)

    def clean_sampai(self):
        sampai = self.cleaned_data["sampai"]
        if sampai < timezone.localdate():
            raise forms.ValidationError("Tanggal akhir tidak boleh sebelum hari ini.")
        return sampai


# ---------------------------------------------------------------- spreadsheet import

UKURAN_TEMPLAT_MAKS = 5 * 1024 * 1024


class UnggahTemplatForm(forms.Form):
    berkas = forms.FileField(
        label="Templat yang sudah diisi (Excel .xlsx, paling besar 5 MB)",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > UKURAN_TEMPLAT_MAKS:
            raise forms.ValidationError("Berkas terlalu besar; paling besar 5 MB.")
        try:
            jenis = periksa_berkas(berkas, nama=berkas.name, ukuran=berkas.size)
        except BerkasTidakValid as exc:
            raise forms.ValidationError(str(exc)) from None
        if jenis.akhiran != ".xlsx":
            raise forms.ValidationError(
                "Unggah templat dalam format Excel (.xlsx) yang diunduh dari halaman ini."
            )
        return berkas


class KonfirmasiImporForm(forms.Form):
    konfirmasi_melebihi = forms.BooleanField(
        label="Nilai yang lebih dari sepuluh kali target sudah saya periksa dan benar",
        required=False,
    )

    def __init__(self, *args, perlu_konfirmasi: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.perlu_konfirmasi = perlu_konfirmasi
        if not perlu_konfirmasi:
            del self.fields["konfirmasi_melebihi"]

    def clean(self):
        data = super().clean()
        if self.perlu_konfirmasi and not data.get("konfirmasi_melebihi"):
            self.add_error(
                "konfirmasi_melebihi",
                "Centang konfirmasi ini bila nilai yang ditandai memang benar; bila tidak, "
                "perbaiki berkas lalu unggah lagi.",
            )
        return data
