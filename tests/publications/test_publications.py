"""Public documents (/dokumen/): per village, filterable, downloadable on the village's host."""

import datetime
import re

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

import pytest

from publications import demo
from publications.models import (
    DocumentCategory,
    DocumentIndexPage,
    PublicDocumentPage,
    file_size_label,
)
from publications.services import latest_documents
from tests.api.helpers import section

PDF_SIZE = 42 * 1024


def documents_index(tenant) -> DocumentIndexPage:
    return section(tenant, "dokumen")


def make_pdf(tenant, title, size=PDF_SIZE):
    """A stored "PDF" of ``size`` bytes in the village's collection."""
    content = b"%PDF-1.4\n" + b"0" * (size - 9)
    document = get_document_model()(
        title=title,
        file=ContentFile(content, name=f"{title}.pdf"),
        collection=tenant.collection,
    )
    document.save()
    return document


def publish_document(tenant, title, *, category=DocumentCategory.PERDES, year=2026, **fields):
    fields.setdefault("document", make_pdf(tenant, re.sub(r"\W+", "-", title.lower())))
    page = PublicDocumentPage(
        title=title,
        slug=re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
        category=category,
        year=year,
        **fields,
    )
    documents_index(tenant).add_child(instance=page)
    page.save_revision().publish()
    return page


def get(client, tenant, path, **params):
    return client.get(path, params, HTTP_HOST=tenant.host)


def listed(response):
    """Titles of the documents a listing shows, in order."""
    assert response.status_code == 200
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', response.text)


# -- section ----------------------------------------------------------------------------


def test_every_village_gets_one_documents_section_that_holds_only_documents(village_a, village_b):
    for tenant in (village_a, village_b):
        assert isinstance(documents_index(tenant), DocumentIndexPage)
    assert DocumentIndexPage.allowed_subpage_models() == [PublicDocumentPage]
    assert PublicDocumentPage.allowed_parent_page_models() == [DocumentIndexPage]


def test_categories_carry_indonesian_labels():
    labels = [str(label) for label in DocumentCategory.labels]
    assert labels == [
        "Peraturan Desa",
        "Peraturan Kepala Desa",
        "Keputusan Kepala Desa",
        "APBDes",
        "Laporan (LKPPD/LPPD/realisasi)",
        "Informasi Berkala (PPID)",
        "Informasi Serta Merta (PPID)",
        "Informasi Setiap Saat (PPID)",
        "Lainnya",
    ]


@pytest.mark.parametrize(
    "size,label",
    [(None, ""), (0, "1 KB"), (300, "1 KB"), (PDF_SIZE, "42 KB"), (1363149, "1,3 MB")],
)
def test_file_size_reads_as_residents_expect(size, label):
    assert file_size_label(size) == label


# -- public pages ------------------------------------------------------------------------


def test_index_lists_this_villages_documents_newest_first_with_download_links(
    client, village_a, village_b
):
    publish_document(village_a, "Perdes Lama", year=2019)
    current = publish_document(
        village_a,
        "Perdes APBDes",
        category=DocumentCategory.APBDES,
        number="1",
        enacted_on=datetime.date(2026, 1, 2),
        summary="Anggaran desa tahun 2026.",
    )
    publish_document(village_b, "Perdes Wangi")

    response = get(client, village_a, "/dokumen/")
    assert listed(response) == ["Perdes APBDes", "Perdes Lama"]
    text = response.text
    assert "APBDes" in text
    assert "Nomor 1 Tahun 2026" in text
    assert '<time datetime="2026-01-02">' in text
    assert "Anggaran desa tahun 2026." in text
    assert f'href="{current.document.url}"' in text
    assert "PDF, 42 KB" in text
    assert 'aria-label="Unduh Perdes APBDes (PDF, 42 KB)"' in text
    assert "Perdes Wangi" not in text

    assert listed(get(client, village_b, "/dokumen/")) == ["Perdes Wangi"]


def test_index_offers_only_this_villages_categories_and_years_as_filters(
    client, village_a, village_b
):
    publish_document(village_a, "Perdes Kebonharjo", year=2026)
    publish_document(village_b, "Laporan Wangi", category=DocumentCategory.LAPORAN, year=2011)

    text = get(client, village_a, "/dokumen/").text
    form = text.split('class="document-filter"')[1].split("</form>")[0]
    assert '<option value="perdes">Peraturan Desa</option>' in form
    assert '<option value="2026">2026</option>' in form
    assert 'value="laporan"' not in form
    assert "2011" not in form


def test_index_filters_by_category_and_year(client, village_a):
    publish_document(village_a, "Perdes Kebersihan", year=2025)
    publish_document(village_a, "Perdes APBDes", year=2026)
    publish_document(village_a, "LKPPD", category=DocumentCategory.LAPORAN, year=2026)

    assert listed(get(client, village_a, "/dokumen/", kategori="perdes")) == [
        "Perdes APBDes",
        "Perdes Kebersihan",
    ]
    assert listed(get(client, village_a, "/dokumen/", tahun="2025")) == ["Perdes Kebersihan"]
    both = get(client, village_a, "/dokumen/", kategori="perdes", tahun="2026")
    assert listed(both) == ["Perdes APBDes"]
    assert '<option value="perdes" selected>' in both.text
    assert '<option value="2026" selected>' in both.text
    assert "Hapus saringan" in both.text


@pytest.mark.parametrize(
    "params",
    [
        {"kategori": "tidak-ada"},
        {"tahun": "abc"},
        {"tahun": "1999"},
        {"tahun": "99999999999999999999999"},
        {"tahun": "²⁰²⁶"},
        {"tahun": "-2026"},
        {"kategori": "<script>alert(1)</script>"},
        {"kategori": "perdes", "tahun": "2026", "page": "abc"},
    ],
)
def test_invalid_filters_give_a_friendly_empty_list(client, village_a, params):
    publish_document(village_a, "Perdes APBDes", category=DocumentCategory.APBDES, year=2026)
    response = get(client, village_a, "/dokumen/", **params)
    assert response.status_code == 200
    assert listed(response) == []
    assert "Tidak ada dokumen yang cocok dengan pilihan ini." in response.text
    assert "<script>alert(1)</script>" not in response.text


def test_index_says_so_when_there_are_no_documents(client, village_a):
    response = get(client, village_a, "/dokumen/")
    assert response.status_code == 200
    assert "Belum ada dokumen publik." in response.text
    assert 'class="document-filter"' not in response.text


def test_index_paginates_and_keeps_filters_on_page_links(client, village_a):
    for n in range(22):
        publish_document(village_a, f"Keputusan {n:02d}", number=str(n), year=2026)
    publish_document(village_a, "Perdes Lain", year=2025)

    first = get(client, village_a, "/dokumen/", tahun="2026")
    assert len(listed(first)) == 20
    assert 'href="?tahun=2026&amp;page=2"' in first.text
    second = get(client, village_a, "/dokumen/", tahun="2026", page="2")
    assert len(listed(second)) == 2
    assert "Perdes Lain" not in second.text


def test_document_page_shows_details_and_download(client, village_a):
    page = publish_document(
        village_a,
        "Peraturan Desa tentang APBDes",
        category=DocumentCategory.APBDES,
        number="3",
        enacted_on=datetime.date(2026, 1, 2),
        summary="Pendapatan Rp1.412.500.000.",
        body="<p>Disepakati bersama BPD.</p>",
    )
    response = get(client, village_a, page.url)
    assert response.status_code == 200
    text = response.text
    assert "<h1>Peraturan Desa tentang APBDes</h1>" in text
    assert "<dt>Nomor</dt><dd>3</dd>" in text
    assert "<dt>Tahun</dt><dd>2026</dd>" in text
    assert '<time datetime="2026-01-02">2 Januari 2026</time>' in text
    assert "Pendapatan Rp1.412.500.000." in text
    assert "Disepakati bersama BPD." in text
    assert f'href="{page.document.url}"' in text
    assert "PDF, 42 KB" in text
    assert "style=" not in text.split("</head>")[1]


def test_document_page_of_other_village_is_not_served_on_this_host(client, village_a, village_b):
    page = publish_document(village_b, "Perdes Wangi")
    assert get(client, village_a, page.url).status_code == 404
    assert get(client, village_b, page.url).status_code == 200


# -- downloads ---------------------------------------------------------------------------


def test_download_links_resolve_on_own_host_only(client, village_a, village_b):
    own = publish_document(village_a, "Perdes Kebonharjo")
    other = publish_document(village_b, "Perdes Wangi")

    link = re.search(r'<a class="button" href="([^"]+)"', get(client, village_a, own.url).text)
    assert link.group(1) == own.document.url
    download = get(client, village_a, link.group(1))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    assert get(client, village_a, other.document.url).status_code == 404
    assert get(client, village_b, other.document.url).status_code == 200


# -- API ---------------------------------------------------------------------------------


def test_api_v2_lists_this_villages_documents_with_absolute_download_url(
    client, village_a, village_b
):
    page = publish_document(
        village_a,
        "Perdes APBDes",
        category=DocumentCategory.APBDES,
        number="1",
        enacted_on=datetime.date(2026, 1, 2),
        summary="Anggaran desa.",
    )
    other = publish_document(village_b, "Perdes Wangi")

    response = get(
        client, village_a, "/api/v2/pages/", type="publications.PublicDocumentPage", fields="*"
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Perdes APBDes"]
    item = items[0]
    for field in PublicDocumentPage.api_fields:
        assert field.name in item, field.name
    assert item["category"] == "apbdes"
    assert item["category_label"] == "APBDes"
    assert item["number"] == "1"
    assert item["year"] == 2026
    assert item["enacted_on"] == "2026-01-02"
    assert item["summary"] == "Anggaran desa."
    assert item["document"] == {
        "title": page.document.title,
        "download_url": f"http://{village_a.host}{page.document.url}",
        "file_type": "PDF",
        "file_size": PDF_SIZE,
    }
    assert other.document.url not in response.text
    assert village_b.host not in response.text


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_api_detail_exposes_every_document_field_on_own_host_only(
    client, village_a, village_b, version
):
    page = publish_document(village_a, "Perdes APBDes", number="1")
    query = "?fields=*" if version == "v2" else ""
    response = get(client, village_a, f"/api/{version}/pages/{page.pk}/{query}")
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    for field in PublicDocumentPage.api_fields:
        assert field.name in body, field.name
    assert body["document"]["download_url"] == f"http://{village_a.host}{page.document.url}"
    assert body["document"]["file_size"] == PDF_SIZE

    assert get(client, village_b, f"/api/{version}/pages/{page.pk}/{query}").status_code == 404


def test_documents_index_api_exposes_its_fields(client, village_a):
    index = documents_index(village_a)
    body = get(client, village_a, f"/api/v2/pages/{index.pk}/", fields="*").json()
    for field in DocumentIndexPage.api_fields:
        assert field.name in body


# -- search ------------------------------------------------------------------------------


def test_search_finds_a_document_by_its_number_on_own_site_only(client, village_a, village_b):
    publish_document(village_a, "Peraturan Desa tentang Pungutan Desa", number="3")
    publish_document(village_a, "Peraturan Desa tentang APBDes", number="1")
    publish_document(village_b, "Peraturan Desa tentang Pasar Desa", number="3")
    names = {f.field_name for f in PublicDocumentPage.search_fields}
    assert {"title", "number", "summary", "category_label"} <= names

    text = get(client, village_a, "/cari/", q="Nomor 3 Tahun 2026").text
    assert "Peraturan Desa tentang Pungutan Desa" in text
    if "Peraturan Desa tentang APBDes" in text:  # shares "Tahun 2026": must rank lower
        assert text.index("Pungutan Desa") < text.index("tentang APBDes")
    assert "Pasar Desa" not in text


def test_search_finds_documents_by_category_label_and_summary(client, village_a):
    publish_document(
        village_a,
        "Realisasi Semester I",
        category=DocumentCategory.BERKALA,
        summary="Serapan anggaran posyandu",
    )
    assert "Realisasi Semester I" in get(client, village_a, "/cari/", q="berkala").text
    assert "Realisasi Semester I" in get(client, village_a, "/cari/", q="posyandu").text


# -- query counts ------------------------------------------------------------------------

# Generous for the base layout (navigation, identity, language switcher); what matters is
# that 3 and 12 documents cost the same.
MAX_QUERIES = 30


def count_queries(client, tenant, path, assert_max_num_queries) -> int:
    assert get(client, tenant, path).status_code == 200
    cache.clear()
    get(client, tenant, path)  # site-root index and settings rebuilt
    with assert_max_num_queries(MAX_QUERIES) as queries:
        response = get(client, tenant, path)
    assert response.status_code == 200
    return len(queries)


def test_index_query_count_does_not_grow_with_documents(
    client, village_a, django_assert_max_num_queries
):
    for n in range(3):
        publish_document(village_a, f"Perdes {n:02d}", number=str(n))
    with_three = count_queries(client, village_a, "/dokumen/", django_assert_max_num_queries)
    for n in range(3, 12):
        publish_document(village_a, f"Perdes {n:02d}", number=str(n))
    with_twelve = count_queries(client, village_a, "/dokumen/", django_assert_max_num_queries)
    assert with_twelve == with_three


def test_latest_documents_gives_own_newest_documents_in_one_query(village_a, village_b):
    for n in range(6):
        publish_document(village_a, f"Perdes {n}", number=str(n))
    publish_document(village_b, "Perdes Wangi")

    with CaptureQueriesContext(connection) as queries:
        documents = latest_documents(village_a.page)
        descriptions = [d.file_description for d in documents]
    assert [d.title for d in documents] == [f"Perdes {n}" for n in (5, 4, 3, 2, 1)]
    assert descriptions == ["PDF, 42 KB"] * 5
    assert len(queries) == 1  # the documents with their files
    assert [d.title for d in latest_documents(village_a.page, limit=2)] == ["Perdes 5", "Perdes 4"]


# -- admin -------------------------------------------------------------------------------


def add_url(tenant):
    return reverse(
        "wagtailadmin_pages:add",
        args=["publications", "publicdocumentpage", documents_index(tenant).pk],
    )


def document_form(client, tenant, **fields):
    url = add_url(tenant)
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.text, form_id="page-edit-form")
    data.update(
        {
            "title": "Perdes Pungutan",
            "slug": "perdes-pungutan",
            "category": "perdes",
            "number": "3",
            "year": "2026",
            **fields,
        }
    )
    return url, data


def post(client, url, data, action):
    data[action] = "1"
    return client.post(url, data)


def test_operator_publishes_document_through_admin(client_for, operator_a, village_a):
    client = client_for(operator_a)
    pdf = make_pdf(village_a, "pungutan")
    url, data = document_form(client, village_a, document=str(pdf.pk))
    response = post(client, url, data, "action-publish")
    assert response.status_code == 302, response.context["form"].errors
    page = PublicDocumentPage.objects.get(slug="perdes-pungutan")
    assert page.live
    assert page.document == pdf
    assert page.reference == "Nomor 3 Tahun 2026"


@pytest.mark.parametrize("action", ["action-publish", "action-save"])
def test_document_without_file_is_refused_with_indonesian_error(
    client_for, operator_a, village_a, action
):
    client = client_for(operator_a)
    url, data = document_form(client, village_a, document="")
    response = post(client, url, data, action)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["document"] == [
        "Pilih atau unggah berkas dokumen (misalnya PDF) agar warga dapat mengunduhnya."
    ]
    assert "Pilih atau unggah berkas dokumen" in response.text
    assert not Page.objects.filter(slug="perdes-pungutan").exists()


@pytest.mark.parametrize("year", ["1944", "1000", "next+1", "40000", ""])
def test_document_with_year_out_of_range_is_refused(client_for, operator_a, village_a, year):
    last = timezone.localdate().year + 1
    if year == "next+1":
        year = str(last + 1)
    client = client_for(operator_a)
    pdf = make_pdf(village_a, "pungutan")
    url, data = document_form(client, village_a, document=str(pdf.pk), year=year)
    response = post(client, url, data, "action-publish")
    assert response.status_code == 200
    errors = response.context["form"].errors["year"]
    if year in ("1944", "1000", str(last + 1)):
        assert errors == [f"Tahun harus antara 1945 dan {last}."]
    assert errors
    assert not Page.objects.filter(slug="perdes-pungutan").exists()


@pytest.mark.parametrize("year", ["1945", "next"])
def test_document_year_limits_are_inclusive(client_for, operator_a, village_a, year):
    if year == "next":
        year = str(timezone.localdate().year + 1)
    client = client_for(operator_a)
    pdf = make_pdf(village_a, "pungutan")
    url, data = document_form(client, village_a, document=str(pdf.pk), year=year)
    response = post(client, url, data, "action-publish")
    assert response.status_code == 302
    assert PublicDocumentPage.objects.get(slug="perdes-pungutan").year == int(year)


def test_document_of_another_village_cannot_be_attached(
    client_for, superuser, village_a, village_b
):
    client = client_for(superuser)
    foreign = make_pdf(village_b, "dokumen-wangi")
    url, data = document_form(client, village_a, document=str(foreign.pk))
    response = post(client, url, data, "action-publish")
    assert response.status_code == 200
    assert "document" in response.context["form"].errors
    assert not Page.objects.filter(slug="perdes-pungutan").exists()


def test_file_used_by_a_document_page_cannot_be_deleted(client_for, operator_a, village_a):
    page = publish_document(village_a, "Perdes APBDes")
    client = client_for(operator_a)
    url = reverse("wagtaildocs:delete", args=[page.document.pk])
    client.post(url)
    assert get_document_model().objects.filter(pk=page.document.pk).exists()


def test_operator_edits_document_and_sees_only_own_files_offered(client_for, operator_a, village_a):
    page = publish_document(village_a, "Perdes APBDes", number="1")
    client = client_for(operator_a)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.fields["document"].queryset) == set(
        get_document_model().objects.filter(collection=village_a.collection)
    )


def test_operator_of_other_village_cannot_add_documents_here(client_for, operator_b, village_a):
    response = client_for(operator_b).get(add_url(village_a))
    assert response.status_code in (302, 403, 404)


# -- demo --------------------------------------------------------------------------------


def test_demo_populates_four_documents_once_and_they_render(client, village_a):
    demo.populate(village_a.page)
    demo.populate(village_a.page)

    pages = PublicDocumentPage.objects.child_of(documents_index(village_a)).live()
    assert pages.count() == 4
    assert set(pages.values_list("category", flat=True)) == {
        DocumentCategory.APBDES,
        DocumentCategory.PERDES,
        DocumentCategory.LAPORAN,
        DocumentCategory.BERKALA,
    }
    for page in pages:
        assert page.document.file_extension == "pdf"
        assert get(client, village_a, page.url).status_code == 200
        assert get(client, village_a, page.document.url).status_code == 200
    index = get(client, village_a, "/dokumen/")
    assert len(listed(index)) == 4
    assert "Nomor 1 Tahun 2026" in index.text
