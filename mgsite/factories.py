import factory
import wagtail_factories

from evidence.factories import ReviewedFactoryMixin
from mgsite.models import HomePage


class HomePageFactory(ReviewedFactoryMixin, wagtail_factories.PageFactory):
    title = "Home"
    slug = factory.Sequence(lambda n: f"home-{n}")
    intro = "Magnesium explained, with sources."

    class Meta:
        model = HomePage
