import datetime

import factory
import wagtail_factories
from django.utils import timezone

from articles.models import ArticlePage, Person, TopicHubPage
from evidence.factories import SourceFactory
from evidence.models import Claim, ClaimSource


class TopicHubPageFactory(wagtail_factories.PageFactory):
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


class ArticlePageFactory(wagtail_factories.PageFactory):
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


class ClaimFactory(factory.django.DjangoModelFactory):
    """A live claim citing ``sources`` (by default one new source)."""

    wording = factory.Faker("sentence")
    live = True

    class Meta:
        model = Claim
        skip_postgeneration_save = True

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        for source in extracted if extracted is not None else [SourceFactory()]:
            ClaimSource.objects.create(claim=self, source=source)
