"""Public documents (PPID, village regulations, reports) with category, number and year."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField
from wagtail.search import index

from rest_framework import serializers

from villages import scope
from villages.models import PlatformPage
from villages.tenancy.forms import TenantPageForm

DOCUMENTS_PER_PAGE = 20
FIRST_YEAR = 1945  # the Republic's first year: no village regulation is older


class DocumentCategory(models.TextChoices):
    """Kinds of public documents; the values appear in URLs (``?kategori=perdes``)."""

    PERDES = "perdes", _("Peraturan Desa")
    PERKADES = "perkades", _("Peraturan Kepala Desa")
    KEPKADES = "kepkades", _("Keputusan Kepala Desa")
    APBDES = "apbdes", _("APBDes")
    LAPORAN = "laporan", _("Laporan (LKPPD/LPPD/realisasi)")
    BERKALA = "berkala", _("Informasi Berkala (PPID)")
    SERTA_MERTA = "serta-merta", _("Informasi Serta Merta (PPID)")
    SETIAP_SAAT = "setiap-saat", _("Informasi Setiap Saat (PPID)")
    LAINNYA = "lainnya", _("Lainnya")


def last_year() -> int:
    """The latest year a document may carry: next year (budgets are enacted in advance)."""
    return timezone.localdate().year + 1


def validate_year(value: int) -> None:
    """A document's year lies between 1945 and next year."""
    if not FIRST_YEAR <= value <= last_year():
        raise ValidationError(
            _("Tahun harus antara %(first)s dan %(last)s."),
            code="year_out_of_range",
            params={"first": FIRST_YEAR, "last": last_year()},
        )


def parse_year(value: str) -> int | None:
    """The year a filter parameter names, or None when it names none ("abc", "99999")."""
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        return None
    return int(value)


def current_year() -> int:
    """This year, the default year of a new document."""
    return timezone.localdate().year


def file_size_label(size: int | None) -> str:
    """A file size as residents read it: "42 KB", "1,3 MB" (empty when unknown)."""
    if size is None:
        return ""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{number_format(size / (1024 * 1024), 1)} MB"


class DocumentIndexPage(PlatformPage):
    """The village's public documents section (/dokumen/): filterable by category and year."""

    intro = models.TextField(_("ringkasan"), blank=True, max_length=500)

    content_panels = [*PlatformPage.content_panels, FieldPanel("intro")]
    search_fields = [*PlatformPage.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["villages.VillageHomePage"]
    subpage_types = ["publications.PublicDocumentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("indeks dokumen")
        verbose_name_plural = _("indeks dokumen")

    def documents(self):
        """This section's published documents, newest first, with their files."""
        return (
            PublicDocumentPage.objects.child_of(self)
            .live()
            .public()
            .select_related("document")
            .order_by("-year", F("enacted_on").desc(nulls_last=True), "-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = self.documents()
        # Only categories and years this village uses are offered as filters.
        used = list(documents.order_by().values_list("category", "year").distinct())
        used_categories = {category for category, _year in used}
        years = sorted({year for _category, year in used}, reverse=True)
        categories = [c for c in DocumentCategory if c.value in used_categories]

        # An unknown category or a year that is no number finds nothing; it is not an error.
        category = request.GET.get("kategori", "")
        if category:
            documents = documents.filter(category=category)
        year = request.GET.get("tahun", "")
        if year:
            wanted = parse_year(year)
            documents = documents.filter(year=wanted) if wanted in years else documents.none()

        context["documents"] = Paginator(documents, DOCUMENTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context["categories"] = categories
        context["years"] = years
        context["active_category"] = category
        context["active_year"] = year
        context["is_filtered"] = bool(category or year)
        return context


class DocumentFileField(serializers.Field):
    """A document page's file in the API: its absolute download URL on the page's own site
    (the only host that serves it), its type and its size in bytes."""

    def to_representation(self, page) -> dict | None:
        if not page.document_id:
            return None
        return {
            "title": page.document.title,
            "download_url": page.download_url,
            "file_type": page.file_type,
            "file_size": page.file_size,
        }


class PublicDocumentPageForm(TenantPageForm):
    """Accept only the village's own documents; say plainly that a file is needed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("document")
        if field is None:
            return
        field.error_messages["required"] = _(
            "Pilih atau unggah berkas dokumen (misalnya PDF) agar warga dapat mengunduhnya."
        )
        anchor = self.instance if self.instance.pk else self.parent_page
        if anchor is not None:
            field.queryset = scope.village_collection_items(
                get_document_model().objects.all(), anchor
            )


class PublicDocumentPage(PlatformPage):
    """One public document: a regulation, budget, report or PPID information, with its file."""

    category = models.CharField(
        _("kategori"), max_length=20, choices=DocumentCategory.choices, db_index=True
    )
    number = models.CharField(
        _("nomor"),
        max_length=100,
        blank=True,
        help_text=_("Nomor dokumen, misalnya 3 atau 141/05/414.402.02/2026. Boleh kosong."),
    )
    year = models.PositiveSmallIntegerField(
        _("tahun"), default=current_year, validators=[validate_year], db_index=True
    )
    enacted_on = models.DateField(_("tanggal penetapan"), null=True, blank=True)
    summary = models.TextField(_("ringkasan"), blank=True, max_length=1000)
    # PROTECT: a published document's file cannot be deleted from the media library while
    # this page uses it (Wagtail then shows where it is used).
    document = models.ForeignKey(
        "assets.VillageDocument",
        verbose_name=_("berkas"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = RichTextField(
        _("isi"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
    )

    content_panels = [
        *PlatformPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldRowPanel([FieldPanel("number"), FieldPanel("year")]),
                FieldPanel("enacted_on"),
            ],
            heading=_("Keterangan dokumen"),
        ),
        FieldPanel("document"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [
        *PlatformPage.search_fields,
        index.SearchField("number"),
        index.SearchField("reference"),
        index.SearchField("category_label"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("year"),
    ]
    api_fields = [
        APIField("category"),
        APIField("category_label"),
        APIField("number"),
        APIField("year"),
        APIField("enacted_on"),
        APIField("summary"),
        APIField("body"),
        APIField("document", serializer=DocumentFileField(source="*")),
    ]

    base_form_class = PublicDocumentPageForm
    parent_page_types = ["publications.DocumentIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("dokumen publik")
        verbose_name_plural = _("dokumen publik")

    def save(self, *args, **kwargs):
        # Documents stored outside Wagtail's upload form (imports, scripts) lack a recorded
        # size; record it now so that showing the page never touches the file storage.
        if self.document_id and self.document.file_size is None:
            self.document.get_file_size()
        return super().save(*args, **kwargs)

    @property
    def category_label(self) -> str:
        return str(self.get_category_display())

    @property
    def reference(self) -> str:
        """How the document is cited: "Nomor 3 Tahun 2026" (or "Tahun 2026" without number)."""
        if self.number:
            return _("Nomor %(number)s Tahun %(year)s") % {
                "number": self.number,
                "year": self.year,
            }
        return _("Tahun %(year)s") % {"year": self.year}

    @property
    def download_url(self) -> str | None:
        """Absolute URL of the file on this page's own site (where it is allowed to be served)."""
        if not self.document_id:
            return None
        parts = self.get_url_parts()
        root_url = parts[1] if parts else None
        return (root_url or "") + self.document.url

    @property
    def file_type(self) -> str:
        """The file's type as people know it: "PDF", "DOCX"."""
        return self.document.file_extension.upper() if self.document_id else ""

    @property
    def file_size(self) -> int | None:
        """Size of the file in bytes (None if unknown)."""
        return self.document.file_size if self.document_id else None

    @property
    def file_size_label(self) -> str:
        return file_size_label(self.file_size)

    @property
    def file_description(self) -> str:
        """What the download link tells about the file: "PDF, 42 KB"."""
        return ", ".join(part for part in (self.file_type, self.file_size_label) if part)
