"""System check: the personal-data keys (see ``letters.personal``)."""

from django.conf import settings
from django.core import checks

from .personal import keys_configured


@checks.register(checks.Tags.security)
def personal_data_keys(app_configs, **kwargs):
    if keys_configured():
        return []
    if settings.DEBUG:
        return [
            checks.Warning(
                "PERSONAL_DATA_KEYS / PERSONAL_DATA_HASH_KEY are not set: personal data is "
                "encrypted with a key derived from SECRET_KEY (development only).",
                id="letters.W001",
            )
        ]
    return [
        checks.Error(
            "PERSONAL_DATA_KEYS and PERSONAL_DATA_HASH_KEY must be set: letter requests hold "
            "personal data (NIK), which is stored encrypted under them.",
            id="letters.E001",
        )
    ]
