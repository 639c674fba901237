"""What a village's letter service is, from the regency's settings and the village's own.

Every lookup returns a usable answer without any row written: a regency without settings
has the standard format, a village without its own choice serves the regency's default set.
"""

from __future__ import annotations

from dataclasses import dataclass

from villages.models.regions import Level

from .letter_types import LetterType, get_type, standard_types
from .models import LetterTemplate, RegencyLetterSettings, VillageLetterService
from .wording import DEFAULT_CLOSING, DEFAULT_OPENING

DEFAULT_SIGNER_POSITION = "Kepala Desa"


def regency_of(village):
    if village.level == Level.REGENCY:
        return village
    return village.regency()


def regency_settings(regency) -> RegencyLetterSettings:
    """The regency's settings (an unsaved default when it has none)."""
    if regency is None:
        return RegencyLetterSettings()
    found = RegencyLetterSettings.objects.filter(regency=regency).first()
    return found or RegencyLetterSettings(regency=regency)


def default_type_slugs(settings: RegencyLetterSettings) -> list[str]:
    known = standard_types()
    chosen = [slug for slug in settings.default_types or [] if slug in known]
    return chosen or list(known)


def village_service(village) -> VillageLetterService:
    """The village's own choice, or an unsaved one with the regency's default set."""
    found = VillageLetterService.objects.filter(village=village).first()
    if found is not None:
        return found
    defaults = default_type_slugs(regency_settings(regency_of(village)))
    return VillageLetterService(
        village=village, enabled_types=defaults, signer_position=DEFAULT_SIGNER_POSITION
    )


def served_types(village, service: VillageLetterService | None = None) -> list[LetterType]:
    """The letter types the village serves, in the shipped order."""
    service = service or village_service(village)
    enabled = set(service.enabled_types or [])
    return [kind for slug, kind in standard_types().items() if slug in enabled]


def serves(village, slug: str) -> LetterType | None:
    kind = get_type(slug)
    if kind is None:
        return None
    return kind if slug in (village_service(village).enabled_types or []) else None


@dataclass(frozen=True)
class Wording:
    title: str
    opening: str
    statement: str
    closing: str
    customised: bool = False


def standard_wording(kind: LetterType) -> Wording:
    return Wording(kind.name, DEFAULT_OPENING, kind.statement, DEFAULT_CLOSING)


def wording_for(regency, kind: LetterType) -> Wording:
    """The regency's wording of ``kind``, or the standard one."""
    template = None
    if regency is not None:
        template = LetterTemplate.objects.filter(regency=regency, letter_type=kind.slug).first()
    if template is None:
        return standard_wording(kind)
    return Wording(
        template.title, template.opening, template.statement, template.closing, customised=True
    )
