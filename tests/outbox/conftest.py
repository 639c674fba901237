import pytest

REFUSING = "tests.outbox.backends.RefusingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def refusing_mail_server(settings):
    settings.OUTBOX_DELIVERY_BACKEND = REFUSING


@pytest.fixture
def working_mail_server(settings):
    settings.OUTBOX_DELIVERY_BACKEND = LOCMEM
