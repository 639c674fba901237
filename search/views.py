"""Search within the site the request came in on (a village, or a regency portal)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode

from wagtail.models import Site

from .services import MAX_QUERY_LENGTH, RESULTS_PER_PAGE, clean_query, search_site


def search(request):
    """Results of ``?q=`` on this site, ten per page; never indexed by search engines."""
    query = clean_query(request.GET.get("q"))
    site = Site.find_for_request(request)
    results = None
    if query and site is not None:
        paginator = Paginator(search_site(site, query.text, request), RESULTS_PER_PAGE)
        # get_page() turns a missing, malformed or out-of-range number into a valid page.
        results = paginator.get_page(request.GET.get("page"))
    response = render(
        request,
        "search/search.html",
        {
            "query": query.text,
            "query_truncated": query.truncated,
            "max_query_length": MAX_QUERY_LENGTH,
            "results": results,
            "query_string": urlencode({"q": query.text}),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response
