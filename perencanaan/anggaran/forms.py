"""Plain forms of the budget and logistics pages; money typed the Indonesian way
("28.829.406.000") through AngkaField, saved by perencanaan.anggaran.layanan."""

from decimal import Decimal

from django import forms

from anggaran.models import NAMA_BULAN, AnggaranKegiatan, Program, SumberDana
from inti.angka import AngkaTidakValid, parse_angka
from inti.xlsx import JENIS_XLSX
from organisasi.admin_angka import AngkaField

UKURAN_MAKS = 5 * 1024 * 1024


class ProgramForm(forms.Form):
    kode = forms.CharField(label="Kode program", max_length=20)
    nama = forms.CharField(label="Nama program", max_length=255)
    urutan = forms.IntegerField(label="Urutan", min_value=0, max_value=32767, initial=0)


class KegiatanForm(forms.Form):
    program = forms.ModelChoiceField(label="Program", queryset=Program.objects.none())
    kode = forms.CharField(label="Kode kegiatan", max_length=30)
    nama = forms.CharField(label="Nama kegiatan", max_length=255)
    kode_kro = forms.CharField(
        label="Kode KRO",
        max_length=10,
        required=False,
        help_text="Klasifikasi Rincian Output bila dipakai, misalnya EBA.",
    )
    kode_ro = forms.CharField(
        label="Kode RO",
        max_length=10,
        required=False,
        help_text="Rincian Output bila dipakai, misalnya EBA.994.",
    )
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


class RealisasiBulananForm(forms.Form):
    """A 12-month grid per kegiatan with a pagu in the year: cells named b<pk>_<month>,
    typed the Indonesian way ("1.234.567"). Every cell that is no number is reported with its
    kegiatan and month, and then nothing is saved."""

    def __init__(self, *args, anggaran: list[AnggaranKegiatan], **kwargs):
        super().__init__(*args, **kwargs)
        self.anggaran = anggaran
        for ak in anggaran:
            for b, nama in enumerate(NAMA_BULAN, start=1):
                self.fields[self.nama_sel(ak, b)] = forms.CharField(
                    label=f"{ak.kegiatan.kode} {nama}", required=False, max_length=30
                )

    @staticmethod
    def nama_sel(ak: AnggaranKegiatan, bulan: int) -> str:
        return f"b{ak.kegiatan_id}_{bulan}"

    def clean(self):
        data = super().clean()
        isian: dict[int, dict[int, Decimal]] = {}
        for ak in self.anggaran:
            isian[ak.kegiatan_id] = {}
            for b, nama in enumerate(NAMA_BULAN, start=1):
                teks = (data.get(self.nama_sel(ak, b)) or "").strip()
                if not teks:
                    continue
                try:
                    isian[ak.kegiatan_id][b] = parse_angka(teks)
                except AngkaTidakValid as exc:
                    self.add_error(
                        self.nama_sel(ak, b), f"Kegiatan {ak.kegiatan.kode}, {nama}: {exc}"
                    )
        data["isian"] = isian
        return data


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
