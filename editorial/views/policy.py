"""The regency admin's editorial policy form (editorial.policy)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from villages.models import Region

from .. import policy as service
from ..models import RegencyPolicy, policy_for


class PolicyForm(forms.ModelForm):
    """The policy's fields, and the regency's account help contact (kept on the region)."""

    support_contact = Region._meta.get_field("support_contact").formfield()

    class Meta:
        model = RegencyPolicy
        fields = service.POLICY_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["support_contact"].initial = self.instance.region.support_contact


class PolicyView(WagtailAdminTemplateMixin, FormView):
    template_name = "editorial/policy.html"
    form_class = PolicyForm
    page_title = gettext_lazy("Kebijakan kabupaten")
    header_icon = "cogs"

    def dispatch(self, request, *args, **kwargs):
        regencies = service.regencies_for(request.user)
        if not request.user.is_authenticated or not regencies.exists():
            raise PermissionDenied
        self.regencies = list(regencies)
        code = request.GET.get("wilayah") or request.POST.get("wilayah")
        if code:
            matches = [r for r in self.regencies if r.code == code]
            if not matches:
                raise Http404
            self.regency = matches[0]
        else:
            self.regency = self.regencies[0]
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.regency.name

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": policy_for(self.regency)}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "regency": self.regency,
            "regencies": self.regencies,
        }

    def form_valid(self, form):
        service.save_policy(
            form.instance,
            self.request.user,
            form.changed_data,
            support_contact=form.cleaned_data["support_contact"],
        )
        messages.success(
            self.request,
            _("Kebijakan %(regency)s disimpan.") % {"regency": self.regency.name},
        )
        return redirect(f"{reverse('editorial_policy')}?wilayah={self.regency.code}")
