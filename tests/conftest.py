import pytest
from wagtail.models import Page, Site

from articles.factories import TopicHubPageFactory
from mgsite.factories import HomePageFactory
from mgsite.models import SiteSettings
from products.factories import ProductIndexPageFactory
from tests.services import empty_caches


@pytest.fixture(autouse=True)
def empty_cache():
    """The caches outlive each test's database (the shared one, and each
    process's copy of it); every test starts without them."""
    empty_caches()


@pytest.fixture
def home_page(db):
    """A HomePage as the default site's root, as on the real site."""
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    SiteSettings.load()  # made on first use otherwise, which changes the content
    return home


@pytest.fixture
def hubs(home_page):
    return [
        TopicHubPageFactory(parent=home_page, title=title, slug=slug)
        for title, slug in [
            ("Back pain", "back-pain"),
            ("Nerve pain", "nerve-pain"),
            ("Chronic pain", "chronic-pain"),
        ]
    ]


@pytest.fixture
def catalogue(home_page):
    return ProductIndexPageFactory(parent=home_page, slug="products")
