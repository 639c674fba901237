"""Outgoing email through a queue: every email the platform sends is stored, then delivered by
a Celery task with retries, so that a slow or failing mail server never slows a web request
and no email is lost without a trace."""
