"""What every template may read."""

import secrets

from django.utils.functional import SimpleLazyObject

from mgsite.cache import DATA_SECONDS, content_version
from mgsite.models import Brand


def brand(request):
    """The brand as approved (name, colours, disclaimer) as ``brand``, read
    only by a template that uses it, once per content version."""
    return {"brand": SimpleLazyObject(Brand.current)}


def fragments(request):
    """What a page's ``{% wagtailpagecache %}`` fragments are keyed by beside
    the page and site (Wagtail's tag adds those, and skips previews):
    ``content_version``, so any change anywhere renders them afresh, as with
    the page cache, kept for ``fragment_seconds``. A request with no version
    to key by (the cache unreachable) cannot know what is current: it gets a
    key of its own, kept for no time."""
    version = content_version()
    if version is None:
        return {
            "content_version": f"unkept-{secrets.token_hex(8)}",
            "fragment_seconds": 0,
        }
    return {"content_version": version, "fragment_seconds": DATA_SECONDS}
