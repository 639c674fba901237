"""A change makes stale exactly the cached pages that may show it: its village's pages and
the portals above, never another village's or another regency's (which stay hits)."""

import datetime

from django.apps import apps

from wagtail.models import Locale

import pytest

from editorial.models import RegencyPolicy
from government.models import Official
from news.models import NewsIndexPage, NewsPage
from pagecache import invalidation
from tests.api.helpers import make_image
from villages.models import NavigationSettings, VillageIdentity

from .helpers import get, state, warm

pytestmark = pytest.mark.django_db


@pytest.fixture
def warmed(client, page_cache, village_a, village_b, village_c, village_other_regency, regency):
    """Every page the tests look at, rendered once and now served from the cache."""
    pages = {
        "a": (village_a.host, "/"),
        "a_news": (village_a.host, "/berita/"),
        "b": (village_b.host, "/"),
        "b_news": (village_b.host, "/berita/"),
        "c": (village_c.host, "/"),
        "other": (village_other_regency.host, "/"),
        "portal": (regency.host, "/"),
    }

    def warm_all():
        for host, path in pages.values():
            warm(client, host, path)

    def states():
        return {name: state(client, host, path) for name, (host, path) in pages.items()}

    warm_all()
    warm_all()  # the portal's first render made its settings row, a regency-wide change
    assert stale(states) == set()
    return states


def news_index(tenant):
    return tenant.page.get_children().type(NewsIndexPage).get().specific


def publish_news(tenant, title):
    page = NewsPage(title=title, slug=title.lower().replace(" ", "-"), date=datetime.date.today())
    news_index(tenant).add_child(instance=page)
    page.save_revision().publish()
    return page


def stale(states):
    return {name for name, value in states().items() if value == "miss"}


def test_publishing_news_makes_its_village_and_its_portal_stale(
    client, warmed, page_cache, village_a, regency
):
    with page_cache():
        publish_news(village_a, "Panen raya jagung")
    assert stale(warmed) == {"a", "a_news", "portal"}
    assert "Panen raya jagung" in get(client, village_a.host, "/berita/").text
    assert "Panen raya jagung" in get(client, regency.host, "/").text


def test_unpublishing_and_deleting_are_never_served_stale(client, page_cache, village_a):
    with page_cache():
        page = publish_news(village_a, "Kabar yang ditarik")
    warm(client, village_a.host, "/berita/")
    with page_cache():
        page.unpublish()
    assert "Kabar yang ditarik" not in get(client, village_a.host, "/berita/").text
    with page_cache():
        page = publish_news(village_a, "Kabar yang dihapus")
    warm(client, village_a.host, "/berita/")
    with page_cache():
        page.delete()
    assert "Kabar yang dihapus" not in get(client, village_a.host, "/berita/").text


def test_a_page_moved_to_another_village_makes_both_stale(client, page_cache, village_a, village_b):
    with page_cache():
        page = publish_news(village_a, "Kabar pindahan")
    warm(client, village_a.host, "/berita/")
    warm(client, village_b.host, "/berita/")
    with page_cache():
        page.move(news_index(village_b), pos="last-child")
    assert "Kabar pindahan" not in get(client, village_a.host, "/berita/").text
    assert "Kabar pindahan" in get(client, village_b.host, "/berita/").text


def test_identity_and_menu_changes_make_only_their_village_stale(
    client, warmed, page_cache, village_a
):
    identity = VillageIdentity.for_site(village_a.site)
    with page_cache():
        identity.tagline = "Desa wisata sungai"
        identity.save()
    # The portal lists everything below it: a village's change reaches it too.
    assert stale(warmed) == {"a", "a_news", "portal"}
    assert "Desa wisata sungai" in get(client, village_a.host, "/").text
    with page_cache():
        NavigationSettings.for_site(village_a.site).save()
    assert stale(warmed) == {"a", "a_news", "portal"}


def test_a_picture_of_the_village_makes_only_its_village_stale(warmed, page_cache, village_a):
    with page_cache():
        make_image(village_a.collection, title="Balai desa")
    assert stale(warmed) == {"a", "a_news", "portal"}


def test_a_part_saved_alone_is_charged_to_its_page(warmed, page_cache, village_b):
    government = village_b.page.get_children().get(slug="pemerintahan").specific
    with page_cache():
        Official.objects.create(
            page=government,
            name="Sutrisno",
            position="Kepala Desa",
            period_start=2025,
        )
    assert stale(warmed) == {"b", "b_news", "portal"}


def test_a_district_change_reaches_its_villages_only(warmed, page_cache, village_a):
    district = village_a.page.get_parent().specific
    with page_cache():
        district.save()
    # Kebonharjo and Wangi are in Jatirogo; Karangasem (Jenu) and Lamongan keep their copies.
    assert stale(warmed) == {"a", "a_news", "b", "b_news", "portal"}


def test_a_regency_change_reaches_its_villages_not_the_other_regency(warmed, page_cache, regency):
    with page_cache():
        RegencyPolicy.objects.update_or_create(region=regency.region)
    assert stale(warmed) == {"a", "a_news", "b", "b_news", "c", "portal"}


def test_what_belongs_to_no_region_makes_everything_stale(warmed, page_cache):
    with page_cache():
        Locale.objects.get(language_code="en").save()
    assert stale(warmed) == {"a", "a_news", "b", "b_news", "c", "other", "portal"}


def test_changes_in_bulk_are_announced_by_region(warmed, page_cache, village_c):
    with page_cache():
        invalidation.changed_regions([village_c.region.code])
    assert stale(warmed) == {"c", "portal"}


def test_an_import_sized_transaction_makes_everything_stale_once(
    warmed, page_cache, village_a, monkeypatch
):
    monkeypatch.setattr(invalidation, "MAX_PENDING", 3)
    with page_cache():
        for i in range(5):
            make_image(village_a.collection, title=f"Foto {i}")
    assert stale(warmed) == {"a", "a_news", "b", "b_news", "c", "other", "portal"}


def test_nothing_is_bumped_before_the_transaction_commits(warmed, village_a):
    # Bumped before the commit, a request rendering the old data in between would keep it
    # under the new stamps.
    identity = VillageIdentity.for_site(village_a.site)
    identity.tagline = "Belum tersimpan"
    identity.save()
    assert stale(warmed) == set()


def test_every_ignored_model_exists():
    # A rename in an upgrade would otherwise start watching it silently (harmless) or, for a
    # typo, leave it watched while the list claims otherwise.
    labels = {model._meta.label for model in apps.get_models()}
    assert labels >= invalidation.IGNORED
    app_labels = {config.label for config in apps.get_app_configs()}
    assert app_labels >= invalidation.IGNORED_APPS


def test_every_model_shown_on_public_pages_is_watched():
    for label in (
        "news.NewsPage",
        "villages.VillageIdentity",
        "assets.VillageImage",
        "wagtailcore.PageViewRestriction",
        "wagtailcore.Site",
        "opendata.Release",
        "government.Official",
        "maps.PointOfInterest",
        "letters.Letter",
    ):
        assert invalidation.watched(apps.get_model(label)), label


def test_an_email_makes_no_page_stale(client, page_cache, village_a):
    from django.core import mail

    from outbox import services as outbox

    host = village_a.host
    warm(client, host)

    with page_cache(), outbox.about(village_a.region):
        mail.EmailMessage("Pengingat", "Isi", to=["operator@contoh.test"]).send()

    assert len(mail.outbox) == 1
    assert state(client, host) == "hit"
