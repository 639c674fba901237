"""Chooser widgets show nothing of an object the admin user may not see.

Replaces ``wagtail.admin.widgets.chooser.BaseChooser.get_value_data`` (checked against
Wagtail 8.0.1), the one method every chooser widget (page, image, document, snippet, and the
chooser blocks inside StreamFields, which use the same widgets) calls to put the chosen
object's title, preview and edit link into the form. When a form is shown again with a
refused reference (``villages.tenancy.references``), the submitted id would otherwise be
rendered with the other village's title and thumbnail. Wagtail's widgets receive no request
and offer no hook; the user comes from ``villages.tenancy.context``. Public objects of other
villages (a page one may link to) are shown as before, so legitimate references survive a
re-render.
"""

from wagtail.admin.widgets.chooser import BaseChooser

from ..tenancy.context import admin_user
from ..tenancy.ownership import may_show
from .base import Patch


def get_value_data(self, value):
    user = admin_user()
    if user is not None and value is not None:
        instance = self.get_instance(value)
        if instance is not None and not may_show(user, instance):
            return None
    return PATCH.call_original(self, value)


PATCH = Patch(BaseChooser, "get_value_data", get_value_data, "(self, value)")
