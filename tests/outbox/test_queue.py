"""With a broker (not eager), an email is handed to the queue only when the transaction
commits, as a real message on Redis that names the task and the stored email."""

import json
import os

from django.core import mail

import pytest
import redis
from kombu import Connection

from cms.celery import app
from outbox import services
from outbox.models import OutboundEmail, Status

pytestmark = pytest.mark.django_db

# A database of its own per test process (pytest-xdist): the queue is Celery's default one.
BROKER = f"redis://127.0.0.1:6379/{14 - int(os.environ.get('PYTEST_XDIST_WORKER', 'gw0')[2:] or 0)}"
QUEUE = "celery"


def forget_connections():
    # Celery keeps its broker connections (and producers) once made: a test that changes the
    # broker starts them afresh.
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def redis_broker():
    saved = {k: app.conf[k] for k in ("task_always_eager", "broker_url")}
    redis.Redis.from_url(BROKER).delete(QUEUE)
    forget_connections()
    app.conf.update(task_always_eager=False, broker_url=BROKER)
    yield QUEUE
    forget_connections()
    app.conf.update(saved)
    redis.Redis.from_url(BROKER).delete(QUEUE)


def queued_messages(queue):
    raw = redis.Redis.from_url(BROKER).lrange(queue, 0, -1)
    return [json.loads(item) for item in raw]


def test_a_broker_gets_the_email_on_commit_only(
    redis_broker, working_mail_server, village_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with services.about(village_a.region):
            mail.EmailMessage("Antre", "Isi", to=["a@contoh.test"]).send()
        # Stored, not yet handed over, nothing sent.
        email = OutboundEmail.objects.get()
        assert email.status == Status.QUEUED
        assert queued_messages(redis_broker) == []
    assert mail.outbox == []

    for callback in callbacks:
        callback()

    [message] = queued_messages(redis_broker)
    assert message["headers"]["task"] == "outbox.deliver"
    with Connection(BROKER) as connection:
        received = connection.SimpleQueue(redis_broker, no_ack=False).get(timeout=5)
        args, kwargs, _ = received.decode()
        received.ack()
    assert args == [email.pk]

    # What a worker would do with it.
    app.tasks["outbox.deliver"].apply(args=args)
    email.refresh_from_db()
    assert email.status == Status.SENT
    assert len(mail.outbox) == 1


def test_a_broker_that_is_down_loses_nothing(
    redis_broker, working_mail_server, village_a, django_capture_on_commit_callbacks
):
    forget_connections()
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    app.conf.broker_connection_max_retries = 0
    app.conf.broker_transport_options = {"max_retries": 0}
    try:
        with django_capture_on_commit_callbacks(execute=True), services.about(village_a.region):
            sent = mail.EmailMessage("Tertahan", "Isi", to=["a@contoh.test"]).send()
    finally:
        app.conf.broker_connection_max_retries = 100
        app.conf.broker_transport_options = {"visibility_timeout": 3600}

    assert sent == 1
    email = OutboundEmail.objects.get()
    assert email.status == Status.QUEUED
    assert bytes(email.payload)
