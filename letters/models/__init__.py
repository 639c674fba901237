from .numbering import IssuedNumber, LetterSequence

__all__ = ["IssuedNumber", "LetterSequence"]
