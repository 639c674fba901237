"""Private pages are found in SQL, with the same result as Wagtail's own check, in constant cost."""

from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

import pytest

from home.models import StandardPage
from tests.api.helpers import add_page, restrict, section
from villages import restrictions


def wagtail_private_q():
    """Wagtail's original algorithm: one path condition per restriction of the installation."""
    q = Q()
    for restriction in PageViewRestriction.objects.select_related("page"):
        q |= Page.objects.descendant_of_q(restriction.page, inclusive=True)
    return q if q else Q(pk__in=[])


def nested_pages(parent, levels):
    page = parent
    for level in range(levels):
        page = add_page(page, f"Tingkat {level}", f"tingkat-{level}")
    return page


def test_public_matches_wagtails_own_check(village_a, village_b, village_other_regency):
    restrict(section(village_a, "profil"))
    restrict(village_b.page, PageViewRestriction.LOGIN)
    history = add_page(section(village_other_regency, "profil"), "Sejarah", "sejarah")
    restrict(history)

    ours = set(Page.objects.public().values_list("pk", flat=True))
    wagtails = set(Page.objects.exclude(wagtail_private_q()).values_list("pk", flat=True))
    assert ours == wagtails
    assert section(village_a, "profil").pk not in ours
    assert section(village_a, "berita").pk in ours
    assert village_b.page.pk not in ours
    assert section(village_b, "kontak").pk not in ours  # below a private village root
    assert history.pk not in ours
    assert section(village_other_regency, "profil").pk in ours
    assert set(Page.objects.not_public().values_list("pk", flat=True)) == (
        set(Page.objects.values_list("pk", flat=True)) - ours
    )


def test_pages_deeper_than_the_fast_path_still_inherit_restrictions(village_a):
    deep_parent = nested_pages(section(village_a, "profil"), restrictions.MAX_DEPTH - 4)
    deepest = add_page(deep_parent, "Paling dalam", "paling-dalam")
    assert deepest.depth > restrictions.MAX_DEPTH
    assert StandardPage.objects.public().filter(pk=deepest.pk).exists()

    restrict(deep_parent)  # the restriction itself sits deeper than the fast path reaches
    assert not StandardPage.objects.public().filter(pk=deepest.pk).exists()
    assert StandardPage.objects.not_public().filter(pk=deepest.pk).exists()


@pytest.mark.parametrize("extra_restrictions", [25])
def test_public_listing_sql_does_not_grow_with_restrictions_elsewhere(
    village_a, village_b, village_c, village_other_regency, extra_restrictions
):
    def listing_sql():
        with CaptureQueriesContext(connection) as captured:
            list(Page.objects.descendant_of(village_a.page).live().public())
        return [query["sql"] for query in captured.captured_queries]

    before = listing_sql()
    for village in (village_b, village_c, village_other_regency):
        for n in range(extra_restrictions // 3 + 1):
            restrict(add_page(section(village, "profil"), f"Rahasia {n}", f"rahasia-{n}"))
    assert PageViewRestriction.objects.count() > extra_restrictions
    after = listing_sql()

    assert len(after) == len(before) == 1
    assert after == before  # same statement: no condition per restriction
