"""Public documents are served on their own village's site and its portal only (issue 9, 4 and 6).

Requests go through Wagtail's real serve view (``/documents/<id>/<name>``) with real Host
headers: the village's own host, the regency portal above it, another village's host,
another regency's portal, and hosts that are no site (the admin's, a stranger's). The
query count per download is measured with eighty villages in tests/villages/test_scaling.py.
"""

import pytest

from tests import factories
from tests.assets.helpers import model_add_document
from villages.demo.media import pdf_bytes
from villages.models.regions import Role

PDF = pdf_bytes("APBDes 2026", "Anggaran Pendapatan dan Belanja Desa")
ADMIN_HOST = "admin.testserver"


@pytest.fixture
def document(village_a):
    return model_add_document(village_a.collection, "apbdes.pdf", PDF, title="APBDes 2026")


def served(client, document, host) -> int:
    response = client.get(document.url, HTTP_HOST=host)
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == PDF
    return response.status_code


def test_document_is_served_on_its_own_village_site_and_its_regency_portal(
    client, document, village_a, regency
):
    assert served(client, document, village_a.host) == 200
    assert served(client, document, regency.host) == 200


def test_document_is_not_served_on_another_village_or_another_regency(
    client, document, village_b, village_c, village_other_regency, other_regency
):
    for tenant in (village_b, village_c, village_other_regency, other_regency):
        assert served(client, document, tenant.host) == 404, tenant.host


@pytest.mark.parametrize("host", [ADMIN_HOST, "bukan-situs.test", "127.0.0.1"])
def test_document_is_not_served_to_the_public_on_a_host_that_is_no_site(client, document, host):
    assert served(client, document, host) == 404


def test_admin_host_serves_document_to_signed_in_editors_of_its_village_only(
    document, village_a, village_b, other_regency, regency
):
    operator_a = factories.operator_of(village_a)
    assert served(factories.logged_in(operator_a), document, ADMIN_HOST) == 200
    regency_admin = factories.make_user(Role.REGENCY_ADMIN, regency.region)
    assert served(factories.logged_in(regency_admin), document, ADMIN_HOST) == 200
    for outsider in (
        factories.operator_of(village_b),
        factories.make_user(Role.REGENCY_ADMIN, other_regency.region),
        factories.make_user(),  # signed in, no admin access
    ):
        assert served(factories.logged_in(outsider), document, ADMIN_HOST) == 404


def test_signed_in_editor_of_another_village_is_refused_on_that_village_host(document, village_b):
    operator_b = factories.logged_in(factories.operator_of(village_b))
    assert served(operator_b, document, village_b.host) == 404
