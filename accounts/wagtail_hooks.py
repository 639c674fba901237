"""The team admin in Wagtail's menu, for the people who manage others (accounts.team)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from villages import scope

from .views import team as views

team_urls = [
    path("", views.TeamIndexView.as_view(), name="index"),
    path("undang/", views.InviteView.as_view(), name="invite"),
    path("<int:user_id>/", views.MemberView.as_view(), name="member"),
    path("<int:user_id>/atur-ulang-sandi/", views.ResetPasswordView.as_view(), name="reset"),
]


@hooks.register("register_admin_urls")
def register_team_urls():
    return [path("tim/", include((team_urls, "accounts_team"), namespace="accounts_team"))]


class TeamMenuItem(MenuItem):
    def is_shown(self, request):
        return scope.can_manage_people(request.user)


@hooks.register("register_admin_menu_item")
def register_team_menu_item():
    return TeamMenuItem(_("Tim"), reverse("accounts_team:index"), icon_name="group", order=850)
