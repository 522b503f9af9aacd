"""Forms of the Renstra pages. Numbers are read by inti.angka; levels are drop-downs."""

from decimal import Decimal

from django import forms

from inti.angka import AngkaTidakValid, format_tersimpan, parse_angka
from inti.capaian import Polaritas
from inti.tampilan import label_tingkat
from kinerja.models import StandarNasional
from perencanaan.renstra.services import NilaiSel
from renstra.models import (
    IndikatorKinerja,
    Misi,
    Renstra,
    SasaranStrategis,
    SasaranTujuan,
    TargetRenstra,
    TingkatSkala,
    Tujuan,
)

ANGKA_ATTRS = {
    "inputmode": "decimal",
    "autocomplete": "off",
    "class": "form-control form-control-sm",
}


class RenstraForm(forms.ModelForm):
    class Meta:
        model = Renstra
        fields = [
            "judul",
            "tahun_mulai",
            "tahun_selesai",
            "nomor_keputusan",
            "tanggal_keputusan",
            "visi",
        ]
        widgets = {
            "visi": forms.Textarea(attrs={"rows": 3}),
            "tanggal_keputusan": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class MisiForm(forms.ModelForm):
    class Meta:
        model = Misi
        fields = ["nomor", "teks"]
        widgets = {"teks": forms.Textarea(attrs={"rows": 3})}


class TujuanForm(forms.ModelForm):
    class Meta:
        model = Tujuan
        fields = ["nomor", "teks"]
        widgets = {"teks": forms.Textarea(attrs={"rows": 3})}


class SasaranTujuanForm(forms.ModelForm):
    class Meta:
        model = SasaranTujuan
        fields = ["tujuan", "nomor", "teks"]
        widgets = {"teks": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, renstra: Renstra, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tujuan"].queryset = Tujuan.objects.filter(renstra=renstra)


class SasaranForm(forms.ModelForm):
    class Meta:
        model = SasaranStrategis
        fields = ["nomor", "nama", "tabel_bukti"]
        widgets = {"nama": forms.Textarea(attrs={"rows": 2})}


class IndikatorForm(forms.ModelForm):
    class Meta:
        model = IndikatorKinerja
        fields = [
            "sasaran",
            "kode",
            "nama",
            "tingkat",
            "sasaran_program",
            "tipe",
            "skala",
            "satuan",
            "polaritas",
            "agregasi",
            "unit_kerja",
            "urutan",
            "pendahulu",
            "definisi_operasional",
            "formula",
            "sumber_data",
        ]
        widgets = {
            "nama": forms.Textarea(attrs={"rows": 2}),
            "sasaran_program": forms.Textarea(attrs={"rows": 2}),
            "definisi_operasional": forms.Textarea(attrs={"rows": 3}),
            "formula": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, renstra: Renstra, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sasaran"].queryset = SasaranStrategis.objects.filter(renstra=renstra)
        self.fields["unit_kerja"].queryset = renstra.organisasi.unit.all()
        self.fields["pendahulu"].queryset = IndikatorKinerja.objects.filter(
            sasaran__renstra__organisasi=renstra.organisasi,
            sasaran__renstra__tahun_mulai__lt=renstra.tahun_mulai,
        ).select_related("sasaran__renstra")
        self.fields["pendahulu"].label_from_instance = lambda i: (
            f"{i.nama} (Renstra {i.sasaran.renstra.tahun_mulai}–{i.sasaran.renstra.tahun_selesai})"
        )


def _angka(teks: str, label: str) -> Decimal | None:
    teks = (teks or "").strip()
    if not teks:
        return None
    try:
        return parse_angka(teks)
    except AngkaTidakValid as exc:
        raise forms.ValidationError(f"{label}: {exc}") from exc


class TargetGridForm(forms.Form):
    """One row per indicator, one column per year of the period. A number cell is text read
    the Indonesian way ("96,5"), a band adds an upper bound, an ordinal cell is a level."""

    def __init__(
        self,
        *args,
        renstra: Renstra,
        indikator: list[IndikatorKinerja],
        ada: dict[tuple[int, int], TargetRenstra],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.renstra, self.indikator = renstra, indikator
        self._tingkat = {t.pk: t for t in TingkatSkala.objects.select_related("skala")}
        for ind in indikator:
            for tahun in renstra.tahun:
                self._tambah_sel(ind, tahun, ada.get((ind.pk, tahun)))

    def _tambah_sel(self, ind: IndikatorKinerja, tahun: int, t: TargetRenstra | None) -> None:
        nama, label = f"t_{ind.pk}_{tahun}", f"{ind.nama}, tahun {tahun}"
        if ind.is_ordinal:
            pilihan = [("", "—")] + [
                (str(pk), label_tingkat(kode=t_.kode, nama=t_.nama, kode_skala=t_.skala.kode))
                for pk, t_ in self._tingkat.items()
                if t_.skala_id == ind.skala_id
            ]
            self.fields[nama] = forms.ChoiceField(
                label=label,
                choices=pilihan,
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.initial[nama] = str(t.tingkat_id) if t and t.tingkat_id else ""
            return
        self.fields[nama] = forms.CharField(
            label=label, required=False, widget=forms.TextInput(attrs=ANGKA_ATTRS)
        )
        self.initial[nama] = format_tersimpan(t.nilai) if t and t.nilai is not None else ""
        if ind.polaritas == Polaritas.RENTANG:
            atas = f"a_{ind.pk}_{tahun}"
            self.fields[atas] = forms.CharField(
                label=f"{label} (batas atas)",
                required=False,
                widget=forms.TextInput(attrs=ANGKA_ATTRS),
            )
            self.initial[atas] = (
                format_tersimpan(t.nilai_atas) if t and t.nilai_atas is not None else ""
            )

    def clean(self) -> dict:
        data = super().clean()
        sel: dict[tuple[int, int], NilaiSel | None] = {}
        for ind in self.indikator:
            for tahun in self.renstra.tahun:
                try:
                    sel[(ind.pk, tahun)] = self._baca_sel(ind, tahun)
                except forms.ValidationError as exc:
                    self.add_error(f"t_{ind.pk}_{tahun}", exc)
        data["sel"] = sel
        return data

    def _baca_sel(self, ind: IndikatorKinerja, tahun: int) -> NilaiSel | None:
        label = f"{ind.nama}, tahun {tahun}"
        teks = self.cleaned_data.get(f"t_{ind.pk}_{tahun}") or ""
        if ind.is_ordinal:
            return NilaiSel(tingkat=self._tingkat[int(teks)]) if teks else None
        nilai = _angka(teks, label)
        atas = _angka(self.cleaned_data.get(f"a_{ind.pk}_{tahun}") or "", label)
        if nilai is None:
            if atas is not None:
                raise forms.ValidationError(f"{label}: batas bawah rentang belum diisi.")
            return None
        return NilaiSel(nilai=nilai, nilai_atas=atas)

    def baris(self) -> list[tuple[IndikatorKinerja, list[tuple]]]:
        """The grid as the template draws it: (indicator, [(year, cell, upper-bound cell)])."""
        return [
            (ind, [self._sel(ind.pk, tahun) for tahun in self.renstra.tahun])
            for ind in self.indikator
        ]

    def _sel(self, pk: int, tahun: int) -> tuple:
        atas = f"a_{pk}_{tahun}"
        return tahun, self[f"t_{pk}_{tahun}"], self[atas] if atas in self.fields else None


class StandarNasionalForm(forms.Form):
    """One year's national standard of an indicator: a number read the Indonesian way, or a
    level of its scale for an ordinal indicator."""

    tahun = forms.TypedChoiceField(label="Tahun", coerce=int)
    nilai = forms.CharField(
        label="Nilai standar nasional", required=False, widget=forms.TextInput(attrs=ANGKA_ATTRS)
    )
    tingkat = forms.ModelChoiceField(
        label="Tingkat standar nasional", queryset=TingkatSkala.objects.none(), required=False
    )
    sumber = forms.CharField(
        label="Sumber",
        max_length=255,
        help_text="Mis. nomor keputusan atau surat KPU RI yang menetapkan standar ini.",
    )

    def __init__(
        self, *args, indikator: IndikatorKinerja, ada: StandarNasional | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        if ada is not None:
            self.initial = {
                "tahun": ada.tahun,
                "nilai": format_tersimpan(ada.nilai) if ada.nilai is not None else "",
                "tingkat": ada.tingkat_id,
                "sumber": ada.sumber,
            }
        self.fields["tahun"].choices = [(t, t) for t in indikator.sasaran.renstra.tahun]
        if indikator.is_ordinal:
            del self.fields["nilai"]
            self.fields["tingkat"].required = True
            self.fields["tingkat"].queryset = TingkatSkala.objects.filter(skala=indikator.skala)
        else:
            del self.fields["tingkat"]
            self.fields["nilai"].required = True

    def clean_nilai(self) -> Decimal | None:
        return _angka(self.cleaned_data.get("nilai") or "", "Nilai standar nasional")
