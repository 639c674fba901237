"""The headline figures on the village home page and the regency portal: each linked to its
data page, summed over the villages below on the portal, absent where nothing was published,
and never another village's figures."""

import re
from urllib.parse import urlsplit

import pytest

from opendata.models import BudgetPage, IndexPage, PopulationPage
from opendata.rollups import village_count
from tests.opendata.test_rollups import budget_release, index_release, population_release

pytestmark = pytest.mark.django_db

SEX = ("jenis_kelamin", "Jumlah penduduk")


def block(client, tenant) -> str:
    content = client.get("/", HTTP_HOST=tenant.host).content.decode()
    found = re.search(
        r'<section class="home-block" aria-labelledby="home-data">.*?</section>', content, re.S
    )
    return found.group(0) if found else ""


def items(html) -> list[tuple[str, str, str, str]]:
    """(link, title, figure, detail) of each line, tags stripped."""
    found = []
    for href, body in re.findall(r'<li><a href="([^"]+)">(.*?)</a></li>', html, re.S):
        parts = [re.sub(r"<[^>]+>", "", p).strip() for p in re.split(r"(?=<strong>|<span)", body)]
        parts = [p for p in parts if p]
        found.append((href, *parts, *[""] * (3 - len(parts))))
    return found


def publish_all(village, people=(1200, 1300), budget=(800_000_000, 600_000_000), score="0.7500"):
    population_release(village.region, "2025-S1", {SEX: people})
    budget_release(village.region, "2025", {"5.1.1": budget})
    index_release(village.region, "2025", {"skor": score, "iks": score, "ike": score, "ikl": score})


def test_a_new_village_shows_no_data_block(client, village_a):
    assert block(client, village_a) == ""


def test_village_home_shows_its_own_figures_linked_to_their_pages(client, village_a, village_b):
    publish_all(village_a)
    publish_all(village_b, people=(5, 6), budget=(10, 1), score="0.4000")

    shown = items(block(client, village_a))
    pages = [
        m.objects.child_of(village_a.page).get().url
        for m in (PopulationPage, BudgetPage, IndexPage)
    ]
    assert [urlsplit(item[0]).path for item in shown] == [urlsplit(p).path for p in pages]
    assert shown[0][1:] == ("Penduduk 2025-S1", "2.500 jiwa", "laki-laki 1.200, perempuan 1.300")
    assert shown[1][1:] == ("Belanja APBDes 2025", "Rp 800.000.000", "terealisasi 75%")
    assert shown[2][1:] == ("IDM 2025", "0,7500", "Maju")
    # Wangi's figures stay on Wangi's home page.
    assert "11 jiwa" not in block(client, village_a)
    assert "11 jiwa" in block(client, village_b)


def test_portal_sums_its_villages_and_says_how_many_reported(
    client, regency, village_a, village_b, village_c, village_other_regency
):
    publish_all(village_a)
    population_release(village_b.region, "2025-S1", {SEX: (100, 200)})
    publish_all(village_other_regency, people=(9000, 9000))

    shown = items(block(client, regency))
    assert [item[1] for item in shown] == ["Penduduk 2025-S1", "Belanja APBDes 2025", "IDM 2025"]
    villages = village_count(regency.region)
    assert villages >= 3
    assert shown[0][2] == "2.800 jiwa"  # 2,500 + 300; the other regency's 18,000 never
    assert shown[0][3] == f"dilaporkan 2 dari {villages} desa"
    assert shown[1][2:] == ("Rp 800.000.000", f"dilaporkan 1 dari {villages} desa")
    assert shown[2][2:] == ("0,7500", f"dilaporkan 1 dari {villages} desa")


def test_the_block_costs_the_same_queries_for_one_and_three_villages(
    client, regency, village_a, village_b, village_c, django_assert_max_num_queries
):
    publish_all(village_a)
    client.get("/", HTTP_HOST=regency.host)
    with django_assert_max_num_queries(200) as one:
        client.get("/", HTTP_HOST=regency.host)
    publish_all(village_b)
    publish_all(village_c)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert "dilaporkan 3 dari" in block(client, regency)
