"""Admin widgets of the village identity: a colour picker with a contrast hint, a logo chooser.

``ColourInput`` is the browser's own picker (``<input type="color">``). It still submits the
``#rrggbb`` code the model stores and validates (``villages.models.settings``); the form only
stops asking the operator to type it. Under it, a hint gives the colour's WCAG contrast with
the text the theme writes on it (``villages.colours``) and warns in plain words below 4.5:1.
The server writes the hint for the value shown (saved, or just refused); a static script
(``villages/admin/colour-contrast.js``, loaded through the widget's media, so the admin's
Content-Security-Policy allows it as ``'self'``) rewrites it while the operator picks.

``LogoChooser`` is Wagtail's image chooser with a visible "Ganti logo" button next to the
chosen logo, besides Wagtail's "…" menu, which hides the same action.
"""

from __future__ import annotations

import math

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from wagtail.images.widgets import AdminImageChooser

from .colours import AA_NORMAL_TEXT, WHITE, contrast_ratio, is_hex_colour, text_colour_on


def ratio_text(ratio: float) -> str:
    """A ratio as the operator reads it ("4,4"), cut rather than rounded: 4.46 fails AA, and
    must not read as "4,5"."""
    return number_format(math.floor(ratio * 10) / 10, decimal_pos=1)


HINT_OK_WHITE = _("Kontras %(ratio)s:1 dengan teks putih di atasnya: mudah dibaca (minimal 4,5:1).")
HINT_OK_DARK = _(
    "Kontras %(ratio)s:1 dengan teks gelap di atasnya: mudah dibaca (minimal 4,5:1). Teks "
    "putih hanya %(white)s:1, jadi teks di atasnya ditulis gelap."
)
HINT_LOW = _(
    "Kurang kontras: %(ratio)s:1, di bawah 4,5:1. Teks di atas warna ini sulit dibaca. "
    "Pilih warna yang lebih gelap atau lebih terang."
)


def contrast_hint(colour) -> dict | None:
    """What the hint under a colour picker says about ``colour`` (None for no valid colour)."""
    if not is_hex_colour(colour):
        return None
    text = text_colour_on(colour)
    ratio = contrast_ratio(colour, text)
    low = ratio < AA_NORMAL_TEXT
    message = HINT_LOW if low else (HINT_OK_WHITE if text == WHITE else HINT_OK_DARK)
    params = {"ratio": ratio_text(ratio), "white": ratio_text(contrast_ratio(colour, WHITE))}
    return {"low": low, "message": message % params}


# The texts the script fills in, with {ratio} and {white} for the figures.
SCRIPT_PARAMS = {"ratio": "{ratio}", "white": "{white}"}


class ColourInput(forms.TextInput):
    """``<input type="color">`` with the contrast hint; the value stays a ``#rrggbb`` code."""

    input_type = "color"
    template_name = "villages/widgets/colour_input.html"

    def __init__(self, attrs=None):
        super().__init__({"class": "colour-input", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        hint_id = f"{context['widget']['attrs'].get('id') or name}-contrast"
        context["widget"]["attrs"]["data-contrast-hint"] = hint_id
        context["contrast"] = {
            "id": hint_id,
            "hint": contrast_hint(value),
            "templates": {
                "ok-white": HINT_OK_WHITE % SCRIPT_PARAMS,
                "ok-dark": HINT_OK_DARK % SCRIPT_PARAMS,
                "low": HINT_LOW % SCRIPT_PARAMS,
                "decimal": number_format(0.5, decimal_pos=1)[1],
            },
        }
        return context

    @property
    def media(self):
        return forms.Media(js=["villages/admin/colour-contrast.js"])


class LogoChooser(AdminImageChooser):
    """The image chooser of the identity's logo, with its change action in plain sight."""

    template_name = "villages/widgets/logo_chooser.html"
    classname = "image-chooser logo-chooser"
    choose_one_text = _("Pilih logo")
    choose_another_text = _("Ganti logo")
