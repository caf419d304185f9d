import factory
import wagtail_factories

from mgsite.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = factory.Sequence(lambda n: f"home-{n}")
    intro = "Magnesium explained, with sources."

    class Meta:
        model = HomePage
