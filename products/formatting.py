"""How prices and order links are written for buyers."""

from decimal import Decimal
from urllib.parse import quote


def format_rupiah(amount: Decimal | int) -> str:
    """``Rp 150.000``: dots group thousands, whatever language the page is in.

    Django's number formatting follows the active language (``150,000`` on /en/ pages),
    but a rupiah price is written the Indonesian way everywhere.
    """
    return "Rp " + f"{int(amount):,}".replace(",", ".")


def whatsapp_link(number: str, message: str) -> str:
    """A ``wa.me`` link that opens a chat with ``number`` (``628…``), message typed in."""
    return f"https://wa.me/{number}?text={quote(message, safe='')}"


def display_whatsapp(number: str) -> str:
    """A stored ``628…`` number as people read it: ``+62 812-3456-7890``."""
    local = number.removeprefix("62")
    return f"+62 {local[:3]}-{local[3:7]}-{local[7:]}"
