"""Who a village's login-only pages and collections admit.

Wagtail's "private, for logged-in users" restriction admits any account of the installation.
Here every account belongs to a region, so that would open a village's private page, image
collection or document to the staff of every other village and regency. A login restriction
admits the users who may see the restricted page or collection in the admin (its village's
people, the kecamatan and regency above it) and superusers; password and group restrictions
keep Wagtail's meaning.

``admits`` is asked wherever a restriction is checked: page serving and document serving
(``villages.wagtail_hooks``, through Wagtail's ``before_serve_page`` and
``before_serve_document`` hooks) and the public API (``villages.api``).
"""

from __future__ import annotations

from wagtail.models import BaseViewRestriction, PageViewRestriction

from .ownership import may_see


def admits(restriction: BaseViewRestriction, request) -> bool:
    """Does ``restriction`` (on a page or a collection) let this request through?"""
    if not restriction.accept_request(request):
        return False
    if restriction.restriction_type != BaseViewRestriction.LOGIN:
        return True
    if isinstance(restriction, PageViewRestriction):
        restricted = restriction.page
    else:
        restricted = restriction.collection
    # Restrictions on a district or regency cover the villages below: their people pass.
    return may_see(request.user, restricted, with_ancestors=True)


def refused_restriction(restrictions, request) -> BaseViewRestriction | None:
    """The first login restriction of ``restrictions`` that Wagtail lets this logged-in
    request through but the region does not (None: none)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    for restriction in restrictions:
        if restriction.restriction_type == BaseViewRestriction.LOGIN and not admits(
            restriction, request
        ):
            return restriction
    return None
