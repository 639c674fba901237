"""The tenancy itself: which region owns what, who sees what, and the checks that keep every
model inside it."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import APIToken, Page
from wagtail.permissions import policy_registry

import pytest

from news.models import NewsCategory, NewsPage
from tests import factories
from villages.models import RegionGroup
from villages.tenancy import checks, registry
from villages.tenancy.ownership import region_of, regions_of, unseen_ids, visible
from villages.tenancy.policies import TenantPermissionPolicy

# Model permissions a per-region group may hold although no object policy applies them:
# what they allow is not an object of a region.
NOT_OBJECT_PERMISSIONS = {
    # Entering the admin at all.
    "wagtailadmin.access_admin",
    # Checked by wagtail-localize per page; the admin object guard refuses other regions'.
    "wagtail_localize.submit_translation",
}


def test_every_model_permission_of_a_region_group_is_applied_per_object(village_a):
    groups = RegionGroup.objects.values("group")
    held = Permission.objects.filter(group__in=groups).select_related("content_type").distinct()
    assert held.exists()
    unscoped = []
    for permission in held:
        label = f"{permission.content_type.app_label}.{permission.codename}"
        if label in NOT_OBJECT_PERMISSIONS:
            continue
        policy = policy_registry.get_by_type(permission.content_type.model_class())
        if not isinstance(policy, TenantPermissionPolicy):
            unscoped.append(f"{label} ({type(policy).__name__})")
    assert not unscoped, f"global permissions without a tenant policy: {unscoped}"


def test_no_region_group_holds_page_image_or_document_model_permissions(village_a):
    # Those are granted on the region's own page and collection only (provisioning).
    groups = RegionGroup.objects.values("group")
    global_ones = Permission.objects.filter(
        group__in=groups, content_type__app_label__in=["wagtailimages", "wagtaildocs"]
    ) | Permission.objects.filter(
        group__in=groups, content_type__app_label="wagtailcore", content_type__model="page"
    )
    assert not global_ones.exists()


def category(tenant, name):
    return NewsCategory.objects.create(region=tenant.region, name=name, slug=name.lower())


def test_category_policy_answers_per_village(operator_a, village_a, village_b):
    own, foreign = category(village_a, "Sendiri"), category(village_b, "Tetangga")
    policy = policy_registry.get_by_type(NewsCategory)
    assert policy.user_has_permission_for_instance(operator_a, "delete", own)
    assert not policy.user_has_permission_for_instance(operator_a, "delete", foreign)
    assert list(policy.instances_user_has_permission_for(operator_a, "change")) == [own]
    assert operator_a in policy.users_with_permission_for_instance("change", own)
    assert operator_a not in policy.users_with_permission_for_instance("change", foreign)


def test_district_editor_sees_categories_of_every_village_below(village_a, village_b, village_c):
    editor = factories.district_editor_of(factories.tenant("35.23.02"))
    a, b, c = category(village_a, "A"), category(village_b, "B"), category(village_c, "C")
    assert set(visible(NewsCategory.objects.all(), editor)) == {a, b}
    assert unseen_ids(editor, NewsCategory, [a.pk, c.pk, "bukan-id"]) == {str(c.pk), "bukan-id"}


def test_regions_of_objects_of_every_kind(village_a, village_other_regency, regency):
    image = get_image_model().objects.create(
        title="x", file=get_test_image_file("x.png"), collection=village_a.collection
    )
    deeper = village_other_regency.collection.add_child(name="Rahasia")
    document = get_document_model().objects.create(
        title="d", file=ContentFile(b"isi", name="d.txt"), collection=deeper
    )
    news = village_a.page.get_children().get(slug="berita")
    regions = regions_of(
        [image, document, news, village_a.page, regency.page, Page.get_first_root_node()]
    )
    assert regions[(type(image), image.pk)] == village_a.region
    assert regions[(type(document), document.pk)] == village_other_regency.region
    assert regions[(type(news), news.pk)] == village_a.region
    assert regions[(type(regency.page), regency.page.pk)] == regency.region
    assert regions[(Page, Page.get_first_root_node().pk)] is None
    assert region_of(village_a.site) == village_a.region


def test_regions_of_many_pages_costs_a_fixed_number_of_queries(
    village_a, village_b, django_assert_max_num_queries
):
    pages = list(Page.objects.filter(depth__gte=4)[:60])
    with django_assert_max_num_queries(3):
        regions_of(pages)


def test_api_tokens_are_visible_to_their_owner_only(operator_a, operator_b, superuser):
    own, _ = APIToken.create_token(user=operator_a, name="sendiri")
    other, _ = APIToken.create_token(user=operator_b, name="lain")
    assert list(visible(APIToken.objects.all(), operator_a)) == [own]
    assert set(visible(APIToken.objects.all(), superuser)) == {own, other}


# -- system checks ---------------------------------------------------------------------------


def test_system_checks_pass_for_the_platform():
    assert checks.check_every_model_is_placed() == []
    assert checks.check_forms_validate_references() == []
    assert checks.check_snippets_have_scoped_policies() == []


def test_a_model_that_belongs_to_no_region_fails_the_check():
    ownership = registry.ownership_of(NewsCategory)
    registry.unregister(NewsCategory)
    try:
        errors = checks.check_every_model_is_placed()
        assert [e.id for e in errors] == ["villages.E001"]
        assert errors[0].obj is NewsCategory
        assert checks.check_snippets_have_scoped_policies() == []  # no longer tenant-owned
    finally:
        registry._registry[NewsCategory] = ownership


def test_a_page_type_without_a_tenant_form_fails_the_check(monkeypatch):
    from wagtail.admin.forms import WagtailAdminPageForm

    monkeypatch.setattr(NewsPage, "base_form_class", WagtailAdminPageForm)
    errors = checks.check_forms_validate_references()
    assert [(e.id, e.obj) for e in errors] == [("villages.E002", NewsPage)]


def test_a_tenant_snippet_without_a_tenant_policy_fails_the_check(monkeypatch):
    from wagtail.permission_policies import ModelPermissionPolicy

    original = policy_registry.get_by_type
    monkeypatch.setattr(
        policy_registry,
        "get_by_type",
        lambda model, fallback=True: (
            ModelPermissionPolicy(model) if model is NewsCategory else original(model, fallback)
        ),
    )
    errors = checks.check_snippets_have_scoped_policies()
    assert [(e.id, e.obj) for e in errors] == [("villages.E003", NewsCategory)]


@pytest.mark.parametrize("model", [NewsCategory, APIToken])
def test_registered_policies_are_tenant_policies(model):
    assert isinstance(policy_registry.get_by_type(model), TenantPermissionPolicy)


def test_api_v3_page_writes_go_through_the_tenant_page_form():
    """API v3 builds its write forms from the model's ``base_form_class``: a field made
    writable later is validated by the same reference check as the admin editor."""
    from wagtail.api.v3.form_data import get_api_form_class
    from wagtail.models import get_page_models

    from villages.tenancy.forms import TenantFormMixin

    untenanted = [
        model._meta.label
        for model in get_page_models()
        if model is not Page and not issubclass(get_api_form_class(model), TenantFormMixin)
    ]
    assert untenanted == []
