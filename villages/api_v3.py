"""Wagtail's API v3 app, as this project installs it: ``villages.api_v3.WagtailAPIV3Config``.

Listed in INSTALLED_APPS instead of ``"wagtail.api.v3"``. Kept free of model imports: Django
imports this module while it reads INSTALLED_APPS, before any model is loaded.
"""

from wagtail.api.v3.apps import WagtailAPIV3AppConfig


class WagtailAPIV3Config(WagtailAPIV3AppConfig):
    """Wagtail's API v3 app (``wagtail.api.v3``), installing the API v3 patches when ready.

    Listed in INSTALLED_APPS instead of ``"wagtail.api.v3"`` (same name and label). Its
    ready() runs after ``wagtail.images``, ``wagtail.documents`` and ``wagtail.snippets`` have
    added their v3 routers, which the API v3 patches replace attributes of; ``villages`` is
    listed first and cannot patch them from its own ready().
    """

    def ready(self):
        super().ready()
        from . import patches

        patches.install(self.label)
