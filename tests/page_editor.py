"""Drive Wagtail's page editor as a browser would (shared by the moderation and audit tests)."""

from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield


def page_form(client, url, **fields):
    """The data of the page form at ``url`` as the browser would send it, with ``fields``."""
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.text, form_id="page-edit-form")
    # The StreamField editor is built in the browser; an empty body is posted like this.
    data.update(nested_form_data({"body": streamfield([])}))
    data.update(fields)
    return data
