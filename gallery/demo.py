"""Demo albums for one village's gallery (wired into the ``setup_demo`` command)."""

import datetime

from villages.demo.media import demo_image

from .models import AlbumPage, AlbumPhoto, GalleryIndexPage

ALBUMS = [
    {
        "title": "Sedekah Bumi 2026",
        "slug": "sedekah-bumi-2026",
        "date": datetime.date(2026, 6, 14),
        "description": (
            "Warga bersyukur atas panen tahun ini dengan kirab hasil bumi, doa bersama dan "
            "pagelaran wayang kulit semalam suntuk di balai desa."
        ),
        "captions": [
            "Kirab gunungan hasil bumi berangkat dari balai desa",
            "Ibu-ibu PKK membawa tumpeng ke makam leluhur desa",
            "Doa bersama dipimpin tokoh agama",
            "Makan bersama warga di sepanjang jalan desa",
            "Pagelaran wayang kulit semalam suntuk",
        ],
    },
    {
        "title": "Pembangunan Jalan Usaha Tani",
        "slug": "pembangunan-jalan-usaha-tani",
        "date": datetime.date(2026, 8, 3),
        "description": (
            "Jalan usaha tani sepanjang 450 meter di Dusun Krajan dibangun dengan Dana Desa "
            "2026 secara padat karya, memudahkan petani mengangkut hasil panen."
        ),
        "captions": [
            "Kondisi jalan sebelum dibangun, berlumpur saat musim hujan",
            "Warga bergotong royong meratakan tanah",
            "Pengecoran rabat beton oleh tim pelaksana kegiatan",
            "Papan informasi kegiatan Dana Desa 2026",
            "Jalan usaha tani selesai dan siap dilalui kendaraan roda tiga",
            "Serah terima hasil pekerjaan kepada kelompok tani",
        ],
    },
    {
        "title": "Posyandu Balita",
        "slug": "posyandu-balita",
        "date": datetime.date(2026, 9, 10),
        "description": (
            "Kegiatan posyandu balita bulanan: penimbangan, pengukuran tinggi badan, imunisasi "
            "dan pemberian makanan tambahan bersama bidan desa dan kader posyandu."
        ),
        "captions": [
            "Kader posyandu mencatat kedatangan balita",
            "Penimbangan berat badan balita",
            "Pengukuran tinggi badan untuk pemantauan stunting",
            "Pemberian makanan tambahan bergizi",
        ],
    },
]


def populate(village_page) -> None:
    """Fill the village's gallery with three albums of generated photos (idempotent).

    Albums whose slug already exists are left alone, so running it again adds nothing.
    """
    index = GalleryIndexPage.objects.child_of(village_page).first()
    if index is None:
        return
    collection = village_page.specific.region.collection
    existing = set(AlbumPage.objects.child_of(index).values_list("slug", flat=True))
    for spec in ALBUMS:
        if spec["slug"] in existing:
            continue
        album = AlbumPage(
            title=spec["title"],
            slug=spec["slug"],
            date=spec["date"],
            description=spec["description"],
        )
        album.photos = [
            AlbumPhoto(
                image=demo_image(
                    collection, f"{spec['title']} – foto {number}", description=caption
                ),
                caption=caption,
            )
            for number, caption in enumerate(spec["captions"], start=1)
        ]
        index.add_child(instance=album)
        album.save_revision().publish()
