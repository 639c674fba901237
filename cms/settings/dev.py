"""Local development and the demo: SQLite, local media, console email."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("VILLAGES_SITE_PORT", "8000")

from .base import *  # noqa: E402,F403
from .env import env_str  # noqa: E402

# A per-checkout key is fine for development; production refuses to start without one.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")  # noqa: S105
INTERNAL_IPS = ["127.0.0.1"]
