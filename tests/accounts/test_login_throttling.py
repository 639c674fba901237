"""Login throttling through Wagtail's real login view (django-axes).

Ana holds roles in two villages of two regencies (operator of Kebonharjo, Tuban; contributor
of Sembung, Lamongan); Budi is the operator of Wangi, next door in the same district. They
sign in from the same address, as village staff behind one mobile carrier's NAT do.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import SESSION_KEY
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

import pytest
from axes.models import AccessAttempt

from accounts.throttling import clear_lockouts
from audit.models import Action, RegionLogEntry
from audit.services import entries_for_user
from tests import factories
from villages.models.regions import Role

SHARED_ADDRESS = "10.20.30.40"
OTHER_ADDRESS = "10.20.30.41"
WRONG = "salah-sekali-Tebakan-9"
LIMIT = 5


@pytest.fixture
def ana(village_a, village_other_regency):
    user = factories.operator_of(village_a, username="ana", first_name="Ana")
    user.groups.add(village_other_regency.group(Role.CONTRIBUTOR))
    return user


@pytest.fixture
def budi(village_b):
    return factories.operator_of(village_b, username="budi")


def sign_in(username, password=factories.PASSWORD, address=SHARED_ADDRESS, **extra):
    """One sign-in on a fresh browser (no session): the login view's response."""
    return Client().post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and SESSION_KEY in response.client.session


def fail(username, times, address=SHARED_ADDRESS, **extra):
    return [sign_in(username, WRONG, address, **extra).status_code for _ in range(times)]


def test_fifth_failure_locks_and_sixth_attempt_is_refused_with_429_even_with_right_password(
    ana,
):
    assert fail("ana", LIMIT - 1) == [200] * (LIMIT - 1)
    assert sign_in("ana", WRONG).status_code == 429

    response = sign_in("ana")

    assert response.status_code == 429
    assert not signed_in(response)
    assert response["Retry-After"] == str(15 * 60)
    assert "no-cache" in response["Cache-Control"]
    text = response.content.decode()
    assert "Masuk dikunci sementara" in text
    assert "15 menit" in text
    assert f'href="{reverse("wagtailadmin_password_reset")}"' in text


def test_lockout_does_not_stop_another_username_from_the_same_address(ana, budi):
    fail("ana", LIMIT)

    assert signed_in(sign_in("budi"))
    assert sign_in("ana").status_code == 429


def test_lockout_does_not_stop_the_same_username_from_another_address(ana):
    fail("ana", LIMIT)

    # A stranger who knows Ana's username cannot lock her out of her own connection.
    assert signed_in(sign_in("ana", address=OTHER_ADDRESS))


def test_sign_in_works_again_once_the_cool_off_has_passed(ana):
    fail("ana", LIMIT)
    assert sign_in("ana").status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert signed_in(sign_in("ana"))


def test_refused_attempts_during_lockout_do_not_extend_it(ana):
    fail("ana", LIMIT)
    started = AccessAttempt.objects.get(username="ana").attempt_time

    fail("ana", 3)
    sign_in("ana")

    attempt = AccessAttempt.objects.get(username="ana")
    assert attempt.attempt_time == started
    assert attempt.failures_since_start == LIMIT


def test_successful_sign_in_resets_the_failure_count(ana):
    fail("ana", LIMIT - 1)
    assert signed_in(sign_in("ana"))

    assert fail("ana", LIMIT - 1) == [200] * (LIMIT - 1)
    assert signed_in(sign_in("ana"))


def test_clear_lockouts_ends_the_lockout_from_every_address(ana, budi):
    fail("ana", LIMIT)
    fail("ana", LIMIT, address=OTHER_ADDRESS)
    fail("budi", LIMIT)

    assert clear_lockouts(ana) == 2

    assert signed_in(sign_in("ana"))
    assert signed_in(sign_in("ana", address=OTHER_ADDRESS))
    assert sign_in("budi").status_code == 429


def test_lockout_is_recorded_once_in_each_village_history_of_the_account_only(
    ana, budi, village_a, village_b, village_other_regency
):
    fail("ana", LIMIT)
    fail("ana", 2)  # refused during the lockout: no new entry

    entries = RegionLogEntry.objects.filter(action=Action.USER_LOCKED_OUT)
    assert sorted(entries.values_list("region__code", flat=True)) == sorted(
        [village_a.region.code, village_other_regency.region.code]
    )
    assert set(entries.values_list("target_user", flat=True)) == {ana.pk}
    assert set(entries.values_list("object_label", flat=True)) == {"ana"}
    for entry in entries:
        assert WRONG not in str(entry.data)
        assert SHARED_ADDRESS not in str(entry.data)
    # Budi, the operator next door, reads nothing of it; Ana's own village does.
    assert not entries_for_user(budi).filter(action=Action.USER_LOCKED_OUT).exists()
    lamongan_admin = factories.regency_admin_of(factories.tenant("35.24"))
    visible = entries_for_user(lamongan_admin).filter(action=Action.USER_LOCKED_OUT)
    assert list(visible.values_list("region__code", flat=True)) == [
        village_other_regency.region.code
    ]


def test_failed_password_is_never_stored(ana):
    fail("ana", LIMIT)

    for attempt in AccessAttempt.objects.all():
        assert WRONG not in attempt.post_data
        assert WRONG not in attempt.get_data


def test_lockout_of_a_username_nobody_has_writes_no_history(ana):
    assert fail("tidak-ada", LIMIT)[-1] == 429

    assert not RegionLogEntry.objects.filter(action=Action.USER_LOCKED_OUT).exists()


def test_forwarded_for_header_is_ignored_without_trusted_proxies(ana):
    # Without a proxy of ours in front, a client could otherwise pick a new address per try.
    for n in range(LIMIT):
        sign_in("ana", WRONG, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")

    assert sign_in("ana", HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


@override_settings(CONTACT_FORM_TRUSTED_PROXIES=1)
def test_behind_a_trusted_proxy_the_forwarded_client_address_is_counted(ana):
    proxy = "10.0.0.2"
    fail("ana", LIMIT, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert sign_in("ana", address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    assert signed_in(sign_in("ana", address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.8"))
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"


@override_settings(AXES_FAILURE_LIMIT=2, AXES_COOLOFF_TIME=timedelta(minutes=30))
def test_limit_and_cool_off_come_from_settings(ana):
    assert fail("ana", 2) == [200, 429]

    response = sign_in("ana")

    assert response.status_code == 429
    assert "30 menit" in response.content.decode()


def test_test_client_login_helpers_still_sign_in(ana, client):
    # force_login picks the first backend that loads users (ModelBackend, not the throttle);
    # login() authenticates without a request, which the throttle lets through.
    client.force_login(ana)
    assert client.session["_auth_user_backend"] == "django.contrib.auth.backends.ModelBackend"
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    other = Client()
    assert other.login(username="ana", password=factories.PASSWORD)
    assert not other.login(username="ana", password=WRONG)


def test_sign_in_attempts_cost_a_few_queries(ana, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        assert sign_in("ana", WRONG).status_code == 200
    fail("ana", LIMIT - 1)

    with django_assert_max_num_queries(8):
        assert sign_in("ana").status_code == 429
