"""No silent dead ends: a submission whose approvers no email reaches is said so.

When the people of a moderation step (the village's operators, then the editors above them,
as ``editorial.notifications`` picks them) have no email address, nobody is emailed. The
submitter is warned right after sending (through the real page editor), the submitter and the
regency admins of that regency (only theirs) see it on the admin home page, and the freshness
dashboard tags the village and exports the count. Every request goes to a real village or
portal host.
"""

import csv
import io
import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from editorial import reach
from editorial.views.reach import panel_for
from home.models import StandardPage
from tests import factories
from tests.editorial.helpers import submit_for_moderation
from tests.editorial.test_moderation_flow import set_policy
from tests.page_editor import page_form
from tests.villages.test_moderation import approve_url

TITLE = "Usulan PKK Kebonharjo"
WARNING = "Tidak ada yang diberi tahu lewat email"
PANEL = 'id="unreached-moderation'
FLAG = 'data-flag="reviewers-unreachable"'
CSV_COLUMN = "Menunggu di peninjau tanpa email"


def client_on(host, user):
    client = Client(HTTP_HOST=host)
    client.force_login(user)
    return client


def submit_through_editor(client, village, title=TITLE):
    """Write a standard page in ``village`` and press "Kirim untuk ditinjau"."""
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", village.page.pk])
    data = page_form(client, url, title=title, slug="usulan-pkk")
    data["action-submit"] = "1"
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    page = StandardPage.objects.child_of(village.page).get(slug="usulan-pkk")
    assert page.current_workflow_state is not None
    return response, page


def home(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.text


@pytest.fixture
def no_email(village_a, regency):
    """Around Kebonharjo nobody who could approve has an email address: its operator and
    Tuban's regency admin have none, and there is no district editor."""
    return {
        "operator": factories.operator_of(village_a, email=""),
        "admin": factories.regency_admin_of(regency, email=""),
    }


@pytest.fixture
def contributor(village_a):
    return factories.contributor_of(village_a, email="pkk@kebonharjo.test")


# -- the submitter ---------------------------------------------------------------------------


def test_submitter_is_warned_right_after_submitting_when_nobody_is_emailed(
    no_email, contributor, village_a
):
    client = client_on(village_a.host, contributor)

    response, page = submit_through_editor(client, village_a)

    assert mail.outbox == []  # the dead end is real
    shown = [str(message) for message in response.context["messages"]]
    [warning] = [text for text in shown if WARNING in text]
    assert "Persetujuan operator desa" in warning and "Desa Kebonharjo" in warning
    assert "alamat email" in warning and "Diskominfo" in warning
    # And the home page keeps saying so, with the page.
    text = home(client)
    assert PANEL in text
    assert f'data-unreached-page="{page.pk}"' in text and TITLE in text


def test_no_notice_when_an_approver_has_an_email_address(contributor, village_a, regency):
    factories.operator_of(village_a, email="")
    factories.operator_of(village_a, email="op@kebonharjo.test")
    admin = factories.regency_admin_of(regency, email="")
    client = client_on(village_a.host, contributor)

    response, _ = submit_through_editor(client, village_a)

    assert [message.to for message in mail.outbox] == [["op@kebonharjo.test"]]
    assert WARNING not in response.text
    assert not any(WARNING in str(m) for m in response.context["messages"])
    assert PANEL not in home(client)
    assert PANEL not in home(client_on(regency.host, admin))


def test_a_district_editor_with_email_above_the_village_is_reach_enough(
    no_email, contributor, village_a
):
    # The notifier falls back to the district editors; the notice follows the same rounds.
    factories.district_editor_of(factories.tenant("35.23.02"), email="ed@jatirogo.test")
    client = client_on(village_a.host, contributor)

    response, _ = submit_through_editor(client, village_a)

    assert [message.to for message in mail.outbox] == [["ed@jatirogo.test"]]
    assert not any(WARNING in str(m) for m in response.context["messages"])
    assert PANEL not in home(client)


def test_saving_a_draft_gives_no_warning(no_email, contributor, village_a):
    client = client_on(village_a.host, contributor)
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", village_a.page.pk])
    data = page_form(client, url, title=TITLE, slug="usulan-pkk")

    response = client.post(url, data, follow=True)

    assert not any(WARNING in str(m) for m in response.context["messages"])


# -- regency admins ----------------------------------------------------------------------------


def test_regency_admin_sees_their_village_with_the_unreached_submission(
    no_email, contributor, village_a, regency
):
    submit_for_moderation(village_a, TITLE, contributor)

    text = home(client_on(regency.host, no_email["admin"]))

    assert PANEL in text
    assert 'data-unreached-village="35.23.02.2001"' in text
    assert re.search(r"Desa Kebonharjo: 1 kiriman", text)
    assert reverse("accounts_team:index") in text


def test_regency_admin_of_another_regency_does_not_see_it(
    no_email, contributor, village_a, other_regency
):
    submit_for_moderation(village_a, TITLE, contributor)
    lamongan_admin = factories.regency_admin_of(other_regency, email="")

    text = home(client_on(other_regency.host, lamongan_admin))

    assert PANEL not in text
    assert "35.23.02.2001" not in text and "Kebonharjo" not in text


def test_second_step_without_reachable_district_editors_is_shown_to_the_regency_admin(
    contributor, village_a, regency
):
    # District review on; Kebonharjo's operator (with email) approves the first step; the
    # second step has no district editor, and the regency admin has no email.
    admin = factories.regency_admin_of(regency, email="")
    operator = factories.operator_of(village_a, email="op@kebonharjo.test")
    assert set_policy(admin, "35.23", district_review="on").status_code == 302
    page = submit_for_moderation(village_a, TITLE, contributor)
    assert reach.unreached_in_regions([regency.region]) == []  # step 1 reaches the operator

    client_on(village_a.host, operator).post(approve_url(page), {"comment": ""})
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Persetujuan editor kecamatan"

    [waiting] = reach.unreached_in_regions([regency.region])
    assert waiting.page_id == page.pk and waiting.task_name == "Persetujuan editor kecamatan"
    assert 'data-unreached-village="35.23.02.2001"' in home(client_on(regency.host, admin))
    assert f'data-unreached-page="{page.pk}"' in home(client_on(village_a.host, contributor))


# -- the freshness dashboard -------------------------------------------------------------------


def test_freshness_dashboard_tags_the_village_and_the_csv_counts_it(
    no_email, contributor, village_a, village_b, regency
):
    submit_for_moderation(village_a, TITLE, contributor)
    factories.operator_of(village_b, email="op@wangi.test")
    submit_for_moderation(village_b, "Usulan Wangi", factories.contributor_of(village_b))
    client = client_on(regency.host, no_email["admin"])

    response = client.get(reverse("editorial_freshness_results"))
    assert response.status_code == 200
    rows = re.findall(r"<tr.*?</tr>", response.text, re.S)
    flagged = [row for row in rows if FLAG in row]
    assert len(flagged) == 1 and "Kebonharjo" in flagged[0]
    assert "Peninjau tanpa email" in flagged[0]

    export = client.get(reverse("editorial_freshness"), {"export": "csv"})
    content = b"".join(export.streaming_content).decode("utf-8-sig")
    by_name = {row["Desa"]: row for row in csv.DictReader(io.StringIO(content))}
    assert by_name["Kebonharjo"][CSV_COLUMN] == "1"
    assert by_name["Wangi"][CSV_COLUMN] == "0"  # waiting, but its operator has an email
    assert by_name["Wangi"]["Menunggu moderasi"] == "1"


# -- queries -----------------------------------------------------------------------------------


def count_queries(callable_):
    with CaptureQueriesContext(connection) as ctx:
        callable_()
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_villages_or_submissions(
    no_email, contributor, village_a, village_b, village_c, regency, django_assert_max_num_queries
):
    admin = no_email["admin"]
    submit_for_moderation(village_a, TITLE, contributor)
    client = client_on(regency.host, admin)
    home(client)  # warm up what Wagtail caches per process

    def measure():
        fresh = get_user_model().objects.get(pk=admin.pk)  # empty scope cache
        return count_queries(lambda: panel_for(fresh)), count_queries(
            lambda: reach.unreached_of_submitter(contributor)
        )

    before = measure()
    for village in (village_b, village_c):
        factories.operator_of(village, email="")
        for n in range(3):
            submit_for_moderation(village, f"Usulan {n}", factories.contributor_of(village))
    for n in range(3):
        submit_for_moderation(village_a, f"Usulan lain {n}", contributor)
    after = measure()

    print(f"queries (home panel, submitter's list): {before} with 1 submission, {after} with 10")
    assert len(reach.unreached_for_regency_admin(admin)) == 10
    assert after == before
    # Wagtail's own "awaiting your review" panel costs a query per page on the same home
    # page; the bounds are on what this feature adds.
    fresh = get_user_model().objects.get(pk=admin.pk)
    with django_assert_max_num_queries(12):
        panel = panel_for(fresh)
    assert [entry["count"] for entry in panel.villages] == [3, 4, 3]
    with django_assert_max_num_queries(30):
        results = client.get(reverse("editorial_freshness_results"))
    assert results.text.count(FLAG) == 3
    assert 'data-unreached-village="35.23.12.2001"' in home(client)
