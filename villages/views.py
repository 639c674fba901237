"""Admin views of the villages app."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import scope
from .forms import VillageCreateForm
from .models.regions import Region
from .provisioning import ProvisioningError, provision
from .signals import village_created
from .wilayah import RegionRow, Selection


def address_of_siblings(district: Region) -> tuple[str | None, int | None]:
    """Base domain and port the villages of the same regency already use (None: settings)."""
    sibling = (
        Region.objects.villages()
        .filter(code__startswith=f"{district.regency_code}.", site__isnull=False)
        .select_related("site")
        .first()
    )
    if sibling is None:
        return None, None
    return sibling.site.hostname.split(".", 1)[1], sibling.site.port


class VillageCreateView(WagtailAdminTemplateMixin, FormView):
    """Create one village (page, site, collection, groups) with the same code as the import."""

    form_class = VillageCreateForm
    template_name = "villages/admin/village_create.html"
    page_title = gettext_lazy("Tambah desa")
    header_icon = "home"

    def dispatch(self, request, *args, **kwargs):
        if not scope.can_create_villages(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "districts": scope.districts_for_new_villages(self.request.user),
        }

    def form_valid(self, form):
        district = form.cleaned_data["district"]
        rows = [
            RegionRow(code=region.code, name=region.name, line=0)
            for region in Region.objects.filter(code__in=district.ancestor_codes + [district.code])
        ]
        rows.append(
            RegionRow(code=form.cleaned_data["code"], name=form.cleaned_data["name"], line=0)
        )
        selection = Selection(
            region_code=form.cleaned_data["code"], rows=sorted(rows, key=lambda r: r.code)
        )
        base_domain, port = address_of_siblings(district)
        try:
            provision(selection, base_domain=base_domain, port=port)
        except ProvisioningError as exc:
            for error in exc.errors:
                form.add_error(None, error)
            return self.form_invalid(form)
        village = Region.objects.select_related("site").get(code=form.cleaned_data["code"])
        village_created.send(sender=type(self), region=village, actor=self.request.user)
        messages.success(
            self.request,
            _("Desa %(name)s dibuat di %(url)s.")
            % {"name": village.name, "url": village.site.root_url},
        )
        return redirect("wagtailadmin_explore", village.site.root_page_id)


TAG_SUGGESTIONS = 10


def tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag suggestions, limited to tags the user's own regions use.

    Answers both of Wagtail's paths (``tag-autocomplete/`` and the per-model
    ``tag-autocomplete/<app>/<model>/``). Only taggit's shared ``Tag`` model is used by the
    platform; for it, both paths suggest the user's own tags. Another tag model is refused
    to non-superusers: nothing would scope it.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.http import Http404

    from wagtail.admin.views.tags import autocomplete

    from taggit.models import Tag

    if request.user.is_superuser:
        return autocomplete(request, app_name, model_name)
    if app_name and model_name:
        try:
            content_type = ContentType.objects.get_by_natural_key(app_name, model_name)
        except ContentType.DoesNotExist as exc:
            raise Http404 from exc
        if content_type.model_class() is not Tag:
            raise Http404
    term = request.GET.get("term", "")
    names = []
    if term:
        names = list(
            scope.tags_for_user(request.user)
            .filter(name__istartswith=term)
            .order_by("name")
            .values_list("name", flat=True)
            .distinct()[:TAG_SUGGESTIONS]
        )
    return JsonResponse(names, safe=False)
