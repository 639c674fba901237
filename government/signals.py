"""Keep the search index of government pages in step with their officials and units.

The search index is updated on ``post_save`` of a page, which comes before modelcluster saves
the page's inline objects (officials, business units). Without this, a page would be
indexed with the officials of its previous version. ``page_published`` is sent once
everything is saved, so the page is indexed again then.
"""

from wagtail.search.tasks import insert_or_update_object_task
from wagtail.signals import page_published

from .models import BumdesPage, GovernmentIndexPage, InstitutionPage


def reindex_published_page(sender, instance, **kwargs):
    """Index the page again, now that its officials and units are saved too."""
    insert_or_update_object_task.enqueue(
        instance._meta.app_label, instance._meta.model_name, str(instance.pk)
    )


def connect() -> None:
    """Connect the reindexing to the government page types (from ``GovernmentConfig.ready``)."""
    for model in (GovernmentIndexPage, InstitutionPage, BumdesPage):
        page_published.connect(
            reindex_published_page,
            sender=model,
            dispatch_uid=f"government-reindex-{model.__name__}",
        )
