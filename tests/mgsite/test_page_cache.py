import pytest
from django.test import override_settings

from mgsite.cache import bump_content_version
from mgsite.models import SiteSettings
from mgsite.settings.base import cache_config

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    SiteSettings.load()  # created on first use, which counts as a content change
    bump_content_version()  # start from an empty namespace


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
    hub.save_revision().publish()
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


def test_pages_are_served_uncached_when_the_cache_is_down(client, hubs):
    with override_settings(CACHES=cache_config("redis://127.0.0.1:1/0")):
        first = client.get(hubs[0].url)
        second = client.get(hubs[0].url)

    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in second
