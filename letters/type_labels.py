"""The texts of ``data/jenis_surat.json`` residents read on the site, for the translation
catalogue: ``makemessages`` reads Python, not JSON. The public pages and forms show them
through ``gettext`` (an English site shows them in English); a letter itself is always in
Indonesian. ``tests/letters/test_letter_types.py`` fails when the JSON holds a text missing
here: add it (``python -m letters.type_labels`` prints the list).
"""

from django.utils.translation import gettext_noop

LABELS = (
    gettext_noop("Nama lengkap"),
    gettext_noop("NIK"),
    gettext_noop("Nomor KK"),
    gettext_noop("Tempat lahir"),
    gettext_noop("Tanggal lahir"),
    gettext_noop("Alamat"),
    gettext_noop("Surat Keterangan Domisili"),
    gettext_noop("1 hari kerja"),
    gettext_noop("KTP dan Kartu Keluarga asli saat mengambil surat."),
    gettext_noop("Sudah tinggal sejak (tahun)"),
    gettext_noop("Keperluan"),
    gettext_noop("Foto KTP"),
    gettext_noop("Foto Kartu Keluarga"),
    gettext_noop("Surat Keterangan Usaha"),
    gettext_noop("KTP asli."),
    gettext_noop("Nama usaha"),
    gettext_noop("Jenis usaha"),
    gettext_noop("Alamat usaha"),
    gettext_noop("Mulai berusaha (tahun)"),
    gettext_noop("Foto tempat usaha"),
    gettext_noop("Surat Keterangan Tidak Mampu"),
    gettext_noop("1 hari kerja (dengan pemeriksaan RT/RW)"),
    gettext_noop("KTP, Kartu Keluarga dan surat pengantar RT/RW asli."),
    gettext_noop("Keperluan (mis. keringanan biaya sekolah atau berobat)"),
    gettext_noop("Pekerjaan"),
    gettext_noop("Penghasilan sebulan (Rp)"),
    gettext_noop("Surat pengantar RT/RW"),
    gettext_noop("Surat Pengantar SKCK"),
    gettext_noop("KTP asli; pas foto sesuai ketentuan kepolisian."),
    gettext_noop("Keperluan SKCK (mis. melamar pekerjaan)"),
    gettext_noop("Surat Keterangan Kelahiran"),
    gettext_noop("Surat keterangan lahir asli dan Kartu Keluarga."),
    gettext_noop("Nama bayi"),
    gettext_noop("Jenis kelamin bayi"),
    gettext_noop("Laki-laki"),
    gettext_noop("Perempuan"),
    gettext_noop("Tanggal lahir bayi"),
    gettext_noop("Tempat lahir bayi"),
    gettext_noop("Nama ibu"),
    gettext_noop("Nama ayah"),
    gettext_noop("Surat keterangan lahir dari bidan/rumah sakit"),
    gettext_noop("Surat Keterangan Kematian"),
    gettext_noop("KTP almarhum/almarhumah dan Kartu Keluarga asli."),
    gettext_noop("Nama almarhum/almarhumah"),
    gettext_noop("Tanggal meninggal"),
    gettext_noop("Tempat meninggal"),
    gettext_noop("Sebab meninggal"),
    gettext_noop("Hubungan pelapor dengan almarhum"),
    gettext_noop("Foto KTP almarhum/almarhumah"),
    gettext_noop("Surat Keterangan Pindah"),
    gettext_noop("2 hari kerja"),
    gettext_noop("KTP dan Kartu Keluarga asli."),
    gettext_noop("Alamat tujuan"),
    gettext_noop("Alasan pindah"),
    gettext_noop("Anggota keluarga yang ikut pindah"),
    gettext_noop("Surat Keterangan Belum Menikah"),
    gettext_noop("Surat Pengantar"),
    gettext_noop("Ditujukan kepada"),
)


def json_texts() -> list[str]:
    """Every text of the shipped letter types a resident reads."""
    from .letter_types import standard_types

    texts: list[str] = []
    for kind in standard_types().values():
        texts += [kind.name, kind.processing, kind.bring]
        for field in kind.fields:
            texts += [field.label, *field.choices]
        texts += [attachment.label for attachment in kind.attachments]
    return list(dict.fromkeys(texts))


if __name__ == "__main__":  # pragma: no cover
    import django

    django.setup()
    for text in json_texts():
        print(f"    gettext_noop({text!r}),")
