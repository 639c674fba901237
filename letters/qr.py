"""The QR code printed on a letter: the verification URL, as an SVG data URI for the PDF.

segno (pure Python, no image library) makes it; error correction "M" still reads with a
stain or a fold on the printed page.
"""

from __future__ import annotations

import segno


def qr_data_uri(url: str, *, scale: int = 4) -> str:
    """``url`` as a QR code: an SVG ``data:`` URI for an ``<img src>``."""
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=scale, border=2)
