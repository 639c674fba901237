"""``/verifikasi/<token>/`` on the issuing village's site: what anyone holding the letter (or
its QR code) may check. An unknown token, or a token of another village's letter, is a
plain 404; the page shows no NIK, address or birth date, and is never cached (a revocation
shows at once)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from wagtail.models import Site

from villages.scope import region_for_site

from .letter_types import get_type
from .models import Letter, Validity


@require_safe
@never_cache
def verify(request, letter_token: str):
    region = region_for_site(Site.find_for_request(request))
    if region is None:
        raise Http404
    letter = (
        Letter.objects.select_related("number", "village")
        .filter(token=letter_token, village=region)
        .first()
    )
    if letter is None:
        raise Http404
    kind = get_type(letter.letter_type)
    validity = letter.validity()
    response = render(
        request,
        "letters/verify.html",
        {
            "letter": letter,
            "kind_name": kind.name if kind else letter.letter_type,
            "validity": validity,
            "validity_label": Validity(validity).label,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response
