from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from articles.models import TopicHubPage
from mgsite.models import HomePage
from products.models import ProductIndexPage


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_hubs_and_catalogue_only_under_home(self):
        self.assertAllowedParentPageTypes(TopicHubPage, {HomePage})
        self.assertAllowedParentPageTypes(ProductIndexPage, {HomePage})

    def test_home_page_cannot_be_nested_under_a_hub(self):
        self.assertCanNotCreateAt(TopicHubPage, HomePage)
