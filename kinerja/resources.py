"""Agreement targets and realisasi, in and out of XLSX/CSV in the admin.

The same invariants as everywhere else: a signed agreement's targets never change (the
database refuses, and the row says why); a realisasi value passes the entry form's rules
(kinerja.realisasi.aturan), its period must be open, it carries its history with the file's
name, and its version moves on (a file made before someone else's change is refused).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from import_export import fields, widgets

from inti.angka import format_tersimpan
from kinerja.capaian import target_tahun
from kinerja.models import PerjanjianKinerja, Realisasi, TargetKinerja
from kinerja.realisasi.aturan import IsianTidakValid, melebihi_wajar, periksa_angka, pesan_melebihi
from kinerja.realisasi.periode import pastikan_periode_terbuka
from organisasi.pesan import sebagai_validasi
from organisasi.resources import AngkaWidget, SumberDaya
from renstra.resources import IndikatorWidget, TingkatWidget

PESAN_TERKUNCI = (
    "Perjanjian kinerja ini sudah ditandatangani; targetnya tidak dapat diubah. Buat "
    "perubahan perjanjian kinerja (versi baru) lalu impor targetnya ke versi itu."
)


class PerjanjianWidget(widgets.ForeignKeyWidget):
    """An agreement by its version, for the row's organisation, unit (empty: the
    organisation's own) and year."""

    def __init__(self) -> None:
        super().__init__(PerjanjianKinerja, field="versi")

    def get_lookup_kwargs(self, value, row, **kwargs):
        unit = (
            (row.get("unit_kerja") or "").strip() if isinstance(row.get("unit_kerja"), str) else ""
        )
        kunci = {
            "versi": AngkaWidget(bulat=True).clean(value),
            "organisasi__slug": row.get("organisasi"),
            "tahun": AngkaWidget(bulat=True).clean(row.get("tahun")),
        }
        if unit:
            kunci["unit_kerja__slug"] = unit
        else:
            kunci["unit_kerja__isnull"] = True
        return kunci

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except PerjanjianKinerja.DoesNotExist:
            raise ValueError(
                f"Perjanjian kinerja {row.get('unit_kerja') or 'organisasi'} tahun "
                f"{row.get('tahun')} versi {value} tidak ada."
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value.versi if value else None


class TargetKinerjaResource(SumberDaya):
    organisasi = fields.Field(column_name="organisasi", readonly=True)
    unit_kerja = fields.Field(column_name="unit_kerja", readonly=True)
    tahun = fields.Field(column_name="tahun", readonly=True)
    perjanjian = fields.Field(
        attribute="perjanjian", column_name="versi_perjanjian", widget=PerjanjianWidget()
    )
    indikator = fields.Field(
        attribute="indikator", column_name="kode_indikator", widget=IndikatorWidget()
    )
    tingkat = fields.Field(attribute="tingkat", column_name="tingkat", widget=TingkatWidget())

    class Meta:
        model = TargetKinerja
        fields = [
            "organisasi",
            "unit_kerja",
            "tahun",
            "perjanjian",
            "indikator",
            "nilai",
            "nilai_atas",
            "tingkat",
            "urutan",
        ]
        import_id_fields = ["perjanjian", "indikator"]
        export_order = fields

    def dehydrate_organisasi(self, obj: TargetKinerja) -> str:
        return obj.perjanjian.organisasi.slug

    def dehydrate_unit_kerja(self, obj: TargetKinerja) -> str:
        return obj.perjanjian.unit_kerja.slug if obj.perjanjian.unit_kerja_id else ""

    def dehydrate_tahun(self, obj: TargetKinerja) -> int:
        return obj.perjanjian.tahun

    def get_queryset(self):
        return TargetKinerja.objects.select_related(
            "perjanjian__organisasi", "perjanjian__unit_kerja", "indikator", "tingkat"
        )

    def before_save_instance(self, instance, row, **kwargs):
        if instance.perjanjian.is_terkunci:
            raise ValidationError(PESAN_TERKUNCI)
        super().before_save_instance(instance, row, **kwargs)

    def do_instance_save(self, instance, is_create):
        # The database triggers guard signed agreements whatever the code above checked.
        try:
            with transaction.atomic():
                super().do_instance_save(instance, is_create)
        except IntegrityError as exc:
            if "ditandatangani" in str(exc):
                raise ValidationError(PESAN_TERKUNCI) from None
            raise


class RealisasiResource(SumberDaya):
    """Realisasi by indicator code, year and period. Imported by an admin, a value counts as
    verified unless the status column says otherwise. A value more than ten times its
    target needs "ya" in the column konfirmasi_melebihi."""

    organisasi = fields.Field(column_name="organisasi", readonly=True)
    indikator = fields.Field(
        attribute="indikator", column_name="kode_indikator", widget=IndikatorWidget()
    )
    tingkat = fields.Field(attribute="tingkat", column_name="tingkat", widget=TingkatWidget())

    class Meta:
        model = Realisasi
        fields = [
            "organisasi",
            "indikator",
            "tahun",
            "periode",
            "nilai",
            "tingkat",
            "kendala",
            "tindak_lanjut",
            "status",
            "versi",
        ]
        import_id_fields = ["indikator", "tahun", "periode"]
        export_order = fields

    def dehydrate_organisasi(self, obj: Realisasi) -> str:
        return obj.indikator.sasaran.renstra.organisasi.slug

    def get_queryset(self):
        return Realisasi.objects.select_related(
            "indikator__sasaran__renstra__organisasi", "tingkat"
        )

    def import_instance(self, instance, row, **kwargs):
        versi_tersimpan = instance.versi if instance.pk else 0
        super().import_instance(instance, row, **kwargs)
        if not instance.status:
            instance.status = Realisasi.Status.DIVERIFIKASI
        # A version in the file is the one it was exported at; blank means "not checked".
        if instance.pk and instance.versi is not None and instance.versi != versi_tersimpan:
            raise ValidationError(
                {
                    "versi": (
                        f"Nilai ini sudah diubah sejak berkas dibuat (versi {versi_tersimpan}, "
                        f"berkas versi {instance.versi}). Ekspor ulang lalu ubah lagi."
                    )
                }
            )
        instance.versi = versi_tersimpan
        self._periksa_nilai(instance, row)

    def _periksa_nilai(self, instance: Realisasi, row) -> None:
        ind = instance.indikator
        if ind.is_ordinal:
            if instance.tingkat is None or instance.nilai is not None:
                raise ValidationError(
                    {"tingkat": f"Isi tingkat skala {ind.skala}, bukan angka, di kolom tingkat."}
                )
            return
        if instance.tingkat is not None or instance.nilai is None:
            raise ValidationError({"nilai": "Isi angka realisasi di kolom nilai."})
        try:
            periksa_angka(instance.nilai, tipe=ind.tipe)
        except IsianTidakValid as exc:
            raise ValidationError({"nilai": exc.pesan}) from None
        target = target_tahun(ind, instance.tahun)
        konfirmasi = str(row.get("konfirmasi_melebihi") or "").strip().casefold()
        if melebihi_wajar(instance.nilai, target) and konfirmasi != "ya":
            raise ValidationError(
                {
                    "nilai": (
                        f"{pesan_melebihi(ind, target)} Periksa lagi; bila sudah benar, tulis "
                        f"ya di kolom konfirmasi_melebihi ({format_tersimpan(instance.nilai)})."
                    )
                }
            )

    def before_save_instance(self, instance, row, **kwargs):
        with sebagai_validasi():
            pastikan_periode_terbuka(
                indikator=instance.indikator, tahun=instance.tahun, periode=instance.periode
            )
        pengguna = kwargs.get("user")
        instance.versi = (instance.versi or 0) + 1
        instance.diubah_oleh = pengguna
        instance._history_user = pengguna
        nama = kwargs.get("file_name") or "berkas"
        instance._change_reason = f"Impor dari {nama} (halaman administrasi)"
        super().before_save_instance(instance, row, **kwargs)
