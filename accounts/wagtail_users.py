"""``wagtail.users`` with this project's user admin forms (see ``accounts.user_admin``).

Listed in ``INSTALLED_APPS`` in place of ``wagtail.users``: Wagtail's documented way to give
its user admin other forms is a ``user_viewset`` on this app config. Kept apart from
``accounts.user_admin`` because Wagtail's user forms import the user model, which an app
config module may not do.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class WagtailUsersConfig(WagtailUsersAppConfig):
    user_viewset = "accounts.user_admin.UserViewSet"
