"""Keep derived data fresh: the site-root index, and when each village last published.

Also the signals this app sends for the apps built on it (``village_created``).
"""

from django.db import transaction
from django.db.models import Max, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .models.pages import VILLAGE_DEPTH, VillageHomePage
from .models.regions import Region
from .routing import clear_site_root_paths_cache

# Sent once a person created a village from the admin ("Tambah desa"), with ``region`` (the
# new village's Region) and ``actor`` (the user). The audit app records it in the history;
# imports from the command line are the platform's own work and send nothing.
village_created = Signal()


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def site_changed(sender, **kwargs):
    clear_site_root_paths_cache()


# A slug change or a move above a village rewrites the url_path of every site root below it;
# Wagtail clears its own cache only when the changed page is itself a site root.
@receiver(page_slug_changed)
def page_slug_changed_handler(sender, instance, **kwargs):
    if instance.depth <= 4:
        clear_site_root_paths_cache()


@receiver(post_page_move)
def page_moved_handler(sender, instance, **kwargs):
    clear_site_root_paths_cache()


# -- when each village last published (Region.last_published_at) -----------------------------
# Shown on every village page and on the portal, and read by the freshness dashboard, so it is
# kept on the region instead of being computed over the village's pages on each request. It
# counts what the portal always counted: live pages published through a revision.

_VILLAGE_PATH_LENGTH = VILLAGE_DEPTH * Page.steplen


def _village_regions(village_path: str):
    return Region.objects.filter(
        pk__in=VillageHomePage.objects.filter(path=village_path).values("region_id")
    )


@receiver(page_published)
def village_published(sender, instance, **kwargs):
    if instance.depth < VILLAGE_DEPTH or instance.last_published_at is None:
        return
    when = instance.last_published_at
    _village_regions(instance.path[:_VILLAGE_PATH_LENGTH]).filter(
        Q(last_published_at__isnull=True) | Q(last_published_at__lt=when)
    ).update(last_published_at=when)


def recompute_last_published(village_path: str) -> None:
    """Recount a village's last publication from its live pages, in every language."""
    from .scope import path_q

    region_ids = list(
        VillageHomePage.objects.filter(path=village_path).values_list("region_id", flat=True)
    )
    paths = VillageHomePage.objects.filter(region_id__in=region_ids).values_list("path", flat=True)
    last = Page.objects.filter(
        path_q(list(paths)),
        live=True,
        live_revision__isnull=False,
        last_published_at__isnull=False,
    ).aggregate(last=Max("last_published_at"))["last"]
    Region.objects.filter(pk__in=region_ids).update(last_published_at=last)


def _schedule_recount(page) -> None:
    """Recount the page's village once the deletion is committed."""
    if page.depth < VILLAGE_DEPTH or not page.live or page.live_revision_id is None:
        return
    path = page.path[:_VILLAGE_PATH_LENGTH]
    transaction.on_commit(lambda: recompute_last_published(path))


@receiver(page_unpublished)
def village_unpublished(sender, instance, **kwargs):
    # The page is already saved as not live: recount from what is still live.
    if instance.depth >= VILLAGE_DEPTH:
        recompute_last_published(instance.path[:_VILLAGE_PATH_LENGTH])


@receiver(post_delete)
def village_page_deleted(sender, instance, **kwargs):
    # Sent once per model of the page's inheritance chain; the base Page row is enough.
    if sender is Page:
        _schedule_recount(instance)
