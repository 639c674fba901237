"""Demo development projects with progress for a village (deterministic, idempotent)."""

from datetime import date
from decimal import Decimal

PROJECTS = [
    {
        "slug": "rabat-beton-jalan-dusun-krajan",
        "title": "Rabat beton jalan Dusun Krajan",
        "fund_source": "dana_desa",
        "account_code": "5.2.3.1",
        "budget": Decimal("185000000"),
        "executor": "TPK Desa",
        "volume": Decimal("420"),
        "unit": "m",
        "location_name": "Dusun Krajan RT 01–03",
        "offset": (0.0021, -0.0013),
        "start": date(2025, 4, 14),
        "end": date(2025, 7, 31),
        "updates": [
            (date(2025, 4, 21), 10, "Pembersihan dan pemadatan badan jalan."),
            (date(2025, 5, 26), 45, "Pengecoran 190 m pertama."),
            (date(2025, 7, 28), 100, "Pekerjaan selesai, serah terima ke desa."),
        ],
    },
    {
        "slug": "saluran-irigasi-tersier-blok-sawah-timur",
        "title": "Saluran irigasi tersier blok sawah timur",
        "fund_source": "bantuan_kabupaten",
        "account_code": "",
        "budget": Decimal("120000000"),
        "executor": "Kelompok Tani Sumber Rejeki",
        "volume": Decimal("300"),
        "unit": "m",
        "location_name": "Blok sawah timur",
        "offset": (-0.0018, 0.0024),
        "start": date(2026, 6, 2),
        "end": date(2026, 9, 30),
        "updates": [
            (date(2026, 6, 9), 15, "Galian saluran."),
            (date(2026, 7, 20), 60, "Pasangan batu kali sisi utara."),
        ],
    },
    {
        "slug": "posyandu-dusun-wetan",
        "title": "Rehabilitasi gedung Posyandu Dusun Wetan",
        "fund_source": "add",
        "account_code": "",
        "budget": Decimal("65000000"),
        "executor": "TPK Desa",
        "volume": Decimal("1"),
        "unit": "unit",
        "location_name": "Dusun Wetan RT 04",
        "offset": (0.0009, 0.0031),
        "start": date(2026, 8, 3),
        "end": date(2026, 10, 15),
        "updates": [(date(2026, 8, 10), 0, "Penyiapan lokasi dan bahan.")],
    },
]

# Where the demo points go when the village map has no centre: Tuban, East Java.
DEFAULT_CENTRE = (-6.897, 112.05)


def populate(village_page) -> None:
    from maps.models import MapPage
    from opendata.models import Account
    from villages.demo.media import demo_image

    from .models import ProgressUpdate, ProjectIndexPage, ProjectPage

    index = ProjectIndexPage.objects.child_of(village_page).first()
    if index is None:
        return
    existing = set(ProjectPage.objects.child_of(index).values_list("slug", flat=True))
    map_page = MapPage.objects.child_of(village_page).first()
    centre = map_page.centre if map_page else None
    lat0, lon0 = (centre["latitude"], centre["longitude"]) if centre else DEFAULT_CENTRE
    for spec in PROJECTS:
        if spec["slug"] in existing:
            continue
        account = None
        if spec["account_code"]:
            account = Account.objects.filter(code=spec["account_code"], is_leaf=True).first()
        page = ProjectPage(
            title=spec["title"],
            slug=spec["slug"],
            year=spec["start"].year,
            budget=spec["budget"],
            fund_source=spec["fund_source"],
            account=account,
            executor=spec["executor"],
            volume=spec["volume"],
            unit=spec["unit"],
            location_name=spec["location_name"],
            latitude=Decimal(str(round(lat0 + spec["offset"][0], 6))),
            longitude=Decimal(str(round(lon0 + spec["offset"][1], 6))),
            start_date=spec["start"],
            end_date=spec["end"],
        )
        collection = village_page.specific.region.collection
        for order, (day, percentage, note) in enumerate(spec["updates"]):
            # Photos of the work from the first report on, two per report.
            photos = [
                {
                    "type": "photo",
                    "value": demo_image(collection, f"{spec['title']}: {percentage}% ({n})").pk,
                }
                for n in (1, 2)
                if percentage > 0
            ]
            page.progress_updates.add(
                ProgressUpdate(
                    sort_order=order, date=day, percentage=percentage, note=note, photos=photos
                )
            )
        index.add_child(instance=page)
        page.save_revision().publish()
