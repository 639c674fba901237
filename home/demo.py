"""Demo content for a village's profile (/profil/) and contact page (/kontak/).

The texts are written for a Javanese village in the teak and rice country around Tuban.
Figures, hamlets and numbers vary per village (derived from its code), and the borders name
the village's real neighbours in its district, so two demo villages never look alike.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from villages.demo.media import demo_image
from villages.models.regions import Region, VillageKind

from .models import ContactOfficeHours, ContactPage, ProfileHamlet, ProfilePage

HAMLET_NAMES = [
    "Krajan",
    "Ngampel",
    "Sumberejo",
    "Karanglo",
    "Ngablak",
    "Gempol",
    "Jatisari",
    "Sidomulyo",
]
HAMLET_HEADS = ["Suparno", "Sukadi", "Mujiono", "Rasmini", "Kasiyan", "Darsono", "Sutrisno"]
# Used when a district has too few villages to name one on every side.
FALLBACK_BORDERS = [
    "Kawasan hutan jati Perhutani KPH Jatirogo",
    "Aliran Kali Kening",
    "Perbukitan kapur Kendeng Utara",
    "Jalan Raya Tuban–Bojonegoro",
]


def populate(village_page) -> None:
    """Fill the profile and contact page of ``village_page``; leaves filled-in pages alone."""
    region = village_page.region
    profile = ProfilePage.objects.child_of(village_page).first()
    if profile is not None and not _profile_has_content(profile):
        _fill_profile(profile, region)
    contact = ContactPage.objects.child_of(village_page).first()
    if contact is not None and not (contact.address or contact.office_hours.exists()):
        _fill_contact(contact, region)


def _seed(region: Region) -> int:
    return int.from_bytes(hashlib.sha256(region.code.encode()).digest()[:4], "big")


def _names(region: Region) -> tuple[str, str, str]:
    """("Desa Kebonharjo", "Jatirogo", "Kabupaten Tuban") for a village region."""
    kind = VillageKind(region.village_kind).label if region.village_kind else "Desa"
    district = region.parent.name if region.parent else ""
    regency = region.parent.parent.name if region.parent and region.parent.parent else ""
    return f"{kind} {region.name}", district, regency


def _profile_has_content(profile: ProfilePage) -> bool:
    return bool(profile.vision or profile.history or profile.hamlets.exists())


def _neighbours(region: Region) -> list[str]:
    """Four border descriptions: the villages next to this one in its district first."""
    siblings = list(
        Region.objects.filter(parent_id=region.parent_id).order_by("code").exclude(pk=region.pk)
    )
    # The villages with the nearest codes are listed around this one, as on the map.
    siblings.sort(key=lambda r: abs(int(r.code[-4:]) - int(region.code[-4:])))
    district = region.parent.name if region.parent else ""
    borders = [
        f"{VillageKind(r.village_kind).label if r.village_kind else 'Desa'} {r.name}, "
        f"Kecamatan {district}"
        for r in siblings[:4]
    ]
    return borders + FALLBACK_BORDERS[: 4 - len(borders)]


def _paragraph(text: str) -> dict:
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def _fill_profile(profile: ProfilePage, region: Region) -> None:
    village, district, regency = _names(region)
    seed = _seed(region)
    north, south, east, west = _neighbours(region)

    profile.intro = (
        f"{village} terletak di Kecamatan {district}, {regency}: desa agraris di antara "
        "sawah tadah hujan dan hutan jati, dengan warga yang menjunjung tinggi gotong royong."
    )
    profile.history = [
        {"type": "heading", "value": "Asal-usul desa"},
        _paragraph(
            f"Menurut cerita tutur para sesepuh, {village} bermula dari sebuah pedukuhan kecil "
            "di tepi hutan jati yang dibuka (<i>babad alas</i>) oleh Ki Ageng Wirosroyo dan "
            "para pengikutnya pada masa akhir Kerajaan Majapahit. Makam beliau di Dusun Krajan "
            "masih diziarahi warga setiap tahun pada acara sedekah bumi."
        ),
        {"type": "heading", "value": "Masa kolonial dan kemerdekaan"},
        _paragraph(
            "Pada masa Hindia Belanda, hutan di sekitar desa dikelola Boschwezen dan banyak "
            "warga bekerja sebagai blandong (penebang kayu jati). Setelah kemerdekaan, tanah "
            "bekas hutan sebagian dibagikan menjadi sawah dan tegalan, dan desa dipimpin "
            "lurah pertama hasil pemilihan warga pada tahun 1950."
        ),
        {"type": "heading", "value": "Desa hari ini"},
        _paragraph(
            "Sejak Dana Desa mengalir pada 2015, jalan usaha tani, saluran irigasi dan "
            "posyandu di setiap dusun dibangun bersama warga. BUMDes mengelola penggilingan "
            "padi dan unit simpan pinjam, sementara PKK dan Karang Taruna menggerakkan usaha "
            "kerajinan anyaman bambu dan olahan jagung."
        ),
    ]
    profile.vision = (
        f"Terwujudnya {village} yang maju, mandiri dan sejahtera berlandaskan iman, "
        "budaya dan gotong royong."
    )
    profile.mission = [
        {"type": "item", "value": text}
        for text in (
            "Menyelenggarakan pemerintahan desa yang bersih, terbuka dan melayani.",
            "Meningkatkan mutu pendidikan, kesehatan dan kesejahteraan warga.",
            "Membangun sarana pertanian dan jalan desa secara merata di setiap dusun.",
            "Mengembangkan BUMDes dan usaha ekonomi warga berbasis potensi lokal.",
            "Melestarikan adat, budaya Jawa dan kerukunan antarwarga.",
        )
    ]
    profile.area_ha = Decimal(300 + seed % 900) + Decimal(seed % 100) / 100
    profile.altitude = 20 + seed % 130
    profile.border_north, profile.border_south = north, south
    profile.border_east, profile.border_west = east, west
    # "Krajan", the old village centre, is in every village; the other hamlets vary.
    others = HAMLET_NAMES[1:]
    names = ["Krajan"] + [others[(seed + i) % len(others)] for i in range(2 + seed % 3)]
    profile.hamlets = [
        ProfileHamlet(
            name=name,
            head_name=HAMLET_HEADS[(seed + i) % len(HAMLET_HEADS)],
            rw_count=1 + (seed + i) % 3,
            rt_count=3 + (seed + i) % 6,
            sort_order=i,
        )
        for i, name in enumerate(names)
    ]
    picture = demo_image(region.collection, f"Persawahan {region.name}")
    profile.body = [
        {"type": "heading", "value": "Potensi desa"},
        _paragraph(
            "Sebagian besar lahan berupa sawah tadah hujan yang ditanami padi pada musim hujan "
            "dan jagung serta kacang tanah pada musim kemarau. Hutan jati di sisi desa menjadi "
            "sumber penghasilan tambahan bagi pesanggem (petani hutan)."
        ),
        {
            "type": "image",
            "value": {
                "image": picture.pk,
                "alt_text": f"Hamparan sawah {village} menjelang panen",
                "decorative": False,
            },
        },
    ]
    profile.save_revision().publish()


def _fill_contact(contact: ContactPage, region: Region) -> None:
    village, district, regency = _names(region)
    seed = _seed(region)
    contact.intro = (
        f"<p>Sampaikan pertanyaan, pengaduan atau aspirasi Anda kepada Pemerintah {village}. "
        "Kami membaca setiap pesan dan menanggapinya pada jam kerja.</p>"
    )
    contact.address = (
        f"Jl. Raya {district} No. {1 + seed % 120}\n{village}, Kecamatan {district}\n"
        f"{regency}, Jawa Timur 623{seed % 90 + 10}"
    )
    contact.phone = f"(0356) {410000 + seed % 89999}"
    contact.whatsapp = f"0812-{3000 + seed % 6999}-{1000 + (seed >> 8) % 8999}"
    contact.public_email = f"pemdes.{region.slug or 'desa'}@desa.example"
    contact.office_hours = [
        ContactOfficeHours(days="Senin–Jumat", hours="08.00–15.00 WIB", sort_order=0),
        ContactOfficeHours(days="Sabtu, Minggu dan hari libur", hours="Tutup", sort_order=1),
    ]
    contact.save_revision().publish()
