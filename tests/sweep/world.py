"""The villages of the sweep, their marked objects, and village A's four attackers.

Every village gets the same set of objects, each carrying a marker string of its own
(``penanda<kind><village>``: lower-case letters only, so no escaping in HTML, JSON or URLs
can hide it). The markers of village A (Kebonharjo) may appear anywhere; those of the other
villages must never reach a user of A who is not entitled to see them:

- Wangi, same kecamatan as A: unseen by A's contributor and operator (A's kecamatan editor
  and the regency admin supervise it);
- Karangasem, same regency, another kecamatan: unseen by them and by A's kecamatan editor;
- Sembung, another regency: unseen by all four.

Every response is read for the markers of all the villages its reader may not see
(``Attacker.unseen``); the ids in the URLs come from the villages in ``Attacker.asks``: the
closest village each role may not see, and Sembung for all.

A few markers are public on the village's own site (``PUBLIC_KINDS``: a title of an image or
document in an open collection, the identity's tagline). They are still forbidden in the
admin and on every other host.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from wagtail.admin.models import EditingSession
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    APIToken,
    CollectionViewRestriction,
    Locale,
    PageLogEntry,
    PageViewRestriction,
    Task,
    UploadedFile,
    Workflow,
)
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    Translation,
    TranslationContext,
    TranslationSource,
)

from complaints.models import Complaint, NameShown, Status
from home.models import ContactPage, StandardPage
from letters.issuing import issue_letter
from letters.models import LetterRequest
from letters.personal import encrypt_bytes
from letters.processing import store_attachment
from news.models import NewsCategory
from opendata.models import IndexPage, IndexValue, StatisticCategory, StatisticGroup
from opendata.periods import parse_period
from opendata.releases import NewRelease, publish
from outbox import services as outbox_services
from outbox.models import OutboundEmail
from outbox.models import Status as OutboxStatus
from tests import factories
from tests.assets.helpers import png_bytes
from villages.models import Region, VillageIdentity
from villages.models.regions import Role

OWN = "kebonharjo"
VILLAGE_CODES = {
    OWN: "35.23.02.2001",
    "wangi": "35.23.02.2002",
    "karangasem": "35.23.12.2001",
    "sembung": "35.24.01.2001",
}
# Kinds whose marker the village's own public site shows to anyone.
PUBLIC_KINDS = {
    "gambar",
    "taggambar",
    "dokumen",
    "tagdokumen",
    "identitas",
    # A complaint its sender allowed and an operator published, with its answer.
    "pengaduanpublik",
    "jawabanpublik",
}
# Every village's pictures have a shape of their own, so a served picture tells whose it is.
IMAGE_SIZES = {OWN: (16, 16), "wangi": (29, 3), "karangasem": (31, 5), "sembung": (37, 2)}
# A prefix every marker shares: searches and tag suggestions are asked for it.
MARKER_PREFIX = "penanda"


def _attachment_upload():
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (90, 90, 200)).save(out, format="PNG")
    return SimpleUploadedFile("ktp.png", out.getvalue(), "image/png")


def marker(kind: str, village: str) -> str:
    return f"{MARKER_PREFIX}{kind}{village}"


@dataclass(frozen=True)
class Subject:
    """One object of a village, and the values it gives the URL parameters that name it.

    ``slots`` maps a kind of parameter ("page", "revision", "image", "content_type"…) to this
    object's value for it: a page subject gives its id to ``page_id``, its latest revision to
    ``revision_id``, its type to ``content_type_app_name``/``content_type_model_name``.
    """

    village: str
    name: str
    obj: object
    slots: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def model(self):
        return type(self.obj)

    @property
    def pk(self):
        return self.obj.pk

    def __str__(self):
        return f"{self.village}:{self.name}"


@dataclass
class Village:
    key: str
    tenant: factories.Tenant
    operator: object
    contributor: object
    markers: dict[str, str]  # marker -> kind
    subjects: list[Subject]

    @property
    def host(self) -> str:
        return self.tenant.host

    def forbidden_markers(self, host: str | None) -> list[str]:
        """The markers no unentitled user may get on ``host`` (None: a host that is no site)."""
        if host == self.host:
            return [m for m, kind in self.markers.items() if kind not in PUBLIC_KINDS]
        return list(self.markers)


@dataclass
class Attacker:
    role: str
    user: object
    token: str  # the plaintext of the user's API token (API v3 takes bearer tokens only)
    unseen: tuple[str, ...]  # keys of the villages this role may not see
    asks: tuple[str, ...]  # the villages whose ids it requests (the closest first)


@dataclass
class World:
    own: Village
    victims: dict[str, Village]
    attackers: list[Attacker]
    # Objects that belong to no village (workflows, tasks, locales) fill the parameters of
    # their own views.
    shared: list[Subject]

    def villages(self):
        return [self.own, *self.victims.values()]


def _page_slots(page, **extra) -> dict:
    page = page.specific
    slots = {
        "page": page.pk,
        "content_type": (page._meta.app_label, page._meta.model_name),
        "url_path": _site_relative_path(page),
    }
    revision = page.latest_revision
    if revision is not None:
        slots["revision"] = revision.pk
    slots.update(extra)
    return slots


def _site_relative_path(page) -> str:
    parts = page.get_url_parts()
    return parts[2].lstrip("/") if parts else ""


def _add_page(parent, title, user, *, publish: bool, slug: str | None = None):
    page = StandardPage(title=title, slug=slug or title, live=False, owner=user)
    parent.add_child(instance=page)
    PageLogEntry.objects.log_action(page, "wagtail.create", user=user)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    page.refresh_from_db()
    return page


def build_village(key: str) -> Village:
    """A village's users and marked objects (see the module docstring)."""
    tenant = factories.tenant(VILLAGE_CODES[key])
    markers: dict[str, str] = {}

    def mark(kind: str) -> str:
        value = marker(kind, key)
        markers[value] = kind
        return value

    operator = factories.operator_of(
        tenant,
        username=mark("pengguna"),
        email=f"{mark('surel')}@contoh.test",
        first_name=mark("namadepan"),
        last_name=mark("namabelakang"),
    )
    contributor = factories.contributor_of(tenant, username=f"kontributor{key}")
    subjects: list[Subject] = []

    def add(name, obj, **slots):
        subject = Subject(key, name, obj, slots)
        subjects.append(subject)
        return subject

    home = tenant.page
    add("home page", home, **_page_slots(home))
    add("site", tenant.site, site=tenant.site.pk)
    add("region", tenant.region)
    uid = urlsafe_base64_encode(force_bytes(operator.pk))
    add("user", operator, user=operator.pk, uidb64=uid)
    for role in (Role.OPERATOR, Role.CONTRIBUTOR):
        add(f"{role} group", tenant.group(role))

    # Collections: the village's own, and a login-only one inside it.
    add("collection", tenant.collection, collection=tenant.collection.pk)
    private = tenant.collection.add_child(name=mark("koleksi"))
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    add(
        "private collection",
        private,
        collection=private.pk,
        collection_view_restriction=restriction.pk,
    )

    # Images and documents, in the open collection and in the private one.
    for kind, collection in (("gambar", tenant.collection), ("gambarprivat", private)):
        title = mark(kind)
        image = get_image_model().objects.create(
            title=title,
            file=ContentFile(png_bytes("red", size=IMAGE_SIZES[key]), name=f"{title}.png"),
            collection=collection,
        )
        image.tags.add(mark(f"tag{kind}"))
        add(
            f"image {kind}",
            image,
            image=image.pk,
            collection=collection.pk,
            filename=image.filename,
            content_type=("assets", image._meta.model_name),
        )
    for kind, collection in (("dokumen", tenant.collection), ("dokumenprivat", private)):
        title = mark(kind)
        document = get_document_model().objects.create(
            title=title,
            file=ContentFile(f"isi {title}".encode(), name=f"{title}.txt"),
            collection=collection,
        )
        document.tags.add(mark(f"tag{kind}"))
        add(
            f"document {kind}",
            document,
            document=document.pk,
            collection=collection.pk,
            filename=document.filename,
            content_type=("assets", document._meta.model_name),
        )
    upload = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(get_image_model()),
        file=ContentFile(png_bytes("blue", size=IMAGE_SIZES[key]), name=f"{mark('unggahan')}.png"),
        uploaded_by_user=operator,
    )
    add("uploaded file", upload, uploaded_file=upload.pk)

    # Pages: a draft its contributor submitted to moderation (a workflow and task state), a
    # login-only live page with a pending draft revision and a log entry. Each page subject
    # costs a request per page URL and role, so states share pages.
    draft = _add_page(home, mark("draf"), contributor, publish=False)
    workflow_state = draft.get_workflow().start(draft, contributor)
    task_state = workflow_state.current_task_state
    add(
        "draft page",
        draft,
        **_page_slots(
            draft,
            workflow_state=workflow_state.pk,
            task_state=task_state.pk,
            task=task_state.task_id,
            task_actions=[
                name for name, *_rest in task_state.task.specific.get_actions(draft, operator)
            ],
        ),
    )
    private_page = _add_page(home, mark("privat"), operator, publish=True)
    page_restriction = PageViewRestriction.objects.create(
        page=private_page, restriction_type=PageViewRestriction.LOGIN
    )
    private_page.title = mark("revisi")
    private_page.save_revision(user=operator, log_action=True)
    private_page.refresh_from_db()
    log_entry = PageLogEntry.objects.log_action(
        private_page,
        "wagtail.rename",
        user=operator,
        data={"title": {"old": marker("privat", key), "new": mark("log")}},
    )
    add(
        "private page",
        private_page,
        **_page_slots(
            private_page, page_view_restriction=page_restriction.pk, log_entry=log_entry.pk
        ),
    )

    contact = ContactPage.objects.child_of(home).get()
    submission = FormSubmission.objects.create(page=contact, form_data={"pesan": mark("kiriman")})
    add("form submission", submission, **_page_slots(contact, submission=submission.pk))

    category = NewsCategory.objects.create(
        region=tenant.region, name=mark("kategori"), slug=mark("kategori")
    )
    add("news category", category, content_type=("news", "newscategory"))

    # Open village data: a release of the village's figures (its note marked, shown in the
    # history's detail view); a regency's own statistic category, for the village of the other
    # regency only (a regency's categories are shared by its villages on purpose).
    release = publish(
        NewRelease(
            tenant.region,
            "idm",
            parse_period("2024"),
            [
                IndexValue(dimension="skor", value="0.7"),
            ],
        ),
        source="form",
        note=mark("datadesa"),
    )
    add("data release", release)
    # Its data page, for the victims seen only after login (no download of it for anyone).
    data_page = IndexPage.objects.child_of(home).get()
    data_page.title = mark("halamandata")
    data_page.save_revision(user=operator).publish()
    PageViewRestriction.objects.create(page=data_page, restriction_type=PageViewRestriction.LOGIN)
    add("login-only data page", data_page, **_page_slots(data_page))
    if tenant.region.regency_code != VILLAGE_CODES[OWN].rsplit(".", 2)[0]:
        regency = Region.objects.get(code=tenant.region.regency_code)
        statistic = StatisticCategory.objects.create(
            regency=regency, name=mark("statistik"), slug=mark("statistik")
        )
        StatisticGroup.objects.create(category=statistic, label=mark("kelompokstatistik"))
        add("statistic category", statistic, content_type=("opendata", "statisticcategory"))

    # A letter issued to a resident: the request's personal data are markers (never shown
    # anywhere, not even on the letter's public verification page, which gets its token).
    letter_request = LetterRequest(
        village=tenant.region,
        letter_type="domisili",
        name=mark("pemohon"),
        nik="3523024101900001",
        address=mark("alamatpemohon"),
    )
    letter_request.answer_values = {"keperluan": mark("keperluan")}
    letter_request.save()
    add("letter request", letter_request)
    # Its attachment (a photo of the KTP), encrypted in private storage.
    add("letter attachment", store_attachment(letter_request, "ktp", _attachment_upload()))
    letter = issue_letter(
        letter_request, user=operator, signer_name="Kepala Desa Uji", signer_position="Kades"
    )
    add("letter", letter, letter_token=letter.token)

    # Complaints: one waiting for longer than the overdue days, with a photo of the village's
    # own shape; one answered and published (its sender's name masked, so never shown).
    waiting = Complaint(
        village=tenant.region,
        category="infrastruktur",
        message=mark("pengaduan"),
        name=mark("pengadu"),
        email=f"{mark('surelpengadu')}@contoh.test",
        phone="0812-3456-7890",
        may_publish=True,
        photo_type="image/png",
    )
    waiting.photo.save(
        "foto", ContentFile(encrypt_bytes(png_bytes("green", size=IMAGE_SIZES[key]))), save=False
    )
    waiting.save()
    Complaint.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=30)
    )
    add("complaint", waiting)
    answered = Complaint.objects.create(
        village=tenant.region,
        category="lingkungan",
        message=mark("pengaduanpublik"),
        name=mark("pengadupublik"),
        email=f"{mark('surelpengadupublik')}@contoh.test",
        answer=mark("jawabanpublik"),
        answered_at=timezone.now(),
        status=Status.ANSWERED,
        may_publish=True,
        published=True,
        name_shown=NameShown.MASKED,
    )
    add("published complaint", answered)

    # An email of the village that could not be delivered (the regency admin's outbox).
    with outbox_services.about(tenant.region):
        email = outbox_services.store(
            mail.EmailMessage(mark("surel"), mark("isisurel"), to=["warga@contoh.test"])
        )
    OutboundEmail.objects.filter(pk=email.pk).update(status=OutboxStatus.FAILED, attempts=5)
    add("outbound email", email)

    token, _plaintext = APIToken.create_token(user=operator, name=mark("token"))
    add("api token", token)

    session = EditingSession.objects.create(
        user=operator,
        content_type=ContentType.objects.get_for_model(StandardPage),
        object_id=str(draft.pk),
        last_seen_at=timezone.now(),
        is_editing=True,
    )
    add(
        "editing session",
        session,
        session=session.pk,
        page=draft.pk,
        content_type=("home", "standardpage"),
    )

    source, _created = TranslationSource.get_or_create_from_instance(private_page)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="en")
    )
    # The English copy exists, as after "translate this page" (the translation views show it).
    translation.save_target(user=operator)
    slots = {"translation": translation.pk, "translation_source": source.pk}
    string_segment = StringSegment.objects.filter(source=source).first()
    if string_segment is not None:
        slots["string_segment"] = string_segment.pk
    # A standard page has no overridable segment (an image, a link); the sweep needs one.
    context, _created = TranslationContext.objects.get_or_create(
        object_id=source.object_id, path="sweep.override"
    )
    overridable = OverridableSegment.objects.create(
        source=source, context=context, order=99, data_json=json.dumps(mark("segmen"))
    )
    slots["overridable_segment"] = overridable.pk
    add("translation", translation, page=private_page.pk, **slots)
    add("translation source", source, page=private_page.pk, **slots)

    # Every setting of the site exists, as on any site visited once (the first page view
    # creates them).
    for setting in settings_registry:
        if issubclass(setting, BaseSiteSetting):
            setting.for_site(tenant.site)
    identity = VillageIdentity.for_site(tenant.site)
    identity.tagline = mark("identitas")
    identity.save()
    add("identity", identity, site=tenant.site.pk, content_type=("villages", "villageidentity"))
    return Village(key, tenant, operator, contributor, markers, subjects)


def shared_subjects() -> list[Subject]:
    """Objects of the whole installation (workflows, tasks, locales)."""
    subjects = []
    for model, slot in ((Workflow, "workflow"), (Task, "task"), (Locale, None)):
        for obj in model.objects.order_by("pk")[:2]:
            slots = {slot: obj.pk} if slot else {}
            subjects.append(Subject("platform", f"{model._meta.model_name} {obj.pk}", obj, slots))
    return subjects


def build_world() -> World:
    """Village A with its four attackers, and the three villages they attack."""
    villages = {key: build_village(key) for key in VILLAGE_CODES}
    own = villages.pop(OWN)
    district = factories.tenant("35.23.02")
    regency = factories.tenant("35.23")
    village_staff = ("wangi", "karangasem", "sembung")
    roles = [
        ("contributor", factories.contributor_of(own.tenant), village_staff, ("wangi", "sembung")),
        ("operator", factories.operator_of(own.tenant), village_staff, ("wangi", "sembung")),
        (
            "district editor",
            factories.district_editor_of(district),
            ("karangasem", "sembung"),
            None,
        ),
        ("regency admin", factories.regency_admin_of(regency), ("sembung",), None),
    ]
    attackers = []
    for role, user, unseen, asks in roles:
        _token, plaintext = APIToken.create_token(user=user, name=f"token {role}")
        attackers.append(Attacker(role, user, plaintext, unseen, asks or unseen))
    return World(own=own, victims=villages, attackers=attackers, shared=shared_subjects())
