from django import forms
from django.contrib.auth.forms import AuthenticationForm

from organisasi.models import Pengguna


class FormMasuk(AuthenticationForm):
    """Django's login form with plain Indonesian messages."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "Nama pengguna atau kata sandi salah. Huruf besar dan huruf kecil dibedakan."
        ),
        "inactive": "Akun ini tidak aktif. Hubungi admin.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Nama pengguna"
        self.fields["password"].label = "Kata sandi"


class FormPengaturanAkun(forms.ModelForm):
    """What a person sets for themselves: the address reminders go to, and whether they do."""

    class Meta:
        model = Pengguna
        fields = ["email", "terima_pengingat"]
        labels = {"email": "Alamat email"}
