"""Forms of the account pages. They read what was typed; perencanaan.profil.akun checks the
rules (roles, units, password strength, unique names) and writes."""

from django import forms

from organisasi.models import Organisasi, Pengguna, UnitKerja
from perencanaan.profil.akun import KOLOM_AKUN, peran_boleh


class SandiForm(forms.Form):
    """A password typed twice; its strength is the service's to check."""

    sandi = forms.CharField(
        label="Kata sandi",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Paling sedikit 8 karakter, tidak hanya angka, tidak mirip nama pengguna.",
    )
    sandi_ulang = forms.CharField(
        label="Ulangi kata sandi",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("sandi") and data.get("sandi") != data.get("sandi_ulang"):
            self.add_error("sandi_ulang", "Kedua kata sandi tidak sama.")
        return data


class AkunForm(forms.ModelForm):
    """Change an account: no username, password, organisation or Django admin flags here."""

    class Meta:
        model = Pengguna
        fields = list(KOLOM_AKUN)
        labels = {"is_active": "Aktif", "first_name": "Nama depan", "last_name": "Nama belakang"}
        help_texts = {
            "is_active": "Akun nonaktif tidak dapat masuk; riwayat dan tanda tangannya tetap ada."
        }

    def __init__(self, *args, organisasi: Organisasi, oleh: Pengguna, **kwargs):
        super().__init__(*args, **kwargs)
        boleh = peran_boleh(oleh)
        self.fields["peran"].required = True
        self.fields["peran"].choices = [c for c in Pengguna.Peran.choices if c[0] in boleh]
        self.fields["unit_kerja"].queryset = UnitKerja.objects.filter(organisasi=organisasi)
        self.fields["unit_kerja"].help_text = "Wajib untuk kepala subbagian dan staf."

    def _post_clean(self):
        # The service validates the account as a whole (and refuses with a message); the
        # ModelForm's own model validation would report the same twice.
        pass

    def nilai(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.Meta.fields}


class AkunBaruForm(AkunForm, SandiForm):
    """A new account: its username and first password as well."""

    username = forms.CharField(
        label="Nama pengguna",
        max_length=150,
        help_text="Huruf, angka dan @ . + - _ saja; dipakai untuk masuk.",
    )

    class Meta(AkunForm.Meta):
        fields = [k for k in KOLOM_AKUN if k != "is_active"]

    field_order = ["username", "first_name", "last_name", "email", "peran", "unit_kerja"]

    def clean(self):
        return SandiForm.clean(self)
