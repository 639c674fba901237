"""Demo content for a village's product section: Tuban products (UMKM) and potential."""

from decimal import Decimal

from wagtail.rich_text import RichText

from villages.demo.media import demo_image

from .models import (
    Availability,
    Category,
    PotentialKind,
    PotentialPage,
    PotentialPhoto,
    ProductIndexPage,
    ProductMarketplaceLink,
    ProductPage,
    ProductPhoto,
)

INTRO = (
    "Produk unggulan warga dan UMKM desa serta potensi wisata dan alamnya. Pesan langsung "
    "ke penjual lewat WhatsApp."
)

# The numbers are examples in the usual format; replace them with real sellers' numbers
# (given with their consent) before a site goes live.
PRODUCTS = [
    {
        "title": "Batik Gedog Tulis",
        "slug": "batik-gedog-tulis",
        "category": Category.BATIK_WEAVING,
        "price": Decimal(350000),
        "price_unit": "per lembar",
        "featured": True,
        "seller_name": "Kelompok Pembatik Sekar Jagad",
        "seller_whatsapp": "0812-3456-7801",
        "description": (
            "<p>Kain tenun gedog dari benang kapas pintalan tangan, dibatik tulis dengan "
            "motif khas Tuban seperti <i>lok can</i> dan <i>kijing miring</i>. Ukuran sekitar "
            "2 × 1 meter; satu lembar dikerjakan 2–3 minggu.</p>"
            "<ul><li>Pewarna alam dari nila dan kulit mahoni</li>"
            "<li>Setiap lembar berbeda, dibuat oleh ibu-ibu pembatik desa</li></ul>"
        ),
        "photos": [("Batik Gedog Tulis", "Batik gedog motif lok can")],
        "links": [("shopee", "https://shopee.co.id/search?keyword=batik%20gedog%20tuban")],
    },
    {
        "title": "Kerupuk Ikan Tengiri",
        "slug": "kerupuk-ikan",
        "category": Category.FISHERY,
        "price": Decimal(55000),
        "price_unit": "per kg",
        "featured": True,
        "seller_name": "UMKM Bu Sulastri",
        "seller_whatsapp": "+62 813-3456-7802",
        "description": (
            "<p>Kerupuk mentah dari ikan tengiri segar hasil tangkapan nelayan pantai utara "
            "Tuban. Dijemur di bawah matahari, tanpa pengawet. Tinggal digoreng.</p>"
        ),
        "photos": [("Kerupuk Ikan Tengiri", "Kerupuk ikan siap goreng")],
        "links": [("tokopedia", "https://www.tokopedia.com/search?q=kerupuk%20ikan%20tuban")],
    },
    {
        "title": "Legen Siwalan",
        "slug": "legen-siwalan",
        "category": Category.CULINARY,
        "price": Decimal(12000),
        "price_unit": "per botol 1 liter",
        "featured": False,
        "seller_name": "Pak Darmaji",
        "seller_whatsapp": "62 857-3456-7803",
        "description": (
            "<p>Minuman segar dari nira pohon siwalan (lontar), disadap pagi hari dan "
            "langsung didinginkan. Legen kami bukan tuak: tidak difermentasi dan tidak "
            "beralkohol. Paling enak diminum di hari yang sama.</p>"
        ),
        "photos": [("Legen Siwalan", "Legen siwalan dalam botol")],
        "links": [],
    },
    {
        "title": "Kacang Mete Goreng",
        "slug": "kacang-mete",
        "category": Category.FARMING,
        "price": Decimal(150000),
        "price_unit": "per kg",
        "featured": False,
        "seller_name": "Kelompok Tani Sido Makmur",
        "seller_whatsapp": "0822-3456-7804",
        "description": (
            "<p>Kacang mete dari kebun jambu mete di lahan kapur Tuban, dikupas dan digoreng "
            "tanpa minyak berlebih. Tersedia juga mete mentah.</p>"
        ),
        "photos": [("Kacang Mete", "Kacang mete goreng")],
        "links": [],
    },
    {
        "title": "Madu Klanceng",
        "slug": "madu-klanceng",
        "category": Category.LIVESTOCK,
        "price": None,
        "price_unit": "",
        "featured": False,
        "seller_name": "Peternak Lebah Karang Taruna",
        "seller_whatsapp": "0878-3456-7805",
        "availability": Availability.PRE_ORDER,
        "description": (
            "<p>Madu lebah klanceng (lebah tanpa sengat) dengan rasa asam-manis yang khas. "
            "Jumlahnya tergantung hasil panen, jadi harga menyesuaikan; pesan dulu lewat "
            "WhatsApp.</p>"
        ),
        "photos": [("Madu Klanceng", "Sarang lebah klanceng")],
        "links": [],
    },
]

POTENTIALS = [
    {
        "title": "Wisata Pantai dan Perahu Nelayan",
        "slug": "wisata-pantai",
        "kind": PotentialKind.TOURISM,
        "intro": "Pantai berpasir putih dengan deretan perahu nelayan dan warung ikan bakar.",
        "location": "Pesisir utara, sekitar 15 menit berkendara dari balai desa.",
        "contact": "Pokdarwis (Kelompok Sadar Wisata) desa\nBuka setiap hari 06.00–18.00",
        "body": (
            "Pengunjung dapat menyewa perahu nelayan untuk berkeliling pada pagi hari dan "
            "mencicipi ikan bakar hasil tangkapan hari itu."
        ),
        "photo": "Wisata Pantai",
    },
    {
        "title": "Sawah Jagung",
        "slug": "sawah-jagung",
        "kind": PotentialKind.FARMING,
        "intro": "Hamparan sawah tadah hujan yang ditanami jagung dua kali setahun.",
        "location": "Dusun Krajan dan sekitarnya.",
        "contact": "Gapoktan desa, melalui kantor desa",
        "body": (
            "Jagung adalah hasil utama petani desa. Panen raya biasanya pada bulan Februari "
            "dan Juni; hasilnya dijual ke pedagang dan pabrik pakan ternak."
        ),
        "photo": "Sawah Jagung",
    },
    {
        "title": "Sumber Air Desa",
        "slug": "sumber-air",
        "kind": PotentialKind.NATURE,
        "intro": "Mata air jernih di bawah pohon beringin tua yang tak pernah kering.",
        "location": "Ujung selatan desa, dekat makam desa.",
        "contact": "Pengelola HIPPAM desa",
        "body": (
            "Sumber air ini mengairi sawah dan menjadi sumber air bersih warga melalui "
            "HIPPAM. Warga menjaganya dengan tradisi sedekah bumi setiap tahun."
        ),
        "photo": "Sumber Air",
    },
]


def _publish(parent, page) -> None:
    parent.add_child(instance=page)
    page.save_revision().publish()


def populate(village_page) -> None:
    """Fill the village's /produk/ section with products and potential (once only)."""
    index = ProductIndexPage.objects.child_of(village_page).first()
    if index is None or index.get_children().exists():
        return
    collection = village_page.region.collection
    if not index.intro:
        index.intro = INTRO
        index.save_revision().publish()

    for item in PRODUCTS:
        page = ProductPage(
            title=item["title"],
            slug=item["slug"],
            category=item["category"],
            price=item["price"],
            price_unit=item["price_unit"],
            featured=item["featured"],
            availability=item.get("availability", Availability.IN_STOCK),
            seller_name=item["seller_name"],
            seller_whatsapp=item["seller_whatsapp"],
            description=item["description"],
            photos=[
                ProductPhoto(image=demo_image(collection, title), caption=caption)
                for title, caption in item["photos"]
            ],
            marketplace_links=[
                ProductMarketplaceLink(platform=platform, url=url)
                for platform, url in item["links"]
            ],
        )
        _publish(index, page)

    for item in POTENTIALS:
        page = PotentialPage(
            title=item["title"],
            slug=item["slug"],
            kind=item["kind"],
            intro=item["intro"],
            location=item["location"],
            contact=item["contact"],
            body=[("paragraph", RichText(f"<p>{item['body']}</p>"))],
            photos=[PotentialPhoto(image=demo_image(collection, item["photo"]))],
        )
        _publish(index, page)
