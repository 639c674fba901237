"""The daily tasks of a village, one click away on the admin home page.

"Tulis berita", "Tambah agenda", "Unggah dokumen" and "Ubah identitas desa" link straight to
the create view under the village's own news and agenda sections, to the document upload of
the village's collection and to the village's identity settings. Each action is offered only
when the user may really do it there, asked from the same permission code the target view
asks (page permissions, the documents' collection policy, the per-site setting permission), and
only on the villages where the user holds a village role (``villages.scope``): editors above
a village have the freshness dashboard instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from villages import scope
from villages.models import VillageHomePage, VillageIdentity
from villages.models.regions import Level, Region, Role

# Operators and contributors seldom serve more than one village; past this, the first ones
# (by code) are shown and the rest are reached through the page explorer.
MAX_VILLAGES = 3


@dataclass(frozen=True)
class Action:
    key: str
    label: str
    url: str
    icon: str


@dataclass(frozen=True)
class VillageActions:
    region: Region
    actions: list[Action]


def _add_page_url(user, home, index_model, page_model) -> str | None:
    index = index_model.objects.child_of(home).first()
    if index is None or not page_model.can_create_at(index):
        return None
    if not index.permissions_for_user(user).can_add_subpage():
        return None
    meta = page_model._meta
    return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, index.pk])


def actions_for_region(user, region: Region) -> VillageActions | None:
    """What ``user`` may do at once on ``region`` (a village), or None when nothing."""
    from wagtail.documents import get_document_model
    from wagtail.permissions import policy_registry

    from events.models import AgendaIndexPage, EventPage
    from news.models import NewsIndexPage, NewsPage

    home = VillageHomePage.objects.filter(region=region, locale__language_code="id").first()
    if home is None:
        return None
    actions = []
    news_url = _add_page_url(user, home, NewsIndexPage, NewsPage)
    if news_url:
        actions.append(Action("news", _("Tulis berita"), news_url, "edit"))
    event_url = _add_page_url(user, home, AgendaIndexPage, EventPage)
    if event_url:
        actions.append(Action("event", _("Tambah agenda"), event_url, "date"))
    document_policy = policy_registry.get_by_type(get_document_model())
    if (
        region.collection_id
        and document_policy.collections_user_has_permission_for(user, "add")
        .filter(pk=region.collection_id)
        .exists()
    ):
        url = reverse("wagtaildocs:add_multiple")
        query = urlencode({"collection_id": region.collection_id})
        actions.append(Action("documents", _("Unggah dokumen"), f"{url}?{query}", "doc-full"))
    # Site settings are granted per site (GroupSitePermission): the operator group of one
    # village may change that village's identity only.
    identity_policy = policy_registry.get_by_type(VillageIdentity)
    if region.site_id and identity_policy.user_has_permission_for_instance(
        user, "change", region.site
    ):
        url = reverse("wagtailsettings:edit", args=["villages", "villageidentity", region.site_id])
        actions.append(Action("identity", _("Ubah identitas desa"), url, "cog"))
    return VillageActions(region=region, actions=actions) if actions else None


def actions_for(user) -> list[VillageActions]:
    """The quick actions of every village (up to ``MAX_VILLAGES``) where ``user`` works."""
    villages = [
        region
        for region in scope.user_regions(user, [Role.OPERATOR, Role.CONTRIBUTOR])
        if region.level == Level.VILLAGE
    ][:MAX_VILLAGES]
    found = [actions_for_region(user, region) for region in villages]
    return [item for item in found if item is not None]
