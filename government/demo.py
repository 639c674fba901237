"""Demo government section for one village: perangkat desa, institutions and a BUMDes.

Names come from two pools (men, women) rotated by the village code, so that neighbouring
demo villages do not share one kepala desa.
"""

import itertools

from wagtail.rich_text import RichText

from villages.demo.media import demo_image

from .models import (
    BumdesPage,
    BumdesUnit,
    GovernmentIndexPage,
    InstitutionKind,
    InstitutionOfficial,
    InstitutionPage,
    Official,
)

MEN = [
    "Sutrisno",
    "Agus Setiawan",
    "Bambang Haryanto",
    "Joko Purnomo",
    "Slamet Riyadi",
    "Suparman",
    "Mulyono",
    "Wahyudi",
    "Heru Susanto",
    "Eko Prasetyo",
    "Budi Santoso",
    "Ahmad Fauzi",
    "Darmaji",
    "Rizky Pratama",
    "Sugeng Widodo",
    "Teguh Santoso",
]
WOMEN = [
    "Siti Rahayu",
    "Dwi Lestari",
    "Sri Wahyuni",
    "Endang Sulastri",
    "Tri Handayani",
    "Sumarni",
    "Nur Hidayati",
    "Suwarni",
    "Rina Kusumawati",
    "Yuli Astuti",
    "Ani Mardiyah",
    "Lilik Setyowati",
]

# (position, "L"/"P", start, end, description): end None = in office.
VILLAGE_OFFICIALS = [
    (
        "Kepala Desa",
        "L",
        2019,
        2027,
        "Terpilih dalam Pilkades 2019; masa jabatan diperpanjang hingga 2027 sesuai "
        "UU Nomor 3 Tahun 2024.",
    ),
    ("Sekretaris Desa", "P", 2016, None, "Memimpin sekretariat dan administrasi desa."),
    ("Kaur Keuangan", "P", 2018, None, "Menatausahakan keuangan desa dan APBDes."),
    ("Kaur Perencanaan", "L", 2020, None, "Menyusun RPJMDes, RKPDes dan laporan kegiatan."),
    ("Kasi Pemerintahan", "L", 2017, None, "Administrasi kependudukan dan pertanahan."),
    ("Kasi Kesejahteraan", "P", 2021, None, "Pembangunan sarana dan pemberdayaan warga."),
    ("Kasi Pelayanan", "L", 2019, None, "Pelayanan sosial, pendidikan dan kesehatan."),
    ("Kepala Dusun Krajan", "L", 2015, None, ""),
    ("Kepala Dusun Sumberejo", "L", 2022, None, ""),
    ("Kepala Desa", "L", 2013, 2019, "Kepala desa periode sebelumnya."),
]


def _paragraphs(*texts):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def _institutions(village: str, address: str) -> list[dict]:
    """What each demo institution page holds; officials as (position, gender, start, end)."""
    return [
        {
            "model": InstitutionPage,
            "slug": "bpd",
            "title": "Badan Permusyawaratan Desa",
            "kind": InstitutionKind.BPD,
            "intro": "Menampung aspirasi warga, membahas Peraturan Desa bersama Kepala Desa "
            "dan mengawasi kinerja pemerintah desa.",
            "body": _paragraphs(
                f"BPD Desa {village} beranggotakan lima orang wakil dusun yang dipilih secara "
                "musyawarah. Rapat pleno terbuka untuk umum setiap Senin pertama, pukul "
                "19.30 WIB di balai desa.",
                "Usulan warga dapat disampaikan langsung kepada anggota BPD di dusun "
                "masing-masing atau melalui kotak saran di balai desa.",
            ),
            "officials": [
                ("Ketua BPD", "L", 2019, 2027),
                ("Wakil Ketua BPD", "L", 2019, 2027),
                ("Sekretaris BPD", "P", 2019, 2027),
                ("Anggota BPD", "L", 2019, 2027),
                ("Anggota BPD", "P", 2019, 2027),
            ],
            "contact": {"address": address},
        },
        {
            "model": InstitutionPage,
            "slug": "pkk",
            "title": "Tim Penggerak PKK",
            "kind": InstitutionKind.PKK,
            "intro": "Menggerakkan keluarga sehat dan sejahtera lewat sepuluh program pokok PKK.",
            "body": _paragraphs(
                "Kegiatan rutin: arisan dan penyuluhan setiap tanggal 15, kelompok dasawisma "
                "di tiap RT, pelatihan olahan jagung dan singkong, serta pemanfaatan "
                "pekarangan untuk tanaman obat keluarga.",
            ),
            "officials": [
                ("Ketua TP PKK", "P", 2019, None),
                ("Sekretaris", "P", 2021, None),
                ("Bendahara", "P", 2021, None),
            ],
            "contact": {"address": address, "whatsapp": "0812 0000 0102"},
        },
        {
            "model": InstitutionPage,
            "slug": "karang-taruna",
            "title": "Karang Taruna Tunas Muda",
            "kind": InstitutionKind.KARANG_TARUNA,
            "intro": "Wadah pemuda desa untuk kegiatan sosial, olahraga dan kewirausahaan.",
            "body": _paragraphs(
                "Program 2026: turnamen voli antardusun, bank sampah, dan pelatihan "
                "pemasaran daring bagi pelaku UMKM desa.",
            ),
            "officials": [
                ("Ketua", "L", 2024, 2029),
                ("Sekretaris", "P", 2024, 2029),
                ("Bendahara", "L", 2024, 2029),
            ],
            "contact": {"whatsapp": "0813 0000 0203", "email": "karangtaruna@desa.example"},
        },
        {
            "model": InstitutionPage,
            "slug": "posyandu-melati",
            "title": "Posyandu Melati",
            "kind": InstitutionKind.POSYANDU,
            "intro": "Penimbangan, imunisasi dan makanan tambahan untuk balita, ibu hamil "
            "dan lansia.",
            "body": _paragraphs(
                "Buka setiap tanggal 10, pukul 08.00–11.00 WIB di Balai Dusun Krajan, "
                "didampingi bidan desa. Bawa buku KIA setiap datang.",
            ),
            "officials": [
                ("Ketua Kader", "P", 2020, None),
                ("Kader", "P", 2022, None),
            ],
            "contact": {"address": f"Balai Dusun Krajan, Desa {village}"},
        },
        {
            "model": BumdesPage,
            "slug": "bumdes",
            "title": "BUMDes Makmur Sejahtera",
            "kind": InstitutionKind.BUMDES,
            "intro": "Badan usaha milik desa yang mengelola simpan pinjam, air bersih dan "
            "wisata desa.",
            "body": _paragraphs(
                "Laba bersih BUMDes tahun 2025 sebesar Rp86.400.000, dengan 30% disetor ke "
                "kas desa sebagai Pendapatan Asli Desa.",
            ),
            "officials": [
                ("Direktur", "L", 2022, 2027),
                ("Sekretaris", "P", 2022, 2027),
                ("Bendahara", "P", 2022, 2027),
            ],
            "contact": {
                "address": address,
                "phone": "(0356) 000301",
                "whatsapp": "0812 0000 0304",
                "email": "bumdes@desa.example",
            },
            "legal_basis": f"Peraturan Desa {village} Nomor 4 Tahun 2017 tentang Pendirian "
            "Badan Usaha Milik Desa",
            "year_founded": 2017,
            # Units are saved without a form, so their WhatsApp numbers are given as 628….
            "units": [
                {
                    "name": "Unit Simpan Pinjam",
                    "description": "Pinjaman modal bergulir untuk usaha mikro warga desa.",
                    "services": "Pinjaman modal usaha Rp500.000 sampai Rp10.000.000\n"
                    "Angsuran bulanan, jasa 1% per bulan\nTabungan anggota",
                    "whatsapp": "6281200000305",
                },
                {
                    "name": "Unit Pengelolaan Air Bersih",
                    "description": "Air bersih dari sumur bor desa untuk 420 sambungan rumah.",
                    "services": "Sambungan rumah baru Rp750.000\nTarif Rp2.500 per m³\n"
                    "Pengaduan kebocoran pipa",
                    "phone": "(0356) 000302",
                    "whatsapp": "6281200000306",
                },
                {
                    "name": "Unit Wisata Embung Desa",
                    "description": "Taman, kolam pemancingan dan gazebo di tepi embung desa.",
                    "services": "Tiket masuk Rp5.000\nSewa gazebo Rp25.000\nPemancingan Rp15.000",
                    "whatsapp": "6281200000307",
                },
            ],
        },
    ]


def _people(village_page):
    """Endless iterators over men's and women's names, starting at a village's own offset."""
    offset = sum(map(ord, village_page.region.code))
    return {
        "L": itertools.cycle(MEN[offset % len(MEN) :] + MEN[: offset % len(MEN)]),
        "P": itertools.cycle(WOMEN[offset % len(WOMEN) :] + WOMEN[: offset % len(WOMEN)]),
    }


def populate(village_page) -> None:
    """Fill the village's /pemerintahan/ section: officials, BPD, PKK, Karang Taruna,
    posyandu and a BUMDes with three units. Parts that already exist are left alone."""
    index = GovernmentIndexPage.objects.child_of(village_page).first()
    if index is None:
        return
    collection = village_page.region.collection
    village = village_page.region.name
    address = f"Balai Desa {village}, Jl. Raya {village} No. 1"
    people = _people(village_page)

    if not index.officials.exists():
        index.intro = index.intro or (
            f"Susunan pemerintah Desa {village} dan lembaga kemasyarakatan desa."
        )
        officials = []
        for position, gender, start, end, description in VILLAGE_OFFICIALS:
            official = Official(
                name=next(people[gender]),
                position=position,
                period_start=start,
                period_end=end,
                description=description,
            )
            if official.is_serving:  # former officials are listed without a photo
                official.photo = demo_image(collection, f"Foto {official.name}")
            officials.append(official)
        index.officials = officials
        index.save_revision().publish()

    existing = set(index.get_children().values_list("slug", flat=True))
    for spec in _institutions(village, address):
        if spec["slug"] in existing:
            continue
        model = spec["model"]
        page = model(
            title=spec["title"],
            slug=spec["slug"],
            kind=spec["kind"],
            intro=spec["intro"],
            body=spec["body"],
            logo=demo_image(collection, f"Logo {spec['title']}"),
            officials=[
                InstitutionOfficial(
                    name=next(people[gender]), position=position, period_start=start, period_end=end
                )
                for position, gender, start, end in spec["officials"]
            ],
            **spec["contact"],
        )
        if model is BumdesPage:
            page.legal_basis = spec["legal_basis"]
            page.year_founded = spec["year_founded"]
            page.units = [
                BumdesUnit(photo=demo_image(collection, unit["name"]), **unit)
                for unit in spec["units"]
            ]
        index.add_child(instance=page)
        page.save_revision().publish()
