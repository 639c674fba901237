"""The operator's guide: the first day of a new village operator, one section per task.

Each section names the screenshot that illustrates it. The screenshots are taken by the
end-to-end test ``tests/e2e/test_operator_guide.py``, which walks through the same tasks in
Chromium and photographs each screen under the name given here, so the pictures show the admin
as it is. Regenerate them with::

    GUIDE_SCREENSHOTS=guide/static/guide/screenshots .venv/bin/pytest -p no:xdist \
        tests/e2e/test_operator_guide.py
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SCREENSHOT_DIR = "guide/screenshots"


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    intro: str
    steps: tuple[str, ...]
    screenshot: str
    alt: str

    @property
    def screenshot_path(self) -> str:
        """The screenshot's path under the static files."""
        return f"{SCREENSHOT_DIR}/{self.screenshot}"


SECTIONS = (
    Section(
        slug="masuk",
        title=_("1. Masuk ke admin"),
        intro=_("Admin adalah tempat Anda mengurus situs desa. Anda masuk dengan akun sendiri."),
        steps=(
            _("Buka alamat situs desa Anda, tambahkan /admin/ di belakangnya, lalu tekan Enter."),
            _(
                "Isi “Nama pengguna” dan “Sandi”. Sandi Anda buat sendiri dari tautan undangan "
                "yang dikirim operator atau Diskominfo."
            ),
            _("Tekan “Masuk”. Jangan bagikan sandi Anda kepada siapa pun."),
        ),
        screenshot="masuk.png",
        alt=_("Halaman masuk dengan kolom nama pengguna dan sandi"),
    ),
    Section(
        slug="dasbor",
        title=_("2. Dasbor dan tindakan cepat"),
        intro=_("Setelah masuk, Anda melihat dasbor. Tugas harian ada di panel “Tindakan cepat”."),
        steps=(
            _(
                "“Tulis berita”, “Tambah agenda”, “Unggah dokumen” dan “Ubah identitas desa” "
                "langsung membuka layar tugas itu untuk desa Anda."
            ),
            _(
                "Menu di sisi kiri (di ponsel: tombol menu di kiri atas) berisi “Halaman”, "
                "“Gambar”, “Dokumen”, “Tim” dan “Bantuan”. Panduan ini ada di menu “Bantuan”."
            ),
        ),
        screenshot="dasbor.png",
        alt=_("Dasbor admin dengan panel tindakan cepat"),
    ),
    Section(
        slug="identitas",
        title=_("3. Identitas desa: logo dan warna"),
        intro=_("Logo dan warna desa tampil di setiap halaman situs desa Anda."),
        steps=(
            _("Tekan “Ubah identitas desa” di dasbor."),
            _(
                "Untuk logo, tekan “Ganti logo”, lalu pilih gambar yang sudah ada atau unggah "
                "gambar baru."
            ),
            _(
                "Pilih warna dengan pemilih warna. Petunjuk kontras di bawahnya memberi tahu "
                "apakah tulisan di atas warna itu tetap mudah dibaca."
            ),
            _("Tekan “Simpan”. Perubahan langsung tampil di situs desa."),
        ),
        screenshot="identitas.png",
        alt=_("Layar identitas desa dengan tombol Ganti logo dan pemilih warna"),
    ),
    Section(
        slug="berita",
        title=_("4. Berita pertama"),
        intro=_(
            "Berita yang baru membuat situs desa tetap hidup. Satu berita seminggu sudah baik."
        ),
        steps=(
            _("Tekan “Tulis berita” di dasbor."),
            _("Isi judul. Kotak paragraf pertama sudah siap: langsung ketik isi berita."),
            _(
                "Untuk paragraf baru tekan Enter. Untuk gambar, tekan tombol ⊕ di antara "
                "paragraf lalu pilih “Gambar”."
            ),
            _(
                "Tekan “Terbitkan” di bagian bawah layar. Kontributor menekan “Kirim untuk "
                "ditinjau”; berita terbit setelah disetujui."
            ),
        ),
        screenshot="berita.png",
        alt=_("Layar menulis berita dengan judul dan paragraf pertama"),
    ),
    Section(
        slug="kontributor",
        title=_("5. Mengundang kontributor"),
        intro=_(
            "Karang Taruna, PKK atau perangkat desa dapat ikut menulis. Berita mereka Anda "
            "setujui sebelum terbit."
        ),
        steps=(
            _("Buka menu “Tim”, lalu tekan “Undang anggota tim”."),
            _("Pilih wilayahnya (desa Anda), lalu peran “Kontributor”."),
            _(
                "Isi nama (satu nama saja boleh) dan email bila orang itu punya. Nama "
                "penggunanya dibuat otomatis."
            ),
            _(
                "Tekan “Undang”. Tautan untuk membuat sandi dikirim ke emailnya. Tanpa email, "
                "tautan itu tampil di layar bersama nama penggunanya: kirimkan sendiri, "
                "misalnya lewat WhatsApp."
            ),
        ),
        screenshot="kontributor.png",
        alt=_("Formulir undangan anggota tim dengan pilihan wilayah dan peran"),
    ),
    Section(
        slug="lupa-sandi",
        title=_("6. Jika lupa sandi"),
        intro=_("Lupa sandi tidak berarti kehilangan situs. Sandi dapat dibuat baru."),
        steps=(
            _(
                "Di halaman masuk, tekan “Lupa sandi?”, isi email akun Anda, lalu buka tautan "
                "yang dikirim ke email itu untuk membuat sandi baru."
            ),
            _(
                "Akun tanpa email: minta operator desa Anda mengatur ulang sandi di menu “Tim”. "
                "Operator yang lupa sandi menghubungi Diskominfo kabupaten; kontaknya tertera "
                "di halaman “Lupa sandi?”."
            ),
            _(
                "Operator mengatur ulang sandi anggota tim di menu “Tim”: pilih namanya, tekan "
                "“Atur ulang sandi”, baca apa yang akan terjadi, tekan “Ya, atur ulang sandi”, "
                "lalu sampaikan tautan yang muncul."
            ),
        ),
        screenshot="lupa-sandi.png",
        alt=_("Halaman Lupa sandi"),
    ),
    Section(
        slug="surat",
        title=_("7. Melayani permohonan surat"),
        intro=_(
            "Warga mengajukan surat dari halaman “Layanan Surat” di situs desa. Permohonannya "
            "masuk ke menu “Layanan surat → Permohonan”; dasbor menunjukkan berapa yang menunggu."
        ),
        steps=(
            _(
                "Tekan kode permohonan untuk melihat data dan lampirannya. Setiap kali halaman "
                "itu dibuka, tercatat siapa yang membukanya."
            ),
            _(
                "Ada yang salah ketik? Pakai “Koreksi isian”. Lampiran kurang? Pakai “Minta "
                "lampiran”: pemohon melihat permintaan itu di halaman status dan mengirimnya dari "
                "sana."
            ),
            _(
                "Tekan “Setujui dan terbitkan surat”: nomor surat dan PDF dengan kode QR dibuat "
                "otomatis. Unduh PDF-nya, cetak, lalu tanda tangani. Surat yang perlu persetujuan "
                "camat diteruskan ke kecamatan dulu."
            ),
            _(
                "Setelah surat diambil, tekan “Surat sudah diambil pemohon”. Surat yang keliru "
                "dapat dicabut dengan alasannya; halaman verifikasinya lalu menyatakan dicabut."
            ),
        ),
        screenshot="surat.png",
        alt=_("Halaman permohonan surat dengan data pemohon dan tombol persetujuan"),
    ),
)
