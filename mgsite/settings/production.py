"""Production: every secret and host from the environment, HTTPS enforced.

Requires ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DATABASE_URL``; refuses to
start without them rather than fall back to a default.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

if not os.environ.get("REDIS_URL"):
    # A per-process cache cannot be invalidated across gunicorn workers or
    # hosts: a change made through one would leave the others serving stale
    # pages. Without a shared Redis, cache nothing.
    CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        for alias in ("default", "local")
    }

# Background tasks in the database, run by ``manage.py db_worker``: a task
# is a row written in the same transaction as the change it follows.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks_db.backend.DatabaseBackend"
        )
    }
}

for required in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
    if not os.environ.get(required):
        raise ImproperlyConfigured(f"{required} must be set in production.")

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
