"""The progress timeline of a project: dated percentages, notes and photos."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey

from .pages import ProjectPage

MAX_PHOTOS = 8


class ProgressUpdate(Orderable):
    """One progress report: on ``date`` the project was ``percentage`` % done."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="progress_updates")
    date = models.DateField(_("tanggal"))
    percentage = models.PositiveSmallIntegerField(
        _("persentase (%)"),
        validators=[
            MinValueValidator(0, message=_("Persentase paling kecil 0.")),
            MaxValueValidator(100, message=_("Persentase paling besar 100.")),
        ],
    )
    note = models.TextField(_("catatan"), blank=True, max_length=1000)
    photos = StreamField(
        [("photo", ImageChooserBlock(label=_("foto")))],
        verbose_name=_("foto"),
        blank=True,
        max_num=MAX_PHOTOS,
        help_text=_("Foto keadaan pekerjaan pada tanggal ini (paling banyak %(count)s).")
        % {"count": MAX_PHOTOS},
    )

    panels = [
        FieldPanel("date"),
        FieldPanel("percentage"),
        FieldPanel("note"),
        FieldPanel("photos"),
    ]
    api_fields = [APIField("date"), APIField("percentage"), APIField("note"), APIField("photos")]

    class Meta(Orderable.Meta):
        verbose_name = _("perkembangan")
        verbose_name_plural = _("perkembangan")

    def __str__(self) -> str:
        return f"{self.date}: {self.percentage}%"
