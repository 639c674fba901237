"""Reading a rendered letter back: its text (pypdfium2) and its QR code, decoded with
zxing-cpp from the page rendered to an image, as a phone would read the printed page."""

import pypdfium2 as pdfium
import zxingcpp

DPI = 200
POINTS_PER_MM = 72 / 25.4


def text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def size_mm(pdf: bytes, page: int = 0) -> tuple[int, int]:
    document = pdfium.PdfDocument(pdf)
    try:
        width, height = document[page].get_size()
        return round(width / POINTS_PER_MM), round(height / POINTS_PER_MM)
    finally:
        document.close()


def qr_codes(pdf: bytes, page: int = 0) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[page].render(scale=DPI / 72).to_pil()
        return [
            found.text
            for found in zxingcpp.read_barcodes(image)
            if found.format == zxingcpp.BarcodeFormat.QRCode
        ]
    finally:
        document.close()
