"""What every template may read."""

import secrets

from django.utils.functional import SimpleLazyObject

from mgsite.cache import DATA_SECONDS, content_version
from mgsite.models import SiteSettings


def site_settings(request):
    """The site settings as ``site_settings`` (the brand, the disclaimer),
    read only by a template that uses them, once per content version."""
    return {"site_settings": SimpleLazyObject(SiteSettings.current)}


def fragments(request):
    """What a template's ``{% cache %}`` fragment is keyed by and kept for:
    ``content_version`` (any change anywhere renders it afresh, as with the
    page cache) for ``fragment_seconds``. A preview shows unsaved content,
    and a request with no version to key by (the cache unreachable) cannot
    know what is current: both get a key of their own, kept for no time."""
    version = None if getattr(request, "is_preview", False) else content_version()
    if version is None:
        return {
            "content_version": f"unkept-{secrets.token_hex(8)}",
            "fragment_seconds": 0,
        }
    return {"content_version": version, "fragment_seconds": DATA_SECONDS}
