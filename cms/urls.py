from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views.invitation import AcceptInvitationView
from letters import views as letters_views
from opendata import views as opendata_views
from opendata.catalog import catalog_view
from search import views as search_views
from villages.seo import SiteSitemap
from villages.views import tag_autocomplete
from villages.views_public import robots_txt

from .api import api_v2, api_v3

urlpatterns = [
    # Before Wagtail's own: its tag suggestions list every village's tags.
    path("admin/tag-autocomplete/", require_admin_access(tag_autocomplete)),
    path(
        "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/",
        require_admin_access(tag_autocomplete),
    ),
    # Before Wagtail's admin URLs, which all require a logged-in editor: the invited person
    # has no password yet.
    path(
        "admin/undangan/<uidb64>/<token>/",
        AcceptInvitationView.as_view(),
        name="accounts_invitation",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_v2.urls),
    path("api/v3/", api_v3.urls),
    path("data/catalog.jsonld", catalog_view, name="opendata_catalog"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": SiteSitemap}}),
    path("robots.txt", robots_txt, name="robots_txt"),
    # /healthz, /readyz and /_health/ are answered before any URL: cms.health.
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Local media for the demo and the browser tests; production serves it from the web
    # server or S3. MEDIA_ROOT is read per request, so tests can point it at a temp folder.
    from django.urls import re_path
    from django.views.static import serve

    def serve_media(request, path):
        return serve(request, path, document_root=settings.MEDIA_ROOT)

    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", serve_media))

urlpatterns += i18n_patterns(
    path("cari/", search_views.search, name="search"),
    # Downloads below the open data pages (/statistik/data.csv …): see opendata.views.downloads.
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)data\.(?P<fmt>csv|json|xlsx)$",
        opendata_views.download,
        name="opendata_download",
    ),
    # A letter's QR code points here (letters.views): a long random token, never an id.
    re_path(
        r"^verifikasi/(?P<letter_token>[A-Za-z0-9_\-]{20,100})/$",
        letters_views.verify,
        name="letter_verify",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
