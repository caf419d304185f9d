"""Settings shared by every environment; safe to run in production as they are.

Secrets and hosts come only from the environment. ``dev`` and ``test`` relax
what they must; ``production`` insists on the rest.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


# Two requests at once (a save and the editor's autosave) take turns on
# SQLite: each write transaction takes the write lock when it begins, and a
# second one waits for it (up to 20 s) instead of failing "database is locked".
SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "timeout": 20}


def database_config(default_url):
    """``DATABASE_URL`` wins everywhere; connections are kept and health-checked."""
    config = dj_database_url.config(
        default=default_url,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config


def client_address_config(trusted_proxy_count):
    """How django-axes (through django-ipware) finds the client's address.

    With no proxy, the address the connection came from; anything in
    X-Forwarded-For is the client's say-so. Behind N proxies that each
    append the address they received from, the client is the N-th entry of
    X-Forwarded-For from the right (the proxy nearest the site is the
    connection itself); entries further left are whatever the client sent.
    ipware counts only the proxies listed in the header, hence N - 1, and
    must not insist that the chain holds exactly that many (``strict``), or
    a client sending its own header would fall back to the proxy's address.
    """
    headers = ["HTTP_X_FORWARDED_FOR"] if trusted_proxy_count else []
    return {
        "AXES_IPWARE_META_PRECEDENCE_ORDER": [*headers, "REMOTE_ADDR"],
        "AXES_IPWARE_PROXY_ORDER": "left-most",
        "AXES_IPWARE_PROXY_COUNT": max(trusted_proxy_count - 1, 0),
        "IPWARE_STRICT": False,
    }


def cache_config(redis_url):
    """Redis when configured, else per-process memory.

    Redis is an accelerator, never a dependency: each call gives up after a
    quarter of a second, and after a failure the circuit breaker
    (mgsite.redis_cache) answers every call as a miss for ten seconds
    without touching the network, so a stopped or hung Redis degrades to
    uncached pages at the cost of one timeout per process per interval.
    """
    if not redis_url:
        return {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "local": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
        }
    return {
        # Each process's copy of what it read from Redis (mgsite.cache):
        # keys carry the content version, so a copy is never stale.
        "local": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "mgsite-local",
            "OPTIONS": {"MAX_ENTRIES": 300},
        },
        "default": {
            "BACKEND": "mgsite.redis_cache.BreakerRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "mgsite",
            "BREAKER_SECONDS": 10,
            "OPTIONS": {
                # The breaker handles failures; django-redis must raise them.
                "IGNORE_EXCEPTIONS": False,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
            },
        },
    }


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "mgsite",
    "evidence",
    "articles",
    "products",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "django_tasks",
    "django_tasks_db",
    "taggit",
    "rest_framework",
    "django_filters",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages only (mgsite.compression): never a page with a secret.
    "mgsite.compression.PublicGZipMiddleware",
    "mgsite.cache.AnonymousPageCacheMiddleware",
    # Inside the page cache: a cached page is stored with its policy header,
    # so a hit does not build the policy again.
    "mgsite.security.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mgsite.urls"
WSGI_APPLICATION = "mgsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mgsite.context_processors.brand",
                "mgsite.context_processors.fragments",
            ],
        },
    },
]

DATABASES = {"default": database_config(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = cache_config(os.environ.get("REDIS_URL", ""))
# Anonymous full-page cache lifetime (mgsite.cache); 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# What public pages tell a CDN (mgsite.cache.set_cache_headers): keep a page
# this long, and serve it stale this much longer while fetching it again.
# Changes are purged at once (mgsite.invalidation), so the lifetime only
# bounds what a lost purge could leave.
CACHE_CONTROL_S_MAXAGE = int(os.environ.get("CACHE_CONTROL_S_MAXAGE", "3600"))
CACHE_CONTROL_STALE_WHILE_REVALIDATE = int(
    os.environ.get("CACHE_CONTROL_STALE_WHILE_REVALIDATE", "60")
)
# Where purges go: a CDN or caching proxy accepting HTTP PURGE requests
# (Varnish, nginx, Fastly's purge endpoint). Unset: nothing to purge.
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL", "")
WAGTAILFRONTENDCACHE = (
    {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
    if FRONTEND_CACHE_PURGE_URL
    else {}
)
# Background work (purges, reference index updates, the retraction cascade)
# runs as django-tasks tasks: at once in the request by default, in the
# database worker (``manage.py db_worker``) where TASKS_BACKEND says so.
TASKS_BACKEND = os.environ.get(
    "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
)
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}

# django-axes first: it refuses a locked-out login before any password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one username from one address lock that pair out
# for fifteen minutes; locking a username everywhere would let anyone lock
# an editor out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Failures while locked do not restart the cool-off, so nobody can hold an
# account locked by retrying.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "mgsite.views.locked_out"
# Proxies in front of the site that append to X-Forwarded-For (see
# client_address_config); 0 when clients connect directly.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
CLIENT_ADDRESS = client_address_config(TRUSTED_PROXY_COUNT)
AXES_IPWARE_META_PRECEDENCE_ORDER = CLIENT_ADDRESS["AXES_IPWARE_META_PRECEDENCE_ORDER"]
AXES_IPWARE_PROXY_ORDER = CLIENT_ADDRESS["AXES_IPWARE_PROXY_ORDER"]
AXES_IPWARE_PROXY_COUNT = CLIENT_ADDRESS["AXES_IPWARE_PROXY_COUNT"]
IPWARE_STRICT = CLIENT_ADDRESS["IPWARE_STRICT"]
AXES_COOLOFF_MESSAGE = (
    "Too many failed sign-ins for this account from your address. It is locked "
    "for 15 minutes; try again after that."
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
# The site and its admin are in English only. Without translation Django
# skips its translation machinery, which every rendered number and date
# otherwise goes through.
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# The application serves MEDIA_URL from the default storage (mgsite.media);
# turn it off when a proxy or object storage serves media instead.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Only the site's own scripts, styles and images. JSON-LD is an inline
# <script type="application/ld+json">: data the browser never runs, so
# script-src does not apply to it. htmx is served from static files and told
# not to inject its indicator styles (see base.html). The Wagtail admin gets
# its own relaxation in mgsite.security.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
    }
}
# Browser features the site never uses, refused for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Django's default, stated, for browsers without CSP: no framing (Wagtail's
# preview views lift it for their own iframe). Browsers that read CSP follow
# frame-ancestors 'self' above instead.
X_FRAME_OPTIONS = "DENY"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Above Django's 2.5 MB, so that an over-long reference paste reaches the
# import form, which refuses it with a message (evidence.views); beyond this
# Django refuses the request outright.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# The admin's name for the site, and the error pages' (they read no
# database, so not the brand setting).
WAGTAIL_SITE_NAME = "Mineral Ledger"
# Avatars from the site only: no request to a third party with a hash of
# each editor's email address.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No call from editors' browsers to releases.wagtail.org; upgrades are ours.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The site's public address. ``load_demo`` (and ``set_site_url``) write it
# into the default Site record, from which every absolute URL is built: page
# links, canonical and og:url, sitemap, JSON-LD and the API.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)
# On PostgreSQL, naming the text search configuration lets the database
# build each search's query once, not again for every matching row (to_tsquery
# without a configuration is only "stable"). SQLite ignores it. The backend
# is Wagtail's database backend (see mgsite.search).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "mgsite.search",
        "SEARCH_CONFIG": "english",
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt", "xlsx"]
# Every download goes through /documents/, where mgsite.documents decides who
# may have it; never a link or redirect straight to the file in storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Demo users and content are for development only; ``load_demo`` refuses
# to run where this is off.
DEMO_CONTENT_ALLOWED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
