"""A full-page cache for anonymous visitors that is never wrong.

Keys carry a site-wide *content version*. Any saved or deleted content (a
page published or unpublished, a claim approved or withdrawn, a source
retracted, a variant's price or stock, a site setting) bumps the version,
so every cached page is dropped at once, on every host sharing the cache.
Correctness is bought with hit rate: an edit anywhere empties the cache.

Only anonymous GET/HEAD requests are served from or stored in the cache,
and only responses that set no cookie and used no CSRF token. The htmx
fragment and the full page get different keys (the ``HX-Request`` header
is part of the key). If the cache backend is down, pages are served
uncached.
"""

import hashlib
import threading

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import BaseViewRestriction, Page, Site

VERSION_KEY = "content-version"
# Lifetime of ``versioned`` lookups; a new content version drops them sooner.
DATA_SECONDS = 60 * 60
CONTENT_APPS = {"mgsite", "evidence", "articles", "products"}
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/documents/")
BYPASS_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}
# Saves that only move draft or lock bookkeeping change nothing public.
DRAFT_ONLY_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
}


# The version read when the current request started, so that one request
# asks the cache for it once however many ``versioned`` lookups it makes.
request_state = threading.local()


def content_version():
    """The current version, or None when the cache cannot be reached."""
    if hasattr(request_state, "version"):
        return request_state.version
    version = cache.get(VERSION_KEY)
    if version is None and cache.add(VERSION_KEY, 1, timeout=None):
        version = cache.get(VERSION_KEY)
    return version


def bump_content_version():
    request_state.__dict__.pop("version", None)  # read it afresh from now on
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key is missing (expired, flushed, or cache down)
        cache.set(VERSION_KEY, 1, timeout=None)


def versioned(name, compute):
    """``compute()``, kept in the cache until the content version changes.

    For small site-wide lookups that every page repeats (navigation, site
    settings, filter choices). Computed afresh when the cache is down.
    """
    version = content_version()
    if version is None:
        return compute()
    key = f"data:{version}:{name}"
    stored = cache.get(key)  # a 1-tuple, so that None can be kept too
    if stored is None:
        stored = (compute(),)
        cache.set(key, stored, DATA_SECONDS)
    return stored[0]


def is_content(sender):
    return (
        sender._meta.app_label in CONTENT_APPS
        or issubclass(sender, Page)
        or issubclass(sender, Site)
        or issubclass(sender, BaseViewRestriction)
    )


def invalidate_on_save(sender, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    if is_content(sender):
        bump_content_version()


def invalidate_on_delete(sender, **kwargs):
    if is_content(sender):
        bump_content_version()


def invalidate_on_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_") and is_content(type(instance)):
        bump_content_version()


def connect_signals():
    post_save.connect(invalidate_on_save, dispatch_uid="page-cache-save")
    post_delete.connect(invalidate_on_delete, dispatch_uid="page-cache-delete")
    m2m_changed.connect(invalidate_on_m2m, dispatch_uid="page-cache-m2m")


def cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and not BYPASS_COOKIES.intersection(request.COOKIES)
    )


def cacheable_response(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in ("private", "no-store"))
    )


def cache_key(request, version):
    hx = request.headers.get("HX-Request", "")
    raw = f"{request.get_host()}|{request.get_full_path()}|{hx}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"page:{version}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_state.version = version = content_version()
        try:
            return self.respond(request, version)
        finally:
            request_state.__dict__.pop("version", None)

    def respond(self, request, version):
        if not cacheable_request(request) or version is None:
            return self.get_response(request)
        key = cache_key(request, version)
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if cacheable_response(request, response):
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
