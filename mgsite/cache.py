"""A full-page cache for anonymous visitors that is never wrong.

Keys carry a site-wide *content version*. Any saved or deleted content (a
page published or unpublished, a claim approved or withdrawn, a source
retracted, a variant's price or stock, a site setting) replaces the version,
so every cached page is dropped at once, on every host sharing the cache.
Correctness is bought with hit rate: an edit anywhere empties the cache.

A version is a fresh random token, never a counter, so it is never reused,
not even after the shared cache is flushed. What was stored under a version
therefore never changes, and each process keeps a copy of what it reads in
Django's per-process memory cache (the ``local`` cache, bounded by its
number of entries), reading only the version itself from the shared cache
on every request.

Only anonymous GET/HEAD requests are served from or stored in the cache,
and only responses that set no cookie and used no CSRF token or CSP nonce.
The htmx fragment and the full page get different keys (the ``HX-Request``
header is part of the key). Only canonical URLs are cached (known query
parameters, each once, in the order the site's forms send them), so the
number of keys is bounded by the site, not by what anyone types.

If the cache backend is down, pages are served uncached. A new version that
could not be written (content changed while the cache was failing) is not
lost: the process that could not write it, and any process that saw the
cache fail, serves uncached pages until it has written a new version, so no
page stored before the change is served after it.
"""

import hashlib
import secrets
import threading

from asgiref.local import Local
from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.db import DatabaseError, transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.models import DraftStateMixin, Page

VERSION_KEY = "content-version"
# Lifetime of ``versioned`` lookups; a new content version drops them sooner.
DATA_SECONDS = 60 * 60
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/documents/")
# Query parameters the public pages read (search, then the catalogue's
# filter form in its field order, then paging).
CACHED_PARAMS = (
    "q",
    "form",
    "format",
    "topic",
    "min_price",
    "max_price",
    "in_stock",
    "sort",
    "page",
)
MAX_CACHED_VALUE = 200
BYPASS_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}
# The version read when the current request started, so that one request
# asks the cache for it once however many ``versioned`` lookups it makes.
request_state = Local()
# Set while this process owes the shared cache a new version: it could not
# write one, or it saw the cache fail (a change elsewhere may have been lost).
version_owed = threading.Event()


def content_version():
    """The current version, or None when the cache cannot be reached or a
    new version is owed and still cannot be written."""
    if hasattr(request_state, "version"):
        return request_state.version
    if version_owed.is_set():
        return write_new_version()
    version = cache.get(VERSION_KEY)
    if version is None and cache.add(VERSION_KEY, new_version(), timeout=None):
        version = cache.get(VERSION_KEY)
    if version is None:
        version_owed.set()
    return version


def new_version():
    return secrets.token_hex(8)


def write_new_version():
    """A new version, read back from the shared cache to be sure it is
    there; None (and the version still owed) when it is not."""
    version = new_version()
    cache.set(VERSION_KEY, version, timeout=None)
    if cache.get(VERSION_KEY) != version:
        version_owed.set()
        return None
    version_owed.clear()
    return version


def forget_version():
    if hasattr(request_state, "version"):
        del request_state.version


def bump_content_version():
    forget_version()  # read it afresh from now on
    write_new_version()


def earliest_expiry():
    """The first moment after now at which something public (a page, a
    claim) reaches its expiry time, or None."""
    now = timezone.now()
    times = [
        model.objects.filter(live=True, expire_at__gt=now).aggregate(
            first=Min("expire_at")
        )["first"]
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin)
        and (model is Page or not issubclass(model, Page))
    ]
    return min((t for t in times if t is not None), default=None)


def expiry_passed():
    """Whether something stored under the current version showed content
    that has expired since: then the version must change. Read under the
    version like any lookup, so it costs no query while nothing expires."""
    try:
        when = versioned("next-expiry", earliest_expiry)
    except DatabaseError:
        return False  # the view answers the outage, with its own headers
    return when is not None and when <= timezone.now()


def content_changed():
    """Drop every cached page now, and again once the change commits: a
    page rendered in between from the data as it was before the commit would
    otherwise be kept under the new version."""
    bump_content_version()
    transaction.on_commit(bump_content_version)


def fetch_many(keys, seconds):
    """``{key: value}`` of those ``keys`` either cache holds, asking each
    once: this process's copy (the ``local`` cache) first, then the shared
    cache, whose answers are copied here for ``seconds``. Keys carry the
    version, so a copy is never stale."""
    found = caches["local"].get_many(keys)
    if wanted := [key for key in keys if key not in found]:
        shared = cache.get_many(wanted)
        caches["local"].set_many(shared, seconds)
        found.update(shared)
    return found


def store_many(values, seconds):
    cache.set_many(values, seconds)
    caches["local"].set_many(values, seconds)


def versioned(name, compute, keep=None):
    """``compute()``, kept in the cache until the content version changes.

    For small site-wide lookups that every page repeats (navigation, site
    settings, filter choices). Computed afresh when the cache is down, and
    not kept when ``keep(value)`` is false.

    A release does not change the version: when what is kept under a name
    changes shape, give it a new name, or the new code would read what the
    old release stored.
    """
    version = content_version()
    if version is None:
        return compute()
    key = f"data:{version}:{name}"
    stored = fetch_many([key], DATA_SECONDS).get(key)  # a 1-tuple: None can be kept
    if stored is None:
        stored = (compute(),)
        if keep is None or keep(stored[0]):
            store_many({key: stored}, DATA_SECONDS)
    return stored[0]


def versioned_many(prefix, names, compute):
    """``{name: value}`` for each of ``names``, kept like ``versioned``;
    ``compute(missing)`` returns the values not stored yet, by name. One
    round trip to the shared cache for all of them."""
    version = content_version()
    if version is None:
        return compute(list(names))
    keys = {name: f"data:{version}:{prefix}:{name}" for name in names}
    stored = fetch_many(list(keys.values()), DATA_SECONDS)
    found = {name: stored[key] for name, key in keys.items() if key in stored}
    if missing := [name for name in names if name not in found]:
        computed = compute(missing)
        store_many({keys[n]: value for n, value in computed.items()}, DATA_SECONDS)
        found.update(computed)
    return found


def canonical_query(query):
    """Known parameters only, each once, in ``CACHED_PARAMS`` order."""
    positions = []
    for name, values in query.lists():
        if name not in CACHED_PARAMS or len(values) > 1:
            return False
        if len(values[0]) > MAX_CACHED_VALUE:
            return False
        positions.append(CACHED_PARAMS.index(name))
    return positions == sorted(positions)


def cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and not BYPASS_COOKIES.intersection(request.COOKIES)
        and canonical_query(request.GET)
    )


def cacheable_response(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        # A CSP nonce must be new on every response; django-csp's nonce is
        # true once a view has used it.
        and not getattr(request, "csp_nonce", None)
        and not any(word in cache_control for word in ("private", "no-store"))
    )


def cache_key(request, version):
    hx = request.headers.get("HX-Request", "")
    raw = f"{request.get_host()}|{request.get_full_path()}|{hx}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"page:{version}:{digest}"


def public_request(request):
    """Whether a shared cache (the CDN, this cache) may answer ``request``:
    an anonymous GET or HEAD of a public URL in its canonical form."""
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and not BYPASS_COOKIES.intersection(request.COOKIES)
        and not getattr(request, "is_preview", False)
        and not getattr(getattr(request, "user", None), "is_authenticated", False)
        and canonical_query(request.GET)
    )


def set_cache_headers(request, response):
    """``public, s-maxage, stale-while-revalidate`` (from settings) on what
    any visitor may be served from a shared cache, with ``Vary: HX-Request``
    (the htmx fragment and the page share a URL); ``private, no-store`` on
    everything else: the admin, signed-in users, previews, forms with a
    CSRF token, responses that set a cookie. A response that already says
    ``private`` or ``no-store`` keeps it."""
    if public_request(request) and cacheable_response(request, response):
        patch_cache_control(
            response,
            public=True,
            s_maxage=settings.CACHE_CONTROL_S_MAXAGE,
            stale_while_revalidate=settings.CACHE_CONTROL_STALE_WHILE_REVALIDATE,
        )
        patch_vary_headers(response, ["HX-Request"])
    elif response.status_code < 500:
        patch_cache_control(response, private=True, no_store=True)
    return response


class AnonymousPageCacheMiddleware:
    """Serves anonymous pages from the shared cache, and sets every
    response's ``Cache-Control`` for the CDN and browsers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_state.version = version = content_version()
        if version is not None and expiry_passed():
            bump_content_version()
            request_state.version = version = content_version()
        try:
            return self.respond(request, version)
        finally:
            forget_version()

    def respond(self, request, version):
        if not cacheable_request(request) or version is None:
            return set_cache_headers(request, self.get_response(request))
        key = cache_key(request, version)
        seconds = settings.PAGE_CACHE_SECONDS
        response = fetch_many([key], seconds).get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = set_cache_headers(request, self.get_response(request))
        if cacheable_response(request, response):
            store_many({key: response}, seconds)
            response["X-Page-Cache"] = "miss"
        return response
