"""``{% csp_nonce %}``: the Content-Security-Policy nonce of the response being rendered.

For the inline ``<script>`` tags of Wagtail's templates that this project overrides (under
``templates/wagtailadmin/`` and ``templates/wagtail_localize/``) and the theme's ``<style>``.
It reads the nonce from ``villages.csp`` rather than from ``request`` in the context, because
many of Wagtail's panel and widget templates are rendered without one.
"""

from django import template

from villages.csp import request_nonce

register = template.Library()


@register.simple_tag
def csp_nonce():
    return request_nonce()
