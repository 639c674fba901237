"""Demo news for one village: categories and a handful of realistic items."""

import datetime

from villages.demo.media import demo_image

from .models import NewsCategory, NewsIndexPage, NewsPage

CATEGORIES = [
    ("Pembangunan", "pembangunan"),
    ("Kegiatan Warga", "kegiatan-warga"),
    ("Pemerintahan", "pemerintahan"),
]

ITEMS = [
    {
        "title": "Pengaspalan Jalan Usaha Tani Dusun Krajan Rampung",
        "slug": "pengaspalan-jalan-usaha-tani",
        "days_ago": 3,
        "category": "pembangunan",
        "tags": ["dana desa", "jalan"],
        "intro": "Jalan usaha tani sepanjang 850 meter kini bisa dilalui kendaraan pengangkut "
        "hasil panen jagung.",
        "body": "Pekerjaan pengaspalan yang dibiayai Dana Desa tahun 2026 sebesar "
        "Rp 412.500.000 selesai dalam 45 hari kerja. Pekerjaan dilakukan secara swakelola "
        "dengan melibatkan 38 warga sebagai tenaga kerja (padat karya tunai).",
    },
    {
        "title": "Posyandu Balita Melati Timbang 112 Anak",
        "slug": "posyandu-balita-melati",
        "days_ago": 8,
        "category": "kegiatan-warga",
        "tags": ["posyandu", "kesehatan"],
        "intro": "Kader posyandu bersama bidan desa memantau tumbuh kembang anak dan "
        "membagikan makanan tambahan.",
        "body": "Kegiatan rutin bulanan ini juga diisi penyuluhan pencegahan stunting oleh "
        "bidan desa. Warga diminta membawa buku KIA setiap datang ke posyandu.",
    },
    {
        "title": "Musyawarah Desa Tetapkan Prioritas RKPDes 2027",
        "slug": "musdes-rkpdes-2027",
        "days_ago": 15,
        "category": "pemerintahan",
        "tags": ["musdes", "perencanaan"],
        "intro": "BPD, perangkat desa dan perwakilan dusun menyepakati sembilan kegiatan "
        "prioritas untuk tahun anggaran 2027.",
        "body": "Prioritas meliputi perbaikan saluran irigasi, pelatihan UMKM batik, "
        "penambahan lampu penerangan jalan, dan peningkatan layanan posyandu.",
    },
    {
        "title": "Karang Taruna Gelar Pelatihan Pemasaran Daring untuk UMKM",
        "slug": "pelatihan-pemasaran-daring-umkm",
        "days_ago": 24,
        "category": "kegiatan-warga",
        "tags": ["umkm", "karang taruna"],
        "intro": "Dua puluh lima pelaku UMKM belajar memotret produk dan berjualan lewat "
        "marketplace.",
        "body": "Peserta dilatih membuat foto produk dengan ponsel, menulis deskripsi yang "
        "menarik, dan melayani pesanan melalui WhatsApp.",
    },
]


def populate(village_page) -> None:
    """Add the demo categories and news items to one village (once)."""
    index = NewsIndexPage.objects.child_of(village_page).first()
    if index is None or NewsPage.objects.child_of(index).exists():
        return
    region = village_page.specific.region
    categories = {
        slug: NewsCategory.objects.get_or_create(region=region, slug=slug, defaults={"name": name})[
            0
        ]
        for name, slug in CATEGORIES
    }
    collection = region.collection
    today = datetime.date.today()
    for item in ITEMS:
        page = NewsPage(
            title=item["title"],
            slug=item["slug"],
            date=today - datetime.timedelta(days=item["days_ago"]),
            author_name="Admin Desa",
            intro=item["intro"],
            featured_image=demo_image(collection, item["title"]),
            body=[("paragraph", f"<p>{item['body']}</p>")],
        )
        page.categories = [categories[item["category"]]]
        index.add_child(instance=page)
        page.tags.add(*item["tags"])
        page.save_revision().publish()
