"""Content pages inside a village site: standard pages, the profile and the contact page."""

from .contact import ContactFormField, ContactOfficeHours, ContactPage
from .profile import ProfileHamlet, ProfilePage
from .standard import StandardPage

__all__ = [
    "ContactFormField",
    "ContactOfficeHours",
    "ContactPage",
    "ProfileHamlet",
    "ProfilePage",
    "StandardPage",
]
