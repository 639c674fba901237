from .letters import Letter, Validity
from .numbering import IssuedNumber, LetterSequence
from .requests import LetterRequest, Status

__all__ = ["IssuedNumber", "Letter", "LetterRequest", "LetterSequence", "Status", "Validity"]
