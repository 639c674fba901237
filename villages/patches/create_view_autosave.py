"""No autosave in the page create view; the edit view keeps it.

Replaces ``wagtail.admin.views.pages.create.CreateView.get_context_data`` (checked against
Wagtail 8.0.1). Wagtail 8 autosaves the create form too: the first autosave (half a second
after the first keystroke, ``WAGTAIL_AUTOSAVE_INTERVAL``) posts the form to the create URL,
which creates the page as a draft, and only when its answer comes back does the browser point
the form at the new page's edit URL. A "Terbitkan" clicked while that request is on its way
(or fired together with it) posts to the create URL a second time: one request creates the
page and the other fails with "slug already in use", shown on the hidden Promote tab, and
the operator is left with a stray draft and a form that will not publish. Nothing on the
server tells the two requests apart (they carry the same form, the page has no id yet), and
the browser side is Wagtail's compiled controller, so the race cannot be closed from here.

The create view therefore renders without the autosave controller (``autosave_enabled``
false, no indicator): the first save or publish is one ordinary form post, which creates the
page once and lands in the edit view, where autosave works on a page that exists (and keeps
its conflict checks). ``WAGTAIL_AUTOSAVE_INTERVAL`` has no per-view form and no hook sees the
view, hence the patch.
"""

from wagtail.admin.views.pages.create import CreateView

from .base import Patch


def get_context_data(self, **kwargs):
    self.autosave_enabled = False
    context = PATCH.call_original(self, **kwargs)
    context["autosave_enabled"] = False
    context["autosave_indicator"] = None
    return context


PATCH = Patch(CreateView, "get_context_data", get_context_data, "(self, **kwargs)")
