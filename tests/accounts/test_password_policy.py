"""Password rules: Django's validators plus common Indonesian passwords and region names.

Dewi holds roles in two villages of two regencies (operator of Kebonharjo in Jatirogo,
Tuban; contributor of Sembung in Sukorame, Lamongan). Wangi (Jatirogo) and Karangasem (Jenu,
Tuban) are not hers.
"""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

import pytest

from accounts.validators import IndonesianPasswordValidator
from tests import factories
from villages.models.regions import Role


@pytest.fixture
def dewi(village_a, village_other_regency):
    user = factories.operator_of(village_a, username="dewi", email="dewi@desa.test")
    user.groups.add(village_other_regency.group(Role.CONTRIBUTOR))
    return user


def refusal_codes(password, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return [e.code for e in error.error_list]
    return []


def indonesian_refusal(password, user=None) -> str | None:
    try:
        IndonesianPasswordValidator().validate(password, user)
    except ValidationError as error:
        return error.code
    return None


@pytest.mark.parametrize(
    "password",
    [
        "bismillah123",
        "Bismillah2024!",
        "b1sm1ll4h!!",
        "Alhamdulillah1",
        "indonesia1945",
        "Indonesia!945",
        "merdeka17081945",
        "Sayangku2024",
        "akusayangkamu",
        "rahasia!!2024",
        "r4h4s14desa",
        "katasandi123",
        "desa12345678",
        "4dmin-desa-2024",
        "P@ssw0rd!2024",
        "Persebaya1927",
    ],
)
def test_common_indonesian_passwords_are_refused(password):
    assert indonesian_refusal(password) == "password_common_indonesian"


@pytest.mark.parametrize(
    "password",
    ["kopi-sawah-pagi-hujan-17", "Lumbung-padi-Senja-4821", "xK9#mQ2$vL77", "Tr4ktor#Sawah91"],
)
def test_uncommon_passwords_pass_every_validator(password, dewi):
    assert refusal_codes(password, dewi) == []


@pytest.mark.parametrize(
    ("password", "name"),
    [
        ("Kebonharjo-Lumbung-77", "Kebonharjo"),
        ("k3bonharjo#Sawah91", "Kebonharjo"),
        ("jatirogo-Lumbung-77", "Jatirogo"),
        ("Lumbung#TUBAN-2026", "Kabupaten Tuban"),
        ("Sembung-Lumbung-77", "Sembung"),
        ("Lumbung-Lamongan-77", "Kabupaten Lamongan"),
    ],
)
def test_names_of_the_users_own_regions_are_refused_in_both_regencies(dewi, password, name):
    with pytest.raises(ValidationError) as refused:
        IndonesianPasswordValidator().validate(password, dewi)

    assert refused.value.code == "password_contains_region_name"
    assert refused.value.messages == [f"Sandi tidak boleh memuat nama wilayah Anda ({name})."]


def test_names_of_other_villages_are_not_the_users_concern(dewi, village_b):
    wangi_operator = factories.operator_of(village_b)

    assert refusal_codes("Wangi-Lumbung-7421", dewi) == []
    assert refusal_codes("Karangasem-Lumbung-77", dewi) == []
    assert indonesian_refusal("Wangi-Lumbung-7421", wangi_operator) == (
        "password_contains_region_name"
    )


def test_account_not_saved_yet_is_checked_without_regions():
    unsaved = get_user_model()(username="baru")

    assert refusal_codes("Kebonharjo-Lumbung-77", unsaved) == []
    assert indonesian_refusal("bismillah2024", unsaved) == "password_common_indonesian"


def test_django_validators_still_apply_with_indonesian_messages(dewi):
    with pytest.raises(ValidationError) as refused:
        validate_password("Xy7#kq2", dewi)

    assert "Sandi ini terlalu pendek. Sandi harus berisi paling sedikit 10 karakter." in (
        refused.value.messages
    )
    assert "password_entirely_numeric" in refusal_codes("8405917362", dewi)
    assert "password_too_similar" in refusal_codes("dewi@desa.test", dewi)


def test_reset_form_refuses_the_village_name_with_an_indonesian_error(dewi):
    client = Client()
    client.post(reverse("wagtailadmin_password_reset"), {"email": "dewi@desa.test"})
    link = re.search(r"http://admin\.testserver(\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]

    response = client.post(
        form_url,
        {"new_password1": "Kebonharjo-Lumbung-77", "new_password2": "Kebonharjo-Lumbung-77"},
    )

    assert response.status_code == 200
    assert "Sandi tidak boleh memuat nama wilayah Anda (Kebonharjo)." in (response.content.decode())
    dewi.refresh_from_db()
    assert dewi.check_password(factories.PASSWORD)
