from .numbering import IssuedNumber, LetterSequence
from .requests import LetterRequest, Status

__all__ = ["IssuedNumber", "LetterRequest", "LetterSequence", "Status"]
