"""Keep the site-root index fresh when sites or the pages above them change."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Site
from wagtail.signals import page_slug_changed, post_page_move

from .routing import clear_site_root_paths_cache


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
