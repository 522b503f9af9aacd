"""Forms of the agreement pages: numbers are read by inti.angka, levels are drop-downs."""

from collections import defaultdict
from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils import timezone

from anggaran.models import Kegiatan, Program
from inti.angka import AngkaTidakValid, format_tersimpan, parse_angka
from inti.tampilan import label_tingkat
from kinerja.perjanjian.draf import KegiatanDraf, TargetDraf
from kinerja.perjanjian.selectors import tanggal_di_luar_tahun
from organisasi.models import Organisasi, Pejabat, UnitKerja
from renstra.models import IndikatorKinerja, TingkatSkala

ANGKA_ATTRS = {"inputmode": "decimal", "autocomplete": "off"}


def _angka(teks: str) -> Decimal | None:
    teks = (teks or "").strip()
    if not teks:
        return None
    try:
        return parse_angka(teks)
    except AngkaTidakValid as exc:
        raise forms.ValidationError(str(exc)) from exc


class BuatDrafForm(forms.Form):
    """The buttons of the year list: a new draft for the organisation or one unit."""

    CARA = [("renstra", "Dari Renstra"), ("salin", "Salin dari tahun sebelumnya")]
    cara = forms.ChoiceField(choices=CARA)
    unit = forms.CharField(required=False)


class KepalaDrafForm(forms.Form):
    tempat = forms.CharField(label="Tempat penandatanganan", max_length=100)
    tanggal = forms.DateField(
        label="Tanggal perjanjian",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    pihak_pertama = forms.ModelChoiceField(label="Pihak pertama", queryset=Pejabat.objects.none())
    pihak_kedua = forms.ModelChoiceField(label="Pihak kedua", queryset=Pejabat.objects.none())
    tanggal_luar_tahun = forms.BooleanField(required=False)

    def __init__(self, *args, organisasi: Organisasi, tahun: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.tahun = tahun
        pejabat = Pejabat.objects.filter(organisasi=organisasi).filter(
            Q(selesai__isnull=True) | Q(selesai__gte=timezone.localdate())
        )
        self.fields["pihak_pertama"].queryset = pejabat
        self.fields["pihak_kedua"].queryset = pejabat
        self.fields["tanggal"].help_text = f"Tanggal dalam tahun {tahun}."
        self.fields[
            "tanggal_luar_tahun"
        ].label = f"Tanggal di luar tahun {tahun} ini memang benar; tetap simpan."

    def clean(self):
        data = super().clean()
        if data.get("pihak_pertama") and data.get("pihak_pertama") == data.get("pihak_kedua"):
            raise forms.ValidationError("Pihak pertama dan pihak kedua harus orang yang berbeda.")
        tanggal = data.get("tanggal")
        self._luar_tahun = bool(tanggal and tanggal.year != self.tahun)
        if self._luar_tahun and not data.get("tanggal_luar_tahun"):
            self.add_error(
                "tanggal",
                f"{tanggal_di_luar_tahun(tanggal, self.tahun)} Perbaiki tanggalnya, atau "
                "centang konfirmasi di bawahnya bila tanggal itu memang benar.",
            )
        return data

    @property
    def perlu_konfirmasi_tanggal(self) -> bool:
        """The confirmation is offered only for a date outside the year, typed or stored."""
        if self.is_bound:
            self.errors  # noqa: B018 - validates once, which sets _luar_tahun
            return getattr(self, "_luar_tahun", False)
        tanggal = self.initial.get("tanggal")
        return tanggal is not None and tanggal.year != self.tahun


def teks_angka(nilai: Decimal | None) -> str:
    """A stored number as it is typed back: Decimal("96.7000") → "96,7"."""
    if nilai is None:
        return ""
    return format_tersimpan(nilai)


def pilihan_indikator(
    organisasi: Organisasi, unit_kerja: UnitKerja | None = None
) -> tuple[list, dict[int, IndikatorKinerja]]:
    """Strategic indicators of the organisation's Renstra plans, grouped by sasaran. For a
    unit's agreement the unit's own indicators come first, in their own groups; the others
    follow, since a unit may also carry an indicator it is not the owner of."""
    indikator = (
        IndikatorKinerja.objects.filter(
            sasaran__renstra__organisasi=organisasi,
            tingkat=IndikatorKinerja.Tingkat.SASARAN_STRATEGIS,
        )
        .select_related("sasaran__renstra", "skala")
        .order_by("-sasaran__renstra__tahun_mulai", "sasaran__nomor", "urutan", "pk")
    )
    sendiri: dict[str, list[tuple[int, str]]] = defaultdict(list)
    lain: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for ind in indikator:
        s = ind.sasaran
        grup = f"{s.renstra} · Sasaran {s.nomor}. {s.nama}"
        if unit_kerja is not None and ind.unit_kerja_id == unit_kerja.pk:
            sendiri[f"{unit_kerja.nama_singkat or unit_kerja.nama} · {grup}"].append(
                (ind.pk, ind.nama)
            )
        else:
            lain[grup].append((ind.pk, ind.nama))
    pilihan = [("", "— pilih indikator —"), *sendiri.items(), *lain.items()]
    return pilihan, {i.pk: i for i in indikator}


def pilihan_tingkat() -> tuple[list, dict[int, TingkatSkala]]:
    """Levels of every ordinal scale, grouped by scale, in words: "Sangat Baik (BB)"."""
    tingkat = TingkatSkala.objects.select_related("skala").order_by("skala__nama", "peringkat")
    per_skala: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for t in tingkat:
        label = label_tingkat(kode=t.kode, nama=t.nama, kode_skala=t.skala.kode)
        per_skala[t.skala.nama].append((t.pk, label))
    return [("", "— untuk indikator ordinal —"), *per_skala.items()], {t.pk: t for t in tingkat}


def pilihan_anggaran(organisasi: Organisasi) -> tuple[list, dict[str, Program | Kegiatan]]:
    """Programs and their kegiatan in one drop-down: "program:1", "kegiatan:7"."""
    pilihan: list = [("", "— tanpa tautan anggaran —")]
    objek: dict[str, Program | Kegiatan] = {}
    for program in Program.objects.filter(organisasi=organisasi).prefetch_related("kegiatan"):
        objek[f"program:{program.pk}"] = program
        grup = [(f"program:{program.pk}", f"{program.kode} {program.nama} (seluruh program)")]
        for k in program.kegiatan.all():
            objek[f"kegiatan:{k.pk}"] = k
            grup.append((f"kegiatan:{k.pk}", f"{k.kode} {k.nama}"))
        pilihan.append((f"Program {program.kode}", grup))
    return pilihan, objek


class TargetForm(forms.Form):
    indikator = forms.ChoiceField(label="Indikator kinerja")
    nilai = forms.CharField(
        label="Target", required=False, widget=forms.TextInput(attrs=ANGKA_ATTRS)
    )
    nilai_atas = forms.CharField(
        label="Batas atas (rentang)", required=False, widget=forms.TextInput(attrs=ANGKA_ATTRS)
    )
    tingkat = forms.ChoiceField(label="Target (tingkat)", required=False)

    def __init__(self, *args, indikator: tuple, tingkat: tuple, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indikator"].choices, self._indikator = indikator
        self.fields["tingkat"].choices, self._tingkat = tingkat

    def clean_nilai(self):
        return _angka(self.cleaned_data["nilai"])

    def clean_nilai_atas(self):
        return _angka(self.cleaned_data["nilai_atas"])

    def clean(self):
        data = super().clean()
        ind = self._indikator.get(int(data["indikator"])) if data.get("indikator") else None
        if ind is None:
            return data
        data["indikator_obj"] = ind
        tingkat = self._tingkat.get(int(data["tingkat"])) if data.get("tingkat") else None
        if ind.is_ordinal:
            if tingkat is None or tingkat.skala_id != ind.skala_id:
                self.add_error("tingkat", f"Pilih salah satu tingkat skala {ind.skala}.")
            if data.get("nilai") is not None:
                self.add_error("nilai", "Indikator ordinal: kosongkan angka, pilih tingkat.")
        else:
            if data.get("nilai") is None and "nilai" not in self.errors:
                self.add_error("nilai", "Target belum diisi.")
            if tingkat is not None:
                self.add_error("tingkat", "Tingkat hanya untuk indikator ordinal.")
        data["tingkat_obj"] = tingkat
        return data

    def draf(self) -> TargetDraf:
        d = self.cleaned_data
        return TargetDraf(d["indikator_obj"], d.get("nilai"), d.get("nilai_atas"), d["tingkat_obj"])


class KegiatanForm(forms.Form):
    uraian = forms.CharField(
        label="Uraian kegiatan",
        max_length=255,
        required=False,
        help_text="Boleh dikosongkan bila ditautkan: nama kegiatan anggaran dipakai.",
    )
    tautan = forms.ChoiceField(label="Tautan anggaran", required=False)
    anggaran = forms.CharField(
        label="Anggaran (Rp)",
        required=False,
        widget=forms.TextInput(attrs=ANGKA_ATTRS),
        help_text="Boleh dikosongkan bila ditautkan: pagu tahun ini dipakai.",
    )

    def __init__(self, *args, anggaran: tuple, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tautan"].choices, self._tautan = anggaran

    def clean_anggaran(self):
        return _angka(self.cleaned_data["anggaran"])

    def clean(self):
        data = super().clean()
        tautan = self._tautan.get(data.get("tautan") or "")
        data["program_obj"] = tautan if isinstance(tautan, Program) else None
        data["kegiatan_obj"] = tautan if isinstance(tautan, Kegiatan) else None
        if not (data.get("uraian") or "").strip() and tautan is None:
            self.add_error("uraian", "Isi uraian kegiatan atau pilih tautan anggaran.")
        return data

    def draf(self) -> KegiatanDraf:
        d = self.cleaned_data
        return KegiatanDraf(
            d.get("uraian") or "", d.get("anggaran"), d["program_obj"], d["kegiatan_obj"]
        )


TargetFormSet = forms.formset_factory(TargetForm, extra=2, can_delete=True)
KegiatanFormSet = forms.formset_factory(KegiatanForm, extra=2, can_delete=True)


class TandaTanganForm(forms.Form):
    password = forms.CharField(
        label="Kata sandi Anda",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Menandatangani sama dengan membubuhkan tanda tangan Anda pada dokumen ini.",
    )
    abaikan_peringatan = forms.BooleanField(
        label="Saya sudah membaca peringatan di atas dan tetap menandatangani.", required=False
    )

    def __init__(self, *args, ada_peringatan: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if ada_peringatan:
            self.fields["abaikan_peringatan"].required = True
        else:
            del self.fields["abaikan_peringatan"]
