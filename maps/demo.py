"""Demo map for one village: a plausible irregular boundary and its main public places.

Real village boundaries are not shipped with the platform, so each village gets a made-up
but believable outline near its regency (Tuban by default), placed and shaped by a hash of
its region code: every demo village looks different and lies in a different spot, and the
same village always gets the same map.
"""

import hashlib
import math
from decimal import Decimal

from .models import Category, MapPage, PointOfInterest

# Rough centre of the farmland of each regency the demo knows; others fall back to Tuban.
REGENCY_CENTRES = {
    "35.23": (-6.95, 111.90, 112.10),  # Tuban: latitude, and the band of longitudes
    "35.24": (-7.12, 112.20, 112.45),  # Lamongan
}
DEFAULT_CENTRE = REGENCY_CENTRES["35.23"]

VERTICES = 32
RADIUS_M = 950  # about 300 ha for a round village; each village is 0.8–1.2 times that size
METRES_PER_DEGREE_LAT = 110_574
METRES_PER_DEGREE_LON_AT_EQUATOR = 111_320

# (name, category, fraction of the radius from the centre, bearing in degrees, description)
PLACES = [
    (
        "Balai Desa {village}",
        Category.VILLAGE_OFFICE,
        0.10,
        40,
        "Kantor pemerintah desa. Pelayanan administrasi Senin–Jumat pukul 08.00–15.00.",
    ),
    (
        "SD Negeri {village} 1",
        Category.SCHOOL,
        0.35,
        120,
        "Sekolah dasar negeri dengan enam rombongan belajar.",
    ),
    (
        "Masjid Jami' Al-Ikhlas",
        Category.WORSHIP,
        0.22,
        200,
        "Masjid utama desa, juga tempat kegiatan TPQ setiap sore.",
    ),
    (
        "Posyandu Melati",
        Category.HEALTH,
        0.30,
        300,
        "Posyandu balita dan lansia, buka setiap tanggal 10.",
    ),
    (
        "Pasar Desa {village}",
        Category.MARKET,
        0.40,
        20,
        "Pasar pagi hari Pon dan Legi: sayur, hasil bumi dan jajanan.",
    ),
    (
        "Embung Sumber Rejo",
        Category.TOURISM,
        0.55,
        250,
        "Embung penampung air hujan untuk irigasi musim kemarau, ramai dikunjungi sore hari.",
    ),
]


def _seed(code: str) -> bytes:
    return hashlib.sha256(code.encode()).digest()


def village_centre(code: str) -> tuple[float, float]:
    """A latitude and longitude for the demo village ``code`` inside its regency."""
    regency = ".".join(code.split(".")[:2])
    latitude, west, east = REGENCY_CENTRES.get(regency, DEFAULT_CENTRE)
    seed = _seed(code)
    return (
        latitude + (seed[0] / 255 - 0.5) * 0.1,
        west + seed[1] / 255 * (east - west),
    )


def village_radius(code: str) -> float:
    """The mean radius in metres of the demo village ``code`` (a few hundred hectares)."""
    return RADIUS_M * (0.8 + _seed(code)[5] / 255 * 0.4)


def _offset(centre, distance_m: float, bearing_deg: float) -> tuple[float, float]:
    """The position ``distance_m`` away from ``centre`` towards ``bearing_deg`` (0 = north)."""
    latitude, longitude = centre
    bearing = math.radians(bearing_deg)
    north = distance_m * math.cos(bearing)
    east = distance_m * math.sin(bearing)
    metres_per_degree_lon = METRES_PER_DEGREE_LON_AT_EQUATOR * math.cos(math.radians(latitude))
    return (
        latitude + north / METRES_PER_DEGREE_LAT,
        longitude + east / metres_per_degree_lon,
    )


def demo_boundary(code: str) -> dict:
    """An irregular closed Polygon of ``VERTICES`` vertices around the village centre."""
    seed = _seed(code)
    centre = village_centre(code)
    radius = village_radius(code)
    phases = [seed[2 + i] / 255 * 2 * math.pi for i in range(3)]
    ring = []
    for step in range(VERTICES):
        angle = 2 * math.pi * step / VERTICES
        # Three harmonics make a lobed, field-edge-like outline; the radius stays between
        # 0.67 and 1.33 times the mean, so places within 0.6 of it are always inside.
        wobble = (
            0.18 * math.sin(3 * angle + phases[0])
            + 0.10 * math.sin(5 * angle + phases[1])
            + 0.05 * math.sin(9 * angle + phases[2])
        )
        latitude, longitude = _offset(centre, radius * (1 + wobble), math.degrees(angle))
        ring.append([round(longitude, 6), round(latitude, 6)])
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def demo_places(code: str, village_name: str) -> list[PointOfInterest]:
    """The village's public places (balai desa, SD, masjid, posyandu, pasar, embung)."""
    centre = village_centre(code)
    radius = village_radius(code)
    places = []
    for name, category, fraction, bearing, description in PLACES:
        latitude, longitude = _offset(centre, radius * fraction, bearing)
        places.append(
            PointOfInterest(
                name=name.format(village=village_name),
                category=category,
                latitude=Decimal(f"{latitude:.6f}"),
                longitude=Decimal(f"{longitude:.6f}"),
                description=description,
            )
        )
    return places


def populate(village_page) -> None:
    """Give one village's map page (/peta/) a boundary and its main places (once)."""
    map_page = MapPage.objects.child_of(village_page).first()
    if map_page is None or map_page.boundary or map_page.points_of_interest.exists():
        return
    region = village_page.specific.region
    village_name = region.name.title()
    map_page.intro = (
        f"Wilayah Desa {village_name}: batas desa, luas wilayah dan letak tempat-tempat "
        "penting seperti balai desa, sekolah, masjid, posyandu dan pasar."
    )
    map_page.boundary = demo_boundary(region.code)
    map_page.points_of_interest = demo_places(region.code, village_name)
    map_page.save_revision().publish()
