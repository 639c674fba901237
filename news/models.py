"""Village news (berita): an index per village, news pages, per-village categories."""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from taggit.models import TaggedItemBase

from home.blocks import BodyBlock
from home.services import village_region_id
from villages.models import PlatformPage, Region
from villages.models.regions import Level
from villages.tenancy.forms import TenantModelForm, TenantPageForm

NEWS_PER_PAGE = 10
FEED_ITEMS = 20
IMAGE_RENDITION = "fill-800x450|format-webp"


def villages_for_user(user):
    from villages import scope

    villages = Region.objects.filter(level=Level.VILLAGE)
    if user.is_superuser:
        return villages
    return villages.filter(scope.region_code_q(scope.user_regions(user)))


class NewsCategoryForm(TenantModelForm):
    """Editors may only file a category under their own village."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("region")
        if field is not None and self.for_user is not None:
            field.queryset = villages_for_user(self.for_user).order_by("name")
            if not self.instance.pk and field.queryset.count() == 1:
                field.initial = field.queryset.get().pk


class NewsCategory(models.Model):
    """A news category; each village keeps its own."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("desa"),
        on_delete=models.CASCADE,
        related_name="news_categories",
        limit_choices_to={"level": Level.VILLAGE},
    )
    name = models.CharField(_("nama"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)

    panels = [FieldPanel("region"), FieldPanel("name"), FieldPanel("slug")]
    base_form_class = NewsCategoryForm

    class Meta:
        verbose_name = _("kategori berita")
        verbose_name_plural = _("kategori berita")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="news_category_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name


class CategoryListField(serializers.Field):
    """Categories in the API as name and slug (never ids of other tables)."""

    def to_representation(self, value):
        return [{"name": c.name, "slug": c.slug} for c in value.all()]


class InstitutionSummaryField(serializers.Field):
    """The institution a news item names, as id and title (nothing when unpublished)."""

    def to_representation(self, value) -> dict | None:
        return {"id": value.pk, "title": value.title} if value.live else None


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPageForm(TenantPageForm):
    """Offer only the categories of the village the page belongs to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "categories" in self.fields:
            anchor = self.instance if self.instance.pk else self.parent_page
            region_id = village_region_id(anchor) if anchor is not None else None
            self.fields["categories"].queryset = NewsCategory.objects.filter(region_id=region_id)
        if "institution" in self.fields:
            from government.services import institutions_for_page

            anchor = self.instance if self.instance.pk else self.parent_page
            self.fields["institution"].queryset = institutions_for_page(anchor)


class NewsIndexPage(RoutablePageMixin, PlatformPage):
    """The village's news section (/berita/): list, filters and feeds."""

    intro = models.TextField(_("ringkasan"), blank=True, max_length=500)

    content_panels = [*PlatformPage.content_panels, FieldPanel("intro")]
    search_fields = [*PlatformPage.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["villages.VillageHomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("indeks berita")
        verbose_name_plural = _("indeks berita")

    def news_items(self):
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .select_related("featured_image")
            .order_by("-date", "-first_published_at", "-pk")
        )

    def categories(self):
        return NewsCategory.objects.filter(region_id=village_region_id(self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.news_items()
        category = tag = None
        if slug := request.GET.get("kategori"):
            category = self.categories().filter(slug=slug).first()
            items = items.filter(categories=category) if category else items.none()
        if slug := request.GET.get("tag"):
            tag = NewsPageTag.tag_model().objects.filter(slug=slug).first()
            items = items.filter(tags=tag) if tag else items.none()
        context["news"] = Paginator(items.distinct(), NEWS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context["categories"] = self.categories()
        context["active_category"] = category
        context["active_tag"] = tag
        url = self.get_url(request)
        context["feed_url"] = url + self.reverse_subpage("rss_feed")
        context["atom_url"] = url + self.reverse_subpage("atom_feed")
        return context

    @path("feed/", name="rss_feed")
    def rss_feed(self, request):
        from .feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPage(PlatformPage):
    """One news item."""

    date = models.DateField(_("tanggal"), default=datetime.date.today)
    author_name = models.CharField(_("penulis"), max_length=100, blank=True)
    featured_image = models.ForeignKey(
        "assets.VillageImage",
        verbose_name=_("gambar utama"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = models.TextField(_("ringkasan"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("isi"), blank=True)
    categories = ParentalManyToManyField(
        NewsCategory, verbose_name=_("kategori"), blank=True, related_name="news_pages"
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tag"))
    institution = models.ForeignKey(
        "government.InstitutionPage",
        verbose_name=_("lembaga"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
        help_text=_("Lembaga desa yang menerbitkan berita ini, bila ada."),
    )

    content_panels = [
        *PlatformPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("author_name"),
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("institution", widget=forms.Select),
            ],
            heading=_("Keterangan berita"),
        ),
        FieldPanel("featured_image"),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("gallery_images", label=_("galeri")),
    ]
    search_fields = [
        *PlatformPage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("date"),
        APIField("author_name"),
        APIField("featured_image", serializer=ImageRenditionField(IMAGE_RENDITION)),
        APIField("intro"),
        APIField("body"),
        APIField("gallery_images"),
        APIField("categories", serializer=CategoryListField()),
        APIField("tags"),
        APIField("institution", serializer=InstitutionSummaryField()),
    ]

    base_form_class = NewsPageForm
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("berita")
        verbose_name_plural = _("berita")

    @property
    def published_datetime(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time.min))


class NewsPageGalleryImage(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "assets.VillageImage", verbose_name=_("gambar"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("keterangan"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
    api_fields = [
        APIField("image", serializer=ImageRenditionField(IMAGE_RENDITION)),
        APIField("caption"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("gambar galeri")
        verbose_name_plural = _("galeri")
