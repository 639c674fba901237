"""Demo public documents for one village (wired into the ``setup_demo`` command)."""

import datetime

from villages.demo.media import demo_document

from .models import DocumentCategory, DocumentIndexPage, PublicDocumentPage

DOCUMENTS = [
    {
        "title": "Peraturan Desa tentang APBDes Tahun Anggaran 2026",
        "slug": "perdes-apbdes-2026",
        "category": DocumentCategory.APBDES,
        "number": "1",
        "year": 2026,
        "enacted_on": datetime.date(2026, 1, 2),
        "summary": (
            "Anggaran Pendapatan dan Belanja Desa Tahun Anggaran 2026: pendapatan "
            "Rp1.412.500.000 dan belanja Rp1.398.000.000."
        ),
        "text": [
            "BAB I Ketentuan Umum",
            "BAB II Pendapatan Desa: Rp1.412.500.000",
            "BAB III Belanja Desa: Rp1.398.000.000",
            "BAB IV Pembiayaan Desa",
            "Ditetapkan di balai desa pada tanggal 2 Januari 2026.",
        ],
    },
    {
        "title": "Peraturan Desa tentang Rencana Pembangunan Jangka Menengah Desa (RPJMDes)",
        "slug": "perdes-rpjmdes",
        "category": DocumentCategory.PERDES,
        "number": "5",
        "year": 2025,
        "enacted_on": datetime.date(2025, 9, 22),
        "summary": (
            "Arah pembangunan desa selama masa jabatan kepala desa: infrastruktur jalan usaha "
            "tani, air bersih, kesehatan ibu dan anak, serta penguatan BUMDes."
        ),
        "text": [
            "Visi: desa yang maju, sehat dan mandiri.",
            "Misi 1: membangun jalan usaha tani dan saluran irigasi.",
            "Misi 2: meningkatkan layanan posyandu dan air bersih.",
            "Misi 3: memperkuat usaha BUMDes dan kelompok tani.",
        ],
    },
    {
        "title": "Laporan Keterangan Penyelenggaraan Pemerintahan Desa (LKPPD) Tahun 2025",
        "slug": "lkppd-2025",
        "category": DocumentCategory.LAPORAN,
        "number": "",
        "year": 2025,
        "enacted_on": datetime.date(2026, 3, 16),
        "summary": (
            "Laporan kepala desa kepada BPD tentang penyelenggaraan pemerintahan desa selama "
            "tahun anggaran 2025."
        ),
        "text": [
            "Penyelenggaraan pemerintahan desa tahun 2025.",
            "Pelaksanaan pembangunan: 9 kegiatan fisik selesai.",
            "Pembinaan kemasyarakatan dan pemberdayaan masyarakat.",
        ],
    },
    {
        "title": "Laporan Realisasi Pelaksanaan APBDes Semester I Tahun 2026",
        "slug": "realisasi-apbdes-semester-i-2026",
        "category": DocumentCategory.BERKALA,
        "number": "",
        "year": 2026,
        "enacted_on": datetime.date(2026, 7, 15),
        "summary": (
            "Informasi berkala: realisasi pendapatan Rp742.300.000 (52,6%) dan belanja "
            "Rp618.950.000 (44,3%) sampai dengan 30 Juni 2026."
        ),
        "text": [
            "Realisasi pendapatan desa: Rp742.300.000 (52,6%).",
            "Realisasi belanja desa: Rp618.950.000 (44,3%).",
            "Sisa anggaran akan digunakan untuk kegiatan semester II.",
        ],
    },
]


def populate(village_page) -> None:
    """Fill the village's documents section with four documents and their PDFs (idempotent).

    Documents whose slug already exists are left alone, so running it again adds nothing.
    """
    index = DocumentIndexPage.objects.child_of(village_page).first()
    if index is None:
        return
    collection = village_page.specific.region.collection
    existing = set(PublicDocumentPage.objects.child_of(index).values_list("slug", flat=True))
    for spec in DOCUMENTS:
        if spec["slug"] in existing:
            continue
        document = demo_document(collection, spec["title"], "\n".join(spec["text"]))
        page = PublicDocumentPage(
            title=spec["title"],
            slug=spec["slug"],
            category=spec["category"],
            number=spec["number"],
            year=spec["year"],
            enacted_on=spec["enacted_on"],
            summary=spec["summary"],
            document=document,
        )
        index.add_child(instance=page)
        page.save_revision().publish()
