"""Every page type publishes all of its content fields through the API, and nothing private."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

from wagtail.models import Page, get_page_models

import pytest
from modelcluster.fields import ParentalKey

from villages import sections

# The ground floor and every app that registered a section (villages.sections).
OUR_APPS = {"villages", *sections.section_app_labels()}
# Form settings of the contact page: where submissions are emailed is not public content.
PRIVATE_FIELDS = {"to_address", "from_address", "subject"}
# Page-level machinery, not content.
NOT_CONTENT = {"region", "tagged_items"}  # tags are published as "tags"


def our_page_models():
    return sorted(
        (m for m in get_page_models() if m._meta.app_label in OUR_APPS and not m._meta.abstract),
        key=lambda m: m._meta.label,
    )


def content_fields(model) -> set[str]:
    """Fields a page type adds to Wagtail's Page (its own and its abstract bases'), and inlines."""
    page_fields = {f.name for f in Page._meta.get_fields()}
    names = set()
    for field in model._meta.get_fields():
        if field.name in page_fields or field.name.endswith("_ptr"):
            continue
        if isinstance(field, models.ForeignObjectRel):
            # Inline panels: child objects held by a ParentalKey on this page.
            if isinstance(field.remote_field, ParentalKey) and field.related_model is not None:
                names.add(field.get_accessor_name())
            continue
        if field.concrete:
            names.add(field.name)
    return names - NOT_CONTENT


@pytest.mark.parametrize("model", our_page_models(), ids=lambda m: m._meta.label)
def test_page_type_declares_every_content_field_in_the_api(model):
    declared = {field.name for field in model.api_fields}
    missing = content_fields(model) - declared - PRIVATE_FIELDS
    assert not missing, f"{model._meta.label}: not in api_fields: {sorted(missing)}"


@pytest.mark.parametrize("model", our_page_models(), ids=lambda m: m._meta.label)
def test_page_type_never_publishes_form_settings(model):
    declared = {field.name for field in model.api_fields}
    assert not declared & PRIVATE_FIELDS


def project_apps_with_page_types() -> set[str]:
    """The project's own apps (not installed packages) that define concrete page types."""
    base = Path(settings.BASE_DIR).resolve()
    labels = set()
    for model in get_page_models():
        path = Path(apps.get_app_config(model._meta.app_label).path).resolve()
        if base in path.parents and ".venv" not in path.parts and not model._meta.abstract:
            labels.add(model._meta.app_label)
    return labels


def test_every_app_with_page_types_is_checked_as_a_registered_section():
    # A new app whose pages are not registered as a section would escape the checks above.
    assert project_apps_with_page_types() == OUR_APPS
