import os

from .base import *  # noqa: F403
from .base import cache_config, database_config

SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["*"]
DEMO_CONTENT_ALLOWED = True

DATABASES = {"default": database_config("sqlite://:memory:")}
# The live server's thread must not keep a connection that blocks dropping
# the test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0
CACHES = cache_config(os.environ.get("REDIS_URL", ""))
if "KEY_PREFIX" in CACHES["default"]:
    # Keep test keys apart from a development server sharing the Redis.
    CACHES["default"]["KEY_PREFIX"] = "mgsite-test"

# Off by default so tests see fresh renders; tests/mgsite/test_page_cache.py
# turns it on.
PAGE_CACHE_SECONDS = 0

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the source folders, as in development.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
