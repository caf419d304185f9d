import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Site

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "hostname", "port", "root_url"),
    [
        ("https://mgsite.example", "mgsite.example", 443, "https://mgsite.example"),
        ("http://shop.test:8080/", "shop.test", 8080, "http://shop.test:8080"),
    ],
)
def test_set_site_url_points_the_default_site_and_its_links_there(
    client, home_page, url, hostname, port, root_url
):
    call_command("set_site_url", url, stdout=io.StringIO())

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (hostname, port, root_url)
    html = client.get("/", HTTP_HOST=hostname).content.decode()
    assert f'<link rel="canonical" href="{root_url}/">' in html


def test_set_site_url_takes_site_url_from_the_environment(home_page, settings):
    settings.SITE_URL = "http://127.0.0.1:8123"

    call_command("set_site_url", stdout=io.StringIO())

    assert Site.objects.get(is_default_site=True).port == 8123


def test_an_address_without_a_host_is_refused(home_page):
    with pytest.raises(CommandError, match="no host name"):
        call_command("set_site_url", "not-a-url")
