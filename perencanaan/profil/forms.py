"""Forms of the profile pages. They read and check what was typed; the services write."""

from django import forms

from inti.berkas import JPEG, PNG, BerkasTidakValid, periksa_berkas
from organisasi.models import JumlahPegawai, Organisasi, Pejabat, Pengguna, UnitKerja, UraianTugas
from perencanaan.profil.services import KOLOM_PROFIL, BarisPegawai, BarisUraian

LOGO_MAKS_KB = 1024
TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProfilForm(forms.ModelForm):
    class Meta:
        model = Organisasi
        fields = [*KOLOM_PROFIL, "logo", "induk"]

    def __init__(self, *args, boleh_induk: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.boleh_induk = boleh_induk
        if boleh_induk:
            self.fields["induk"].queryset = Organisasi.objects.exclude(pk=self.instance.pk)
        else:
            # Shown, never taken from the request: only superusers place an organisation.
            self.fields["induk"].disabled = True
        self.fields["logo"].help_text = f"PNG atau JPG, paling besar {LOGO_MAKS_KB} KB."

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo or logo == self.initial.get("logo"):
            return logo
        if logo.size > LOGO_MAKS_KB * 1024:
            raise forms.ValidationError(f"Logo terlalu besar; paling besar {LOGO_MAKS_KB} KB.")
        try:
            jenis = periksa_berkas(logo, nama=logo.name, ukuran=logo.size)
        except BerkasTidakValid as exc:
            raise forms.ValidationError(str(exc)) from None
        if jenis not in (PNG, JPEG):
            raise forms.ValidationError("Logo harus berupa gambar PNG atau JPG.")
        return logo

    def nilai(self) -> dict:
        return {k: self.cleaned_data[k] for k in KOLOM_PROFIL}

    def logo_baru(self):
        return self.cleaned_data["logo"] if "logo" in self.changed_data else None

    def ganti_induk(self) -> bool:
        return self.boleh_induk and "induk" in self.changed_data


class UnitForm(forms.ModelForm):
    class Meta:
        model = UnitKerja
        fields = ["nama", "nama_singkat", "slug", "jenis", "induk", "tugas", "urutan"]

    def __init__(self, *args, organisasi: Organisasi, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisasi = organisasi
        self.fields["induk"].queryset = UnitKerja.objects.filter(organisasi=organisasi).exclude(
            pk=self.instance.pk
        )


class UraianForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis", choices=UraianTugas.Jenis.choices)
    urutan = forms.IntegerField(label="Urutan", min_value=1, max_value=999)
    teks = forms.CharField(label="Uraian", widget=forms.Textarea(attrs={"rows": 2}))


UraianFormSet = forms.formset_factory(UraianForm, extra=3, can_delete=True)


def baris_uraian(formset) -> list[BarisUraian]:
    return [
        BarisUraian(f.cleaned_data["jenis"], f.cleaned_data["urutan"], f.cleaned_data["teks"])
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


class PejabatForm(forms.ModelForm):
    # The NIP as a decree prints it, "19800101 200501 2 001": 18 digits and three spaces,
    # which clean_nip drops. With the model's 18 as the field's limit, the browser would cut
    # that typing short and the form would then count too few digits.
    nip = forms.CharField(
        label="NIP",
        max_length=21,
        required=False,
        help_text="18 angka, boleh dengan spasi seperti pada SK; kosongkan bila tidak ada.",
    )

    class Meta:
        model = Pejabat
        fields = [
            "nama",
            "nip",
            "jabatan",
            "jabatan_ttd",
            "pelaksana",
            "peran",
            "unit_kerja",
            "pengguna",
            "mulai",
            "selesai",
        ]
        widgets = {"mulai": TANGGAL, "selesai": TANGGAL}

    def __init__(self, *args, organisasi: Organisasi, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisasi = organisasi
        self.fields["unit_kerja"].queryset = UnitKerja.objects.filter(organisasi=organisasi)
        self.fields["pengguna"].queryset = Pengguna.objects.filter(organisasi=organisasi)

    def clean_nip(self):
        nip = "".join(self.cleaned_data["nip"].split())
        if nip and (len(nip) != 18 or not nip.isdigit()):
            raise forms.ValidationError(f"NIP harus 18 angka; yang diisi {len(nip)} karakter.")
        return nip

    def nilai(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.Meta.fields}


class PegawaiForm(forms.Form):
    status_kepegawaian = forms.CharField(label="Status kepegawaian", max_length=100)
    jumlah = forms.IntegerField(label="Jumlah", min_value=0)
    urutan = forms.IntegerField(label="Urutan", min_value=0, max_value=999, initial=0)


PegawaiFormSet = forms.formset_factory(PegawaiForm, extra=2, can_delete=True)


def baris_pegawai(formset) -> list[BarisPegawai]:
    return [
        BarisPegawai(
            f.cleaned_data["status_kepegawaian"], f.cleaned_data["jumlah"], f.cleaned_data["urutan"]
        )
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


def awal_pegawai(organisasi: Organisasi, tahun: int) -> list[dict]:
    return list(
        JumlahPegawai.objects.filter(organisasi=organisasi, tahun=tahun)
        .order_by("urutan")
        .values("status_kepegawaian", "jumlah", "urutan")
    )
