"""Two hosts, one truth: two gunicorn instances on loopback share one
PostgreSQL database and one Redis. A change (a price, an approved claim
wording) is served by both at once, though each had the old page cached,
and the CDN's purge listener receives exactly the URLs that show it."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from evidence.factories import approved_claim, go_live
from mgsite.cache import bump_content_version
from mgsite.settings.base import cache_config
from products.factories import ProductPageFactory, ProductVariantFactory, attach_claims
from tests.services import empty_caches, postgresql_only, redis_url

pytestmark = [
    postgresql_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parent.parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    port = db["PORT"] or 5432
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{port}/{db['NAME']}"


def get(base, path):
    with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310
        return response.read().decode(), response.headers


@pytest.fixture
def shared_services(settings):
    url = redis_url()
    settings.CACHES = cache_config(url)  # the hosts' key prefix
    settings.PAGE_CACHE_SECONDS = 60
    empty_caches()
    bump_content_version()
    return url


@pytest.fixture
def hosts(shared_services, purges, product):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.two_hosts_settings",
        "SECRET_KEY": "two-hosts-test-key",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url(),
        "REDIS_URL": shared_services,
        "PAGE_CACHE_SECONDS": "60",
        "FRONTEND_CACHE_PURGE_URL": purges.url,
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "SECURE_SSL_REDIRECT": "false",
        "CONN_MAX_AGE": "0",
        "LOG_LEVEL": "ERROR",
    }
    started = []
    for _ in range(2):
        port = free_port()
        process = subprocess.Popen(
            [GUNICORN, "mgsite.wsgi", "--workers=1", f"--bind=127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        started.append((process, f"http://127.0.0.1:{port}"))
    try:
        for process, base in started:
            wait_for(process, base)
        yield [base for _, base in started]
    finally:
        for process, _ in started:
            process.terminate()
            process.wait(timeout=30)


def wait_for(process, base):
    """Until the host answers (it is up) or its process ends (it failed)."""
    while process.poll() is None:
        try:
            get(base, "/robots.txt")
            return
        except OSError:
            time.sleep(0.2)  # the server is starting; not a timing assertion
    pytest.fail(f"gunicorn at {base} exited with {process.returncode}")


@pytest.fixture
def product(catalogue):
    page = ProductPageFactory(parent=catalogue, title="Glycinate capsules")
    ProductVariantFactory(page=page, price="24.00", in_stock=True)
    attach_claims(page, [approved_claim(wording="Magnesium supports muscle function.")])
    return page


def cached_on_both(hosts, path):
    for base in hosts:
        get(base, path)
        html, headers = get(base, path)
        assert headers["X-Page-Cache"] == "hit"
    return html


def test_a_change_made_on_one_host_is_served_by_both_and_purged(
    hosts, purges, product, catalogue
):
    assert "24.00" in cached_on_both(hosts, product.url)
    cached_on_both(hosts, catalogue.url)
    purges.urls()

    variant = product.variants.get()
    variant.price = "31.50"
    variant.save()

    for base in reversed(hosts):
        for path in (product.url, catalogue.url):
            html, headers = get(base, path)
            assert headers["X-Page-Cache"] == "miss"
            assert "31.50" in html
    assert purges.urls() == {product.full_url, catalogue.full_url}


def test_an_approved_wording_is_served_by_both_hosts_at_once(hosts, purges, product):
    claim = product.claims.get().claim
    cached_on_both(hosts, product.url)
    purges.urls()

    claim.wording = "Magnesium contributes to normal muscle function."
    go_live(claim)

    for base in hosts:
        html, _ = get(base, product.url)
        assert "contributes to normal muscle function" in html
        assert "supports muscle function" not in html
    dossier = f"http://localhost/evidence/claims/{claim.pk}/"
    assert purges.urls() == {product.full_url, product.get_parent().full_url, dossier}
