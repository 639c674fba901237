"""What product and potential pages share: photos and the village they belong to."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable

from villages.models import VillageHomePage

# Photos are shown at these sizes everywhere (cards, product page), so each photo gets only
# two renditions; listings prefetch exactly these.
PHOTO_RENDITIONS = ("fill-400x300|format-webp", "fill-800x600|format-webp")
API_RENDITION = "fill-800x600|format-webp"


def with_photos(queryset, photo_model):
    """``queryset`` with its pages' photos, their images and the listing renditions prefetched.

    Three queries whatever the number of pages, instead of three per page.
    """
    images = get_image_model().objects.prefetch_renditions(*PHOTO_RENDITIONS)
    photos = photo_model.objects.prefetch_related(models.Prefetch("image", queryset=images))
    return queryset.prefetch_related(models.Prefetch("photos", queryset=photos))


def village_title(page) -> str:
    """The title of the village home page ``page`` lies under (``Desa Kebonharjo``)."""
    return VillageHomePage.objects.ancestor_of(page).values_list("title", flat=True).first() or ""


class PhotosMixin:
    """Pages with an inline ``photos`` relation."""

    @property
    def first_photo(self):
        """The first photo (from the prefetched list when there is one), else None."""
        photos = list(self.photos.all())
        return photos[0] if photos else None


class PhotoBase(Orderable):
    """A photo with an optional caption."""

    image = models.ForeignKey(
        "assets.VillageImage", verbose_name=_("foto"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("keterangan"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
    api_fields = [
        APIField("image", serializer=ImageRenditionField(API_RENDITION)),
        APIField("caption"),
    ]

    class Meta(Orderable.Meta):
        abstract = True
