import factory
import wagtail_factories

from articles.models import TopicHubPage


class TopicHubPageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("sentence", nb_words=2)
    intro = factory.Faker("paragraph")
    show_in_menus = True

    class Meta:
        model = TopicHubPage
