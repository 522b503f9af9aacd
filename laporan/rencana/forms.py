from django import forms

from inti.berkas import BerkasTidakValid, periksa_berkas

UKURAN_BUKU_MAKS = 10 * 1024 * 1024


class UnggahRencanaForm(forms.Form):
    berkas = forms.FileField(
        label="Buku kerja rencana (Excel .xlsx, paling besar 10 MB)",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > UKURAN_BUKU_MAKS:
            raise forms.ValidationError("Berkas terlalu besar; paling besar 10 MB.")
        try:
            jenis = periksa_berkas(berkas, nama=berkas.name, ukuran=berkas.size)
        except BerkasTidakValid as exc:
            raise forms.ValidationError(str(exc)) from None
        if jenis.akhiran != ".xlsx":
            raise forms.ValidationError("Unggah buku kerja Excel (.xlsx).")
        return berkas
