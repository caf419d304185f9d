import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from wagtail.models import Page

from mgsite.settings.base import cache_config
from tests.services import redis_url

pytestmark = pytest.mark.django_db


def test_home_page_links_to_each_hub_the_catalogue_and_search(client, hubs, catalogue):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    for page in [*hubs, catalogue]:
        assert f'href="{page.url}"' in html
    # Search is a box in the header of every page.
    assert 'action="/search/" method="get" role="search"' in html


def test_each_hub_renders_for_anonymous_visitors(client, hubs):
    for hub in hubs:
        response = client.get(hub.url)

        assert response.status_code == 200
        assert hub.intro in response.content.decode()


def test_every_page_carries_the_medical_disclaimer_and_a_skip_link(client, hubs):
    html = client.get(hubs[0].url).content.decode()

    assert "is not medical advice" in html
    assert 'href="#main"' in html


def test_disclaimer_follows_the_approved_brand(client, home_page):
    from mgsite.factories import BrandFactory

    BrandFactory(medical_disclaimer="Ask your pharmacist first.")

    assert "Ask your pharmacist first." in client.get("/").content.decode()


def test_unknown_url_gets_the_404_page_with_site_chrome(client, hubs):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'aria-label="Main"' in html
    assert hubs[0].title in html


def test_stylesheet_is_served_by_the_site(client):
    response = client.get("/static/css/site.css")

    assert response.status_code == 200


def test_robots_txt_points_to_the_sitemap(client, home_page):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://localhost/sitemap.xml" in response.content.decode()


def test_site_keeps_serving_when_redis_is_unreachable(client, hubs):
    from django.core.cache import cache

    closed_port = cache_config("redis://127.0.0.1:1/0")
    with override_settings(CACHES=closed_port):
        cache.set("probe", "value")
        response = client.get(hubs[0].url)

    assert response.status_code == 200
    assert hubs[0].title in response.content.decode()


def test_redis_cache_round_trips_when_configured():
    from django.core.cache import caches

    with override_settings(CACHES=cache_config(redis_url())):
        cache = caches.create_connection("default")
        cache.set("mgsite-probe", "ok", 5)

        assert cache.get("mgsite-probe") == "ok"


@pytest.mark.parametrize("group_name", ["Editors", "Compliance reviewers"])
def test_each_role_can_open_the_admin(client, django_user_model, group_name):
    user = django_user_model.objects.create_user("someone", password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)

    response = client.get("/admin/")

    assert response.status_code == 200


def test_a_user_without_a_role_cannot_open_the_admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="pw"))

    response = client.get("/admin/")

    assert response.status_code == 302


def test_search_page_answers_empty_and_overlong_queries(client, hubs):
    assert client.get("/search/").status_code == 200
    response = client.get("/search/", {"q": "x" * 5000})

    assert response.status_code == 200
    assert "shortened" in response.content.decode()


def test_bare_wagtail_pages_are_not_a_site_root_in_tests(home_page):
    assert Page.objects.get(depth=2, pk=home_page.pk).specific_class.__name__ == (
        "HomePage"
    )


def test_navigation_marks_only_the_section_being_visited(client, hubs, catalogue):
    html = client.get(hubs[1].url).content.decode()

    assert html.count('aria-current="page"') == 1
    assert f'<a href="{hubs[1].url}" aria-current="page">' in html
