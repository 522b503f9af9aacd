from django import forms

from evaluasi.models import Jawaban, KriteriaLke, Rekomendasi
from inti.berkas import BerkasTidakValid, periksa_berkas
from inti.lke import NILAI_JAWABAN, JenisJawaban
from organisasi.models import UnitKerja

LABEL = dict(Jawaban.Pilihan.choices)


def pilihan_jawaban(kriteria: KriteriaLke) -> list[tuple[str, str]]:
    kunci = NILAI_JAWABAN[JenisJawaban(kriteria.jenis)]
    return [("", "—"), *((k, f"{LABEL[k]} ({v.normalize():f})") for k, v in kunci.items())]


class MandiriForm(forms.Form):
    """One criterion's self-assessment row; the prefix is the criterion's code."""

    jawaban = forms.ChoiceField(label="Jawaban mandiri", required=False)
    penjelasan = forms.CharField(
        label="Penjelasan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    bukti_tautan = forms.ChoiceField(label="Bukti: dokumen di aplikasi", required=False)
    berkas = forms.FileField(label="Bukti: unggah berkas", required=False)

    def __init__(self, *args, kriteria: KriteriaLke, dokumen: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.kriteria = kriteria
        self.fields["jawaban"].choices = pilihan_jawaban(kriteria)
        self.fields["bukti_tautan"].choices = [("", "—"), *dokumen]

    def clean_berkas(self):
        berkas = self.cleaned_data.get("berkas")
        if not berkas:
            return None
        try:
            return berkas, periksa_berkas(berkas, nama=berkas.name, ukuran=berkas.size)
        except BerkasTidakValid as exc:
            raise forms.ValidationError(str(exc)) from None


class EvaluatorForm(forms.Form):
    jawaban = forms.ChoiceField(label="Jawaban evaluator", required=False)
    catatan = forms.CharField(
        label="Catatan evaluator", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, kriteria: KriteriaLke, **kwargs):
        super().__init__(*args, **kwargs)
        self.kriteria = kriteria
        self.fields["jawaban"].choices = pilihan_jawaban(kriteria)


class SelesaiForm(forms.Form):
    nomor_lhe = forms.CharField(label="Nomor LHE", max_length=100, required=False)


class RekomendasiForm(forms.Form):
    uraian = forms.CharField(label="Rekomendasi", widget=forms.Textarea(attrs={"rows": 2}))
    penanggung_jawab = forms.ModelChoiceField(
        label="Penanggung jawab tindak lanjut",
        queryset=UnitKerja.objects.none(),
        required=False,
        empty_label="Organisasi (sekretariat)",
    )
    batas_waktu = forms.DateField(
        label="Batas waktu", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, organisasi, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penanggung_jawab"].queryset = UnitKerja.objects.filter(organisasi=organisasi)


class TindakLanjutForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=Rekomendasi.Status.choices)
    tindak_lanjut = forms.CharField(
        label="Tindak lanjut", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
