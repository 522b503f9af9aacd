"""Signing in the application: who may sign, in which order, with what confirmation."""

import hashlib
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from inti.galat import Ditolak, TidakBerwenang
from kinerja.models import PerjanjianKinerja, TandaTangan
from kinerja.perjanjian.services import (
    perjanjian_kembalikan,
    perjanjian_simpan_draf,
    perjanjian_tandatangani,
)
from kinerja.perjanjian.sidik import isi_perjanjian, kanonik, sha256_perjanjian
from tests.pembuat import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandi_cepat")]


def _tandatangani(perjanjian, user, **kwargs):
    kwargs.setdefault("abaikan_peringatan", True)
    return perjanjian_tandatangani(
        perjanjian=perjanjian, pengguna=user, password=PASSWORD, **kwargs
    )


def test_it_lets_pihak_pertama_sign_first_then_pihak_kedua(
    draf_keuangan, kasubbag_keuangan, sekretaris
):
    pertama = _tandatangani(draf_keuangan, kasubbag_keuangan)
    draf_keuangan.refresh_from_db()
    assert draf_keuangan.status == PerjanjianKinerja.Status.SEBAGIAN
    assert draf_keuangan.kode_verifikasi is None
    assert (pertama.pihak, pertama.pejabat.nama, pertama.pengguna) == (
        "pertama",
        "Umar Yasin, SH",
        kasubbag_keuangan,
    )
    draf_keuangan.refresh_from_db()
    assert pertama.sha256 == sha256_perjanjian(draf_keuangan)
    assert timezone.now() - pertama.waktu < timedelta(minutes=1)

    kedua = _tandatangani(draf_keuangan, sekretaris)
    draf_keuangan.refresh_from_db()
    assert draf_keuangan.status == PerjanjianKinerja.Status.DITANDATANGANI
    assert kedua.pejabat.nama == "Samsul Bahri, S.Sos"
    assert kedua.sha256 == pertama.sha256
    # 100 random bits in Crockford's base 32 (no I, L, O, U): 20 characters.
    assert len(draf_keuangan.kode_verifikasi) == 20
    assert set(draf_keuangan.kode_verifikasi) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")


def test_it_refuses_pihak_kedua_before_pihak_pertama(draf_keuangan, sekretaris):
    with pytest.raises(TidakBerwenang, match="setelah pihak pertama"):
        _tandatangani(draf_keuangan, sekretaris)
    assert not TandaTangan.objects.filter(perjanjian=draf_keuangan).exists()


@pytest.mark.parametrize(
    "orang", ["admin_org", "kepala_keuangan", "staf_keuangan", "ketua", "orang_luar"]
)
def test_it_refuses_anyone_but_the_holder_of_pihak_pertama(draf_keuangan, orang, request):
    # kepala_keuangan has the head's role in the unit but is not linked to Umar Yasin's position.
    with pytest.raises(TidakBerwenang, match="Hanya Umar Yasin, SH"):
        _tandatangani(draf_keuangan, request.getfixturevalue(orang))


@pytest.mark.parametrize("orang", ["admin_org", "kasubbag_keuangan", "ketua"])
def test_it_refuses_anyone_but_the_holder_of_pihak_kedua(
    draf_keuangan, kasubbag_keuangan, orang, request
):
    _tandatangani(draf_keuangan, kasubbag_keuangan)
    with pytest.raises(TidakBerwenang, match="Hanya Samsul Bahri, S.Sos"):
        _tandatangani(draf_keuangan, request.getfixturevalue(orang))


def test_it_refuses_a_former_holder(draf_keuangan, kasubbag_keuangan):
    pejabat = draf_keuangan.pihak_pertama
    pejabat.selesai = timezone.localdate() - timedelta(days=1)
    pejabat.save(update_fields=["selesai"])
    with pytest.raises(TidakBerwenang):
        _tandatangani(draf_keuangan, kasubbag_keuangan)


def test_it_refuses_a_wrong_password(draf_keuangan, kasubbag_keuangan):
    with pytest.raises(Ditolak, match="Kata sandi salah"):
        perjanjian_tandatangani(
            perjanjian=draf_keuangan,
            pengguna=kasubbag_keuangan,
            password="bukan-kata-sandinya",
            abaikan_peringatan=True,
        )
    draf_keuangan.refresh_from_db()
    assert draf_keuangan.status == PerjanjianKinerja.Status.DRAF


def test_it_refuses_signing_twice(draf_keuangan, kasubbag_keuangan, sekretaris):
    _tandatangani(draf_keuangan, kasubbag_keuangan)
    _tandatangani(draf_keuangan, sekretaris)
    with pytest.raises(Ditolak, match="sudah ditandatangani kedua pihak"):
        _tandatangani(draf_keuangan, sekretaris)


def test_it_needs_a_confirmation_to_sign_past_warnings(draf_keuangan, kasubbag_keuangan):
    # No organisation agreement exists yet for 2025: one warning.
    with pytest.raises(Ditolak, match="centang konfirmasi"):
        _tandatangani(draf_keuangan, kasubbag_keuangan, abaikan_peringatan=False)
    _tandatangani(draf_keuangan, kasubbag_keuangan, abaikan_peringatan=True)


def test_it_refuses_an_agreement_without_targets(draf_keuangan, admin_org, kasubbag_keuangan):
    perjanjian_simpan_draf(
        perjanjian=draf_keuangan,
        oleh=admin_org,
        tempat="Arga Makmur",
        tanggal=draf_keuangan.tanggal,
        pihak_pertama=draf_keuangan.pihak_pertama,
        pihak_kedua=draf_keuangan.pihak_kedua,
        target=[],
        kegiatan=[],
    )
    with pytest.raises(Ditolak, match="belum memuat target"):
        _tandatangani(draf_keuangan, kasubbag_keuangan)


def test_it_returns_a_half_signed_agreement_to_draft(draf_keuangan, kasubbag_keuangan, sekretaris):
    _tandatangani(draf_keuangan, kasubbag_keuangan)
    perjanjian_kembalikan(perjanjian=draf_keuangan, oleh=sekretaris)
    draf_keuangan.refresh_from_db()
    assert draf_keuangan.status == PerjanjianKinerja.Status.DRAF
    assert not draf_keuangan.tanda_tangan.exists()


def test_it_refuses_to_return_by_someone_else(draf_keuangan, kasubbag_keuangan, staf_keuangan):
    _tandatangani(draf_keuangan, kasubbag_keuangan)
    with pytest.raises(TidakBerwenang):
        perjanjian_kembalikan(perjanjian=draf_keuangan, oleh=staf_keuangan)


def test_it_signs_the_frozen_content_when_a_name_changed_in_between(
    draf_keuangan, kasubbag_keuangan, sekretaris
):
    # The second signature used to be refused here: the live content had changed.
    pertama = _tandatangani(draf_keuangan, kasubbag_keuangan)
    pejabat = draf_keuangan.pihak_pertama
    pejabat.nama = "Umar Yasin, S.H., M.H."
    pejabat.save(update_fields=["nama"])
    assert _tandatangani(draf_keuangan, sekretaris).sha256 == pertama.sha256


# The Keuangan agreement of the reference year as loaded (ids of a fresh load, the same on
# SQLite and PostgreSQL), in the canonical form that the stored signatures sign. Pinned byte
# for byte and by digest: a change to that form (a key, a separator, a number's format, an
# order, the hash) would turn every signature already given into a mismatch.
KANONIK_KEUANGAN_2024 = (
    b'{"format":2,"kegiatan":[{"anggaran":"19599520000","kegiatan":null,"program":null,'
    b'"uraian":"Pengelolaan Barang dan Jasa"},{"anggaran":"15283000","kegiatan":null,'
    b'"program":null,"uraian":"Pengelolaan Dokumen Logistik"},{"anggaran":"2764680000",'
    b'"kegiatan":null,"program":null,"uraian":"Layanan Perkantoran"},{'
    b'"anggaran":"1948085000","kegiatan":null,"program":null,"uraian":"Pengadaan dan '
    b'Pendistribusian Logistik Pilkada 2024"}],"organisasi":{"alamat":"Jl. Prof. M. Yamin,'
    b' SH. No. 12","email":"kpud.bengkuluutara@gmail.com","faks":"(0737) 523062","id":1,'
    b'"kode_pos":"38612","kota":"Arga Makmur","logo":"","nama":"Komisi Pemilihan Umum '
    b'Kabupaten Bengkulu Utara","nama_sekretariat":"Sekretariat KPU Kabupaten Bengkulu '
    b'Utara","nama_singkat":"KPU Kabupaten Bengkulu Utara","telepon":"(0737) 523062"},'
    b'"pihak_kedua":{"jabatan":"Sekretaris KPU Kabupaten Bengkulu Utara",'
    b'"jabatan_ttd":"Sekretaris Komisi Pemilihan Umum Kabupaten Bengkulu Utara",'
    b'"nama":"Samsul Bahri, S.Sos","nip":"196810011989031005"},"pihak_pertama":{'
    b'"jabatan":"Kepala Sub Bagian Keuangan, Umum dan Logistik","jabatan_ttd":"Kepala Sub '
    b'Bagian Keuangan, Umum dan Logistik","nama":"Umar Yasin, SH",'
    b'"nip":"197112291993031003"},"tahun":2024,"tanggal":"2024-01-03","target":[{'
    b'"indikator":"Persentase sarana transportasi dan perangkat kerja untuk mendukung '
    b'kinerja pegawai yang berfungsi dengan baik","indikator_id":8,"nilai":"100",'
    b'"nilai_atas":null,"sasaran":{"id":3,"nama":"Terwujudnya dukungan sarana dan '
    b'prasarana guna meningkatkan kelancaran tugas KPU Kabupaten Bengkulu Utara",'
    b'"nomor":3},"tingkat":null,"tipe":"persentase"},{"indikator":"Sarana Bidang '
    b'Teknologi dan Informasi","indikator_id":9,"nilai":"100","nilai_atas":null,'
    b'"sasaran":{"id":3,"nama":"Terwujudnya dukungan sarana dan prasarana guna '
    b'meningkatkan kelancaran tugas KPU Kabupaten Bengkulu Utara","nomor":3},'
    b'"tingkat":null,"tipe":"persentase"},{"indikator":"Persentase dukungan layanan '
    b'operasional perkantoran","indikator_id":11,"nilai":"100","nilai_atas":null,'
    b'"sasaran":{"id":3,"nama":"Terwujudnya dukungan sarana dan prasarana guna '
    b'meningkatkan kelancaran tugas KPU Kabupaten Bengkulu Utara","nomor":3},'
    b'"tingkat":null,"tipe":"persentase"},{"indikator":"Persentase Penyiapan dan '
    b'Pengelolaan Logistik Pemilu","indikator_id":34,"nilai":"100","nilai_atas":null,'
    b'"sasaran":{"id":8,"nama":"Terlaksananya fasilitas pengelolaan data kebutuhan, '
    b'pengadaan serta pendistribusian dan pemeliharaan logistik pemilu/pemilihan",'
    b'"nomor":8},"tingkat":null,"tipe":"persentase"},{"indikator":"Persentase Pengelolaan '
    b'Barang dan Jasa","indikator_id":35,"nilai":"100","nilai_atas":null,"sasaran":{'
    b'"id":8,"nama":"Terlaksananya fasilitas pengelolaan data kebutuhan, pengadaan serta '
    b'pendistribusian dan pemeliharaan logistik pemilu/pemilihan","nomor":8},'
    b'"tingkat":null,"tipe":"persentase"},{"indikator":"Persentase Pengelolaan '
    b'Dokumentasi Logistik","indikator_id":36,"nilai":"100","nilai_atas":null,"sasaran":{'
    b'"id":8,"nama":"Terlaksananya fasilitas pengelolaan data kebutuhan, pengadaan serta '
    b'pendistribusian dan pemeliharaan logistik pemilu/pemilihan","nomor":8},'
    b'"tingkat":null,"tipe":"persentase"},{"indikator":"Persentase pengadaan dan '
    b"distribusi logistik pemilu/pemilihan yang tepat jenis, tepat jumlah dan tepat "
    b'waktu","indikator_id":37,"nilai":"100","nilai_atas":null,"sasaran":{"id":8,'
    b'"nama":"Terlaksananya fasilitas pengelolaan data kebutuhan, pengadaan serta '
    b'pendistribusian dan pemeliharaan logistik pemilu/pemilihan","nomor":8},'
    b'"tingkat":null,"tipe":"persentase"},{"indikator":"Persentase pembayaran gaji dan '
    b'tunjangan pegawai dilingkungan KPU Bengkulu Utara","indikator_id":39,"nilai":"100",'
    b'"nilai_atas":null,"sasaran":{"id":9,"nama":"Terlaksananya pengelolaan keuangan dan '
    b'barang milik negara","nomor":9},"tingkat":null,"tipe":"persentase"},{'
    b'"indikator":"Persentase laporan sistem akuntansi dan pelaporan keuangan yang '
    b'diselesaikan tepat waktu","indikator_id":40,"nilai":"100","nilai_atas":null,'
    b'"sasaran":{"id":9,"nama":"Terlaksananya pengelolaan keuangan dan barang milik '
    b'negara","nomor":9},"tingkat":null,"tipe":"persentase"},{"indikator":"Persentase BMN '
    b'yang dikelola sesuai dengan peraturan perundang-undangan","indikator_id":41,'
    b'"nilai":"100","nilai_atas":null,"sasaran":{"id":9,"nama":"Terlaksananya pengelolaan '
    b'keuangan dan barang milik negara","nomor":9},"tingkat":null,"tipe":"persentase"}],'
    b'"tempat":"Arga Makmur","unit_kerja":{"id":2,"nama":"Subbagian Keuangan, Umum dan '
    b'Logistik"},"versi":1}'
)
SHA256_KEUANGAN_2024 = "58e0879666df4365d7b448113681d8736aa1cd647b9817acdafc17930dd14656"


def test_it_hashes_the_canonical_content(org):
    pk = PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja__slug="keuangan")
    isi = json.loads(pk.isi_beku)
    assert isi == isi_perjanjian(pk)
    assert isi["tahun"] == 2024 and isi["versi"] == 1 and isi["tanggal"] == "2024-01-03"
    assert isi["pihak_pertama"] == {
        "nama": "Umar Yasin, SH",
        "nip": "197112291993031003",
        "jabatan": "Kepala Sub Bagian Keuangan, Umum dan Logistik",
        "jabatan_ttd": isi["pihak_pertama"]["jabatan_ttd"],
    }
    assert isi["pihak_kedua"]["nip"] == "196810011989031005"
    assert [k["anggaran"] for k in isi["kegiatan"]] == [
        "19599520000",
        "15283000",
        "2764680000",
        "1948085000",
    ]
    assert len(isi["target"]) == 10
    assert {t["nilai"] for t in isi["target"]} == {"100"}
    assert kanonik(isi_perjanjian(pk)) == KANONIK_KEUANGAN_2024
    assert sha256_perjanjian(pk) == SHA256_KEUANGAN_2024
    assert hashlib.sha256(KANONIK_KEUANGAN_2024).hexdigest() == SHA256_KEUANGAN_2024


def test_it_hashes_the_organisation_agreement_with_its_qualitative_targets(org):
    pk = PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja=None, versi=1)
    isi = kanonik(isi_perjanjian(pk))
    assert (
        b'{"indikator":"Akuntabilitas kinerja KPU Kabupaten Bengkulu Utara berpredikat BB",'
        b'"indikator_id":13,"nilai":null,"nilai_atas":null,"sasaran":{"id":4,'
    ) in isi
    assert (
        b'{"indikator":"Opini BPK atas Laporan Keuangan KPU",'
        b'"indikator_id":14,"nilai":null,"nilai_atas":null,"sasaran":{"id":4,'
    ) in isi
    assert isi.count(b'"tingkat":"BB"') == 1 and isi.count(b'"tingkat":"WTP"') == 1
    assert isi.endswith(b'"tempat":"Arga Makmur","unit_kerja":null,"versi":1}')
    assert (
        sha256_perjanjian(pk) == "a7d878b7e2087d1e8b6bfae8f3a1706dc732fe5d847ed824e2001970337367db"
    )


def test_it_writes_canonical_json_sorted_compact_and_in_utf8():
    isi = {"c": "100", "b": None, "a": [1, {"z": "Arga Makmur \u2013 Rp1.000,00 \u00e9", "y": 2}]}
    assert kanonik(isi) == (
        '{"a":[1,{"y":2,"z":"Arga Makmur \u2013 Rp1.000,00 \u00e9"}],"b":null,"c":"100"}'
    ).encode("utf-8")
    assert (
        hashlib.sha256(kanonik(isi)).hexdigest()
        == "816074fd74374d2e349e1610e6ecf92d2f137a71e41fd1b33e476e5e982639d3"
    )


# ---------------------------------------------------------------- the sign page


def test_it_shows_the_sign_page_only_to_the_holder_whose_turn_it_is(
    client, draf_keuangan, kasubbag_keuangan, sekretaris, staf_keuangan, orang_luar
):
    url = reverse("perjanjian_tandatangani", args=[draf_keuangan.pk])
    client.force_login(kasubbag_keuangan)
    response = client.get(url)
    assert response.status_code == 200
    assert 'for="id_password"' in response.content.decode()
    assert 'for="id_abaikan_peringatan"' in response.content.decode()
    client.force_login(sekretaris)
    assert client.get(url).status_code == 403
    client.force_login(staf_keuangan)
    assert client.get(url).status_code == 403
    client.force_login(orang_luar)
    assert client.get(url).status_code == 404


def test_it_signs_through_the_page_with_the_password(client, draf_keuangan, kasubbag_keuangan):
    url = reverse("perjanjian_tandatangani", args=[draf_keuangan.pk])
    client.force_login(kasubbag_keuangan)
    response = client.post(url, {"password": "salah", "abaikan_peringatan": "on"})
    assert "Kata sandi salah." in response.content.decode()
    # There are warnings (no organisation agreement for 2025 yet): the box must be ticked.
    response = client.post(url, {"password": PASSWORD})
    assert list(response.context["form"].errors) == ["abaikan_peringatan"]
    response = client.post(url, {"password": PASSWORD, "abaikan_peringatan": "on"})
    assert response.status_code == 302
    draf_keuangan.refresh_from_db()
    assert draf_keuangan.status == PerjanjianKinerja.Status.SEBAGIAN


def test_it_locks_out_someone_guessing_the_password_on_the_sign_page(
    client, draf_keuangan, kasubbag_keuangan
):
    url = reverse("perjanjian_tandatangani", args=[draf_keuangan.pk])
    client.force_login(kasubbag_keuangan)
    for _ in range(4):
        response = client.post(url, {"password": "tebakan", "abaikan_peringatan": "on"})
        assert "Kata sandi salah." in response.content.decode()
    response = client.post(url, {"password": "tebakan", "abaikan_peringatan": "on"})
    assert response.status_code == 429
    # Locked out: even the right password does not sign now.
    response = client.post(url, {"password": PASSWORD, "abaikan_peringatan": "on"})
    assert response.status_code == 429
    draf_keuangan.refresh_from_db()
    assert draf_keuangan.status == PerjanjianKinerja.Status.DRAF


def test_it_offers_the_sign_button_to_the_right_person(
    client, draf_keuangan, kasubbag_keuangan, sekretaris
):
    url = reverse("perjanjian_detail", args=[draf_keuangan.pk])
    client.force_login(sekretaris)
    teks = client.get(url).content.decode()
    assert "Tandatangani sebagai" not in teks
    assert "Menunggu tanda tangan pihak pertama: Umar Yasin, SH." in teks
    client.force_login(kasubbag_keuangan)
    assert "Tandatangani sebagai pihak pertama" in client.get(url).content.decode()


def test_it_returns_to_draft_through_the_page(client, draf_keuangan, kasubbag_keuangan, sekretaris):
    _tandatangani(draf_keuangan, kasubbag_keuangan)
    client.force_login(sekretaris)
    detail = reverse("perjanjian_detail", args=[draf_keuangan.pk])
    assert "Kembalikan ke draf" in client.get(detail).content.decode()
    response = client.post(reverse("perjanjian_kembalikan", args=[draf_keuangan.pk]))
    assert response["Location"] == detail
    draf_keuangan.refresh_from_db()
    assert draf_keuangan.is_draf and not draf_keuangan.tanda_tangan.exists()


def test_it_deletes_a_draft_through_the_page(client, org, draf_keuangan, admin_org, staf_keuangan):
    url = reverse("perjanjian_hapus", args=[draf_keuangan.pk])
    client.force_login(staf_keuangan)
    assert client.post(url).status_code == 403
    client.force_login(admin_org)
    response = client.post(url)
    assert response["Location"] == reverse("perjanjian_daftar", args=[org.slug, 2025])
    assert not PerjanjianKinerja.objects.filter(pk=draf_keuangan.pk).exists()


def test_it_opens_the_latest_year_of_the_users_organisation(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    response = client.get(reverse("perjanjian_beranda"))
    assert response["Location"] == reverse("perjanjian_daftar", args=[org.slug, 2024])
