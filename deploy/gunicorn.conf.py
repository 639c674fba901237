"""gunicorn for the web servers: ``gunicorn -c deploy/gunicorn.conf.py cms.wsgi``.

Every value can be set from the environment (``GUNICORN_*``), so the systemd unit and a
container use the same file. Workers are processes (sync): pages are rendered by CPU, and
the page cache answers most requests in a millisecond or two; two workers per core.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A slow upload or PDF must not hold a worker forever; nginx times out first (60 s).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then (with jitter, not all at once): memory stays flat.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# The app is loaded once and forked: less memory, faster restarts of a worker.
preload_app = True
# nginx on the same host sets X-Forwarded-For/-Proto; trust it only from there.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Django writes the application log (JSON) to stderr; gunicorn's access log is off by
# default (nginx keeps one, with the same X-Request-ID), on with GUNICORN_ACCESSLOG=-.
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
proc_name = "desa-web"
# gunicorn 24+ opens a control socket in the user's home (ProtectHome hides it): off unless
# GUNICORN_CONTROL_SOCKET names a path (e.g. /run/desa/gunicorn.ctl).
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
