"""The demo site served on a host and port of its own: every absolute URL it
prints (pages, sitemap, robots.txt, canonical and og: tags, JSON-LD, the API
and its find/ redirect, images) names that address and is served there."""

import re
from urllib.parse import urlsplit

import pytest
import requests
from django.core.management import call_command
from django.test import override_settings

from products.models import ProductPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ABSOLUTE_URL = re.compile(r"""https?://[^\s"'<>\\)]+""")
# Addresses the site could wrongly print in place of its own.
LOCAL_HOSTS = {"localhost", "127.0.0.1", "testserver", "0.0.0.0"}  # noqa: S104
PAGE_LIMIT = 120


def absolute_urls(text):
    return {url.rstrip(".,;") for url in ABSOLUTE_URL.findall(text)}


def ours(url, site):
    parts = urlsplit(url)
    return parts.hostname in LOCAL_HOSTS or url.startswith(site)


@pytest.fixture
def demo_site(live_server):
    with override_settings(SITE_URL=live_server.url):
        call_command("load_demo", verbosity=0)
        yield live_server.url


def test_every_absolute_url_names_the_serving_host_and_port_and_is_served(demo_site):
    product = ProductPage.objects.get(slug="calm-glycinate-capsules")
    start = [
        "/",
        "/sitemap.xml",
        "/robots.txt",
        "/api/v2/products/",
        f"/api/v2/products/{product.pk}/",
        f"/api/v2/products/find/?html_path={product.url}",
    ]
    queue = [demo_site + path for path in start]
    seen, found = set(), set()
    while queue and len(seen) < PAGE_LIMIT:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = requests.get(url, allow_redirects=False, timeout=30)
        if response.is_redirect:
            location = response.headers["Location"]
            assert location.startswith(demo_site), (url, location)
            queue.append(location)
            continue
        assert response.status_code == 200, url
        if response.headers["Content-Type"].startswith("image/"):
            continue
        for link in absolute_urls(response.text):
            if ours(link, demo_site):
                found.add(link)
                assert link.startswith(demo_site + "/"), f"{link} on {url}"
                queue.append(link)

    kinds = {urlsplit(url).path.split("/")[1] for url in found}
    assert {"products", "api", "media", "static", "sitemap.xml"} <= kinds
    assert not queue or len(seen) >= PAGE_LIMIT
