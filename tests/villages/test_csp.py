"""Content-Security-Policy (django-csp, ``villages.csp``) on the public site and in the admin.

Every response carries the policy with a fresh nonce, and every inline script a page ships
carries exactly that nonce: otherwise the browser would not run it and the admin would break
(the browser side of this is tests/e2e/test_admin_csp.py). Inline event handlers and
``javascript:`` URLs never run under the policy, so none may appear either.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

import pytest

from maps.models import TILE_ORIGIN, MapPage
from news.models import NewsCategory, NewsIndexPage, NewsPage
from villages.models.regions import Role

HEADER = "Content-Security-Policy"
REPORT_ONLY_HEADER = "Content-Security-Policy-Report-Only"
# <script type> values a browser executes (classic scripts, modules, import maps); any other
# type is a data block (application/json, ld+json, templates), which needs no nonce.
EXECUTABLE_TYPES = {
    "",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "text/ecmascript",
    "module",
    "importmap",
    "speculationrules",
}


def policy(response, header=HEADER) -> dict[str, list[str]]:
    """The policy of ``response`` as {directive: [sources]}."""
    value = response.headers.get(header)
    assert value, f"{header} missing on {response.request['PATH_INFO']}"
    directives = {}
    for part in value.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def nonce_of(directives) -> str | None:
    """The nonce in script-src; django-csp names one only when the response used it."""
    found = [s for s in directives["script-src"] if s.startswith("'nonce-")]
    assert len(found) <= 1, directives["script-src"]
    return found[0][len("'nonce-") : -1] if found else None


class ScriptsAndHandlers(HTMLParser):
    """Inline scripts (attributes, text) and inline event handlers or javascript: URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict, str]] = []
        self.inline_code: list[str] = []
        self.styles: list[dict] = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.inline_code.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.inline_code.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self._open = [attributes, ""]
        if tag == "style":
            self.styles.append(attributes)

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.scripts.append(tuple(self._open))
            self._open = None


def parse(html: str) -> ScriptsAndHandlers:
    parser = ScriptsAndHandlers()
    parser.feed(html)
    return parser


def executable_inline_scripts(parsed) -> list[tuple[dict, str]]:
    return [
        (attrs, text)
        for attrs, text in parsed.scripts
        if "src" not in attrs and (attrs.get("type") or "").strip().lower() in EXECUTABLE_TYPES
    ]


def html_of(response) -> str:
    text = response.content.decode()
    if response.headers.get("Content-Type", "").startswith("application/json"):
        # Modal views (choosers) answer JSON whose "html" the admin inserts into the page.
        return json.loads(text).get("html") or ""
    return text


def assert_every_inline_script_has_the_nonce(response) -> ScriptsAndHandlers:
    nonce = nonce_of(policy(response))
    parsed = parse(html_of(response))
    path = response.request["PATH_INFO"]
    wrong = [
        f"{attrs.get('nonce')!r}: {text.strip()[:80]}"
        for attrs, text in executable_inline_scripts(parsed)
        if nonce is None or attrs.get("nonce") != nonce
    ]
    assert wrong == [], f"{path}: inline scripts without the response's nonce {nonce!r}"
    assert parsed.inline_code == [], f"{path}: inline event handlers / javascript: URLs"
    return parsed


def get(client, url, host, **extra):
    response = client.get(url, HTTP_HOST=host, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response


# -- the public site ------------------------------------------------------------------------


@pytest.fixture
def news_item(village_a):
    index = NewsIndexPage.objects.descendant_of(village_a.page).get()
    item = NewsPage(title="Kerja Bakti Dusun Krajan", slug="kerja-bakti", intro="Gotong royong")
    index.add_child(instance=item)
    return item


def public_urls(village_a, news_item):
    return [
        (village_a.host, "/"),
        (village_a.host, "/berita/"),
        (village_a.host, news_item.relative_url(village_a.site)),
        (village_a.host, "/kontak/"),  # the contact form
        (village_a.host, "/peta/"),
        (village_a.host, "/cari/?q=desa"),
    ]


def test_public_pages_send_the_strict_policy_with_a_nonce(client, village_a, news_item, regency):
    urls = [*public_urls(village_a, news_item), (regency.host, "/")]  # the portal too
    for host, url in urls:
        response = get(client, url, host)
        directives = policy(response)
        nonce = nonce_of(directives)

        assert directives["default-src"] == ["'self'"]
        assert directives["script-src"] == ["'self'", f"'nonce-{nonce}'"]
        assert directives["style-src"] == ["'self'", f"'nonce-{nonce}'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["form-action"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'self'"]
        assert "'self'" in directives["img-src"] and "data:" in directives["img-src"]
        for sources in directives.values():
            assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources

        parsed = assert_every_inline_script_has_the_nonce(response)
        # The theme's one <style> (the village colours) runs on the same nonce.
        assert [style.get("nonce") for style in parsed.styles] == [nonce], url


def test_every_response_gets_a_fresh_nonce(client, village_a):
    first = nonce_of(policy(get(client, "/", village_a.host)))
    second = nonce_of(policy(get(client, "/", village_a.host)))
    assert first != second
    assert len(first) >= 22  # 16 random bytes, base64


def test_only_the_map_page_may_load_openstreetmap_tiles(client, village_a):
    assert MapPage.objects.descendant_of(village_a.page).exists()
    assert TILE_ORIGIN in policy(get(client, "/peta/", village_a.host))["img-src"]
    assert TILE_ORIGIN not in policy(get(client, "/", village_a.host))["img-src"]


def test_unknown_host_page_sends_the_policy_too(client, db):
    response = client.get("/", HTTP_HOST="tidak-ada.tuban.test")
    assert response.status_code == 404
    assert policy(response)["default-src"] == ["'self'"]


# -- media on S3 ------------------------------------------------------------------------------


def s3_storage(**options):
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "desa-media",
            "region_name": "ap-southeast-3",
            "access_key": "x",
            "secret_key": "y",
            "querystring_auth": False,
            **options,
        },
    }


@pytest.mark.parametrize(
    ("options", "origin"),
    [
        ({"custom_domain": "media.tubankab.go.id"}, "https://media.tubankab.go.id"),
        ({"endpoint_url": "https://s3.example.id"}, "https://s3.example.id"),
    ],
    ids=["custom-domain", "endpoint"],
)
def test_images_may_come_from_the_s3_media_origin(client, settings, village_a, options, origin):
    before = policy(get(client, "/", village_a.host))["img-src"]
    assert before == ["'self'", "data:"]

    settings.STORAGES = {**settings.STORAGES, "default": s3_storage(**options)}

    assert policy(get(client, "/", village_a.host))["img-src"] == ["'self'", "data:", origin]
    assert origin in policy(get(client, "/admin/login/", village_a.host))["img-src"]


# -- environment switches ---------------------------------------------------------------------


def test_report_only_sends_the_same_policy_as_report_only_header(client, settings, village_a):
    """What CSP_REPORT_ONLY=true sets (cms/settings/base.py; the switch itself: tests/cms)."""
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    del settings.CONTENT_SECURITY_POLICY

    public = get(client, "/", village_a.host)
    admin = get(client, "/admin/login/", village_a.host)

    for response in (public, admin):
        assert HEADER not in response.headers
    directives = policy(public, REPORT_ONLY_HEADER)
    assert directives["script-src"][0] == "'self'"
    assert nonce_of(directives) in public.content.decode()
    assert policy(admin, REPORT_ONLY_HEADER)["style-src"] == ["'self'", "'unsafe-inline'"]


# -- the admin ---------------------------------------------------------------------------------


@pytest.fixture
def editor_content(settings, tmp_path, village_a, news_item):
    """A news item with a picture, a category and an English translation, in village A."""
    settings.MEDIA_ROOT = tmp_path
    image = get_image_model().objects.create(
        title="Foto kerja bakti",
        file=get_test_image_file("kerja-bakti.png"),
        collection=village_a.collection,
    )
    news_item.featured_image = image
    news_item.save_revision().publish()
    category = NewsCategory.objects.create(
        region=village_a.region, name="Kegiatan", slug="kegiatan"
    )
    source, _created = TranslationSource.get_or_create_from_instance(news_item)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="en")
    )
    translation.save_target(publish=False)
    english = news_item.get_translation(Locale.objects.get(language_code="en"))
    return {"news": news_item, "image": image, "category": category, "english": english}


def operator_admin_urls(village_a, content):
    news, image = content["news"], content["image"]
    index = news.get_parent()
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[village_a.page.pk]),
        reverse("wagtailadmin_explore", args=[index.pk]),
        # StreamField, date picker, image chooser, tags, an inline panel of image choosers
        reverse("wagtailadmin_pages:edit", args=[news.pk]),
        reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk]),
        reverse("wagtailadmin_pages:edit", args=[village_a.page.pk]),
        # wagtail-localize's "translate" form
        reverse("wagtail_localize:submit_page_translation", args=[news.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailsnippets_news_newscategory:list"),
        reverse("wagtailsnippets_news_newscategory:edit", args=[content["category"].pk]),
        reverse("wagtailsnippets_news_newscategory:add"),
        reverse("wagtailsettings:edit", args=["villages", "villageidentity", village_a.site.pk]),
        reverse("wagtailsettings:edit", args=["villages", "navigationsettings", village_a.site.pk]),
        reverse("wagtailforms:index"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_account"),
    ]


def test_admin_pages_send_the_policy_and_every_inline_script_has_its_nonce(
    client, village_a, operator_a, editor_content
):
    client.force_login(operator_a)
    checked = 0
    for url in operator_admin_urls(village_a, editor_content):
        response = get(client, url, village_a.host, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        directives = policy(response)
        nonce = nonce_of(directives)
        assert directives["script-src"] == ["'self'", *([f"'nonce-{nonce}'"] if nonce else [])]
        # Wagtail's editors insert <style> elements (villages/csp.py says why); scripts stay strict.
        assert directives["style-src"] == ["'self'", "'unsafe-inline'"], url
        assert directives["object-src"] == ["'none'"]
        parsed = assert_every_inline_script_has_the_nonce(response)
        checked += len(executable_inline_scripts(parsed))
    # The page editor alone runs several (date picker, choosers, inline panel): the check
    # above really looked at nonced scripts, not at pages that happen to have none.
    assert checked >= 10


def test_chooser_modals_bring_no_inline_scripts(client, village_a, operator_a, editor_content):
    """Modal HTML is fetched and inserted into the page that opened it: a script in it would
    carry the modal response's nonce, not the page's, and never run. There is none."""
    client.force_login(operator_a)
    urls = [
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtailimages_chooser:choose_results"),  # an HTML fragment, not JSON
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[village_a.page.pk]),
        reverse("wagtailadmin_choose_page_external_link"),
        reverse("wagtailadmin_choose_page_email_link"),
        reverse("wagtailadmin_choose_page_phone_link"),
        reverse("wagtailadmin_choose_page_anchor_link"),
        reverse("wagtailsnippetchoosers_news_newscategory:choose"),
        reverse("wagtailembeds:chooser"),
    ]
    for url in urls:
        response = get(client, url, village_a.host, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        parsed = parse(html_of(response))
        assert html_of(response), url
        assert executable_inline_scripts(parsed) == [], url
        assert parsed.inline_code == [], url


def test_page_editor_scripts_are_the_ones_wagtail_needs_and_all_nonced(
    client, village_a, operator_a, editor_content
):
    client.force_login(operator_a)
    url = reverse("wagtailadmin_pages:edit", args=[editor_content["news"].pk])
    response = get(client, url, village_a.host)

    parsed = assert_every_inline_script_has_the_nonce(response)
    code = " ".join(text for _attrs, text in executable_inline_scripts(parsed))
    wanted = ("initDateChooser(", "initDateTimeChooser(", "new ImageChooser(", "new InlinePanel(")
    for start in wanted:
        assert start in code, start


def test_superuser_admin_pages_have_nonces_on_their_inline_scripts(
    client, superuser, village_a, editor_content
):
    from wagtail.models import Workflow

    client.force_login(superuser)
    workflow = Workflow.objects.first()
    group = village_a.group(Role.OPERATOR)
    urls = [
        # wagtail-localize's translation editor (the English page sits outside the operator's
        # tree, whose English side is not provisioned)
        reverse("wagtailadmin_pages:edit", args=[editor_content["english"].pk]),
        reverse("wagtailadmin_workflows:edit", args=[workflow.pk]),  # task and page choosers
        reverse("wagtailusers_groups:edit", args=[group.pk]),  # page permission choosers
        reverse("wagtailsites:edit", args=[village_a.site.pk]),
        reverse("wagtailusers_users:index"),  # date filters
    ]
    code = []
    for url in urls:
        response = get(client, url, village_a.host)
        parsed = assert_every_inline_script_has_the_nonce(response)
        code += [text for _attrs, text in executable_inline_scripts(parsed)]
    code = " ".join(code)
    for start in ("window.chooserUrls", "createTaskChooser(", "new PageChooser("):
        assert start in code, start


def test_inline_script_without_nonce_is_caught(client, village_a, operator_a, monkeypatch):
    """The check above can fail: a chooser rendered by Wagtail's own render has no nonce."""
    from villages.patches import chooser_script_nonce

    client.force_login(operator_a)
    monkeypatch.setattr(
        chooser_script_nonce.PATCH.target, "render", chooser_script_nonce.PATCH.original
    )
    url = reverse("wagtailsettings:edit", args=["villages", "villageidentity", village_a.site.pk])
    response = get(client, url, village_a.host)
    with pytest.raises(AssertionError, match="without the response's nonce"):
        assert_every_inline_script_has_the_nonce(response)
