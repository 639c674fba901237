"""Letters as PDF: HTML and CSS rendered by WeasyPrint, on A4 or F4 paper.

The renderer fetches nothing: every resource of a letter (the letterhead's logo, the QR
code) is inlined as a ``data:`` URI before rendering, and the URL fetcher refuses any other
URL (``file:``, ``http:``…), so a template edited in the admin can never read a file of the
server or call another host. WeasyPrint is imported on first use: the rest of the site runs
without its system libraries (Pango).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

PAPER_SIZES = {"A4": "210mm 297mm", "F4": "215mm 330mm"}


class LetterRenderError(ValueError):
    pass


def _fetcher():
    from weasyprint.urls import URLFetcher

    # data: URIs only; any other URL stops the rendering (fail_on_errors) with our error.
    return URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)


def page_css(paper: str) -> str:
    size = PAPER_SIZES.get(paper)
    if size is None:
        raise LetterRenderError(_("Ukuran kertas %(paper)s tidak dikenal.") % {"paper": paper})
    return f"@page {{ size: {size}; margin: 20mm 20mm 20mm 25mm; }}"


def render_pdf(html: str, *, paper: str = "A4", css: str = "") -> bytes:
    """The PDF of ``html`` on ``paper`` (A4 or F4), with ``css`` after the page rules."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import FatalURLFetchingError

    fetcher = _fetcher()
    try:
        sheets = [CSS(string=page_css(paper) + css, url_fetcher=fetcher)]
        document = HTML(string=html, url_fetcher=fetcher, base_url="data:,")
        return document.write_pdf(stylesheets=sheets)
    except FatalURLFetchingError as exc:
        raise LetterRenderError(
            _("Surat hanya boleh memuat gambar yang disematkan (data:), bukan alamat lain.")
        ) from exc
