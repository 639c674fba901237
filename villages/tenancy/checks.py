"""System checks: no model of the platform can escape the tenancy by being forgotten.

- Every model of the project's own apps is tenant-owned (registered), the inline child of a
  tenant-owned model (a ParentalKey to it), or declared global on purpose
  (``registry.register_global``). A new app's models fail ``manage.py check`` until one of
  these is true.
- Every page type, and every tenant-owned snippet and site setting, edits through a form
  derived from ``TenantFormMixin``, so that its references are validated on save.
- Every tenant-owned snippet has a permission policy that scopes objects
  (``TenantPermissionPolicy``), not Wagtail's model-wide fallback.
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import checks

from modelcluster.fields import ParentalKey

from .registry import is_global, is_tenant_owned


def project_models():
    """Concrete models of the apps that live in this repository (not installed packages)."""
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base in path.parents and ".venv" not in path.parts and "site-packages" not in path.parts:
            yield from config.get_models()


def _inline_child_of_tenant_model(model) -> bool:
    return any(
        isinstance(field, ParentalKey) and is_tenant_owned(field.related_model)
        for field in model._meta.get_fields()
        if field.concrete
    )


@checks.register(checks.Tags.models)
def check_every_model_is_placed(app_configs=None, **kwargs):
    errors = []
    for model in project_models():
        if is_tenant_owned(model) or is_global(model) or _inline_child_of_tenant_model(model):
            continue
        errors.append(
            checks.Error(
                f"{model._meta.label} belongs to no region and is not declared global.",
                hint=(
                    "Register it with villages.tenancy.register(...) from its app's ready(), "
                    "or declare it global with villages.tenancy.registry.register_global()."
                ),
                obj=model,
                id="villages.E001",
            )
        )
    return errors


def _edited_models():
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.models import Page, get_page_models
    from wagtail.snippets.models import get_snippet_models

    for model in get_page_models():
        if model is not Page:
            yield model
    yield from (m for m in get_snippet_models() if is_tenant_owned(m))
    yield from (m for m in settings_registry if is_tenant_owned(m))


@checks.register(checks.Tags.models)
def check_forms_validate_references(app_configs=None, **kwargs):
    from .forms import TenantFormMixin

    errors = []
    for model in _edited_models():
        form_class = getattr(model, "base_form_class", None)
        if form_class is None or not issubclass(form_class, TenantFormMixin):
            errors.append(
                checks.Error(
                    f"{model._meta.label}.base_form_class does not validate references.",
                    hint="Derive it from villages.tenancy.forms (TenantPageForm, "
                    "TenantModelForm or TenantFormPageForm).",
                    obj=model,
                    id="villages.E002",
                )
            )
    return errors


@checks.register(checks.Tags.models)
def check_snippets_have_scoped_policies(app_configs=None, **kwargs):
    from wagtail.permissions import policy_registry
    from wagtail.snippets.models import get_snippet_models

    from .policies import TenantPermissionPolicy

    errors = []
    for model in get_snippet_models():
        if not is_tenant_owned(model):
            continue
        policy = policy_registry.get_by_type(model, fallback=False)
        if not isinstance(policy, TenantPermissionPolicy):
            errors.append(
                checks.Error(
                    f"{model._meta.label} has no tenant permission policy.",
                    hint="register_permission_policy(model, TenantPermissionPolicy(model)) "
                    "in the app's ready().",
                    obj=model,
                    id="villages.E003",
                )
            )
    return errors
