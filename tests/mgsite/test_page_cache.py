import datetime

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path
from wagtail.models import PageViewRestriction, Site

from articles.factories import ArticlePageFactory
from evidence.factories import approved_claim, go_live
from mgsite.cache import VERSION_KEY, bump_content_version
from mgsite.management.commands.seed_scale import quiet_signals
from mgsite.models import SiteSettings
from mgsite.settings.base import cache_config
from products.factories import ProductPageFactory, ProductVariantFactory, attach_claims
from tests.services import empty_caches, redis_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture(params=["memory", "redis"])
def page_cache(request, settings):
    """Every test runs with the per-process cache and again with Redis."""
    settings.PAGE_CACHE_SECONDS = 60
    if request.param == "redis":
        settings.CACHES = cache_config(redis_url())
    empty_caches()
    SiteSettings.load()  # created on first use, which counts as a content change
    bump_content_version()  # start from an empty namespace


@pytest.fixture
def product(catalogue):
    page = ProductPageFactory(parent=catalogue, title="Glycinate capsules")
    ProductVariantFactory(page=page, price="24.00", in_stock=True)
    attach_claims(page, [approved_claim(wording="Magnesium supports muscle function.")])
    return page


def anonymous_html(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    return response.content.decode()


def cached_once(client, url):
    """Request ``url`` twice so that the second answer came from the cache."""
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_second_anonymous_request_is_served_from_the_cache_without_queries(
    client, hubs, django_assert_num_queries
):
    first = client.get(hubs[0].url)
    with django_assert_num_queries(0):
        second = client.get(hubs[0].url)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_publishing_a_change_is_visible_on_the_next_anonymous_request(client, hubs):
    hub = hubs[0]
    client.get(hub.url)

    hub.intro = "A brand new introduction."
    go_live(hub)
    response = client.get(hub.url)

    assert response["X-Page-Cache"] == "miss"
    assert "A brand new introduction." in response.content.decode()


def test_unpublishing_a_page_removes_it_from_the_cached_navigation(client, hubs):
    client.get("/")

    hubs[1].unpublish()
    html = client.get("/").content.decode()

    assert hubs[1].title not in html


def test_saving_a_draft_keeps_the_cached_public_page(client, hubs):
    hub = hubs[0]
    client.get(hub.url)

    hub.intro = "Not published yet."
    hub.save_revision()
    response = client.get(hub.url)

    assert response["X-Page-Cache"] == "hit"
    assert "Not published yet." not in response.content.decode()


def test_htmx_fragment_and_full_page_are_cached_apart(client, hubs):
    full = client.get(hubs[0].url)
    fragment = client.get(hubs[0].url, headers={"HX-Request": "true"})

    assert fragment["X-Page-Cache"] == "miss"
    assert client.get(hubs[0].url)["X-Page-Cache"] == "hit"
    assert full["X-Page-Cache"] == "miss"


def test_logged_in_users_are_never_served_or_stored_in_the_cache(
    client, hubs, admin_user
):
    client.get(hubs[0].url)
    client.force_login(admin_user)

    response = client.get(hubs[0].url)

    assert "X-Page-Cache" not in response
    assert "wagtail-userbar" in response.content.decode()


def test_pages_with_a_csrf_token_are_not_cached(client, home_page):
    response = client.get("/admin/login/")
    assert "X-Page-Cache" not in response

    search = client.get("/search/", {"q": "magnesium"})
    assert search["X-Page-Cache"] == "miss"


def script_with_a_nonce(request):
    return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')


urlpatterns = [path("nonce/", script_with_a_nonce)]


@pytest.mark.urls(__name__)
def test_a_response_with_a_csp_nonce_is_never_cached(client):
    first, second = client.get("/nonce/"), client.get("/nonce/")

    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert first.content != second.content  # each visitor gets a new nonce


def test_a_cached_page_carries_the_policy_it_was_stored_with(client, hubs):
    first = client.get(hubs[0].url)
    hit = client.get(hubs[0].url)

    assert hit["X-Page-Cache"] == "hit"
    assert hit["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "script-src 'self';" in hit["Content-Security-Policy"] + ";"


def test_pages_are_served_uncached_when_the_cache_is_down(client, hubs):
    with override_settings(CACHES=cache_config("redis://127.0.0.1:1/0")):
        first = client.get(hubs[0].url)
        second = client.get(hubs[0].url)

    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in second


def test_the_catalogue_and_product_pages_render_when_the_cache_is_down(
    client, product, catalogue
):
    with override_settings(CACHES=cache_config("redis://127.0.0.1:1/0")):
        listing = anonymous_html(client, catalogue.url)
        page = anonymous_html(client, product.url)

    assert "Glycinate capsules" in listing
    assert "supports muscle function" in page


def test_after_a_retraction_the_product_page_no_longer_shows_the_claim(client, product):
    cached_once(client, product.url)
    assert "supports muscle function" in anonymous_html(client, product.url)

    source = product.claims.get().claim.cited_sources.get().source
    source.retracted = True
    source.retracted_on = datetime.date(2024, 1, 1)
    source.save()

    assert "supports muscle function" not in anonymous_html(client, product.url)


def test_a_withdrawn_claim_disappears_and_a_reapproved_one_returns(client, product):
    claim = product.claims.get().claim
    cached_once(client, product.url)

    claim.unpublish()
    assert "supports muscle function" not in anonymous_html(client, product.url)

    go_live(claim)
    assert "supports muscle function" in anonymous_html(client, product.url)


def test_a_new_approved_wording_replaces_the_cached_one(client, product):
    claim = product.claims.get().claim
    cached_once(client, product.url)

    claim.wording = "Magnesium contributes to normal muscle function."
    go_live(claim)
    html = anonymous_html(client, product.url)

    assert "contributes to normal muscle function" in html
    assert "supports muscle function" not in html


def test_a_variant_price_or_stock_change_shows_at_once(client, product, catalogue):
    variant = product.variants.get()
    cached_once(client, product.url)
    cached_once(client, catalogue.url)

    variant.price = "31.50"
    variant.in_stock = False
    variant.save()

    for url in (product.url, catalogue.url):
        html = anonymous_html(client, url)
        assert "31.50" in html
        assert "Out of stock" in html


def test_an_unpublished_page_is_gone_and_a_published_one_appears(
    client, product, catalogue
):
    cached_once(client, product.url)
    cached_once(client, catalogue.url)

    product.unpublish()
    newcomer = ProductPageFactory(parent=catalogue, title="Night citrate")
    ProductVariantFactory(page=newcomer)

    assert client.get(product.url).status_code == 404
    html = anonymous_html(client, catalogue.url)
    assert "Night citrate" in html
    assert "Glycinate capsules" not in html


def test_a_new_view_restriction_is_enforced_at_once(client, product):
    cached_once(client, product.url)

    PageViewRestriction.objects.create(
        page=product, restriction_type=PageViewRestriction.LOGIN
    )

    assert client.get(product.url).status_code == 302


def test_the_catalogue_varies_on_hx_request_and_caches_fragment_and_page_apart(
    client, product, catalogue
):
    page = client.get(catalogue.url)
    fragment = client.get(catalogue.url, headers={"HX-Request": "true"})

    assert "HX-Request" in page["Vary"]
    assert fragment["X-Page-Cache"] == "miss"
    again = client.get(catalogue.url, headers={"HX-Request": "true"})
    assert again["X-Page-Cache"] == "hit"
    assert again.content == fragment.content != page.content
    assert "<html" not in fragment.content.decode()


def test_previews_are_never_cached(client, product, admin_user):
    client.force_login(admin_user)

    response = client.get(f"/admin/pages/{product.pk}/edit/preview/")

    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_what_a_logged_in_user_saw_is_never_served_to_anonymous_visitors(
    client, product, admin_user
):
    client.force_login(admin_user)
    client.get(product.url)
    client.logout()

    response = client.get(product.url)

    assert response["X-Page-Cache"] == "miss"
    assert "wagtail-userbar" not in response.content.decode()


def test_a_change_published_by_another_process_is_seen_at_once(client, hubs):
    """Each process keeps pages in memory, but the shared version decides."""
    hub = hubs[0]
    cached_once(client, hub.url)

    # Another worker publishes (through review): the row changes and it
    # replaces the shared version; none of this process's signals run.
    with quiet_signals():
        hub.intro = "Changed on another host."
        go_live(hub)
    cache.set(VERSION_KEY, "set-by-another-process", timeout=None)
    response = client.get(hub.url)

    assert response["X-Page-Cache"] == "miss"
    assert "Changed on another host." in response.content.decode()


def test_the_version_changes_again_when_the_change_commits(
    client, hubs, django_capture_on_commit_callbacks
):
    """A page rendered between the save and the commit (from the rows as they
    were) must not outlive the commit."""
    hub = hubs[0]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        hub.intro = "Committed later."
        go_live(hub)
        during = cache.get(VERSION_KEY)
        client.get(hub.url)  # stands for a request that read the old rows

    for callback in callbacks:
        callback()

    assert cache.get(VERSION_KEY) != during
    assert client.get(hub.url)["X-Page-Cache"] == "miss"


def test_a_stranger_host_is_refused_and_leaves_nothing_in_the_cache(
    client, hubs, settings
):
    settings.ALLOWED_HOSTS = ["mgsite.example"]

    refused = client.get(hubs[0].url, HTTP_HOST="evil.example")
    posted = client.post("/search/", HTTP_HOST="evil.example")
    first = client.get(hubs[0].url, HTTP_HOST="mgsite.example")
    again = client.get(hubs[0].url, HTTP_HOST="mgsite.example")

    assert refused.status_code == posted.status_code == 400
    # The stranger's request stored nothing: the site's own first is a miss.
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert again["X-Page-Cache"] == "hit"


def test_links_follow_a_change_of_the_site_address_at_once(client, product):
    site = Site.objects.get(is_default_site=True)
    before = anonymous_html(client, product.url)
    assert f'href="http://{site.hostname}/' in before

    site.hostname = "shop.example"
    site.save()

    after = anonymous_html(client, product.url)
    assert '<link rel="canonical" href="http://shop.example/' in after


def test_a_product_card_in_an_article_follows_its_claims_at_once(
    client, product, hubs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticlePageFactory(
            parent=hubs[0], body=[{"type": "product_card", "value": product.pk}]
        )
    claim = product.claims.get().claim
    cached_once(client, article.url)
    assert "supports muscle function" in anonymous_html(client, article.url)

    claim.unpublish()
    assert "supports muscle function" not in anonymous_html(client, article.url)

    go_live(claim)
    assert "supports muscle function" in anonymous_html(client, article.url)
    source = claim.cited_sources.first().source
    source.retracted = True
    source.save()
    assert "supports muscle function" not in anonymous_html(client, article.url)
