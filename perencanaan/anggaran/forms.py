"""Plain forms of the budget and logistics pages; money typed the Indonesian way
("28.829.406.000") through AngkaField, saved by perencanaan.anggaran.layanan."""

from django import forms

from anggaran.models import Program, SumberDana
from inti.xlsx import JENIS_XLSX
from organisasi.admin_angka import AngkaField

UKURAN_MAKS = 5 * 1024 * 1024


class ProgramForm(forms.Form):
    kode = forms.CharField(label="Kode program", max_length=20)
    nama = forms.CharField(label="Nama program", max_length=255)
    urutan = forms.IntegerField(label="Urutan", min_value=0, max_value=32767, initial=0)


class KegiatanForm(forms.Form):
    program = forms.ModelChoiceField(label="Program", queryset=Program.objects.none())
    kode = forms.CharField(
        label="Kode kegiatan", max_length=30, help_text="Termasuk kode KRO/RO bila dipakai."
    )
    nama = forms.CharField(label="Nama kegiatan", max_length=255)
    urutan = forms.IntegerField(label="Urutan", min_value=0, max_value=32767, initial=0)

    def __init__(self, *args, organisasi, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.filter(organisasi=organisasi)  # type: ignore[attr-defined]


class AnggaranKegiatanForm(forms.Form):
    pagu = AngkaField(label="Pagu (Rp)", help_text="Rupiah bulat, misalnya 28.829.406.000.")
    realisasi = AngkaField(
        label="Realisasi (Rp)",
        required=False,
        help_text="Kosongkan bila realisasi dilaporkan per program.",
    )
    sumber_dana = forms.ChoiceField(
        label="Sumber dana", choices=[("", "—"), *SumberDana.choices], required=False
    )


class RealisasiProgramForm(forms.Form):
    realisasi = AngkaField(
        label="Realisasi program (Rp)",
        required=False,
        help_text="Kosongkan untuk menjumlahkan realisasi kegiatannya.",
    )


class PemilihanForm(forms.Form):
    kode = forms.SlugField(label="Kode", max_length=50, help_text="Misalnya pilkada-2024.")
    nama = forms.CharField(label="Nama pemilu/pemilihan", max_length=255)


class LogistikForm(forms.Form):
    urutan = forms.IntegerField(label="Nomor", min_value=1, max_value=32767)
    jenis = forms.CharField(label="Jenis logistik", max_length=150)
    satuan = forms.CharField(label="Satuan", max_length=30)
    dipesan = forms.IntegerField(label="Jumlah dipesan", min_value=0)
    diterima = forms.IntegerField(label="Jumlah diterima", min_value=0)
    baik = forms.IntegerField(label="Baik", min_value=0)
    rusak = forms.IntegerField(label="Rusak", min_value=0)


class UnggahForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas realisasi anggaran (Excel .xlsx, paling besar 5 MB)",
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{JENIS_XLSX}"}),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > UKURAN_MAKS:
            raise forms.ValidationError("Berkas terlalu besar; paling besar 5 MB.")
        return berkas
