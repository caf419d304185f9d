import datetime

import factory
import wagtail_factories
from django.utils import timezone

from articles.models import ArticlePage, Person, TopicHubPage
from evidence.factories import ReviewedFactoryMixin


class TopicHubPageFactory(ReviewedFactoryMixin, wagtail_factories.PageFactory):
    title = factory.Faker("sentence", nb_words=2)
    intro = factory.Faker("paragraph")
    show_in_menus = True

    class Meta:
        model = TopicHubPage


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Faker("name")
    credentials = factory.Faker("random_element", elements=["MD", "PharmD", "RD"])
    bio = factory.Faker("sentence")

    class Meta:
        model = Person


class ArticlePageFactory(ReviewedFactoryMixin, wagtail_factories.PageFactory):
    """Pass ``body`` as raw StreamField JSON: [{"type": ..., "value": ...}]."""

    title = factory.Faker("sentence", nb_words=5)
    summary = factory.Faker("sentence")
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Magnesium is a mineral.</p>"}]
    )
    author = factory.SubFactory(PersonFactory)
    medical_reviewer = factory.SubFactory(PersonFactory)
    last_reviewed = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=30)
    )

    class Meta:
        model = ArticlePage
