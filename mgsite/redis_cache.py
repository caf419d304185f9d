"""django-redis with a circuit breaker: Redis speeds the site up, and its
failure must cost seconds, not the site.

Each call has short connect and read timeouts (``cache_config``). When one
fails (refused, reset or timed out), the breaker opens: for
``BREAKER_SECONDS`` every call answers at once as a miss (reads return the
default, writes report failure) without touching the network. The first
call after that tries Redis again. A hung Redis (accepting connections and
never answering) so costs one timeout per process per interval instead of
one per call.
"""

import functools
import logging
import threading
import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
FAILURES = (ConnectionInterrupted, RedisError, OSError)
DEFAULT_BREAKER_SECONDS = 10


class Breaker:
    """Open for ``seconds`` after a failure; shared by every thread of the
    process that uses the same Redis (Django keeps a cache object per
    thread)."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.open_until = 0.0
        self.lock = threading.Lock()

    def is_open(self):
        return time.monotonic() < self.open_until

    def trip(self, error):
        with self.lock:
            already_open = self.is_open()
            self.open_until = time.monotonic() + self.seconds
        if not already_open:
            logger.warning(
                "Redis failed (%s); serving without it for %s s", error, self.seconds
            )


breakers = {}
breakers_lock = threading.Lock()


def breaker_for(location, seconds):
    with breakers_lock:
        return breakers.setdefault(str(location), Breaker(seconds))


def guarded(fallback):
    """Run the method unless the breaker is open; on a Redis failure open
    it. ``fallback(args, kwargs)`` is the answer without Redis."""

    def decorate(method):
        @functools.wraps(method)
        def call(self, *args, **kwargs):
            if self.breaker.is_open():
                return fallback(args, kwargs)
            try:
                return method(self, *args, **kwargs)
            except FAILURES as error:
                self.breaker.trip(error)
                return fallback(args, kwargs)

        return call

    return decorate


def default_of_get(args, kwargs):
    return kwargs.get("default", args[1] if len(args) > 1 else None)


def nothing(args, kwargs):
    return None


def failed(args, kwargs):
    return False


def no_values(args, kwargs):
    return {}


def all_keys_failed(args, kwargs):
    return list(args[0]) if args else []


class BreakerRedisCache(RedisCache):
    """Configure with ``IGNORE_EXCEPTIONS`` off: the breaker decides what a
    failure means. ``BREAKER_SECONDS`` (top level of the cache's settings)
    sets how long it stays open."""

    def __init__(self, server, params):
        super().__init__(server, params)
        seconds = params.get("BREAKER_SECONDS", DEFAULT_BREAKER_SECONDS)
        self.breaker = breaker_for(server, seconds)

    get = guarded(default_of_get)(RedisCache.get)
    get_many = guarded(no_values)(RedisCache.get_many)
    set = guarded(failed)(RedisCache.set)
    add = guarded(failed)(RedisCache.add)
    set_many = guarded(all_keys_failed)(RedisCache.set_many)
    delete = guarded(failed)(RedisCache.delete)
    delete_many = guarded(nothing)(RedisCache.delete_many)
    has_key = guarded(failed)(RedisCache.has_key)
    touch = guarded(failed)(RedisCache.touch)
    clear = guarded(nothing)(RedisCache.clear)
