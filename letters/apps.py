from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    """Resident services: letter requests, numbered letters with QR verification."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "letters"
    verbose_name = _("Layanan surat")

    def ready(self):
        from villages.sections import register_section
        from villages.tenancy import Owner, register

        from .sections import LETTERS_SECTION

        register_section(LETTERS_SECTION)

        from . import checks  # noqa: F401 (registers the personal-data key check)
        from .models import (
            IssuedNumber,
            Letter,
            LetterRequest,
            LetterSequence,
            LetterTemplate,
            RegencyLetterSettings,
            RequestAttachment,
            RequestEvent,
            VillageLetterService,
        )

        register(LetterSequence, Owner.REGION, field="village", noun=_("nomor surat"))
        register(IssuedNumber, Owner.REGION, field="village", noun=_("nomor surat"))
        register(LetterRequest, Owner.REGION, field="village", noun=_("permohonan surat"))
        register(Letter, Owner.REGION, field="village", noun=_("surat"))
        register(RequestAttachment, Owner.REGION, field="village", noun=_("lampiran"))
        register(RequestEvent, Owner.REGION, field="village", noun=_("riwayat permohonan"))
        register(VillageLetterService, Owner.REGION, field="village", noun=_("layanan surat"))
        register(RegencyLetterSettings, Owner.REGION, field="regency", noun=_("pengaturan surat"))
        register(LetterTemplate, Owner.REGION, field="regency", noun=_("templat surat"))
