"""Import in the admin: unggah a CSV/XLSX file, preview what will change, then confirm.

The file is kept between preview and confirm in a private temporary file named by a random
token; the token is stored in the user's session, bound to the user's id, so nobody else's
session can confirm it. On confirm the file is read and validated again (the figures or the
user's villages may have changed since the preview) and saved all-or-nothing by
``opendata.importing.apply_plan``.
"""

from __future__ import annotations

import os
import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models.releases import Source
from ..permissions import writable_villages

SESSION_KEY = "opendata_imports"
ALLOWED_SUFFIXES = (".csv", ".xlsx")
MAX_BYTES = 50 * 1024 * 1024
STORE = Path(tempfile.gettempdir()) / "opendata-imports"
TEMPLATE_LAYOUTS = ("population", "apbdes", "index")
# A file previewed but never confirmed is removed after this many seconds.
KEEP_SECONDS = 24 * 3600


def can_import(user) -> bool:
    return user.is_authenticated and writable_villages(user).exists()


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas CSV atau XLSX"),
        help_text=gettext_lazy("Baris judul persis seperti templat."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError(_("Hanya berkas .csv atau .xlsx yang dapat diimpor."))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Berkas lebih dari 50 MB."))
        return upload


def _sweep_stale() -> None:
    cutoff = time.time() - KEEP_SECONDS
    for path in STORE.iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            pass


def _store(request, upload) -> str:
    STORE.mkdir(mode=0o700, parents=True, exist_ok=True)
    _sweep_stale()
    token = secrets.token_urlsafe(24)
    path = STORE / token
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {"user": request.user.pk, "filename": os.path.basename(upload.name)}
    request.session[SESSION_KEY] = pending
    return token


def _pending(request, token):
    entry = request.session.get(SESSION_KEY, {}).get(token)
    path = STORE / token
    if not entry or entry.get("user") != request.user.pk or not path.is_file():
        raise Http404
    return entry, path


def _forget(request, token):
    pending = request.session.get(SESSION_KEY, {})
    pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    (STORE / token).unlink(missing_ok=True)


def _plan(path, filename, user):
    from ..importing import plan_file

    with open(path, "rb") as fileobj:
        return plan_file(fileobj, filename, user=user)


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "opendata/admin/import.html"
    page_title = gettext_lazy("Impor data desa")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ImportForm())
        context["layouts"] = [
            (layout, reverse("opendata_import_template", args=[layout, fmt]), fmt)
            for layout in TEMPLATE_LAYOUTS
            for fmt in ("csv", "xlsx")
        ]
        return context

    def post(self, request, *args, **kwargs):
        token = request.POST.get("token")
        if token:
            return self.confirm(request, token)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        token = _store(request, form.cleaned_data["file"])
        entry, path = _pending(request, token)
        plan = _plan(path, entry["filename"], request.user)
        if plan.errors:
            _forget(request, token)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                plan=plan,
                errors=plan.errors,
                summary=plan.summary() if not plan.errors else None,
                token=token if not plan.errors else None,
                filename=entry["filename"],
            )
        )

    def confirm(self, request, token):
        from ..importing import apply_plan

        entry, path = _pending(request, token)
        plan = _plan(path, entry["filename"], request.user)
        if plan.errors:
            _forget(request, token)
            messages.error(request, _("Berkas tidak lagi sah: tidak ada yang disimpan."))
            return self.render_to_response(
                self.get_context_data(errors=plan.errors, filename=entry["filename"])
            )
        releases = apply_plan(
            plan, source=Source.IMPORT, user=request.user, filename=entry["filename"]
        )
        _forget(request, token)
        messages.success(
            request,
            _("%(count)s versi data disimpan dari %(filename)s.")
            % {"count": len(releases), "filename": entry["filename"]},
        )
        return redirect(reverse("opendata_history"))


class TemplateDownloadView(View):
    """A template of one layout, pre-filled with the user's villages and the categories."""

    def get(self, request, layout, fmt):
        from ..import_templates import template_dataset

        if not can_import(request.user):
            raise PermissionDenied
        if layout not in TEMPLATE_LAYOUTS or fmt not in ("csv", "xlsx"):
            raise Http404
        villages = writable_villages(request.user).order_by("code")
        dataset = template_dataset(layout, villages=villages)
        body = dataset.export(fmt)
        content_type = (
            "text/csv; charset=utf-8"
            if fmt == "csv"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="templat-{layout}.{fmt}"'
        return response
