"""Demo figures for the demo villages: population, APBDes and IDM over several years.

Deterministic (every number is drawn from a generator seeded by the village code) and
idempotent: a village, dataset and period that already has a current release is skipped, so
running ``setup_demo`` again adds no version. Everything is saved through
``opendata.releases.publish_many`` in one call. One village is left without this year's
APBDes, so the freshness dashboard and the roll-up coverage have something honest to show.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from . import indices
from .models import Account, BudgetLine, IndexValue, PopulationFigure, Release, StatisticGroup
from .models.releases import BUDGET, POPULATION
from .periods import Period
from .releases import NewRelease, publish_many

POPULATION_YEARS = 3  # this year and the two before, per semester
BUDGET_YEARS = 3
INDEX_YEARS = 5
FOUR = Decimal("0.0001")

# Shares of the population by group (the rest of a category's groups get none).
RELIGION = {
    "Islam": 970,
    "Kristen": 18,
    "Katolik": 7,
    "Hindu": 2,
    "Buddha": 2,
    "Khonghucu": 1,
    "Kepercayaan terhadap Tuhan YME": 1,
}
EDUCATION = {
    "Tidak/Belum Sekolah": 170,
    "Belum Tamat SD/Sederajat": 120,
    "Tamat SD/Sederajat": 260,
    "SLTP/Sederajat": 180,
    "SLTA/Sederajat": 200,
    "Diploma I/II": 10,
    "Akademi/Diploma III/Sarjana Muda": 12,
    "Diploma IV/Strata I": 42,
    "Strata II": 4,
    "Strata III": 1,
}
OCCUPATION = {
    "Belum/Tidak Bekerja": 190,
    "Mengurus Rumah Tangga": 140,
    "Pelajar/Mahasiswa": 170,
    "Pensiunan": 8,
    "Pegawai Negeri Sipil": 12,
    "Tentara Nasional Indonesia": 2,
    "Kepolisian RI": 2,
    "Perdagangan": 15,
    "Petani/Pekebun": 180,
    "Peternak": 10,
    "Nelayan/Perikanan": 6,
    "Karyawan Swasta": 60,
    "Karyawan Honorer": 6,
    "Buruh Harian Lepas": 40,
    "Buruh Tani/Perkebunan": 70,
    "Tukang Batu": 6,
    "Tukang Kayu": 4,
    "Guru": 10,
    "Bidan": 1,
    "Perawat": 2,
    "Sopir": 8,
    "Pedagang": 20,
    "Perangkat Desa": 2,
    "Kepala Desa": 0,
    "Wiraswasta": 34,
    "Lainnya": 2,
}
MARITAL = {"Belum Kawin": 420, "Kawin": 500, "Cerai Hidup": 30, "Cerai Mati": 50}
BLOOD = {"A": 120, "B": 130, "AB": 30, "O": 170, "Tidak Tahu": 550}
CITIZENSHIP = {"WNI": 1, "WNA": 0}
# Age bands 0-4 … 75+: a young rural village, thinning with age.
AGE = [78, 80, 82, 80, 76, 74, 74, 72, 70, 66, 60, 52, 42, 32, 22, 20]
AGE_GROUPS = (
    "0-14 tahun (belum produktif)",
    "15-64 tahun (produktif)",
    "65 tahun ke atas (lanjut usia)",
)
FAMILY_MALE = {
    "Kepala Keluarga": 300,
    "Anak": 380,
    "Cucu": 60,
    "Orang Tua": 25,
    "Menantu": 20,
    "Famili Lain": 15,
}
FAMILY_FEMALE = {
    "Kepala Keluarga": 40,
    "Istri": 280,
    "Anak": 360,
    "Cucu": 60,
    "Orang Tua": 40,
    "Mertua": 20,
    "Menantu": 20,
    "Famili Lain": 15,
}
DISABILITY = {
    "Disabilitas Fisik": 40,
    "Disabilitas Intelektual": 10,
    "Disabilitas Mental": 8,
    "Disabilitas Sensorik Netra": 12,
    "Disabilitas Sensorik Rungu": 10,
    "Disabilitas Sensorik Wicara": 6,
    "Disabilitas Ganda/Multi": 4,
}
# Spending shares of the five bidang and the leaf accounts each spends on.
BIDANG = {
    "5.1": (36, ["5.1.1", "5.1.2", "5.1.3", "5.1.4"]),
    "5.2": (40, ["5.2.1", "5.2.2", "5.2.3", "5.2.4", "5.2.6"]),
    "5.3": (6, ["5.3.1", "5.3.2", "5.3.3", "5.3.4"]),
    "5.4": (12, ["5.4.2", "5.4.3", "5.4.4", "5.4.5"]),
    "5.5": (6, ["5.5.1", "5.5.3"]),
}


def this_year() -> int:
    return timezone.localdate().year


def rng_for(code: str, *parts) -> random.Random:
    return random.Random(":".join([code, *map(str, parts)]))


def split(total: int, weights, rng: random.Random | None = None) -> list[int]:
    """``total`` shared by ``weights`` (jittered by ``rng``), summing exactly to ``total``."""
    weights = [w * (rng.uniform(0.8, 1.2) if rng and w else 1) for w in weights]
    whole = sum(weights)
    if not whole:
        return [0] * len(weights)
    raw = [total * w / whole for w in weights]
    parts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


# -- population -------------------------------------------------------------------------
def population_rows(code: str, period: Period) -> dict[tuple[str, str], tuple[int, int]]:
    """(category slug, group label) -> (male, female) for one village and semester."""
    base = rng_for(code, "population")
    male0, female0 = base.randint(1400, 3600), 0
    female0 = int(male0 * base.uniform(0.97, 1.04))
    step = (period.year - this_year() + POPULATION_YEARS - 1) * 2 + (period.semester or 1) - 1
    male = int(male0 * (1 + 0.004 * step))
    female = int(female0 * (1 + 0.0045 * step))
    rows: dict[tuple[str, str], tuple[int, int]] = {
        ("jenis_kelamin", "Jumlah penduduk"): (male, female)
    }

    def spread(slug, shares_male, shares_female=None, total=(male, female)):
        shares_female = shares_female or shares_male
        seeded = rng_for(code, slug)  # the same village mix every semester
        labels = list(dict.fromkeys([*shares_male, *shares_female]))
        men = split(total[0], [shares_male.get(label, 0) for label in labels], seeded)
        seeded = rng_for(code, slug, "f")
        women = split(total[1], [shares_female.get(label, 0) for label in labels], seeded)
        for label, m, f in zip(labels, men, women, strict=True):
            if m or f:
                rows[(slug, label)] = (m, f)

    ages = [f"{5 * i}-{5 * i + 4}" for i in range(15)] + ["75+"]
    age_rng = rng_for(code, "umur")
    men = split(male, AGE, age_rng)
    women = split(female, [w * (1.15 if i > 12 else 1) for i, w in enumerate(AGE)], age_rng)
    for label, m, f in zip(ages, men, women, strict=True):
        rows[("umur", label)] = (m, f)
    for label, (lo, hi) in zip(AGE_GROUPS, [(0, 3), (3, 13), (13, 16)], strict=True):
        rows[("kelompok_umur", label)] = (sum(men[lo:hi]), sum(women[lo:hi]))

    spread("agama", RELIGION)
    spread("pendidikan", EDUCATION)
    spread(
        "pekerjaan",
        OCCUPATION,
        {
            **OCCUPATION,
            "Mengurus Rumah Tangga": 600,
            "Petani/Pekebun": 90,
            "Buruh Tani/Perkebunan": 40,
        },
    )
    spread("status_perkawinan", MARITAL)
    spread("hubungan_keluarga", FAMILY_MALE, FAMILY_FEMALE)
    spread("kewarganegaraan", CITIZENSHIP)
    spread("golongan_darah", BLOOD)
    spread("disabilitas", DISABILITY, total=(male // 90, female // 100))
    heads_m = rows[("hubungan_keluarga", "Kepala Keluarga")][0]
    heads_f = rows[("hubungan_keluarga", "Kepala Keluarga")][1]
    rows[("keluarga", "Kartu Keluarga")] = (heads_m, heads_f)
    aid = rng_for(code, "bantuan")
    poor = aid.uniform(0.18, 0.35)
    for label, share in [
        ("Terdaftar di DTSEN desil 1-4", poor),
        ("Miskin ekstrem (P3KE desil 1)", poor * 0.12),
        ("PKH", poor * 0.45),
        ("BPNT/Program Sembako", poor * 0.6),
        ("BLT Dana Desa", poor * 0.15),
        ("Bantuan lain dari pemerintah daerah", poor * 0.08),
    ]:
        rows[("keluarga_bantuan", label)] = (int(heads_m * share), int(heads_f * share * 1.6))
    for label, share in [
        ("PBI Jaminan Kesehatan (JKN)", 0.42),
        ("Program Indonesia Pintar (PIP)", 0.06),
        ("Bantuan lain dari pemerintah daerah", 0.02),
    ]:
        rows[("penduduk_bantuan", label)] = (int(male * share), int(female * share))
    return rows


def population_periods() -> list[Period]:
    first = this_year() - POPULATION_YEARS + 1
    return [Period(y, s) for y in range(first, this_year() + 1) for s in (1, 2)]


# -- APBDes -----------------------------------------------------------------------------
def rupiah(value: float) -> int:
    return int(round(value / 1000) * 1000)


def budget_rows(code: str, year: int) -> dict[str, tuple[int, int]]:
    """Leaf account code -> (budget, realisation) for one village and year, balanced:
    spending = income + financing received - financing spent."""
    base = rng_for(code, "apbdes")
    size = base.uniform(0.85, 1.2)
    rng = rng_for(code, "apbdes", year)
    growth = 1 + 0.03 * (year - this_year())
    income = {
        "4.1.1": rupiah(rng.uniform(15e6, 60e6) * size),
        "4.1.2": rupiah(rng.uniform(5e6, 40e6) * size),
        "4.1.3": rupiah(rng.uniform(0, 15e6)),
        "4.2.1": rupiah(rng.uniform(0.9e9, 1.15e9) * size * growth),
        "4.2.2": rupiah(rng.uniform(35e6, 80e6) * size),
        "4.2.3": rupiah(rng.uniform(0.4e9, 0.7e9) * size * growth),
        "4.2.5": rupiah(rng.uniform(0, 150e6)),
        "4.3.5": rupiah(rng.uniform(1e6, 5e6)),
    }
    financing = {
        "6.1.1": rupiah(rng.uniform(20e6, 120e6)),
        "6.2.2": rupiah(rng.uniform(0, 50e6)),
    }
    spending_total = sum(income.values()) + financing["6.1.1"] - financing["6.2.2"]
    shares = split(spending_total // 1000, [share for share, _leaves in BIDANG.values()], rng)
    spending = {}
    for (_bidang, (_share, leaves)), amount in zip(BIDANG.items(), shares, strict=True):
        for leaf, part in zip(leaves, split(amount, [1] * len(leaves), rng), strict=True):
            spending[leaf] = part * 1000
    # Whatever rounding left over goes to the first bidang's first account.
    spending["5.1.1"] += spending_total - sum(spending.values())
    current = year >= this_year()
    rows = {}
    for code_, amount in {**income, **financing, **spending}.items():
        if code_.startswith(("4", "6.1")) or not current:
            ratio = rng.uniform(0.8, 1.0)
        else:
            ratio = rng.uniform(0.35, 0.7)  # this year is still being spent
        if current and code_.startswith("4"):
            ratio = rng.uniform(0.5, 0.8)
        if code_ == "6.1.1":
            ratio = 1.0  # the previous year's SiLPA is known
        rows[code_] = (amount, rupiah(amount * ratio))
    return rows


def budget_years() -> list[int]:
    return list(range(this_year() - BUDGET_YEARS + 1, this_year() + 1))


# -- IDM --------------------------------------------------------------------------------
def index_values(code: str, year: int) -> dict[str, Decimal]:
    """IKS, IKE, IKL and the score (their mean) for one village and year."""
    base = rng_for(code, "idm")
    start = {
        "iks": base.uniform(0.58, 0.82),
        "ike": base.uniform(0.45, 0.75),
        "ikl": base.uniform(0.50, 0.80),
    }
    pace = base.uniform(0.004, 0.03)  # some villages improve enough to change status
    years = year - (this_year() - INDEX_YEARS + 1)
    rng = rng_for(code, "idm", year)
    values = {
        dim: Decimal(str(min(0.99, v + pace * years + rng.uniform(-0.006, 0.006)))).quantize(
            FOUR, ROUND_HALF_UP
        )
        for dim, v in start.items()
    }
    values[indices.SCORE] = (sum(values.values()) / 3).quantize(FOUR, ROUND_HALF_UP)
    return values


def index_years() -> list[int]:
    return list(range(this_year() - INDEX_YEARS + 1, this_year() + 1))


# -- saving -----------------------------------------------------------------------------
def without_current_budget(villages) -> str | None:
    """The village left without this year's APBDes: the last by code."""
    codes = sorted(v.code for v in villages)
    return codes[-1] if len(codes) > 1 else None


def demo_releases(villages) -> list[NewRelease]:
    """The releases still missing for ``villages`` (three queries besides the vocabularies)."""
    villages = list(villages)
    existing = set(
        Release.objects.filter(village__in=villages, is_current=True).values_list(
            "village_id", "dataset", "period"
        )
    )
    groups = {
        (g.category.slug, g.label): g
        for g in StatisticGroup.objects.select_related("category").filter(
            category__regency__isnull=True
        )
    }
    accounts = {a.code: a for a in Account.objects.filter(is_leaf=True)}
    skip_budget = without_current_budget(villages)
    new = []
    for village in villages:
        code = village.code

        def missing(dataset, period, village=village):
            return (village.pk, dataset, str(period)) not in existing

        for period in population_periods():
            if not missing(POPULATION, period):
                continue
            figures = [
                PopulationFigure(category=groups[key].category, group=groups[key], male=m, female=f)
                for key, (m, f) in population_rows(code, period).items()
                if key in groups
            ]
            new.append(NewRelease(village, POPULATION, period, figures))
        for year in budget_years():
            if code == skip_budget and year == this_year():
                continue
            if not missing(BUDGET, Period(year)):
                continue
            figures = [
                BudgetLine(
                    account=accounts[acc],
                    description=accounts[acc].name[:255],
                    budget=b,
                    realisation=r,
                )
                for acc, (b, r) in budget_rows(code, year).items()
            ]
            new.append(NewRelease(village, BUDGET, Period(year), figures))
        for year in index_years():
            if not missing(indices.IDM.slug, Period(year)):
                continue
            figures = [
                IndexValue(dimension=d, value=v) for d, v in index_values(code, year).items()
            ]
            new.append(NewRelease(village, indices.IDM.slug, Period(year), figures))
    return new


def populate_open_data(villages) -> list[Release]:
    """Publish the missing demo figures of ``villages`` in one ``publish_many``."""
    new = demo_releases(villages)
    if not new:
        return []
    return publish_many(new, source="demo", note="Data contoh")


def fill_demo_villages(villages) -> int:
    """The section registry's ``demo_villages``: how many releases were published."""
    return len(populate_open_data(villages))
