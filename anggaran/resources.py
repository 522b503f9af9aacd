"""Budget lines (a kegiatan's pagu and realisasi per year) and realisasi reported per
program, in and out of XLSX/CSV in the admin. Found by codes, never by database ids."""

from import_export import fields, widgets

from anggaran.models import AnggaranKegiatan, Kegiatan, Program, RealisasiProgram
from organisasi.resources import SumberDaya


class ProgramWidget(widgets.ForeignKeyWidget):
    def __init__(self) -> None:
        super().__init__(Program, field="kode")

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {"kode": str(value).strip(), "organisasi__slug": row.get("organisasi")}

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except Program.DoesNotExist:
            raise ValueError(f'Program "{value}" tidak ada pada organisasi ini.') from None


class KegiatanWidget(widgets.ForeignKeyWidget):
    def __init__(self) -> None:
        super().__init__(Kegiatan, field="kode")

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {
            "kode": str(value).strip(),
            "program__kode": str(row.get("kode_program") or "").strip(),
            "program__organisasi__slug": row.get("organisasi"),
        }

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except Kegiatan.DoesNotExist:
            raise ValueError(
                f'Kegiatan "{value}" tidak ada pada program {row.get("kode_program")}.'
            ) from None


class AnggaranKegiatanResource(SumberDaya):
    organisasi = fields.Field(column_name="organisasi", readonly=True)
    kode_program = fields.Field(column_name="kode_program", readonly=True)
    kegiatan = fields.Field(
        attribute="kegiatan", column_name="kode_kegiatan", widget=KegiatanWidget()
    )
    nama_kegiatan = fields.Field(column_name="nama_kegiatan", readonly=True)

    class Meta:
        model = AnggaranKegiatan
        fields = [
            "organisasi",
            "kode_program",
            "kegiatan",
            "nama_kegiatan",
            "tahun",
            "pagu",
            "realisasi",
            "sumber_dana",
        ]
        import_id_fields = ["kegiatan", "tahun"]
        export_order = fields

    def dehydrate_organisasi(self, obj: AnggaranKegiatan) -> str:
        return obj.kegiatan.program.organisasi.slug

    def dehydrate_kode_program(self, obj: AnggaranKegiatan) -> str:
        return obj.kegiatan.program.kode

    def dehydrate_nama_kegiatan(self, obj: AnggaranKegiatan) -> str:
        return obj.kegiatan.nama

    def get_queryset(self):
        return AnggaranKegiatan.objects.select_related("kegiatan__program__organisasi")


class RealisasiProgramResource(SumberDaya):
    organisasi = fields.Field(column_name="organisasi", readonly=True)
    program = fields.Field(attribute="program", column_name="kode_program", widget=ProgramWidget())

    class Meta:
        model = RealisasiProgram
        fields = ["organisasi", "program", "tahun", "realisasi"]
        import_id_fields = ["program", "tahun"]
        export_order = fields

    def dehydrate_organisasi(self, obj: RealisasiProgram) -> str:
        return obj.program.organisasi.slug

    def get_queryset(self):
        return RealisasiProgram.objects.select_related("program__organisasi")
