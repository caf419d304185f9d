import datetime

import factory
import wagtail_factories
from django.utils import timezone

from articles.models import ArticlePage, Person, TopicHubPage
from evidence.factories import ReviewedFactoryMixin, neutral_sentence


class TopicHubPageFactory(ReviewedFactoryMixin, wagtail_factories.PageFactory):
    # Neutral words throughout: random English can state a benefit ("helps")
    # or name a disease, which the page text rules refuse or flag.
    title = factory.Sequence(lambda n: f"Topic {n}")
    intro = "Articles on this topic, with their sources."
    show_in_menus = True

    class Meta:
        model = TopicHubPage


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Faker("name")
    credentials = factory.Faker("random_element", elements=["MD", "PharmD", "RD"])
    bio = neutral_sentence(6)

    class Meta:
        model = Person


class ArticlePageFactory(ReviewedFactoryMixin, wagtail_factories.PageFactory):
    """Pass ``body`` as raw StreamField JSON: [{"type": ..., "value": ...}]."""

    title = factory.Sequence(lambda n: f"Article {n} about magnesium")
    summary = "What is known about magnesium, with sources."
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
