"""Default texts of a new report: generic paragraphs naming the organisation and the year.

Admins replace them in the narrative form; the consistency panel says when a report still
runs on them (not saved yet). A text that introduces a table sits under that table's key
(pengantar_tabel_*), so that it prints right before it; the others leave the generated
"... disajikan pada Tabel n" in place.
"""

from organisasi.models import Organisasi

# Placeholders {nama}, {sekretariat} and {tahun} are filled per organisation and year.
_TEKS: dict[str, str] = {
    "kata_pengantar": (
        "Laporan Kinerja Instansi Pemerintah {nama} Tahun {tahun} disusun sebagai wujud "
        "pertanggungjawaban atas pelaksanaan tugas dan fungsi {sekretariat} selama tahun "
        "{tahun}.\n\nLaporan ini diharapkan menjadi bahan evaluasi dan perbaikan agar "
        "kinerja dan akuntabilitas organisasi semakin baik pada tahun berikutnya."
    ),
    "ringkasan_eksekutif": (
        "Laporan ini menyajikan capaian kinerja {nama} tahun {tahun} terhadap target yang "
        "ditetapkan dalam Perjanjian Kinerja. Sasaran strategis yang ditetapkan adalah "
        "sebagai berikut:"
    ),
    "latar_belakang": (
        "Sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
        "Instansi Pemerintah, {nama} menyusun Laporan Kinerja Tahun {tahun} sebagai wujud "
        "pertanggungjawaban atas pelaksanaan tugas dan fungsinya."
    ),
    "kedudukan_tugas_fungsi": (
        "{sekretariat} melaksanakan tugas, fungsi dan wewenang sesuai ketentuan peraturan "
        "perundang-undangan."
    ),
    "pengantar_tabel_tugas": (
        "Tugas, fungsi dan wewenang {sekretariat} diuraikan sebagai berikut:"
    ),
    "struktur_organisasi": (
        "Susunan organisasi {sekretariat} tahun {tahun} beserta uraian tugas dan jumlah "
        "pegawainya disajikan sebagai berikut."
    ),
    "sistematika": (
        "Laporan ini disusun dengan sistematika: Kata Pengantar, Ringkasan Eksekutif, "
        "Daftar Isi, BAB I Pendahuluan, BAB II Perencanaan Kinerja, BAB III Akuntabilitas "
        "Kinerja, BAB IV Penutup, dan Lampiran."
    ),
    "pengantar_renstra": (
        "Rencana Strategis menjadi acuan {nama} dalam menetapkan sasaran dan target kinerja "
        "jangka menengah."
    ),
    "pengantar_perjanjian": (
        "Target kinerja tahunan Rencana Strategis {nama} ditetapkan dalam Perjanjian Kinerja."
    ),
    "pengantar_tabel_perjanjian": (
        "Target kinerja tahun {tahun} dituangkan dalam Perjanjian Kinerja sebagai berikut:"
    ),
    "pengantar_anggaran": (
        "Untuk mewujudkan kinerja yang diperjanjikan, {nama} melaksanakan program dan "
        "kegiatan dengan anggaran tahun {tahun}."
    ),
    "pengantar_akuntabilitas": (
        "Bab ini menguraikan capaian kinerja {nama} tahun {tahun} terhadap target yang "
        "ditetapkan dalam Perjanjian Kinerja."
    ),
    "pengantar_tabel_skala": (
        "Pengukuran kinerja dilakukan dengan membandingkan realisasi dengan target setiap "
        "indikator kinerja dalam Perjanjian Kinerja, dengan klasifikasi penilaian berikut:"
    ),
    "capaian_lain": "",
    "pengantar_realisasi_anggaran": (
        "Realisasi anggaran {nama} tahun {tahun} per program adalah sebagai berikut:"
    ),
    "rencana_tindak_lanjut": (
        "{nama} akan menindaklanjuti hasil pengukuran kinerja tahun {tahun} dengan "
        "perbaikan perencanaan, pelaksanaan dan pemantauan kegiatan pada tahun berikutnya."
    ),
}


def teks_bawaan(organisasi: Organisasi, tahun: int) -> dict[str, str]:
    nama = organisasi.nama_singkat or organisasi.nama
    sekretariat = organisasi.nama_sekretariat or f"Sekretariat {nama}"
    return {
        kunci: teks.format(nama=nama, sekretariat=sekretariat, tahun=tahun)
        for kunci, teks in _TEKS.items()
    }
