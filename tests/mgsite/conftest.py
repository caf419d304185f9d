import pytest

from tests.purge_listener import PurgeListener


@pytest.fixture
def purges(settings):
    """A real HTTP listener as the CDN that Wagtail's frontend cache purges."""
    with PurgeListener() as listener:
        settings.WAGTAILFRONTENDCACHE = {
            "default": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": listener.url,
            }
        }
        yield listener
