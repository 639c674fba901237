"""Chooser widgets' inline start-up script carries the response's CSP nonce.

Replaces ``wagtail.admin.widgets.chooser.BaseChooser.render`` (checked against Wagtail 8.0.1).
Every chooser widget rendered on the server (image, document, page, snippet and task
choosers in page, snippet, settings and group forms) ends in ``<script>new …Chooser(…)
</script>``, built in Python, with no template to override and no hook; under the
Content-Security-Policy (``villages.csp``) a script without the nonce does not run and the
chooser button stays dead. The replacement builds the same markup as the original, with the
nonce. It leaves ``get_value_data`` (``chooser_widgets``) alone: the original calls it, and so
does this one. Chooser blocks inside StreamFields are rendered in the browser (telepath) and
are not concerned.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail.admin.widgets.chooser import BaseChooser

from ..csp import request_nonce
from .base import Patch


def render(self, name, value, attrs=None, renderer=None):
    # Same steps and errors as Wagtail's BaseChooser.render; only the <script> tag differs.
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as e:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e

    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    js = self.render_js_init(id_, name, value_data)
    # js is Wagtail's own JavaScript (json.dumps of ids and options), trusted as the original
    # trusts it; only the nonce goes through escaping.
    script = format_html('<script nonce="{}">{}</script>', request_nonce(), mark_safe(js))  # noqa: S308
    return mark_safe(f"{widget_html}{script}")  # noqa: S308


PATCH = Patch(BaseChooser, "render", render, "(self, name, value, attrs=None, renderer=None)")
