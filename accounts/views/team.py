"""The team admin: the people a regency admin or an operator manages (see accounts.team)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from villages import scope

from .. import team
from ..team_forms import DetailsForm, GrantRoleForm, InviteForm, TeamFilterForm

PER_PAGE = 50


class TeamViewMixin(WagtailAdminTemplateMixin):
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not scope.can_manage_people(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [
            {"url": reverse("wagtailadmin_home"), "label": _("Dasbor")},
            {"url": reverse("accounts_team:index"), "label": _("Tim")},
        ]
        if self.request.resolver_match.url_name != "index":
            items.append({"url": "", "label": self.get_page_title()})
        return items

    def show_link(self, result, heading):
        """The password link, shown once in the answer to the POST (never in a URL)."""
        return TemplateResponse(
            self.request,
            "accounts/team/link.html",
            {
                **self.get_context_data(),
                "result": result,
                "link_heading": heading,
                "validity": team.link_validity(),
                "page_title": heading,
            },
        )


class TeamIndexView(TeamViewMixin, TemplateView):
    template_name = "accounts/team/index.html"
    page_title = gettext_lazy("Tim")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        manager = self.request.user
        form = TeamFilterForm(self.request.GET or None, manager=manager)
        users = team.team(manager)
        if form.is_valid():
            users = team.search(users, form.cleaned_data["q"])
            users = team.filter_status(users, form.cleaned_data["status"])
            links = form.links()
            if links is not None:
                users = users.filter(groups__region_role__in=links).distinct()
        users = users.order_by("first_name", "last_name", "username")
        page = Paginator(users, PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(
            filter_form=form,
            page_obj=page,
            rows=[
                {
                    "user": user,
                    "roles": [team.role_label(link) for link in team.visible_roles(manager, user)],
                    "status": team.status_of(user),
                    "status_label": team.STATUS_LABELS[team.status_of(user)],
                }
                for user in page
            ],
            can_invite=bool(form.picker),
        )
        return context


class InviteView(TeamViewMixin, FormView):
    template_name = "accounts/team/invite.html"
    page_title = gettext_lazy("Undang anggota tim")
    form_class = InviteForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "manager": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            result = team.invite(
                self.request.user,
                role_id=data["link"].pk,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                request=self.request,
            )
        except team.TeamError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        return self.show_link(result, _("Undangan dibuat"))


class MemberViewMixin(TeamViewMixin):
    """A view of one person of the manager's team; anyone else is not found (404)."""

    def dispatch(self, request, *args, **kwargs):
        if not scope.can_manage_people(request.user):
            raise PermissionDenied
        try:
            self.member = team.get_member(request.user, kwargs["user_id"])
        except get_user_model().DoesNotExist:
            raise Http404 from None
        return super().dispatch(request, *args, **kwargs)


class MemberView(MemberViewMixin, TemplateView):
    """One person: their roles here, their details, and what the manager may do to them."""

    template_name = "accounts/team/member.html"

    def get_page_title(self):
        return self.member.get_full_name() or self.member.get_username()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        manager, member = self.request.user, self.member
        controls = scope.can_manage_account(manager, member)
        context.update(
            member=member,
            roles=team.visible_roles(manager, member),
            role_label=team.role_label,
            status=team.status_of(member),
            status_label=team.STATUS_LABELS[team.status_of(member)],
            controls_account=controls,
            is_self=member.pk == manager.pk,
            grant_form=kwargs.get("grant_form") or GrantRoleForm(manager=manager, member=member),
            details_form=kwargs.get("details_form") or DetailsForm(instance=member),
        )
        context["role_rows"] = [
            {"link": link, "label": team.role_label(link)} for link in context["roles"]
        ]
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        handler = getattr(self, f"do_{action}", None) if action else None
        if handler is None:
            raise Http404
        try:
            return handler()
        except team.TeamError as exc:
            messages.error(request, str(exc))
            return redirect("accounts_team:member", self.member.pk)

    def _done(self, message):
        messages.success(self.request, message)
        return redirect("accounts_team:member", self.member.pk)

    def do_grant(self):
        form = GrantRoleForm(self.request.POST, manager=self.request.user, member=self.member)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(grant_form=form))
        link = team.grant_role(self.request.user, self.member, form.cleaned_data["link"].pk)
        return self._done(_("Peran %(role)s diberikan.") % {"role": team.role_label(link)})

    def do_revoke(self):
        try:
            role_id = int(self.request.POST.get("role", ""))
        except ValueError:
            raise team.TeamError(_("Pilih peran yang akan dicabut.")) from None
        link = team.revoke_role(self.request.user, self.member, role_id)
        return self._done(_("Peran %(role)s dicabut.") % {"role": team.role_label(link)})

    def do_details(self):
        form = DetailsForm(self.request.POST, instance=get_user_model()(pk=self.member.pk))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(details_form=form))
        team.update_details(self.request.user, self.member, **form.cleaned_data)
        return self._done(_("Data akun disimpan."))

    def do_deactivate(self):
        team.set_active(self.request.user, self.member, False)
        return self._done(_("Akun dinonaktifkan. Orang ini tidak dapat masuk lagi."))

    def do_reactivate(self):
        team.set_active(self.request.user, self.member, True)
        return self._done(_("Akun diaktifkan kembali."))

    def do_resend(self):
        result = team.resend_invitation(self.request.user, self.member, self.request)
        return self.show_link(result, _("Undangan dikirim ulang"))


class ResetPasswordView(MemberViewMixin, TemplateView):
    """Resetting a person's password: GET asks for confirmation and changes nothing; POST
    resets (``team.reset_password``) and shows the new link once.

    A reset the manager may not make is refused the same way on both: the member page with
    the reason (``team.check_reset``); someone outside the team is not found.
    """

    template_name = "accounts/team/reset_confirm.html"
    page_title = gettext_lazy("Atur ulang sandi")

    def get_breadcrumbs_items(self):
        member = self.member
        return [
            *super().get_breadcrumbs_items()[:2],
            {
                "url": reverse("accounts_team:member", args=[member.pk]),
                "label": member.get_full_name() or member.get_username(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def _refused(self, error):
        messages.error(self.request, str(error))
        return redirect("accounts_team:member", self.member.pk)

    def get(self, request, *args, **kwargs):
        try:
            team.check_reset(request.user, self.member)
        except team.TeamError as exc:
            return self._refused(exc)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "member": self.member,
            "validity": team.link_validity(),
        }

    def post(self, request, *args, **kwargs):
        try:
            result = team.reset_password(request.user, self.member, request)
        except team.TeamError as exc:
            return self._refused(exc)
        return self.show_link(result, _("Sandi diatur ulang"))
