"""Officials (perangkat desa) and village institutions (BPD, LPMD, PKK, BUMDes…).

``base`` holds the abstract pieces shared by several models (an official's fields, phone
contact); ``pages`` the page types and their inline orderables.
"""

from .base import OfficialBase, PhoneContact
from .pages import (
    BumdesPage,
    BumdesUnit,
    GovernmentIndexPage,
    InstitutionKind,
    InstitutionOfficial,
    InstitutionPage,
    Official,
)

__all__ = [
    "BumdesPage",
    "BumdesUnit",
    "GovernmentIndexPage",
    "InstitutionKind",
    "InstitutionOfficial",
    "InstitutionPage",
    "Official",
    "OfficialBase",
    "PhoneContact",
]
