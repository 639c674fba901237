"""Image and document listings suggest only the tags of the user's own files.

Replaces (checked against Wagtail 8.0.1) ``wagtail.admin.filters.BaseMediaFilterSet.__init__``
(the tag filter of the image and document listings) and
``wagtail.images.views.chooser.ImageChooseViewMixin.get_context_data`` (the image chooser's
"popular tags"). Both offer the installation's most used tags, so tag names typed in one
village (a person's name, a hamlet) would be suggested to every other. Neither has a hook.
"""

from wagtail.admin.filters import BaseMediaFilterSet
from wagtail.images.views.chooser import ImageChooseViewMixin

from .. import scope
from .base import Patch


def media_filterset_init(self, *args, **kwargs):
    FILTERSET.call_original(self, *args, **kwargs)
    request = kwargs.get("request")
    if "tag" in self.filters and request is not None:
        names = [tag.name for tag in scope.popular_tags(self._meta.model, request.user)]
        if names:
            self.filters["tag"].extra["choices"] = [(name, name) for name in names]
        else:
            del self.filters["tag"]


def image_chooser_context(self, **kwargs):
    context = CHOOSER.call_original(self, **kwargs)
    context["popular_tags"] = scope.popular_tags(self.model, self.request.user)
    return context


FILTERSET = Patch(
    BaseMediaFilterSet,
    "__init__",
    media_filterset_init,
    "(self, data=None, queryset=None, *, request=None, prefix=None, is_searching=None)",
)
CHOOSER = Patch(ImageChooseViewMixin, "get_context_data", image_chooser_context, "(self, **kwargs)")
PATCHES = [FILTERSET, CHOOSER]
