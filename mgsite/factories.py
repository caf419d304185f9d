import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from articles.factories import PersonFactory
from evidence.factories import ReviewedFactoryMixin
from mgsite.models import (
    Brand,
    EvidenceGradingPage,
    HomePage,
    ProfilePage,
    ReviewBoardPage,
    SiteSettings,
    StandardPage,
)


class HomePageFactory(ReviewedFactoryMixin, wagtail_factories.PageFactory):
    title = "Home"
    slug = factory.Sequence(lambda n: f"home-{n}")
    intro = "Magnesium explained, with sources."

    class Meta:
        model = HomePage


class StandardPageFactory(ReviewedFactoryMixin, wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Notes {n}")
    intro = "How this site works."
    body = "<p>Our notes on magnesium intake and timing.</p>"

    class Meta:
        model = StandardPage


class EvidenceGradingPageFactory(StandardPageFactory):
    title = "How we grade evidence"

    class Meta:
        model = EvidenceGradingPage


class ReviewBoardPageFactory(StandardPageFactory):
    title = "Medical review board"

    class Meta:
        model = ReviewBoardPage


class ProfilePageFactory(ReviewedFactoryMixin, wagtail_factories.PageFactory):
    person = factory.SubFactory(PersonFactory)
    title = factory.LazyAttribute(lambda o: o.person.name)

    class Meta:
        model = ProfilePage


class BrandFactory(ReviewedFactoryMixin, DjangoModelFactory):
    """A brand, approved, and worn: the site settings choose it."""

    site_name = factory.Sequence(lambda n: f"Ledger {n}")

    class Meta:
        model = Brand

    @classmethod
    def create(cls, **kwargs):
        brand = super().create(**kwargs)
        settings = SiteSettings.load()
        settings.brand = brand
        settings.save()
        return brand
