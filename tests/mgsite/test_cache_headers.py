"""What each response tells a CDN and the browser: public pages may be kept
by a shared cache for the time the settings give; anything personal,
editorial or carrying a CSRF token may not be kept anywhere."""

import pytest
from django.utils.cache import get_max_age

from products.factories import ProductPageFactory, ProductVariantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def lifetimes(settings):
    settings.CACHE_CONTROL_S_MAXAGE = 900
    settings.CACHE_CONTROL_STALE_WHILE_REVALIDATE = 30


@pytest.fixture
def product(catalogue):
    page = ProductPageFactory(parent=catalogue, title="Glycinate capsules")
    ProductVariantFactory(page=page)
    return page


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


PUBLIC = {"public", "s-maxage=900", "stale-while-revalidate=30"}
PRIVATE = {"private", "no-store"}


def test_anonymous_public_pages_may_be_kept_by_a_cdn(client, product, catalogue):
    for url in ("/", catalogue.url, product.url, "/sitemap.xml", "/api/v2/products/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert directives(response) == PUBLIC, url
        assert get_max_age(response) is None, url  # browsers ask again


def test_the_htmx_fragment_is_public_and_kept_apart_from_the_page(client, catalogue):
    response = client.get(catalogue.url, headers={"HX-Request": "true"})

    assert directives(response) == PUBLIC
    assert "HX-Request" in response["Vary"]


def test_signed_in_users_get_pages_no_cache_may_keep(client, product, admin_user):
    client.force_login(admin_user)

    response = client.get(product.url)

    assert response.status_code == 200
    assert directives(response) >= PRIVATE
    assert "public" not in directives(response)


def test_the_admin_and_previews_are_private(client, product, admin_user):
    client.force_login(admin_user)

    for url in ("/admin/", f"/admin/pages/{product.pk}/edit/preview/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert directives(response) >= PRIVATE, url


def test_a_form_with_a_csrf_token_is_private(client, home_page):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert directives(response) >= PRIVATE


def test_an_unknown_query_is_not_kept_by_a_cdn(client, catalogue):
    """Only canonical addresses are cached, so only those need purging."""
    response = client.get(catalogue.url, {"utm_source": "newsletter"})

    assert response.status_code == 200
    assert "public" not in directives(response)
