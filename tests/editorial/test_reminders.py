"""send_freshness_reminders: only the inactive village's own reachable operators get an email,
at most once per interval; a dry run sends and writes nothing."""

import datetime
from io import StringIO

from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import formats, timezone, translation

from wagtail.users.models import UserProfile

import pytest

from audit.models import Action, RegionLogEntry
from editorial.models import RegencyPolicy, ReminderLog
from tests.editorial.helpers import clock, days_ago, operator, publish_page
from villages.timezones import WIB


def run(*args, **options) -> str:
    out = StringIO()
    call_command("send_freshness_reminders", *args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


@pytest.fixture
def people(village_a, village_b, village_c, village_other_regency):
    """Kebonharjo (inactive: published 40 days ago) has an operator with an email, one
    without, a deactivated one and a contributor; Wangi (active) and Sembung (Lamongan,
    inactive) have an operator each; Karangasem (inactive) has none."""
    from tests import factories

    publish_page(village_a, "Kabar Lama", at=days_ago(40))
    publish_page(village_b, "Kabar Baru", at=days_ago(2))
    return {
        "reachable": operator(village_a, email="sri@kebonharjo.test"),
        "no_email": operator(village_a, email=""),
        "deactivated": operator(village_a, email="lama@kebonharjo.test", is_active=False),
        "contributor": factories.contributor_of(village_a, email="kt@kebonharjo.test"),
        "wangi": operator(village_b, email="op@wangi.test"),
        "sembung": operator(village_other_regency, email="op@sembung.test"),
    }


def last_published_date(tenant) -> datetime.date:
    """The village's last publication as a date on its own clock (WIB in Jawa Timur)."""
    tenant.region.refresh_from_db()
    return tenant.region.last_published_at.astimezone(WIB).date()


def recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def test_dry_run_sends_nothing_writes_nothing_and_lists_who_would_get_what(people):
    profiles = UserProfile.objects.count()

    output = run("--dry-run", "--regency", "35.23")

    assert mail.outbox == []
    assert ReminderLog.objects.count() == 0
    assert not RegionLogEntry.objects.filter(action=Action.REMINDER_SENT).exists()
    assert UserProfile.objects.count() == profiles
    assert "sri@kebonharjo.test" in output
    assert "Kebonharjo" in output
    for other in ("op@wangi.test", "lama@kebonharjo.test", "kt@kebonharjo.test"):
        assert other not in output


def test_only_the_inactive_villages_active_operators_with_email_are_reminded(people, village_a):
    output = run("--regency", "35.23")

    assert recipients() == {"sri@kebonharjo.test"}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Kebonharjo" in message.subject
    assert formats.date_format(last_published_date(village_a), "j F Y") in message.body
    assert "http://admin.testserver/admin/login/" in message.body
    log = ReminderLog.objects.get()
    assert (log.region, log.recipient_count) == (village_a.region, 1)
    # The village's history shows the reminder, sent by the platform itself.
    [entry] = RegionLogEntry.objects.filter(action=Action.REMINDER_SENT)
    assert (entry.region, entry.actor, entry.data) == (village_a.region, None, {"recipients": 1})
    # Karangasem is inactive but nobody can be reached: listed for the regency to act.
    assert "Karangasem (35.23.12.2001, Jenu)" in output
    assert "diingatkan: 1" in output


def test_village_that_never_published_says_so(people, village_c):
    operator(village_c, email="op@karangasem.test")

    run("--regency", "35.23")

    message = next(m for m in mail.outbox if m.to == ["op@karangasem.test"])
    assert "belum pernah" in message.body


def test_reminders_go_out_in_each_operators_admin_language(people, village_a):
    english = operator(village_a, email="en@kebonharjo.test")
    UserProfile.objects.create(user=english, preferred_language="en")

    run("--regency", "35.23")

    local_date = last_published_date(village_a)
    by_address = {message.to[0]: message.body for message in mail.outbox}
    for address, language in (("sri@kebonharjo.test", "id"), ("en@kebonharjo.test", "en")):
        with translation.override(language):
            assert formats.date_format(local_date, "j F Y") in by_address[address]


def test_without_regency_every_regency_is_handled_and_operators_stay_with_their_village(
    people,
):
    run()

    assert recipients() == {"sri@kebonharjo.test", "op@sembung.test"}
    for message in mail.outbox:
        village = "Sembung" if message.to == ["op@sembung.test"] else "Kebonharjo"
        assert village in message.subject and village in message.body


def test_a_village_is_not_reminded_again_within_the_interval(people):
    run("--regency", "35.23")
    assert len(mail.outbox) == 1

    output = run("--regency", "35.23")
    assert len(mail.outbox) == 1
    assert "baru diingatkan: 1" in output

    with clock(timezone.now() + datetime.timedelta(days=8)):  # the default interval is 7
        run("--regency", "35.23")
    assert len(mail.outbox) == 2
    assert ReminderLog.objects.count() == 2


def test_regency_with_reminders_disabled_gets_nothing(people, regency):
    RegencyPolicy.objects.create(region=regency.region, reminders_enabled=False)

    output = run("--regency", "35.23")

    assert mail.outbox == []
    assert ReminderLog.objects.count() == 0
    assert "dimatikan" in output


def test_policy_interval_and_threshold_are_the_regencys(people, regency):
    RegencyPolicy.objects.create(
        region=regency.region, inactive_after_days=60, reminder_interval_days=1
    )

    run("--regency", "35.23")

    assert mail.outbox == []  # Kebonharjo published 40 days ago: active under a 60-day rule


def test_unknown_regency_is_a_clear_error(db):
    with pytest.raises(CommandError, match="99.99"):
        run("--regency", "99.99")
