"""Image and document models whose files are stored under their village's own folder.

Two villages uploading ``logo.png`` must never share (or overwrite) one file, on local disk
or in an S3 bucket: every file lives under ``villages/<region code>/`` of its collection's
region, and storage never overwrites an existing name.
"""

import os

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from .file_types import check_document_file

SHARED_FOLDER = "shared"


def region_folder(collection) -> str:
    """Storage folder of a collection: that of the nearest collection belonging to a region."""
    if collection is None:
        return SHARED_FOLDER
    from villages.models import Region

    paths = [collection.path[:i] for i in range(len(collection.path), 0, -collection.steplen)]
    region = (
        Region.objects.filter(collection__path__in=paths)
        .order_by("-collection__depth")
        .values_list("code", flat=True)
        .first()
    )
    return os.path.join("villages", region) if region else SHARED_FOLDER


def fit_path(path: str, limit: int = 95) -> str:
    """Shorten the file stem so the whole path fits the file field's length."""
    if len(path) <= limit:
        return path
    folder, name = os.path.split(path)
    stem, ext = os.path.splitext(name)
    keep = max(8, len(stem) - (len(path) - limit))
    return os.path.join(folder, stem[:keep] + ext)


class VillageImage(AbstractImage):
    caption = models.CharField(_("keterangan"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "caption")

    class Meta(AbstractImage.Meta):
        verbose_name = _("gambar")
        verbose_name_plural = _("gambar")
        permissions = [("choose_image", "Can choose image")]

    def get_upload_to(self, filename):
        default = super().get_upload_to(filename)  # original_images/<safe name>
        return fit_path(os.path.join(region_folder(self.collection), default))


class VillageRendition(AbstractRendition):
    image = models.ForeignKey(VillageImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    def get_upload_to(self, filename):
        default = super().get_upload_to(filename)  # images/<name>.<spec>.<ext>
        return fit_path(os.path.join(region_folder(self.image.collection), default))


def document_upload_to(instance, filename):
    name = instance.file.field.storage.get_valid_name(filename)
    return fit_path(os.path.join(region_folder(instance.collection), "documents", name), 250)


class VillageDocument(AbstractDocument):
    file = models.FileField(upload_to=document_upload_to, verbose_name=_("file"), max_length=255)

    admin_form_fields = ("title", "file", "collection", "tags")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        permissions = [("choose_document", "Can choose document")]

    def _check_new_file(self) -> None:
        # Only a file not yet stored is checked: editing the title of a stored document must
        # not read its file back from storage.
        if self.file and not self.file._committed:
            check_document_file(self.file)

    def clean(self):
        """Refuse a file whose type is not allowed or whose bytes are not of its type.

        Every form saving a document (admin add and edit, multiple upload, chooser upload,
        API v3) runs this; it replaces Wagtail's own extension check, whose message is not
        ours, and then lets Wagtail's ``clean()`` run for anything else it checks.
        """
        try:
            self._check_new_file()
        except ValidationError as error:
            raise ValidationError({"file": error.error_list}) from error
        super().clean()

    def save(self, *args, update_fields=None, **kwargs):
        # Code that saves a document without a form (imports, scripts) is held to the same
        # rule. A save of other fields only (Wagtail stores ``file_size`` that way, even while
        # showing a refused upload again) writes no file, so it is not checked.
        if update_fields is None or "file" in update_fields:
            self._check_new_file()
        super().save(*args, update_fields=update_fields, **kwargs)
