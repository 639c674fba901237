"""Mirror Wagtail's own logs of pages and site settings into each region's history.

Wagtail logs every page action (``PageLogEntry``) and every settings edit
(``ModelLogEntry``), but knows nothing of regions: its history of a page is found through
the page, which a deletion takes away from the village's tree. Each log entry is copied
when it is written, with the region the page (or the site) belongs to at that moment, so
the village keeps it whatever happens to the page later.

Villages created from the admin are recorded too, when ``villages`` says so
(``villages.signals.village_created``).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import translation
from django.utils.text import capfirst

from wagtail.models import ModelLogEntry, Page, PageLogEntry

from villages.models import NavigationSettings, Region, VillageIdentity
from villages.scope import region_for_path
from villages.signals import village_created

from .models import Action, RegionLogEntry
from .services import record

# Wagtail's page actions (see wagtail/wagtail_hooks.py) and what they are in the history.
# Left out: renames (logged with the publication that carries them), reordering, locks,
# comments and scheduling, which change nothing a visitor sees.
PAGE_ACTIONS = {
    "wagtail.create": Action.PAGE_CREATE,
    "wagtail.edit": Action.PAGE_EDIT,
    "wagtail.publish": Action.PAGE_PUBLISH,
    "wagtail.publish.scheduled": Action.PAGE_PUBLISH,
    "wagtail.unpublish": Action.PAGE_UNPUBLISH,
    "wagtail.unpublish.scheduled": Action.PAGE_UNPUBLISH,
    "wagtail.delete": Action.PAGE_DELETE,
    "wagtail.move": Action.PAGE_MOVE,
    "wagtail.revert": Action.PAGE_REVERT,
    "wagtail.copy": Action.PAGE_COPY,
    "wagtail.copy_for_translation": Action.PAGE_TRANSLATE,
    "wagtail.view_restriction.create": Action.PAGE_PRIVACY,
    "wagtail.view_restriction.edit": Action.PAGE_PRIVACY,
    "wagtail.view_restriction.delete": Action.PAGE_PRIVACY,
    "wagtail.workflow.start": Action.PAGE_SUBMIT,
    "wagtail.workflow.resume": Action.PAGE_SUBMIT,
    "wagtail.workflow.approve": Action.PAGE_APPROVE,
    "wagtail.moderation.approve": Action.PAGE_APPROVE,
    "wagtail.workflow.reject": Action.PAGE_REJECT,
    "wagtail.moderation.reject": Action.PAGE_REJECT,
    "wagtail.workflow.cancel": Action.PAGE_CANCEL,
}

# Publishing or submitting from the edit form first saves a draft, logged in the same request
# (same uuid); the history shows the publication or submission alone.
SUPERSEDE_DRAFT = {Action.PAGE_PUBLISH, Action.PAGE_SUBMIT}

# Entries without a person are the platform's own work: provisioning creates a dozen pages
# for every village it imports (thousands in a province), demo seeding publishes content.
# None of it is someone's act in the village. Scheduled publications have no person either,
# but they change what visitors see, so they are kept.
UNATTENDED_ACTIONS = {"wagtail.publish.scheduled", "wagtail.unpublish.scheduled"}

SETTINGS_MODELS = (VillageIdentity, NavigationSettings)


@receiver(post_save, sender=PageLogEntry)
def mirror_page_log(sender, instance, created, raw=False, **kwargs):
    if not created or raw or instance.action not in PAGE_ACTIONS:
        return
    if instance.user_id is None and instance.action not in UNATTENDED_ACTIONS:
        return
    mirror_page_entry(instance)


@receiver(post_save, sender=ModelLogEntry)
def mirror_settings_log(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.action == "wagtail.edit":
        mirror_settings_entry(instance)


@receiver(village_created)
def record_village_created(sender, region, actor, **kwargs):
    """A village created from the admin opens its own history."""
    record(region, Action.VILLAGE_CREATE, actor=actor, label=region.name)


def mirror_page_entry(entry: PageLogEntry) -> None:
    """Copy a page's log entry into the history of the region the page belongs to.

    A constant number of queries: the page's path (unless the entry carries the page) and
    one per region looked up. Pages outside any region are not mirrored.
    """
    action = PAGE_ACTIONS[entry.action]
    if action == Action.PAGE_MOVE:
        regions = _move_regions(entry)
    else:
        region = region_for_path(_page_path(entry) or "")
        regions = [region] if region else []
    if not regions:
        return
    if entry.uuid and action == Action.PAGE_EDIT and _extend_draft_entry(entry):
        return
    if entry.uuid and action in SUPERSEDE_DRAFT:
        RegionLogEntry.objects.filter(
            uuid=entry.uuid, page_id=entry.page_id, action=Action.PAGE_EDIT
        ).delete()
    for region in regions:
        record(
            region,
            action,
            actor=entry.user,
            label=entry.label,
            page=entry.page_id,
            data={**(entry.data or {}), "wagtail_action": entry.action},
            timestamp=entry.timestamp,
            uuid=entry.uuid,
        )


def mirror_settings_entry(entry: ModelLogEntry) -> None:
    """Copy an edit of a village's (or portal's) site settings into its region's history."""
    model = _settings_model(entry.content_type_id)
    if model is None:
        return
    sites = model.objects.filter(pk=entry.object_id).values("site_id")
    region = Region.objects.filter(site_id__in=sites).first()
    if region is None:
        return
    # Labels are stored once for every reader: in the site's language, not the editor's.
    with translation.override(settings.LANGUAGE_CODE):
        label = str(capfirst(model._meta.verbose_name))
    record(
        region,
        Action.SETTINGS_CHANGE,
        actor=entry.user,
        label=label,
        data={"setting": model._meta.label_lower, "wagtail_action": entry.action},
        timestamp=entry.timestamp,
        uuid=entry.uuid,
    )


def _page_path(entry: PageLogEntry) -> str | None:
    if PageLogEntry.page.is_cached(entry) and entry.page is not None:
        return entry.page.path
    return Page.objects.filter(pk=entry.page_id).values_list("path", flat=True).first()


def _move_regions(entry: PageLogEntry) -> list[Region]:
    """The region the page moved into and, when different, the one it left."""
    # The entry carries the page as it was before the move: read both paths afresh.
    source_id = (entry.data or {}).get("source", {}).get("id")
    paths = dict(Page.objects.filter(pk__in=[entry.page_id, source_id]).values_list("pk", "path"))
    regions = []
    for page_id in (entry.page_id, source_id):
        region = region_for_path(paths[page_id]) if page_id in paths else None
        if region is not None and region not in regions:
            regions.append(region)
    return regions


def _extend_draft_entry(entry: PageLogEntry) -> bool:
    """Fold a draft saved again in the same editing session into its earlier entry.

    Wagtail's autosave overwrites the open revision and logs each save under the uuid of the
    first one; the history keeps a single "draft saved" with the latest time and title.
    """
    return bool(
        RegionLogEntry.objects.filter(
            uuid=entry.uuid, page_id=entry.page_id, action=Action.PAGE_EDIT
        ).update(timestamp=entry.timestamp, object_label=(entry.label or "")[:255])
    )


def _settings_model(content_type_id: int):
    # get_for_model is served from ContentType's cache after the first call.
    for model in SETTINGS_MODELS:
        if ContentType.objects.get_for_model(model).pk == content_type_id:
            return model
    return None
