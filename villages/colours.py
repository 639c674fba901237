"""Colour arithmetic of the shared theme: WCAG 2.1 contrast between a village's colours and text.

A village picks its own primary and secondary colours. The theme writes text on them (header,
buttons, badges) and uses the primary for links on the white page, so every colour must leave
some text colour readable at the WCAG AA ratio for normal text (4.5:1).
"""

import re

WHITE = "#ffffff"
# The theme's body text colour; also the text colour on light village colours.
DARK_TEXT = "#1a1a1a"
AA_NORMAL_TEXT = 4.5
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def is_hex_colour(value) -> bool:
    return isinstance(value, str) and bool(HEX_COLOUR.match(value))


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a ``#rrggbb`` colour (0 black … 1 white)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#rrggbb`` colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """White or the dark text colour, whichever contrasts more with ``background``."""
    if contrast_ratio(background, WHITE) >= contrast_ratio(background, DARK_TEXT):
        return WHITE
    return DARK_TEXT


def has_readable_text(background: str) -> bool:
    """True when white or the dark text reaches AA contrast on ``background``."""
    return contrast_ratio(background, text_colour_on(background)) >= AA_NORMAL_TEXT


def readable_on_white(colour: str) -> str:
    """``colour`` itself if it reads on white as text (links), else a darker shade of it.

    A light village colour (a yellow, say) stays as the header background, but links on the
    white page need the same hue darkened until it reaches AA contrast.
    """
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    shade = colour.lower()
    for step in range(21):
        factor = 1 - step / 20
        shade = f"#{round(red * factor):02x}{round(green * factor):02x}{round(blue * factor):02x}"
        if contrast_ratio(shade, WHITE) >= AA_NORMAL_TEXT:
            break
    return shade
