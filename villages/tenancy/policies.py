"""Wagtail permission policies that ask, for every object, whether it is in the user's regions.

A per-village group holds a model permission such as ``news.delete_newscategory``; on its
own, Wagtail would apply it to every village's categories (bulk actions, usage and history
views, choosers). ``TenantPermissionPolicy`` keeps the model permission as the question
"may this user do this at all" and adds "and is this object one of theirs" to every
per-object answer and every queryset, so that each Wagtail view asking the policy gets the
scoped answer. Registered with ``wagtail.permissions.register_permission_policy`` (the
supported extension point) for every tenant-owned model that has admin views of its own.
"""

from __future__ import annotations

from django.db.models import Q

from wagtail.permission_policies import ModelPermissionPolicy

from ..models.regions import RegionGroup
from .ownership import may_see, region_of, visible


class TenantPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, applied only to the objects of the user's own regions."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and may_see(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and may_see(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return visible(self.model._default_manager.all(), user)

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        region = region_of(instance)
        if region is None:
            return users.filter(is_superuser=True)
        codes = [region.code, *region.ancestor_codes]
        groups = RegionGroup.objects.filter(region__code__in=codes).values("group")
        return users.filter(Q(is_superuser=True) | Q(groups__in=groups)).distinct()


class OwnTokenPermissionPolicy(TenantPermissionPolicy):
    """API tokens: the model permission lets a person manage tokens, and only their own
    (or those Wagtail lets them manage: superusers manage everyone's)."""

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        return users.filter(Q(pk=instance.user_id) | Q(is_superuser=True)).distinct()
