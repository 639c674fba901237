"""Photo albums of a village: the gallery section (/galeri/) and its albums."""

import datetime

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable
from wagtail.search import index

from modelcluster.fields import ParentalKey

from villages import scope
from villages.models import PlatformPage
from villages.tenancy.forms import TenantPageForm

ALBUMS_PER_PAGE = 12
# Thumbnails above this count are lazy-loaded: the first row on a wide screen, the first
# two rows on a phone, are in view when the page opens.
EAGER_PHOTOS = 4
API_COVER = "fill-800x600|format-webp"
API_THUMBNAIL = "fill-400x300|format-webp"
API_LARGE = "max-1200x1200|format-webp"


def with_listing_data(albums):
    """Annotate albums with ``photo_count`` and ``card_image_id`` (cover, else first photo).

    Subqueries rather than joins keep it one query without grouping by every page column.
    """
    photos = AlbumPhoto.objects.filter(page=OuterRef("pk"))
    count = photos.order_by().values("page").annotate(n=Count("pk")).values("n")
    first_image = photos.order_by("sort_order", "pk").values("image_id")[:1]
    return albums.annotate(
        photo_count=Coalesce(Subquery(count), 0),
        card_image_id=Coalesce(
            "cover_image_id", Subquery(first_image), output_field=models.BigIntegerField()
        ),
    )


def attach_card_images(albums) -> list:
    """Set ``card_image`` on each album of ``with_listing_data``, renditions prefetched.

    Two queries for any number of albums: the images, then their renditions.
    """
    albums = list(albums)
    ids = {album.card_image_id for album in albums if album.card_image_id}
    images = {}
    if ids:
        images = {
            image.pk: image
            for image in get_image_model().objects.filter(pk__in=ids).prefetch_renditions()
        }
    for album in albums:
        album.card_image = images.get(album.card_image_id)
    return albums


class GalleryIndexPage(PlatformPage):
    """The village's gallery section (/galeri/): its albums, newest first."""

    intro = models.TextField(_("ringkasan"), blank=True, max_length=500)

    content_panels = [*PlatformPage.content_panels, FieldPanel("intro")]
    search_fields = [*PlatformPage.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["villages.VillageHomePage"]
    subpage_types = ["gallery.AlbumPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("indeks galeri")
        verbose_name_plural = _("indeks galeri")

    def albums(self):
        """This gallery's published albums, newest first."""
        return (
            AlbumPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-date", "-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page = Paginator(with_listing_data(self.albums()), ALBUMS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        page.object_list = attach_card_images(page.object_list)
        context["albums"] = page
        return context


class AlbumPageForm(TenantPageForm):
    """Offer (and accept) only the images of the village the album belongs to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anchor = self.instance if self.instance.pk else self.parent_page
        if anchor is None:
            return
        images = scope.village_collection_items(get_image_model().objects.all(), anchor)
        if "cover_image" in self.fields:
            self.fields["cover_image"].queryset = images
        if "photos" in self.formsets:
            for form in self.formsets["photos"].forms:
                form.fields["image"].queryset = images


class AlbumPage(PlatformPage):
    """One photo album: an event or activity of the village, with its photos in order."""

    date = models.DateField(_("tanggal"), default=datetime.date.today)
    description = models.TextField(_("keterangan"), blank=True, max_length=2000)
    cover_image = models.ForeignKey(
        "assets.VillageImage",
        verbose_name=_("sampul"),
        help_text=_("Boleh dikosongkan: foto pertama album dipakai sebagai sampul."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *PlatformPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("description"), FieldPanel("cover_image")],
            heading=_("Keterangan album"),
        ),
        InlinePanel("photos", label=_("foto")),
    ]
    search_fields = [
        *PlatformPage.search_fields,
        index.SearchField("description"),
        index.RelatedFields("photos", [index.SearchField("caption")]),
        index.FilterField("date"),
    ]
    api_fields = [
        APIField("date"),
        APIField("description"),
        # The cover shown on the site: the chosen one, else the first photo.
        APIField("cover_image", serializer=ImageRenditionField(API_COVER, source="cover")),
        APIField("photos"),
    ]

    base_form_class = AlbumPageForm
    parent_page_types = ["gallery.GalleryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("album foto")
        verbose_name_plural = _("album foto")

    @property
    def cover(self):
        """The chosen cover image, else the image of the first photo (None if no photos)."""
        if self.cover_image_id:
            return self.cover_image
        first = self.photos.select_related("image").first()
        return first.image if first else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query for the photos and their images, one for all their renditions.
        photos = list(self.photos.select_related("image").prefetch_related("image__renditions"))
        for position, photo in enumerate(photos):
            photo.loading = "eager" if position < EAGER_PHOTOS else "lazy"
        context["photos"] = photos
        return context


class AlbumPhoto(Orderable):
    """A photo of an album, with an optional caption."""

    page = ParentalKey(AlbumPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "assets.VillageImage", verbose_name=_("foto"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("keterangan"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
    api_fields = [
        APIField("image", serializer=ImageRenditionField(API_LARGE)),
        APIField("thumbnail", serializer=ImageRenditionField(API_THUMBNAIL, source="image")),
        APIField("caption"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("foto album")
        verbose_name_plural = _("foto album")
