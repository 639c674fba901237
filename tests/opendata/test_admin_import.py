"""Import in the admin: unggah → preview → confirm; errors as a table; nothing half-saved."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from opendata.models import Release
from tests import factories
from tests.opendata.test_rollups import population_release

pytest.importorskip("opendata.importing")

pytestmark = pytest.mark.django_db

URL = "opendata_import"
HEADER = "kode_wilayah,periode,statistik,kelompok,laki_laki,perempuan\n"


def csv_file(body, name="data.csv"):
    return SimpleUploadedFile(name, (HEADER + body).encode(), content_type="text/csv")


def upload(client, body, name="data.csv"):
    return client.post(reverse(URL), {"file": csv_file(body, name)})


def test_preview_then_confirm_saves_a_new_version(client_for, operator_a, village_a):
    population_release(village_a.region, "2025-S1", {("agama", "Islam"): (1, 1)})
    client = client_for(operator_a)
    preview = upload(client, "35.23.02.2001,2025-S1,agama,Islam,1210,1185\n")
    assert preview.status_code == 200
    token = preview.context["token"]
    assert token and 'id="import-preview"' in preview.text
    assert Release.objects.filter(village=village_a.region).count() == 1
    confirmed = client.post(reverse(URL), {"token": token})
    assert confirmed.status_code == 302
    current = Release.objects.get(village=village_a.region, is_current=True)
    assert (current.version, current.source, current.filename) == (2, "import", "data.csv")
    assert current.population.get(group__label="Islam").male == 1210
    # The token is spent: a second confirm saves nothing more.
    assert client.post(reverse(URL), {"token": token}).status_code == 404
    assert Release.objects.filter(village=village_a.region).count() == 2


def test_bad_file_shows_row_and_column_and_saves_nothing(client_for, operator_a, village_a):
    body = "35.23.02.2001,2025-S1,agama,Islam,10,10\n35.23.02.2001,2025-S1,agama,Islam,-3,x\n"
    response = upload(client_for(operator_a), body)
    assert response.status_code == 200
    errors = response.context["errors"]
    assert errors and 'id="import-errors"' in response.text
    assert any(e.row == 3 for e in errors) or any(str(e.row) == "3" for e in errors)
    assert any(e.column in ("laki_laki", "perempuan") for e in errors)
    assert response.context["token"] is None
    assert not Release.objects.filter(village=village_a.region).exists()


def test_operator_file_with_another_villages_rows_refused(client_for, operator_a, village_b):
    body = "35.23.02.2001,2025-S1,agama,Islam,10,10\n35.23.02.2002,2025-S1,agama,Islam,1,1\n"
    response = upload(client_for(operator_a), body)
    assert response.context["errors"]
    assert any(e.column == "kode_wilayah" for e in response.context["errors"])
    assert not Release.objects.exists()


def test_regency_admin_imports_many_villages(client_for, regency, village_a, village_b):
    client = client_for(factories.regency_admin_of(regency))
    body = "35.23.02.2001,2025-S1,agama,Islam,10,10\n35.23.02.2002,2025-S1,agama,Islam,1,1\n"
    preview = upload(client, body)
    assert preview.context["token"], preview.context["errors"]
    assert client.post(reverse(URL), {"token": preview.context["token"]}).status_code == 302
    assert Release.objects.filter(is_current=True).count() == 2


def test_another_users_token_is_refused(client_for, operator_a, operator_b, village_a):
    client = client_for(operator_a)
    token = upload(client, "35.23.02.2001,2025-S1,agama,Islam,10,10\n").context["token"]
    client.logout()
    other = client_for(operator_b)
    assert other.post(reverse(URL), {"token": token}).status_code == 404
    assert not Release.objects.exists()


def test_wrong_file_type_is_a_field_error(client_for, operator_a):
    response = upload(client_for(operator_a), "", name="data.txt")
    assert "csv" in " ".join(response.context["form"].errors["file"])


def test_template_download(client_for, operator_a):
    pytest.importorskip("opendata.import_templates")
    response = client_for(operator_a).get(
        reverse("opendata_import_template", args=["population", "csv"])
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert text.startswith("kode_wilayah") and "35.23.02.2001" in text
    assert "35.23.02.2002" not in text
