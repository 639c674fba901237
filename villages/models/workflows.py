"""Moderation tasks that only the editors of the page's own region can act on.

Wagtail's stock GroupApprovalTask lets any member of its groups moderate any page. This task
asks the region instead: the approvers of a page are the members of the given role's group
of the village (or of a region above it) the page belongs to.
"""

from django.db import models
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, Task, TaskState

from .. import scope
from .regions import EDITOR_ROLES, Role


class RegionApprovalTask(Task):
    role = models.CharField(
        _("peran penyetuju"),
        max_length=20,
        choices=Role.choices,
        default=Role.OPERATOR,
        help_text=_("Anggota peran ini di wilayah halaman tersebut yang dapat menyetujui."),
    )

    district_editors_may_approve = models.BooleanField(
        _("editor kecamatan juga boleh menyetujui"),
        default=True,
        help_text=_("Editor kecamatan di atas desa tersebut juga dapat menyetujui tahap ini."),
    )

    admin_form_fields = [*Task.admin_form_fields, "role", "district_editors_may_approve"]

    class Meta:
        verbose_name = _("persetujuan wilayah")
        verbose_name_plural = _("persetujuan wilayah")

    def _can_moderate(self, obj, user) -> bool:
        if user.is_superuser:
            return True
        if not isinstance(obj, Page):
            return False
        cache = getattr(user, "_region_task_checks", None)
        if cache is None:
            cache = user._region_task_checks = {}
        key = (self.pk, obj.pk)
        if key not in cache:
            cache[key] = scope.user_has_role_for_page(user, obj, roles=self.approver_roles)
        return cache[key]

    @property
    def approver_roles(self) -> list[str]:
        """The roles whose holders on the page's region (or a region above it) may act.

        The regency admins (Diskominfo) stand with the district editors: they moderate every
        village of their regency whenever the district editors may.
        """
        roles = [self.role]
        if self.role in EDITOR_ROLES or self.district_editors_may_approve:
            roles.extend(role for role in EDITOR_ROLES if role not in roles)
        return roles

    def user_can_access_editor(self, obj, user):
        return self._can_moderate(obj, user)

    def locked_for_user(self, obj, user):
        return not self._can_moderate(obj, user)

    def user_can_lock(self, obj, user):
        return self._can_moderate(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if self._can_moderate(obj, user):
            return [
                ("reject", _("Minta perubahan"), True),
                ("approve", _("Setujui"), False),
                ("approve", _("Setujui dengan komentar"), True),
            ]
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        pages = scope.pages_in_user_regions(user, roles=self.approver_roles)
        return states.filter(
            workflow_state__object_id__in=pages.annotate(str_pk=Cast("pk", CharField())).values(
                "str_pk"
            )
        )

    @classmethod
    def get_description(cls):
        return _(
            "Hanya operator atau editor dari wilayah halaman itu sendiri yang dapat menyetujui"
        )
