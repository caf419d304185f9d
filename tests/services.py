"""Tests that need a real service skip when it is absent, visibly.

Under ``REQUIRE_SERVICES=1`` (CI) such a skip becomes a failure, so a green
run always means the service was exercised.
"""

import os
import socket
from urllib.parse import urlparse

import pytest
from django.db import connection


def require(available, reason):
    if available:
        return
    if os.environ.get("REQUIRE_SERVICES"):
        pytest.fail(f"{reason} (REQUIRE_SERVICES is set, so this is a failure)")
    pytest.skip(reason)


def port_open(url, default_port):
    parts = urlparse(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), timeout=0.5
        ):
            return True
    except OSError:
        return False


def redis_url():
    url = os.environ.get("REDIS_URL", "")
    require(
        url and port_open(url, 6379), "needs Redis: set REDIS_URL to a running server"
    )
    return url


# For what only PostgreSQL has (trigram matching, a server two processes
# share): skipped, with this reason, on the SQLite run; CI's second run, on
# PostgreSQL, runs it.
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: set DATABASE_URL to a PostgreSQL database "
    "(CI runs the suite again on PostgreSQL)",
)


def empty_caches():
    """Empty the shared cache and this process's copy of it (``local``)."""
    from django.core.cache import caches

    for backend in caches.all():
        backend.clear()
