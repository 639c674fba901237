"""Accepting an invitation: the invited person sets their password and is logged in."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .. import team


class AcceptInvitationView(auth_views.PasswordResetConfirmView):
    """Django's password reset confirmation with a welcome: same single-use token, same
    password rules, and the token is moved out of the URL before the form is shown."""

    template_name = "accounts/team/accept_invitation.html"
    success_url = reverse_lazy("wagtailadmin_home")
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    title = _("Selamat datang")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        # A deactivated account stays closed, whatever link it still has.
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        response = super().form_valid(form)
        team.after_password_set(form.user)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.user is not None:
            context["invited_user"] = self.user
            context["roles"] = [
                team.role_label(group.region_role)
                for group in self.user.groups.select_related("region_role__region")
                if hasattr(group, "region_role")
            ]
        return context
