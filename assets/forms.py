"""The base of every image form Wagtail builds (``WAGTAILIMAGES_IMAGE_FORM_BASE``).

Wagtail makes its image forms with ``get_image_form()`` (add, edit, multiple upload, the
chooser's upload tab, API v3 writes) from this base, and gives their ``file`` field its own
``WagtailImageField``. The field is swapped here, at construction, for
``VillageImageField``, which reduces too-large photos instead of refusing them
(``assets.image_uploads``). Swapping in ``__init__`` rather than declaring the field keeps
Wagtail's forms that leave the file out (the multiple uploader's edit form) without one.
"""

from wagtail.images.forms import BaseImageForm

from .image_uploads import VillageImageField


class VillageImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, VillageImageField):
            self.fields["file"] = VillageImageField(
                label=field.label, required=field.required, widget=field.widget
            )

    class Meta(BaseImageForm.Meta):
        pass
