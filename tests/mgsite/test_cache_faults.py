"""Redis as an optional accelerator: refused, hung and back again.

A hung Redis is a local socket that accepts connections and never answers.
"""

import socket
import threading

import pytest
from django.test import override_settings

from evidence.factories import go_live
from mgsite.cache import bump_content_version
from mgsite.models import SiteSettings
from mgsite.settings.base import cache_config
from products.factories import ProductPageFactory, ProductVariantFactory
from tests.services import empty_caches, redis_url

pytestmark = pytest.mark.django_db


class HungRedis:
    """Listens on a free loopback port, accepts, reads and never replies;
    counts the connections it was sent."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = []
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def close(self):
        self.listener.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture
def hung_redis():
    server = HungRedis()
    yield server
    server.close()


def refused_url():
    """A loopback port with nothing listening."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def product(catalogue, settings):
    settings.PAGE_CACHE_SECONDS = 60
    SiteSettings.load()
    page = ProductPageFactory(parent=catalogue, title="Glycinate capsules")
    ProductVariantFactory(page=page)
    return page


def test_a_hung_redis_is_tried_once_then_left_alone_for_a_while(
    client, product, catalogue, hung_redis
):
    with override_settings(CACHES=cache_config(hung_redis.url)):
        answers = [client.get(url) for url in [product.url, catalogue.url] * 10]

    assert {response.status_code for response in answers} == {200}
    assert "Glycinate capsules" in answers[-1].content.decode()
    # One timeout, then the breaker: no call per request, let alone per lookup.
    assert len(hung_redis.connections) == 1


def test_a_refused_redis_serves_every_page_uncached(client, product, catalogue):
    with override_settings(CACHES=cache_config(refused_url())):
        answers = [client.get(url) for url in [product.url, catalogue.url] * 5]

    assert {response.status_code for response in answers} == {200}
    assert not any("X-Page-Cache" in response for response in answers)


@pytest.mark.parametrize("failure", ["refused", "hung"])
def test_a_publish_while_redis_fails_shows_once_redis_is_back(
    client, product, hung_redis, failure
):
    working = cache_config(redis_url())
    failing = cache_config(refused_url() if failure == "refused" else hung_redis.url)
    with override_settings(CACHES=working):
        empty_caches()
        bump_content_version()
        client.get(product.url)
        assert client.get(product.url)["X-Page-Cache"] == "hit"

    with override_settings(CACHES=failing):
        product.title = "Glycinate capsules, new formula"
        go_live(product)
        assert "new formula" in client.get(product.url).content.decode()

    with override_settings(CACHES=working):
        assert "new formula" in client.get(product.url).content.decode()
        client.get(product.url)
        assert client.get(product.url)["X-Page-Cache"] == "hit"


# Canonical URLs --------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "?utm_source=mail",
        "?sort=name&form=citrate",
        "?sort=name&sort=price",
        "?sort=" + "x" * 300,
    ],
)
def test_only_canonical_urls_are_cached(client, product, catalogue, query):
    client.get(catalogue.url + query)
    again = client.get(catalogue.url + query)

    assert again.status_code == 200
    assert "X-Page-Cache" not in again


def test_the_catalogue_form_as_a_browser_sends_it_is_cached(client, catalogue, product):
    query = "?form=&format=&topic=&min_price=&max_price=&sort=name"
    client.get(catalogue.url + query)

    assert client.get(catalogue.url + query)["X-Page-Cache"] == "hit"
