"""The narrative form: the report's texts, place, date and signatory, one analysis per sasaran."""

from dataclasses import dataclass

from django import forms
from django.forms import BoundField

from laporan.models import LaporanKinerja
from laporan.selectors import FIELD_NARASI
from organisasi.models import Organisasi, Pejabat
from renstra.models import SasaranStrategis


@dataclass
class IsianNarasi:
    """A narrative field on the editing page, with the length of its text."""

    field: BoundField
    panjang: int  # characters, a line break counting one as in the browser's textarea


class NarasiForm(forms.ModelForm):
    class Meta:
        model = LaporanKinerja
        fields = ["tempat", "tanggal", "penandatangan", "lampiran_pohon", *FIELD_NARASI]
        widgets = {
            "tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{nama: forms.Textarea(attrs={"rows": 6}) for nama in FIELD_NARASI},
        }

    def __init__(
        self,
        *args,
        organisasi: Organisasi,
        sasaran: list[SasaranStrategis],
        analisis: dict[int, str],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["penandatangan"].queryset = Pejabat.objects.filter(organisasi=organisasi)
        self.sasaran = sasaran
        bantuan = "Teks bebas. Angka dan jumlah indikator ditulis otomatis dari data."
        for s in sasaran:
            # A text copied from last year's report when the year was started.
            disalin = self.instance.perlu_ditinjau and analisis.get(s.pk)
            self.fields[f"analisis_{s.pk}"] = forms.CharField(
                label=f"Analisis sasaran {s.nomor}: {s.nama}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                initial=analisis.get(s.pk, ""),
                help_text=f"Perlu ditinjau: disalin dari laporan tahun lalu. {bantuan}"
                if disalin
                else bantuan,
            )

    def isian_lain(self) -> list[BoundField]:
        return [self[nama] for nama in self.Meta.fields if nama not in FIELD_NARASI]

    def isian_narasi(self) -> list[IsianNarasi]:
        """The texts in page order: the report's narratives, then one analysis per sasaran."""
        nama = [*FIELD_NARASI, *(f"analisis_{s.pk}" for s in self.sasaran)]
        hasil = []
        for n in nama:
            teks = self[n].value() or ""
            hasil.append(IsianNarasi(self[n], len(str(teks).replace("\r\n", "\n"))))
        return hasil

    def nilai_laporan(self) -> dict[str, object]:
        return {nama: self.cleaned_data[nama] for nama in self.Meta.fields}

    def nilai_analisis(self) -> dict[int, str]:
        return {s.pk: self.cleaned_data[f"analisis_{s.pk}"] for s in self.sasaran}
