"""Drive Wagtail's page editor as a browser would (shared by the moderation and audit tests)."""

from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

# The id of the editing form: the page editor's, and that of every other Wagtail edit view
# (snippets, site settings).
PAGE_FORM_ID = "page-edit-form"
EDITOR_FORM_ID = "w-editor-form"


def editor_form(client, url, form_id=PAGE_FORM_ID):
    """The data of the edit form at ``url`` as the browser would send it, and the bound form
    object the view rendered it from (its fields, formsets and stream blocks)."""
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    data = querydict_from_html(response.text, form_id=form_id)
    # The StreamField editor is built in the browser: its inputs are not in the HTML, so
    # every stream field is posted as an empty stream, as the editor posts one.
    form = response.context["form"]
    for name, field in form.fields.items():
        if hasattr(field, "block"):
            data.update(nested_form_data({name: streamfield([])}))
    return data, form


def page_form(client, url, **fields):
    """The data of the page form at ``url`` as the browser would send it, with ``fields``."""
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.text, form_id=PAGE_FORM_ID)
    # The StreamField editor is built in the browser; an empty body is posted like this.
    data.update(nested_form_data({"body": streamfield([])}))
    data.update(fields)
    return data
