"""The site's open-data catalogue in DCAT, as JSON-LD: ``/data/catalog.jsonld``.

Every site (village, kecamatan, regency) publishes its datasets (population statistics,
APBDes, each development index) with publisher, licence, period and download links, so that
open-data portals of the CKAN family (ckanext-dcat harvesters, the national portal included)
harvest every village without a per-village integration. The ``@context`` is inline: a
harvester never has to fetch a remote context. A dataset without figures has no
distribution. The download URLs are the data pages' own (``/statistik/data.csv?periode=…``,
``/apbdes/…?tahun=…``, ``/idm/…?tahun=…``), on the site's own address.

Two queries whatever the number of villages below the region: the site's region and the
current releases grouped by dataset and period (sums by code prefix, as in the roll-ups).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count, Max
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.models import Site

from villages.scope import region_for_site

from . import indices
from .datasets import by_semester, dataset_label, dataset_slugs
from .models import Release
from .models.releases import BUDGET, POPULATION
from .periods import parse_period
from .rollups import code_q, is_rollup

CONTENT_TYPE = "application/ld+json"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "adms": "http://www.w3.org/ns/adms#",
}
# The data page of each dataset (pages helper) and its period parameter.
PAGES = {POPULATION: "statistik", BUDGET: "apbdes"}
FORMATS = {
    "csv": ("text/csv", "CSV"),
    "json": ("application/json", "JSON"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
}
IANA = "https://www.iana.org/assignments/media-types/"


def page_slug(dataset: str) -> str:
    return PAGES.get(dataset, dataset)  # an index's page is its slug (``/idm/``)


def period_parameter(dataset: str) -> str:
    return "periode" if by_semester(dataset) else "tahun"


def download_url(root: str, dataset: str, period: str, extension: str) -> str:
    query = urlencode({period_parameter(dataset): period})
    return f"{root}/{page_slug(dataset)}/data.{extension}?{query}"


def _date(value) -> dict:
    return {"@value": value, "@type": "xsd:date"}


def temporal(periods) -> dict | None:
    """The span from the first day of the oldest period to the last day of the newest."""
    if not periods:
        return None
    oldest, newest = periods[-1], periods[0]
    start_month = 7 if oldest.semester == 2 else 1
    end = f"{newest.year}-06-30" if newest.semester == 1 else f"{newest.year}-12-31"
    return {
        "@type": "dct:PeriodOfTime",
        "dcat:startDate": _date(f"{oldest.year}-{start_month:02d}-01"),
        "dcat:endDate": _date(end),
    }


def _releases_by_dataset(region) -> dict[str, dict]:
    """Per dataset: its periods (newest first) and when its newest release was saved."""
    rows = (
        Release.objects.filter(code_q(region), is_current=True)
        .values("dataset", "period")
        .annotate(n=Count("pk"), newest=Max("created_at"))
    )
    found: dict[str, dict] = {}
    for row in rows:
        entry = found.setdefault(row["dataset"], {"periods": [], "modified": None})
        entry["periods"].append(parse_period(row["period"]))
        if entry["modified"] is None or row["newest"] > entry["modified"]:
            entry["modified"] = row["newest"]
    for entry in found.values():
        entry["periods"].sort(key=lambda p: p.sort_key, reverse=True)
    return found


def _keywords(dataset: str) -> list[str]:
    if dataset == POPULATION:
        return ["penduduk", "statistik", "kependudukan"]
    if dataset == BUDGET:
        return ["APBDes", "anggaran", "keuangan desa"]
    kind = indices.get_index(dataset)
    return [kind.short if kind else dataset, "indeks desa"]


def _description(dataset: str, region) -> str:
    scope = (
        _("dijumlahkan dari desa-desa di %(region)s") if is_rollup(region) else _("%(region)s")
    ) % {"region": region.display_name}
    if dataset == POPULATION:
        text = _("Jumlah penduduk menurut kategori (laki-laki dan perempuan), per periode")
    elif dataset == BUDGET:
        text = _("Anggaran dan realisasi APBDes menurut kode rekening, per tahun")
    else:
        text = _("Nilai indeks, subindeks dan status desa, per tahun")
    return f"{text}: {scope}."


def build_catalog(site: Site, region) -> dict:
    root = site.root_url
    publisher = {
        "@id": f"{root}/#penerbit",
        "@type": "foaf:Organization",
        "foaf:name": region.display_name,
        "dct:identifier": region.code,
        "foaf:homepage": {"@id": f"{root}/"},
    }
    releases = _releases_by_dataset(region)
    datasets = []
    for slug in dataset_slugs():
        entry = releases.get(slug)
        if entry is None:
            continue  # no figures yet: nothing to harvest
        title = f"{dataset_label(slug)} {region.display_name}"
        dataset = {
            "@id": f"{root}/{page_slug(slug)}/#dataset",
            "@type": "dcat:Dataset",
            "dct:identifier": f"{region.code}/{slug}",
            "dct:title": title,
            "dct:description": _description(slug, region),
            "dct:publisher": {"@id": publisher["@id"]},
            "dct:license": {"@id": LICENSE},
            "dct:language": {
                "@id": "http://publications.europa.eu/resource/authority/language/IND"
            },
            "dct:modified": {"@value": entry["modified"].isoformat(), "@type": "xsd:dateTime"},
            "dct:temporal": temporal(entry["periods"]),
            "dcat:keyword": _keywords(slug),
            "dcat:landingPage": {"@id": f"{root}/{page_slug(slug)}/"},
            "dcat:distribution": [
                {
                    "@id": download_url(root, slug, str(period), extension),
                    "@type": "dcat:Distribution",
                    "dct:title": f"{title} {period.label} ({label})",
                    "dct:license": {"@id": LICENSE},
                    "dcat:accessURL": {"@id": f"{root}/{page_slug(slug)}/"},
                    "dcat:downloadURL": {"@id": download_url(root, slug, str(period), extension)},
                    "dcat:mediaType": {"@id": f"{IANA}{media_type}"},
                    "dct:format": label,
                    "dct:temporal": temporal([period]),
                }
                for period in entry["periods"]
                for extension, (media_type, label) in FORMATS.items()
            ],
        }
        datasets.append(dataset)
    return {
        "@context": CONTEXT,
        "@id": f"{root}/data/catalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": _("Katalog data terbuka %(region)s") % {"region": region.display_name},
        "dct:description": _(
            "Data agregat %(region)s: statistik penduduk, APBDes dan indeks desa. "
            "Tanpa data pribadi."
        )
        % {"region": region.display_name},
        "dct:publisher": publisher,
        "dct:license": {"@id": LICENSE},
        "foaf:homepage": {"@id": f"{root}/"},
        "dcat:dataset": datasets,
    }


@require_GET
def catalog_view(request):
    site = Site.find_for_request(request)
    region = region_for_site(site)
    if region is None:
        raise Http404(_("Situs ini tidak mewakili desa, kecamatan, atau kabupaten."))
    response = JsonResponse(
        build_catalog(site, region),
        content_type=CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
