"""Letter PDFs: WeasyPrint on A4 and F4, the QR code decoded from the rendered page, and a
renderer that fetches nothing but inlined data."""

import pytest

from letters.pdf import LetterRenderError, render_pdf
from letters.qr import qr_data_uri
from tests.letters import pdfs

URL = "https://kebonharjo.tuban.test/verifikasi/Zp3Xq9f2Lw0s8VbYt1RkHn6GmJc4DaEuQoP7iWxMzNc/"
NUMBER = "470/007/35.23.02.2001/XII/2026"


def letter(extra=""):
    return (
        "<html><body><h1>SURAT KETERANGAN DOMISILI</h1>"
        f"<p>Nomor: {NUMBER}</p>{extra}"
        f'<img src="{qr_data_uri(URL)}" alt="QR" style="width:30mm"></body></html>'
    )


@pytest.mark.parametrize(("paper", "size"), [("A4", (210, 297)), ("F4", (215, 330))])
def test_the_letter_is_a_pdf_on_its_paper_with_its_text_and_qr(paper, size):
    pdf = render_pdf(letter(), paper=paper)
    assert pdf.startswith(b"%PDF-")
    assert pdfs.size_mm(pdf) == size
    assert f"Nomor: {NUMBER}" in pdfs.text(pdf)
    assert pdfs.qr_codes(pdf) == [URL]


def test_a_page_without_qr_decodes_nothing():
    pdf = render_pdf("<html><body><p>Tanpa kode</p></body></html>")
    assert pdfs.qr_codes(pdf) == []


@pytest.mark.parametrize(
    "hostile",
    [
        '<img src="file:///etc/passwd">',
        '<link rel="stylesheet" href="http://example.com/x.css">',
        "<style>@import url(file:///etc/hosts);</style>",
        '<div style="background: url(https://example.com/pixel.png)">x</div>',
    ],
)
def test_a_letter_fetches_nothing_but_inlined_data(hostile):
    with pytest.raises(LetterRenderError):
        render_pdf(letter(hostile))


def test_an_unknown_paper_size_is_refused():
    with pytest.raises(LetterRenderError):
        render_pdf(letter(), paper="Letter")
