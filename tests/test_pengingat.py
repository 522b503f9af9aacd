"""Daily email reminders: what is sent to whom, at most once a day, switched off when asked."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from config.celery import app as celery_app
from kinerja.models import JadwalPeriode, PengingatTerkirim, PerjanjianKinerja, Realisasi
from kinerja.pengingat import pengingat_kirim
from kinerja.perjanjian.services import perjanjian_salin
from kinerja.tasks import kirim_pengingat_harian
from organisasi.models import Pengguna
from tests.isian import data_formulir, isi, url

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("sandi_cepat", "jadwal_referensi_terbuka"),
]
HARI_INI = timezone.localdate()


def _email(*orang: Pengguna) -> None:
    for o in orang:
        o.email = f"{o.username}@contoh.go.id"
        o.save(update_fields=["email"])


@pytest.fixture
def dikembalikan(client, org, staf_keuangan, kepala_keuangan) -> Realisasi:
    """S9's BMN value of TW I, submitted by staff and returned by their head."""
    client.force_login(staf_keuangan)
    client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="90"))
    client.post(url(aksi="ajukan"))
    bmn = Realisasi.objects.get(indikator__kode="s9-bmn", periode="tw1")
    client.force_login(kepala_keuangan)
    client.post(
        url(aksi="verifikasi"),
        {"pilih": [f"{bmn.pk}:{bmn.versi}"], "aksi": "kembalikan", "catatan": "Lampirkan KIB"},
    )
    bmn.refresh_from_db()
    assert bmn.status == Realisasi.Status.DIKEMBALIKAN
    return bmn


def test_it_mails_the_staff_the_value_returned_to_them(
    mailoutbox, dikembalikan, staf_keuangan, kepala_keuangan, pimpinan
):
    _email(staf_keuangan, kepala_keuangan, pimpinan)
    terkirim = pengingat_kirim(hari_ini=HARI_INI)
    assert [(p.pengguna.username, [t.jenis for t in p.tugas]) for p in terkirim] == [
        ("staf-keuangan-uji", ["dikembalikan"])
    ]
    (surat,) = mailoutbox
    assert surat.to == ["staf-keuangan-uji@contoh.go.id"]
    assert surat.subject == "[SAKIP] 1 hal menunggu Anda"
    assert "Dikembalikan untuk diperbaiki: Persentase" in surat.body
    assert "Triwulan I 2024: Lampirkan KIB" in surat.body
    assert "http://127.0.0.1:8000/kinerja/kpu-bengkulu-utara/keuangan/2024/tw1/" in surat.body
    assert PengingatTerkirim.objects.filter(
        pengguna=staf_keuangan, jenis="dikembalikan", kunci=f"realisasi:{dikembalikan.pk}"
    ).exists()


def test_it_mails_each_thing_at_most_once_a_day(mailoutbox, dikembalikan, staf_keuangan):
    _email(staf_keuangan)
    assert len(pengingat_kirim(hari_ini=HARI_INI)) == 1
    assert pengingat_kirim(hari_ini=HARI_INI) == []
    assert len(mailoutbox) == 1
    # The next day the value is still returned: one more reminder.
    assert len(pengingat_kirim(hari_ini=HARI_INI + timedelta(days=1))) == 1
    assert len(mailoutbox) == 2


def test_it_mails_the_head_what_waits_for_verification(
    client, org, mailoutbox, staf_keuangan, kepala_keuangan
):
    _email(staf_keuangan, kepala_keuangan)
    client.force_login(staf_keuangan)
    client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="90"))
    client.post(url(aksi="ajukan"))
    (p,) = pengingat_kirim(hari_ini=HARI_INI)
    assert p.pengguna == kepala_keuangan
    assert "1 nilai menunggu verifikasi Anda: Subbagian Keuangan, Umum dan Logistik" in (
        mailoutbox[0].body
    )


def test_it_mails_pihak_pertama_then_pihak_kedua_an_agreement_to_sign(
    org, mailoutbox, admin_org, kasubbag_keuangan, sekretaris
):
    _email(kasubbag_keuangan, sekretaris)
    sumber = PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja__slug="keuangan")
    draf = perjanjian_salin(sumber=sumber, tahun=2025, oleh=admin_org)
    (p,) = pengingat_kirim(hari_ini=HARI_INI)
    assert (p.pengguna, p.tugas[0].jenis) == (kasubbag_keuangan, "tanda_tangan")
    assert f"http://127.0.0.1:8000/perjanjian/{draf.pk}/tandatangani/" in mailoutbox[0].body


def test_it_mails_a_deadline_within_the_configured_days(org, mailoutbox, staf_keuangan):
    _email(staf_keuangan)
    JadwalPeriode.objects.filter(organisasi=org, tahun=2024, periode="tw1").update(
        tanggal_tutup=HARI_INI + timedelta(days=3)
    )
    assert pengingat_kirim(hari_ini=HARI_INI, hari_tenggat=2) == []
    (p,) = pengingat_kirim(hari_ini=HARI_INI, hari_tenggat=3)
    assert [(t.jenis, t.kunci) for t in p.tugas] == [("tenggat", "pengisian:2024:tw1")]
    assert "Batas pengisian realisasi Triwulan I 2024: paling lambat" in mailoutbox[0].body


def test_it_mails_nobody_who_switched_reminders_off_or_has_no_address(
    client, mailoutbox, dikembalikan, staf_keuangan
):
    assert pengingat_kirim(hari_ini=HARI_INI) == []  # no address yet
    _email(staf_keuangan)
    client.force_login(staf_keuangan)
    halaman = client.get("/")
    assert 'href="/akun/pengaturan/"' in halaman.content.decode()
    respons = client.post(
        "/akun/pengaturan/", {"email": "staf-keuangan-uji@contoh.go.id"}, follow=True
    )
    assert "Pengaturan akun disimpan." in respons.content.decode()
    staf_keuangan.refresh_from_db()
    assert staf_keuangan.terima_pengingat is False
    assert pengingat_kirim(hari_ini=HARI_INI) == []
    assert mailoutbox == []


def test_it_sends_them_from_the_command_line(mailoutbox, dikembalikan, staf_keuangan, capsys):
    _email(staf_keuangan)
    call_command("kirim_pengingat", "--tanggal", HARI_INI.isoformat())
    keluaran = capsys.readouterr().out
    assert "staf-keuangan-uji <staf-keuangan-uji@contoh.go.id>: 1 hal" in keluaran
    assert "1 pengingat terkirim." in keluaran
    call_command("kirim_pengingat", "--tanggal", HARI_INI.isoformat())
    assert "0 pengingat terkirim." in capsys.readouterr().out
    assert len(mailoutbox) == 1


def test_it_gives_the_demo_accounts_an_address(org):
    from organisasi.demo import akun_demo_buat

    akun, _ = akun_demo_buat(organisasi=org, password="rahasia-demo-123")
    emails = dict(
        Pengguna.objects.filter(username__in=[a.username for a in akun]).values_list(
            "username", "email"
        )
    )
    assert emails and all(e == f"{u}@contoh.go.id" for u, e in emails.items())


def test_it_lets_the_admin_set_the_address_and_the_switch(admin_client, staf_keuangan):
    tambah = admin_client.get("/admin/organisasi/pengguna/add/").content.decode()
    assert 'name="email"' in tambah
    ubah = admin_client.get(
        f"/admin/organisasi/pengguna/{staf_keuangan.pk}/change/"
    ).content.decode()
    assert 'name="email"' in ubah and 'name="terima_pengingat"' in ubah


def test_it_sends_them_from_the_daily_background_task(mailoutbox, dikembalikan, staf_keuangan):
    """With no broker configured the task runs in-process; the beat schedule names it."""
    _email(staf_keuangan)
    assert settings.CELERY_BEAT_SCHEDULE["pengingat-harian"]["task"] == kirim_pengingat_harian.name
    assert kirim_pengingat_harian.name in celery_app.tasks
    assert kirim_pengingat_harian.delay().get() == 1
    assert kirim_pengingat_harian.delay().get() == 0  # once a day per thing
    (surat,) = mailoutbox
    assert surat.to == ["staf-keuangan-uji@contoh.go.id"]
