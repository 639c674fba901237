"""The demo setup command: villages on localhost:8000 and an admin with a fresh random password.

The session already holds Tuban under "tuban.test"; these tests import only the district
Jenu (35.23.12), whose other villages then join under "localhost" as the demo would add them.
"""

import re
from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from wagtail.models import Site

import pytest

from villages.management.commands.setup_demo import DEMO_CSV
from villages.models import Region
from villages.models.regions import Level
from villages.wilayah import read_selection

JENU = "35.23.12"
JENU_VILLAGES = 17


def run_setup_demo(region=JENU):
    out = StringIO()
    call_command("setup_demo", region=region, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """The output of one setup_demo run, shared by this module's tests (importing a district
    with its demo content takes a while). Rolled back when the module is done; each test
    still runs in its own savepoint on top of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield run_setup_demo()
        transaction.set_rollback(True)


def printed_password(output):
    match = re.search(r"Sandi:\s+(\S+)", output)
    assert match, output
    return match.group(1)


def test_demo_csv_holds_every_district_and_village_of_tuban():
    selection = read_selection(DEMO_CSV, "35.23")

    districts = {row.name for row in selection.by_level(Level.DISTRICT)}
    assert len(selection.villages) == 328
    assert {"Jatirogo", "Jenu"} <= districts
    assert "Kebonharjo" in {row.name for row in selection.villages}


def test_setup_demo_prints_admin_url_and_a_password_that_logs_in(demo_output, client, db):
    output = demo_output

    assert "http://localhost:8000/admin/" in output
    assert re.search(r"Pengguna:\s+admin\b", output)
    assert client.login(username="admin", password=printed_password(output))
    response = client.get(reverse("wagtailadmin_home"), HTTP_HOST="localhost:8000")
    assert response.status_code == 200


def test_setup_demo_prints_one_random_password_for_an_account_of_each_role(demo_output, client, db):
    output = demo_output
    match = re.search(r"Akun peran \(sandi: (\S+)\):", output)
    assert match, output
    password = match.group(1)
    assert len(password) >= 16 and password != printed_password(output)
    accounts = {
        "operator.karangasem": "Operator — Karangasem",
        "kontributor.karangasem": "Kontributor — Karangasem",
        "editor.352312": "Editor kecamatan — Jenu",
        "diskominfo.3523": "Admin kabupaten — Kabupaten Tuban",
    }
    for username, role in accounts.items():
        assert re.search(rf"{re.escape(username)}\s+{role}", output), username
        assert client.login(username=username, password=password)
    # The operator manages the village's contributors in the team admin.
    client.login(username="operator.karangasem", password=password)
    team = client.get(reverse("accounts_team:index"), HTTP_HOST="localhost:8000")
    assert "kontributor.karangasem" in team.text


def test_each_run_gives_admin_a_new_random_password_and_imports_nothing_twice(
    demo_output, client, db
):
    first = printed_password(demo_output)
    regions, sites = Region.objects.count(), Site.objects.count()

    second_output = run_setup_demo()
    second = printed_password(second_output)

    assert first != second
    assert len(second) >= 16
    assert "Tidak ada perubahan" in second_output
    assert (Region.objects.count(), Site.objects.count()) == (regions, sites)
    assert not client.login(username="admin", password=first)
    assert client.login(username="admin", password=second)


def test_setup_demo_gives_every_new_village_a_localhost_site_that_answers(demo_output, client, db):
    output = demo_output

    villages = Region.objects.filter(code__startswith=f"{JENU}.", level=Level.VILLAGE)
    assert villages.count() == JENU_VILLAGES
    assert not villages.filter(site__isnull=True).exists()
    # Karangasem came from the session fixture and keeps its address; the rest are new.
    new_sites = Site.objects.filter(region__in=villages).exclude(hostname__endswith=".tuban.test")
    assert new_sites.count() == JENU_VILLAGES - 1
    assert {site.port for site in new_sites} == {8000}
    assert all(site.hostname.endswith(".localhost") for site in new_sites)

    socorejo = Region.objects.get(code="35.23.12.2002").site
    assert socorejo.hostname == "socorejo.localhost"
    assert "http://socorejo.localhost:8000/" in output
    response = client.get("/", HTTP_HOST="socorejo.localhost:8000")
    assert response.status_code == 200
    assert "Socorejo" in response.content.decode()
