"""A regency's own statistic categories in the admin.

Regency admins add categories for their villages (the regency is set to theirs, never chosen);
everyone with a role sees the standard categories and their regency's own; the standard ones
and other regencies' are never editable here. Listing and chooser are scoped by
``TenantSnippetViewSet``; per-object views by the admin object guard and this policy.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView

from villages.tenancy.forms import TenantModelForm
from villages.tenancy.ownership import may_see, visible
from villages.tenancy.policies import TenantPermissionPolicy
from villages.tenancy.viewsets import TenantSnippetViewSet

from .models import StatisticCategory
from .permissions import admin_regencies, is_regency_admin

EDIT_ACTIONS = {"add", "change", "delete"}


class CategoryForm(TenantModelForm):
    pass


class CategoryPermissionPolicy(TenantPermissionPolicy):
    """Regency admins manage their regency's categories; standard ones are read-only."""

    def _is_regency_admin(self, user):
        return user.is_active and (user.is_superuser or is_regency_admin(user))

    def user_has_permission(self, user, action):
        return self._is_regency_admin(user)

    def user_has_any_permission(self, user, actions):
        return self._is_regency_admin(user)

    def _may(self, user, action, instance):
        if not self._is_regency_admin(user) or not may_see(user, instance):
            return False
        if action not in EDIT_ACTIONS:
            return True
        if instance.is_standard:
            return False
        return admin_regencies(user).filter(pk=instance.regency_id).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self._may(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self._may(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        objects = self.model._default_manager.all()
        if not self._is_regency_admin(user):
            return objects.none()
        objects = visible(objects, user)
        if set(actions) <= EDIT_ACTIONS:
            objects = objects.filter(regency__in=admin_regencies(user))
        return objects


class CategoryCreateView(CreateView):
    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        regency = admin_regencies(self.request.user).order_by("code").first()
        if regency is None:
            raise PermissionDenied
        instance.regency = regency
        return instance


class _InstancePermissionMixin:
    """Wagtail's edit and delete views ask only for the model permission: ask for the object."""

    action = ""

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        policy = self.permission_policy
        if not policy.user_has_permission_for_instance(self.request.user, self.action, instance):
            raise PermissionDenied
        return instance


class CategoryEditView(_InstancePermissionMixin, EditView):
    action = "change"


class CategoryDeleteView(_InstancePermissionMixin, DeleteView):
    action = "delete"


class StatisticCategoryViewSet(TenantSnippetViewSet):
    model = StatisticCategory
    icon = "table"
    menu_label = _("Kategori statistik")
    add_to_admin_menu = False
    inspect_view_enabled = True
    add_view_class = CategoryCreateView
    edit_view_class = CategoryEditView
    delete_view_class = CategoryDeleteView
    list_display = ["name", "slug", "regency"]
    list_select_related = ("regency",)
    search_fields = ["name", "slug"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("unit"),
        FieldPanel("covers_population"),
        FieldPanel("description"),
        FieldPanel("source"),
        FieldPanel("order"),
        InlinePanel("groups", label=_("Kelompok"), min_num=1),
    ]
