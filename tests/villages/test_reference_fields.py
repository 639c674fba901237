"""Every reference a village's content can hold refuses another village's object on save.

Nothing here names a field. The reference fields are found by introspecting the models: every
page type (``get_page_models``), every snippet (``get_snippet_models``), every site setting,
and the inline rows (Orderables) of each. A reference field is

- a foreign key or many-to-many to a tenant-owned model (``villages.tenancy.registry``);
- a chooser block of a StreamField at any depth (page, image, document, snippet choosers,
  inside struct, list and stream blocks) whose target is tenant-owned;
- a rich-text field or block, once for each kind of link or embed its features allow that
  points at a tenant-owned object (page links, document links, embedded images), found from
  Wagtail's rich-text converter rules.

Each one is posted through the real admin edit view (the page editor, the snippet editor, the
site-settings editor) on the admin host, as the operator of Kebonharjo (or, for the portal's
own pages, as the Tuban regency admin), with the form data the view itself rendered and the
references set:

- to objects of Sembung, a village of another regency (an image or document of a
  login-restricted collection, a page still in draft and a live page behind a login, a
  category, its region): the form comes back with an Indonesian error on each reference's
  field (naming its object, where several share a field), and nothing is saved;
- to objects of Kebonharjo itself: the edit is saved with each reference (the control that
  shows the post reaches the field at all).

To keep the run short, one post per edited model sets all its references at once, each to
its own object (a new inline row for each row reference, a block of its own for each block):
the page editor takes about half a second to answer. Each reference is still its own test.

References no admin form has a field for (a page's owner, a setting's site, a comment's
author) are listed too, once per model declaring them: the test shows the form cannot set
them. A field, block or feature added later is found and posted without anyone writing a test
for it; a new kind of target the fixture cannot build fails loudly (``World.make``).
"""

from __future__ import annotations

import datetime
import html
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models import NOT_PROVIDED
from django.forms.models import model_to_dict
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.text import capfirst

from wagtail import blocks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.contrib.settings.views import get_setting_edit_handler
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Revision,
    RevisionMixin,
    Site,
    get_page_models,
)
from wagtail.rich_text import features as rich_text_features
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest
from modelcluster.fields import ParentalKey

from tests import factories
from tests.page_editor import EDITOR_FORM_ID, PAGE_FORM_ID, editor_form
from villages.models import Region
from villages.tenancy.registry import Owner, is_tenant_owned, ownership_of

ADMIN_HOST = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname
VILLAGE = "35.23.02.2001"  # Kebonharjo, Tuban: the editing village
FOREIGN_VILLAGE = "35.24.01.2001"  # Sembung, Lamongan: another regency
REGENCY = "35.23"  # Tuban: the portal above the editing village

FOREIGN_KEY = "foreign key"
MANY_TO_MANY = "many-to-many"
CHOOSER_BLOCK = "chooser block"
RICH_TEXT = "rich text"
LIST_ITEM = "[]"  # a ListBlock's item in a block path

# The Indonesian refusals a reference may get: the tenancy's own messages, and Django's
# "not one of the choices" of a field whose choices are already narrowed to the village.
REFUSALS = (
    "bukan milik",
    "tidak terbuka untuk umum",
    "tidak mengelola",
    "tidak ditemukan",
    "Masukkan pilihan yang valid",
)


# -- the generator: every reference field of the platform -------------------------------------


@dataclass(frozen=True)
class ReferenceField:
    """One place a model's form can hold a reference to a tenant-owned object."""

    model: type[models.Model]  # the edited model: a page type, a snippet, a site setting
    kind: str
    field: str  # the model field (of the inline row's model for an inline)
    target: type[models.Model]  # the model referred to
    # The child relation of an inline row, dotted for rows of rows ("" for the model's own).
    inline: str = ""
    path: tuple[str, ...] = ()  # the chooser or rich-text block inside a StreamField
    linktype: str = ""  # rich text: the link or embed type ("page", "document", "image")
    embed: bool = False  # rich text: an <embed> rather than an <a>
    features: tuple[str, ...] | None = None  # rich text: the editor's features

    def __str__(self) -> str:
        where = ".".join(p for p in (self.inline, self.field, *self.path) if p)
        suffix = f"<{self.linktype}>" if self.linktype else ""
        return f"{self.model._meta.label}.{where}{suffix}"

    @property
    def declared_by(self) -> type[models.Model]:
        """The model that declares the field (``Page`` for ``owner``, on every page type)."""
        holder = self.holder_model
        return holder._meta.get_field(self.field).model

    @property
    def holder_model(self) -> type[models.Model]:
        model = self.model
        for relation in self.inline.split(".") if self.inline else ():
            model = model._meta.get_field(relation).related_model
        return model


def edited_models() -> list[type[models.Model]]:
    """Every model the admin edits through a model form: page types, snippets, settings."""
    found = [m for m in get_page_models() if m is not Page]
    found += list(get_snippet_models())
    found += [m for m in settings_registry if issubclass(m, BaseSiteSetting)]
    return found


@cache
def rich_text_targets(feature: str) -> tuple[tuple[str, bool, type[models.Model]], ...]:
    """The ``(linktype, is_embed, model)`` a rich-text feature can point at, read from the
    feature's contentstate converter rule (``a[linktype="page"]``, ``embed[embedtype=…]``)."""
    rule = rich_text_features.get_converter_rule("contentstate", feature) or {}
    found = []
    for selector in rule.get("from_database_format", {}):
        match = re.fullmatch(r'(a\[linktype|embed\[embedtype)="([\w-]+)"\]', selector)
        if not match:
            continue
        embed = match.group(1).startswith("embed")
        handlers = (
            rich_text_features.get_embed_types() if embed else rich_text_features.get_link_types()
        )
        handler = handlers.get(match.group(2))
        try:
            model = handler.get_model() if handler is not None else None
        except NotImplementedError:
            model = None
        if model is not None and is_tenant_owned(model):
            found.append((match.group(2), embed, model))
    return tuple(found)


def _features(features) -> tuple[str, ...]:
    if features is None:
        return tuple(rich_text_features.get_default_features())
    return tuple(features)


def rich_text_references(features, **where) -> list[ReferenceField]:
    found = []
    features = _features(features)
    for feature in features:
        for linktype, embed, target in rich_text_targets(feature):
            found.append(
                ReferenceField(
                    kind=RICH_TEXT,
                    target=target,
                    linktype=linktype,
                    embed=embed,
                    features=features,
                    **where,
                )
            )
    return found


def block_references(block, path: tuple[str, ...], **where) -> list[ReferenceField]:
    """Chooser blocks and rich-text blocks at any depth below ``block``."""
    if isinstance(block, blocks.ChooserBlock):
        target = block.target_model
        if is_tenant_owned(target):
            return [ReferenceField(kind=CHOOSER_BLOCK, target=target, path=path, **where)]
        return []
    if isinstance(block, blocks.RichTextBlock):
        return rich_text_references(block.features, path=path, **where)
    if isinstance(block, (blocks.StreamBlock, blocks.StructBlock)):
        found = []
        for name, child in block.child_blocks.items():
            found += block_references(child, (*path, name), **where)
        return found
    if isinstance(block, blocks.ListBlock):
        return block_references(block.child_block, (*path, LIST_ITEM), **where)
    return []


def _is_child_relation(field) -> bool:
    return field.one_to_many and field.auto_created and isinstance(field.remote_field, ParentalKey)


def model_references(model, edited, inline="") -> list[ReferenceField]:
    """The reference fields of ``model`` (the edited model, or an inline row's model)."""
    found = []
    for field in model._meta.get_fields():
        where = {"model": edited, "field": field.name, "inline": inline}
        if _is_child_relation(field):
            relation = f"{inline}.{field.name}" if inline else field.name
            found += model_references(field.related_model, edited, inline=relation)
            continue
        if not field.concrete:
            continue
        if isinstance(field, StreamField):
            found += block_references(field.stream_block, (), **where)
        elif isinstance(field, RichTextField):
            found += rich_text_references(field.features, **where)
        elif field.is_relation and field.related_model is not None:
            if isinstance(field, ParentalKey) or getattr(field.remote_field, "parent_link", False):
                continue  # the row's link to its page, a page type's link to its base table
            if not is_tenant_owned(field.related_model):
                continue
            kind = MANY_TO_MANY if field.many_to_many else FOREIGN_KEY
            found.append(ReferenceField(kind=kind, target=field.related_model, **where))
    return found


def reference_fields() -> list[ReferenceField]:
    found = []
    for model in edited_models():
        found += model_references(model, model)
    return found


def edit_form_class(model):
    """The form class Wagtail's edit view builds for ``model`` from its panels."""
    if issubclass(model, Page):
        return model.get_edit_handler().get_form_class()
    if issubclass(model, BaseSiteSetting):
        return get_setting_edit_handler(model).get_form_class()
    return model.snippet_viewset.get_edit_handler().get_form_class()


def inline_formset(form, ref: ReferenceField):
    """The formset (class or bound) of ``form`` that edits ``ref``'s inline rows (for rows
    of rows, the one inside the empty row of the outer formset); None when there is none."""
    model = ref.model
    formset = None
    for depth, relation in enumerate(ref.inline.split(".")):
        if depth:
            form = formset.form if isinstance(formset, type) else formset.empty_form
        model = model._meta.get_field(relation).related_model
        formset = next(
            (f for f in getattr(form, "formsets", {}).values() if f.model is model), None
        )
        if formset is None:
            return None
    return formset


def in_form(form, ref: ReferenceField) -> bool:
    """Whether ``form`` (a form class, or the form a view rendered) has a field for ``ref``:
    only then can a post set it."""
    if ref.inline:
        formset = inline_formset(form, ref)
        if formset is None:
            return False
        form = formset.form if isinstance(formset, type) else formset.empty_form
    fields = form.base_fields if isinstance(form, type) else form.fields
    return ref.field in fields


REFERENCE_FIELDS = reference_fields()
# The references a browser can post: those the edit form of their model has a field for.
POSTABLE = [r for r in REFERENCE_FIELDS if in_form(edit_form_class(r.model), r)]


# The others (a page's owner, a setting's site, a comment's author…), once per model that
# declares them: no form reads them, as test_reference_field_outside_the_admin_form… shows.
def _outside() -> list[ReferenceField]:
    found: dict = {}
    for ref in REFERENCE_FIELDS:
        if ref not in POSTABLE:
            found.setdefault((ref.declared_by, ref.field), ref)
    return list(found.values())


OUTSIDE = _outside()

PRIVATE = "private"  # another regency's draft page, login-restricted image, category, region
LOGIN_ONLY = "login-only"  # another regency's live page behind a login (page targets only)
OWN = "own"  # the editing village's own object (a public one)


def variants(ref: ReferenceField) -> list[str]:
    return [PRIVATE, LOGIN_ONLY] if issubclass(ref.target, Page) else [PRIVATE]


def holds_several(ref: ReferenceField) -> bool:
    """Whether one post can put two objects in ``ref``: a stream's blocks, a text's links,
    inline rows, a many-to-many field; a foreign key holds one."""
    return ref.kind != FOREIGN_KEY or bool(ref.inline)


@dataclass(frozen=True)
class Posted:
    """One reference of a post, with the kind of object posted for it."""

    ref: ReferenceField
    variant: str


# -- the world: the editing village, a foreign village, an object of each kind in both --------


def _unique() -> str:
    _unique.n = getattr(_unique, "n", 0) + 1
    return str(_unique.n)


def sample_model_value(field, make):
    """A valid value for a required model field (of the pages and snippets built here)."""
    if field.choices:
        return field.choices[0][0]
    if field.is_relation:
        return make(field.related_model)
    if isinstance(field, models.DateTimeField):
        return datetime.datetime(2030, 1, 1, 10, tzinfo=datetime.UTC)
    if isinstance(field, models.DateField):
        return datetime.date(2030, 1, 1)
    if isinstance(field, models.TimeField):
        return datetime.time(10)
    if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
        return bounded_number(field.validators)
    if isinstance(field, models.SlugField):
        return f"uji-{_unique()}"
    if isinstance(field, (models.CharField, models.TextField)):
        return f"Uji {_unique()}"
    raise LookupError(f"no sample value for {field!r}: teach sample_model_value")


def bounded_number(validators) -> int:
    """2020 (a year is the strictest number most fields ask for), or the field's own bound
    where it has a smaller maximum (a percentage)."""
    for validator in validators:
        if isinstance(validator, MaxValueValidator) and validator.limit_value < 2020:
            return validator.limit_value
    return 2020


def required_fields(model, skip=()) -> list:
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in skip
        and not f.blank
        and f.default is NOT_PROVIDED
        and f.editable
        and not f.primary_key
        and not getattr(f.remote_field, "parent_link", False)
        and not getattr(f, "auto_now", False)
        and not getattr(f, "auto_now_add", False)
    ]


PAGE_FIELDS = {f.name for f in Page._meta.get_fields()}


@dataclass
class Surface:
    """An object of an edited model, its edit view, who edits it, and the form it renders."""

    obj: models.Model
    editor: object
    url: str
    data: object = None  # the rendered form's data as the browser sends it (a QueryDict)
    form: object = None  # the rendered form

    def client(self) -> Client:
        client = Client(HTTP_HOST=ADMIN_HOST)
        client.force_login(self.editor)
        return client


@dataclass
class Outcome:
    """What one post to an edit view did."""

    status: int
    objects: dict  # Posted → the object posted for it
    messages: dict  # Posted → the errors on its field
    shared: set  # the Posted that share their form field with others of the post
    shown: str  # the response, as text
    unchanged: bool  # nothing about the edited object was saved
    held: dict  # Posted → the ids the object (as saved) holds there
    errors: str  # every error of the form, for failure messages


class World:
    """Everything the generated tests need, built once for the module (and rolled back)."""

    def __init__(self):
        self.village = factories.tenant(VILLAGE)
        self.foreign_village = factories.tenant(FOREIGN_VILLAGE)
        self.regency = factories.tenant(REGENCY)
        self.operator = factories.operator_of(self.village, username="operator_uji_rujukan")
        self.portal_admin = factories.regency_admin_of(self.regency, username="admin_uji_portal")
        self._made: dict = {}
        self._outcomes: dict = {}
        self._building = True
        edited = {r.model for r in POSTABLE} | {r.model for r in OUTSIDE}
        self.surfaces = {model: self.surface(model) for model in edited_models() if model in edited}
        self.own, self.foreign, self.login_only = {}, {}, {}
        targets = {r.target for r in POSTABLE} | {r.target for r in OUTSIDE if not r.inline}
        for target in sorted(targets, key=lambda m: m._meta.label):
            self.own[target] = self.make(target, self.village)
            self.foreign[target] = self.make(target, self.foreign_village, private=True)
            if issubclass(target, Page):
                page = self.make(target, self.foreign_village)
                PageViewRestriction.objects.create(
                    page=page, restriction_type=PageViewRestriction.LOGIN
                )
                self.login_only[target] = page
        self._building = False

    # Objects of any tenant-owned model, in a tenant, public or not.

    def make(self, model, tenant, *, private=False):
        key = (model, tenant.region.pk, private)
        if key not in self._made:
            obj = self._build(model, tenant, private)
            if not self._building:
                return obj  # made inside one test, rolled back with it: not kept
            self._made[key] = obj
        return self._made[key]

    def _build(self, model, tenant, private):
        def make(related):
            return self.make(related, tenant)

        label = f"{model._meta.verbose_name} {tenant.region.name} {_unique()}"
        if issubclass(model, Page):
            return self.page(model, tenant.page, make, live=not private, title=label)
        if issubclass(model, AbstractImage):
            return model.objects.create(
                title=label, file=get_test_image_file(), collection=self.collection(tenant, private)
            )
        if issubclass(model, AbstractDocument):
            return model.objects.create(
                title=label,
                file=ContentFile(b"isi dokumen uji", name="uji.txt"),
                collection=self.collection(tenant, private),
            )
        if issubclass(model, Collection):
            return self.collection(tenant, private)
        if issubclass(model, Region):
            return tenant.region
        if issubclass(model, Site):
            return tenant.site
        if issubclass(model, get_user_model()):
            return factories.operator_of(tenant)
        if model._meta.label == "opendata.StatisticCategory":
            # A regency's own category: it belongs to the tenant's regency.
            regency = Region.objects.get(code=tenant.region.regency_code)
            category = model.objects.create(slug=f"uji-{_unique()}", name=label, regency=regency)
            category.groups.model.objects.create(category=category, label="Uji")  # one at least
            return category
        ownership = ownership_of(model)
        if ownership is not None and ownership.owner is Owner.REGION:
            values = {ownership.field: tenant.region}
            for field in required_fields(model, skip=values):
                values[field.name] = sample_model_value(field, make)
            return model.objects.create(**values)
        raise LookupError(f"the reference test cannot build a {model._meta.label}: teach World")

    def collection(self, tenant, private):
        if not private:
            return tenant.collection
        key = ("private collection", tenant.region.pk)
        if key not in self._made:
            collection = tenant.collection.add_child(name=f"Rahasia {tenant.region.name}")
            CollectionViewRestriction.objects.create(
                collection=collection, restriction_type=CollectionViewRestriction.LOGIN
            )
            self._made[key] = collection
        return self._made[key]

    def page(self, model, under, make, *, live, title):
        """A new page of ``model`` (for ``Page``: of the first page type that fits) somewhere
        below ``under``."""
        candidates = (
            [model] if model is not Page else [m for m in get_page_models() if m is not Page]
        )
        tree = Page.objects.descendant_of(under, inclusive=True).order_by("path").specific()
        for candidate in candidates:
            for parent in tree:
                if candidate in parent.specific_class.allowed_subpage_models() and (
                    candidate.can_create_at(parent)
                ):
                    values = {
                        f.name: sample_model_value(f, make)
                        for f in required_fields(candidate, skip=PAGE_FIELDS)
                    }
                    page = candidate(title=title, slug=f"uji-{_unique()}", live=live, **values)
                    parent.add_child(instance=page)
                    page.save_revision()
                    return page
        raise LookupError(f"no place below {under} for a {model._meta.label}")

    # The object of each edited model the tests edit, and its editor.

    def surface(self, model) -> Surface:
        if issubclass(model, Page):
            return self.page_surface(model)
        if issubclass(model, BaseSiteSetting):
            obj = model.for_site(self.village.site)
            meta = model._meta
            url = reverse(
                "wagtailsettings:edit", args=[meta.app_label, meta.model_name, obj.site_id]
            )
            return Surface(obj, self.operator, url)
        obj = self.make(model, self.village)
        # The village's operator where it may edit the object; a regency's own object (a
        # statistic category) by the admin of the regency above the village.
        for editor in (self.operator, self.portal_admin):
            url = AdminURLFinder(editor).get_edit_url(obj)
            if url:
                return Surface(obj, editor, url)
        raise AssertionError(f"{model._meta.label} has no edit view for its village or regency")

    def page_surface(self, model) -> Surface:
        """A page of ``model`` in the village (made if there is none), edited by its operator;
        a page type that only lives above villages (the portal's), by the regency admin."""
        content_type = ContentType.objects.get_for_model(model)
        editors = ((self.village.page, self.operator), (self.regency.page, self.portal_admin))
        for root, editor in editors:
            page = (
                Page.objects.descendant_of(root, inclusive=True)
                .filter(content_type=content_type, locale__language_code="id")
                .order_by("path")
                .first()
            )
            if page is None:
                try:
                    page = self.page(
                        model, root, lambda m: self.make(m, self.village), live=True, title="Uji"
                    )
                except LookupError:
                    continue
            page = page.specific
            return Surface(page, editor, reverse("wagtailadmin_pages:edit", args=[page.pk]))
        raise LookupError(f"no {model._meta.label} to edit")

    def form_of(self, model):
        """The form the edit view of ``model`` renders (read once: reading changes nothing)."""
        surface = self.surfaces[model]
        if surface.form is None:
            form_id = PAGE_FORM_ID if isinstance(surface.obj, Page) else EDITOR_FORM_ID
            surface.data, surface.form = editor_form(surface.client(), surface.url, form_id)
        return surface.form

    # Posts, each made once for the module (the outcome is kept, the database rolled back).

    def foreign_object(self, ref, variant):
        return (self.login_only if variant == LOGIN_ONLY else self.foreign)[ref.target]

    def refusal(self, ref, variant) -> tuple[Outcome, Posted]:
        """The post that set ``ref`` to another regency's object of ``variant``.

        One post per model sets every reference of its form at once (nothing of it may be
        saved), a login-only page next to the private object wherever the field holds
        several; a second post sets the login-only page in the foreign keys to pages.
        """
        second = variant != PRIVATE and not holds_several(ref)
        key = (ref.model, "refusal", second)
        if key not in self._outcomes:
            assignments = {
                Posted(r, v): self.foreign_object(r, v)
                for r in POSTABLE
                if r.model is ref.model
                for v in variants(r)
                if (v != PRIVATE and not holds_several(r)) == second
            }
            self._outcomes[key] = self.post(ref.model, assignments)
        return self._outcomes[key], Posted(ref, variant)

    def control(self, model) -> Outcome:
        """Every reference of ``model``'s form set to the village's own object, and the
        fields no form has set to another regency's object (ignored, as they must be)."""
        key = (model, "control")
        if key not in self._outcomes:
            assignments = {Posted(r, OWN): self.own[r.target] for r in POSTABLE if r.model is model}
            for r in OUTSIDE:
                if r.model is model and not r.inline:
                    assignments[Posted(r, PRIVATE)] = self.foreign[r.target]
            self._outcomes[key] = self.post(model, assignments)
        return self._outcomes[key]

    def post(self, model, assignments: dict) -> Outcome:
        self.form_of(model)
        surface = self.surfaces[model]
        before = snapshot(surface.obj)
        data, rows = post_data(surface, {p: o.pk for p, o in assignments.items()}, self)
        response = surface.client().post(surface.url, data)
        form = response.context["form"] if response.status_code == 200 else None
        fields = Counter(p.ref.field for p in assignments if not p.ref.inline)
        after = stored(surface.obj)
        return Outcome(
            status=response.status_code,
            objects=assignments,
            messages={p: field_errors(form, p.ref, rows.get(p)) for p in assignments}
            if form
            else {},
            shared={p for p in assignments if not p.ref.inline and fields[p.ref.field] > 1},
            shown=html.unescape(response.content.decode()),
            unchanged=snapshot(surface.obj) == before,
            held={p: referenced_pks(after, p.ref) for p in assignments},
            errors=describe_errors(form),
        )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media_root = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media_root)),
        transaction.atomic(),
    ):
        built = World()
        built.media_root = str(media_root)
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def built(world, db, settings):
    settings.MEDIA_ROOT = world.media_root
    return world


# -- form data: the rendered form, with the references set ------------------------------------


def rich_text_html(ref: ReferenceField, pk) -> str:
    if ref.embed:
        return f'<embed embedtype="{ref.linktype}" id="{pk}" format="fullwidth" alt="uji"/>'
    return f'<p>Lihat <a linktype="{ref.linktype}" id="{pk}">tautan</a></p>'


def sample_block_value(block, world):
    """A valid form value for a block no reference goes through."""
    if isinstance(block, blocks.ChooserBlock):
        return str(world.own[block.target_model].pk) if block.required else ""
    if isinstance(block, blocks.RichTextBlock):
        return rich_text("<p>Uji</p>", features=_features(block.features))
    if isinstance(block, (blocks.BooleanBlock, blocks.StaticBlock)):
        return None  # an unticked box is not posted
    if isinstance(block, blocks.ChoiceBlock):
        return next(str(v) for v, _label in block.field.choices if v not in ("", None))
    if isinstance(block, blocks.URLBlock):
        return "https://contoh.test/"
    if isinstance(block, blocks.EmailBlock):
        return "uji@contoh.test"
    if isinstance(block, (blocks.IntegerBlock, blocks.DecimalBlock, blocks.FloatBlock)):
        return "2020"
    if isinstance(block, blocks.DateTimeBlock):
        return "2030-01-01 10:00"
    if isinstance(block, blocks.DateBlock):
        return "2030-01-01"
    if isinstance(block, blocks.TimeBlock):
        return "10:00"
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock, blocks.RawHTMLBlock)):
        return "Uji"
    raise LookupError(f"no sample value for {type(block).__name__}: teach sample_block_value")


def block_data(block, prefix, path, leaf, world) -> dict:
    """Form data for ``block`` at ``prefix``, holding ``leaf`` (the reference's value) at
    ``path`` (``None``: a plain valid value)."""
    if isinstance(block, blocks.StreamBlock):
        if not path:
            return {f"{prefix}-count": "0"}
        return stream_data(block, prefix, [(path, leaf)], world)
    if isinstance(block, blocks.ListBlock):
        if path is None:
            return {f"{prefix}-count": "0"}
        data = {f"{prefix}-count": "1", f"{prefix}-0-deleted": "", f"{prefix}-0-order": "0"}
        data.update(block_data(block.child_block, f"{prefix}-0-value", path[1:], leaf, world))
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            child_path = path[1:] if path and path[0] == name else None
            data.update(block_data(child, f"{prefix}-{name}", child_path, leaf, world))
        return data
    value = leaf(block) if path == () else sample_block_value(block, world)
    return {} if value is None else {prefix: value}


def stream_data(block, prefix, items, world) -> dict:
    """A stream's form data with one child block for each ``(path, leaf)``."""
    data = {f"{prefix}-count": str(len(items))}
    for i, (path, leaf) in enumerate(items):
        data.update(
            {
                f"{prefix}-{i}-type": path[0],
                f"{prefix}-{i}-deleted": "",
                f"{prefix}-{i}-order": str(i),
            }
        )
        child = block.child_blocks[path[0]]
        data.update(block_data(child, f"{prefix}-{i}-value", path[1:], leaf, world))
    return data


def leaf_value(ref: ReferenceField, pk):
    def leaf(block):
        if ref.kind == RICH_TEXT:
            return rich_text(rich_text_html(ref, pk), features=ref.features)
        return str(pk)

    return leaf


def set_references(data, prefix: str, form, items: list, world) -> None:
    """Put ``items`` (``(ref, pk)`` pairs, all of one field) into ``data`` for ``form``."""
    ref = items[0][0]
    name = f"{prefix}{ref.field}"
    form_field = form.fields.get(ref.field)
    if form_field is None:
        data[name] = str(items[0][1])  # a field the form does not read
    elif hasattr(form_field, "block"):
        for key in [k for k in data if k.startswith(f"{name}-")]:
            del data[key]
        paths = [(r.path, leaf_value(r, pk)) for r, pk in items]
        data.update(stream_data(form_field.block, name, paths, world))
    elif ref.kind == RICH_TEXT:
        markup = "".join(rich_text_html(r, pk) for r, pk in items)
        data[name] = rich_text(markup, features=ref.features)
    elif ref.kind == MANY_TO_MANY:
        data.setlist(name, [str(pk) for _r, pk in items])
    else:
        data[name] = str(items[0][1])


def model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def sample_form_value(field, world, model_field=None):
    """A valid value for a required form field of a new inline row (within the bounds of
    its model field, whose validators the form field does not carry)."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return [str(world.own[field.queryset.model].pk)]
    if isinstance(field, forms.ModelChoiceField):
        return str(world.own[field.queryset.model].pk)
    if isinstance(field, forms.BooleanField) or hasattr(field, "block"):
        return None
    if isinstance(field, forms.ChoiceField):
        return next(str(v) for v, _label in field.choices if v not in ("", None))
    if isinstance(field, forms.URLField):
        return "https://contoh.test/"
    if isinstance(field, forms.EmailField):
        return "uji@contoh.test"
    if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        validators = [*field.validators, *getattr(model_field, "validators", [])]
        return str(bounded_number(validators))
    if isinstance(field, forms.DateTimeField):
        return "2030-01-01 10:00"
    if isinstance(field, forms.DateField):
        return "2030-01-01"
    if isinstance(field, forms.TimeField):
        return "10:00"
    if isinstance(field, forms.CharField):
        return "Uji"
    raise LookupError(f"no sample value for {type(field).__name__}: teach sample_form_value")


def add_row(data, formset, world) -> int:
    """Append a new inline row, its required fields filled in; its index."""
    index = int(data[f"{formset.prefix}-TOTAL_FORMS"])
    prefix = f"{formset.prefix}-{index}-"
    data[f"{formset.prefix}-TOTAL_FORMS"] = str(index + 1)
    data[f"{prefix}ORDER"] = str(index + 1)
    data[f"{prefix}DELETE"] = ""
    for name, field in formset.empty_form.fields.items():
        if hasattr(field, "block"):
            data.update(nested_form_data({f"{prefix}{name}": streamfield([])}))
        if name in ("id", "ORDER", "DELETE") or not field.required:
            continue
        value = sample_form_value(field, world, model_field(formset.model, name))
        if isinstance(value, list):
            data.setlist(f"{prefix}{name}", value)
        elif value is not None:
            data[f"{prefix}{name}"] = value
    return index


def post_data(surface: Surface, assignments: dict, world):
    """The rendered form's data with each reference (``Posted``) set to its id; and, for
    references in inline rows, the index of the new row that holds each."""
    data = surface.data.copy()
    rows = {}
    by_field: dict[str, list] = {}
    for posted, pk in assignments.items():
        ref = posted.ref
        if "." in ref.inline:
            raise NotImplementedError(f"{ref}: rows of inline rows; teach post_data")
        if ref.inline:
            formset = inline_formset(surface.form, ref)
            rows[posted] = add_row(data, formset, world)
            row_prefix = f"{formset.prefix}-{rows[posted]}-"
            set_references(data, row_prefix, formset.empty_form, [(ref, pk)], world)
        else:
            by_field.setdefault(ref.field, []).append((ref, pk))
    for items in by_field.values():
        set_references(data, "", surface.form, items, world)
    return data, rows


# -- what was saved, what was said ------------------------------------------------------------


def stored(obj):
    """``obj`` as saved: a page's latest revision (drafts live there), else its row."""
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    if isinstance(fresh, Page):
        return fresh.get_latest_revision_as_object()
    return fresh


def snapshot(obj):
    """Everything saved about ``obj``: its row with its inline rows, and its revisions."""
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    data = fresh.serializable_data() if hasattr(fresh, "serializable_data") else None
    if data is None:
        data = model_to_dict(fresh)
    revisions = None
    if isinstance(fresh, RevisionMixin):
        revisions = list(
            Revision.objects.filter(
                base_content_type=fresh.get_base_content_type(), object_id=str(fresh.pk)
            ).values_list("pk", flat=True)
        )
    return data, revisions


def referenced_pks(obj, ref: ReferenceField) -> set[str]:
    """The ids of ``ref.target`` objects ``obj`` holds at ``ref``."""
    holders = [obj]
    for relation in ref.inline.split(".") if ref.inline else ():
        holders = [row for holder in holders for row in getattr(holder, relation).all()]
    found = set()
    for holder in holders:
        model_field = holder._meta.get_field(ref.field)
        if ref.kind == FOREIGN_KEY:
            value = getattr(holder, model_field.attname)
            if value is not None:
                found.add(str(value))
        elif ref.kind == MANY_TO_MANY:
            found.update(str(o.pk) for o in getattr(holder, ref.field).all())
        else:
            value = getattr(holder, ref.field)
            for model, pk, _path, _content_path in model_field.extract_references(value):
                if issubclass(model, ref.target) or issubclass(ref.target, model):
                    found.add(str(pk))
    return found


def _messages(errors) -> list[str]:
    found = []
    for error in errors.as_data() if hasattr(errors, "as_data") else errors:
        found.extend(str(m) for m in getattr(error, "messages", [error]))
    return found


def field_errors(form, ref: ReferenceField, row) -> list[str]:
    if ref.inline:
        form = inline_formset(form, ref).forms[row]
    return _messages(form.errors.get(ref.field, []))


def describe_errors(form) -> str:
    if form is None:
        return "none"
    rows = {
        name: [dict(f.errors) for f in formset.forms if f.errors]
        for name, formset in getattr(form, "formsets", {}).items()
    }
    return f"{dict(form.errors)} {rows}"


def refusals(outcome: Outcome, posted: Posted) -> list[str]:
    """The Indonesian refusals on the field of ``posted`` that speak of its object."""
    found = [m for m in outcome.messages.get(posted, []) if any(p in m for p in REFUSALS)]
    if posted in outcome.shared:
        # Several references share the field (blocks of one stream, links of one text):
        # each must have its own message, naming its object's kind and id.
        noun = capfirst(str(ownership_of(posted.ref.target).noun))
        pk = outcome.objects[posted].pk
        found = [
            m
            for m in found
            if (m.startswith(noun) and f"(id {pk})" in m) or f" {pk} bukan salah satu" in m
        ]
    return found


# -- the generated tests ----------------------------------------------------------------------


@pytest.mark.parametrize("ref", POSTABLE, ids=str)
def test_reference_to_another_regencys_object_is_refused_and_nothing_saved(built, ref):
    for variant in variants(ref):
        outcome, posted = built.refusal(ref, variant)
        foreign = outcome.objects[posted]
        what = f"{ref} = {variant} {ref.target._meta.label} id {foreign.pk}"
        assert outcome.status == 200, f"{what}: accepted (the edit view answered {outcome.status})"
        found = refusals(outcome, posted)
        assert found, f"{what}: no refusal on the field; the form's errors: {outcome.errors}"
        # Wagtail shows the first error of a StreamField only (BlockWidget.render_with_errors):
        # when several references share a field, one of the field's refusals is shown.
        shown = found if posted not in outcome.shared else outcome.messages[posted]
        assert any(m in outcome.shown for m in shown), f"{what}: the refusal is not shown"
        assert outcome.unchanged, f"{what}: something was saved"
        assert str(foreign.pk) not in outcome.held[posted], f"{what}: saved"


@pytest.mark.parametrize("ref", POSTABLE, ids=str)
def test_reference_to_own_object_is_saved(built, ref):
    outcome = built.control(ref.model)
    own = outcome.objects[Posted(ref, OWN)]
    assert outcome.status == 302, f"{ref}: the village's own objects refused: {outcome.errors}"
    assert str(own.pk) in outcome.held[Posted(ref, OWN)], f"{ref} = {own.pk}: not saved"


@pytest.mark.parametrize("ref", OUTSIDE, ids=str)
def test_reference_field_outside_the_admin_form_cannot_be_posted(built, ref):
    assert not in_form(built.form_of(ref.model), ref)
    if not ref.inline:
        outcome = built.control(ref.model)
        posted = Posted(ref, PRIVATE)
        assert outcome.status == 302, outcome.errors
        assert str(outcome.objects[posted].pk) not in outcome.held[posted]


def test_rendered_forms_have_every_field_their_panels_declare(built):
    for model in sorted({r.model for r in POSTABLE}, key=lambda m: m._meta.label):
        form = built.form_of(model)
        missing = [str(r) for r in POSTABLE if r.model is model and not in_form(form, r)]
        assert not missing, f"{model._meta.label}'s edit view renders no field for {missing}"


KNOWN = {
    "villages.VillageHomePage.hero_image",
    "villages.VillageHomePage.quick_links.page.page",
    "villages.VillageHomePage.welcome<page>",
    "villages.VillageIdentity.logo",
    "villages.NavigationSettings.main_menu.page.page",
    "news.NewsPage.gallery_images.image",
    "news.NewsPage.categories",
    "news.NewsPage.institution",
    "news.NewsPage.body.image.image",
    "news.NewsPage.body.paragraph<page>",
    "publications.PublicDocumentPage.body<document>",
    "news.NewsCategory.region",
}


def test_generator_finds_the_known_reference_fields(capsys):
    found = {str(r) for r in POSTABLE}
    assert found >= KNOWN, f"not found: {sorted(KNOWN - found)}"
    kinds = Counter(("inline " if r.inline else "") + r.kind for r in POSTABLE)
    with capsys.disabled():
        print(
            f"\nreference fields posted through the admin: {len(POSTABLE)} in "
            f"{len({r.model for r in POSTABLE})} models "
            f"({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}); "
            f"{len(OUTSIDE)} more in no admin form"
        )
    assert len(POSTABLE) > 40
