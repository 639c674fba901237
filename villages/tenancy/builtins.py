"""The tenant-owned models of Wagtail, wagtail-localize and the tenancy app itself.

Registered once from ``VillagesConfig.ready()``. Section apps register their own models the
same way from their own ``ready()`` (e.g. news categories in ``news.apps``).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import APIToken, Collection, Page, Site, TaskState, WorkflowState

from .. import scope
from ..models.regions import Region, RegionGroup
from ..models.workflows import RegionApprovalTask
from .registry import Owner, register, register_global


def _pages_translation_keys(user):
    return scope.filter_pages(Page.objects.all(), user).values("translation_key")


def _visible_regions(queryset, user):
    # A user knows their own regions, those below them and those above them (their regency).
    regions = scope.user_regions(user)
    above = {code for r in regions for code in r.ancestor_codes}
    return queryset.filter(scope.region_code_q(regions) | Q(code__in=above))


def _visible_tokens(queryset, user):
    # The same owners Wagtail's token views let the user manage (themselves, for every role
    # the platform hands out), never someone else's token.
    from wagtail.users.utils import get_manageable_token_owners

    return queryset.filter(user__in=get_manageable_token_owners(user))


def _no_region(obj):
    return None


def _visible_workflow_states(queryset, user):
    # A workflow names its page by a string id and a content type (Wagtail's generic
    # relation): the states of the pages the user may see.
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField
    from django.db.models.functions import Cast

    pages = scope.filter_pages(Page.objects.all(), user)
    return queryset.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=pages.annotate(key=Cast("pk", CharField())).values("key"),
    )


def _workflow_state_region(state):
    from .ownership import region_of

    page = Page.objects.filter(pk=state.object_id).first()
    return region_of(page) if page is not None else None


def register_builtins() -> None:
    register(Page, Owner.PAGE, noun=_("halaman"))
    register(Collection, Owner.COLLECTION, noun=_("koleksi"))
    register(get_image_model(), Owner.COLLECTION, field="collection", noun=_("gambar"))
    register(
        get_image_model().get_rendition_model(),
        Owner.COLLECTION,
        field="image__collection",
        noun=_("gambar"),
    )
    register(get_document_model(), Owner.COLLECTION, field="collection", noun=_("dokumen"))
    # Contact-form entries: residents' names and messages, for the village's eyes only.
    register(FormSubmission, Owner.PAGE, field="page", noun=_("kiriman formulir"))
    register(
        Site,
        Owner.CUSTOM,
        visible_to=lambda queryset, user: scope.filter_sites(queryset, user),
        region_getter=scope.region_for_site,
        noun=_("situs"),
    )
    register(
        Region,
        Owner.CUSTOM,
        visible_to=_visible_regions,
        region_getter=lambda region: region,
        noun=_("wilayah"),
    )
    register(
        APIToken, Owner.CUSTOM, visible_to=_visible_tokens, region_getter=_no_region, noun="token"
    )
    register(
        get_user_model(),
        Owner.CUSTOM,
        visible_to=lambda queryset, user: scope.filter_users(queryset, user),
        region_getter=_no_region,
        noun=_("pengguna"),
    )
    register(RegionGroup, Owner.REGION, field="region", noun=_("peran"))
    # Moderation in progress: Wagtail's workflow views load a task state by its id alone, so
    # the admin object guard must know whose it is.
    register(
        WorkflowState,
        Owner.CUSTOM,
        visible_to=_visible_workflow_states,
        region_getter=_workflow_state_region,
        noun=_("alur moderasi"),
    )
    register(
        TaskState,
        Owner.CUSTOM,
        visible_to=lambda queryset, user: queryset.filter(
            workflow_state__in=_visible_workflow_states(WorkflowState.objects.all(), user)
        ),
        region_getter=lambda task_state: _workflow_state_region(task_state.workflow_state),
        noun=_("tahap moderasi"),
    )
    register_global(
        RegionApprovalTask,
        "A moderation step of the platform's workflows; it asks each page's own region.",
    )
    _register_site_settings()
    _register_localize()


def _register_site_settings() -> None:
    from ..models.settings import NavigationSettings, VillageIdentity

    register(VillageIdentity, Owner.SITE, field="site", noun=_("identitas desa"))
    register(NavigationSettings, Owner.SITE, field="site", noun=_("navigasi"))


def _register_localize() -> None:
    """wagtail-localize's translation records, seen through the pages they translate."""
    from wagtail_localize.models import Translation, TranslationSource

    register(
        TranslationSource,
        Owner.CUSTOM,
        visible_to=lambda queryset, user: queryset.filter(
            object_id__in=_pages_translation_keys(user)
        ),
        region_getter=_no_region,
        noun=_("sumber terjemahan"),
    )
    register(
        Translation,
        Owner.CUSTOM,
        visible_to=lambda queryset, user: queryset.filter(
            source__object_id__in=_pages_translation_keys(user)
        ),
        region_getter=_no_region,
        noun=_("terjemahan"),
    )
