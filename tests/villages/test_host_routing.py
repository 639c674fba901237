from django.urls import reverse

import pytest


def get(client, host, path="/", **extra):
    return client.get(path, HTTP_HOST=host, **extra)


def test_each_village_answers_on_its_own_host(client, village_a, village_b):
    response_a = get(client, village_a.host)
    response_b = get(client, village_b.host)
    assert response_a.status_code == 200
    assert response_b.status_code == 200
    assert "Desa Kebonharjo" in response_a.text
    assert "Desa Wangi" not in response_a.text
    assert "Desa Wangi" in response_b.text


def test_regency_portal_answers_on_base_domain(client, regency):
    response = get(client, "tuban.test")
    assert response.status_code == 200
    assert regency.page.title in response.text
    assert "Kecamatan Jatirogo" in response.text


def test_unknown_village_host_gets_clear_404_not_another_site(client, village_a):
    response = get(client, "tidakada.tuban.test")
    assert response.status_code == 404
    assert "Situs tidak ditemukan" in response.text
    assert "Kebonharjo" not in response.text


def test_unknown_host_outside_base_domain_gets_404(client, regency):
    response = get(client, "example.org")
    assert response.status_code == 404
    assert regency.page.title not in response.text


def test_unknown_host_still_gets_404_when_a_village_is_the_default_site(client, village_a):
    village_a.site.is_default_site = True
    village_a.site.save()
    response = get(client, "salah-ketik.tuban.test")
    assert response.status_code == 404
    assert "Kebonharjo" not in response.text


def test_village_page_reached_through_portal_redirects_to_village_host(client, village_a):
    response = get(client, "tuban.test", "/jatirogo/kebonharjo/profil/")
    assert response.status_code == 301
    assert response["Location"] == "http://kebonharjo.tuban.test/profil/"


def test_village_urls_point_at_village_host_from_portal(client, village_a, regency):
    response = get(client, "tuban.test", "/jatirogo/")
    assert response.status_code == 200
    assert 'href="http://kebonharjo.tuban.test/"' in response.text


def test_standard_sections_are_served_on_village_host(client, village_a):
    for path in ("/profil/", "/berita/", "/kontak/"):
        assert get(client, village_a.host, path).status_code == 200, path


def test_admin_answers_on_any_allowed_host(client, db):
    response = get(client, "admin.tuban.test", reverse("wagtailadmin_login"))
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/", "/profil/"])
def test_anonymous_public_pages_are_cacheable(client, village_a, path):
    response = get(client, village_a.host, path)
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]


def test_pages_with_a_form_are_not_publicly_cacheable(client, village_a):
    response = get(client, village_a.host, "/kontak/")
    assert "public" not in response.get("Cache-Control", "")


def test_logged_in_responses_are_not_publicly_cacheable(client, village_a, operator_a):
    client.force_login(operator_a)
    response = get(client, village_a.host)
    assert "public" not in response.get("Cache-Control", "")
