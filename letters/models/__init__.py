from .letters import Letter, Validity
from .numbering import IssuedNumber, LetterSequence
from .pages import LetterServicePage
from .requests import EventKind, LetterRequest, RequestAttachment, RequestEvent, Status
from .services import LetterTemplate, Paper, RegencyLetterSettings, VillageLetterService

__all__ = [
    "EventKind",
    "IssuedNumber",
    "Letter",
    "LetterRequest",
    "LetterSequence",
    "LetterServicePage",
    "LetterTemplate",
    "Paper",
    "RegencyLetterSettings",
    "RequestAttachment",
    "RequestEvent",
    "Status",
    "Validity",
    "VillageLetterService",
]
