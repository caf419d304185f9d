import factory
from factory.django import DjangoModelFactory

from evidence.models import Claim, ClaimKind, ClaimSource, Source, StudyType


class SourceFactory(DjangoModelFactory):
    doi = factory.Sequence(lambda n: f"10.5555/mgsite.{n:05d}")
    pmid = factory.Sequence(lambda n: str(30000000 + n))
    authors = factory.Faker("name")
    title = factory.Faker("sentence", nb_words=8)
    container = factory.Faker("company")
    year = factory.Faker("random_int", min=1990, max=2024)
    study_type = StudyType.RCT

    class Meta:
        model = Source


def cite(claim, sources):
    for order, source in enumerate(sources):
        ClaimSource.objects.create(claim=claim, source=source, sort_order=order)


class ClaimFactory(DjangoModelFactory):
    """A live claim citing the given ``sources`` (none by default); see also
    ``claim_with_sources`` and ``approved_claim``."""

    wording = factory.Faker("sentence", nb_words=9)
    kind = ClaimKind.STRUCTURE_FUNCTION

    class Meta:
        model = Claim
        skip_postgeneration_save = True

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        cite(self, extracted or [])


class DraftClaimFactory(ClaimFactory):
    """A claim that was never approved."""

    live = False


class SourcedClaimFactory(ClaimFactory):
    """A live claim citing ``sources``, by default one new source."""

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        cite(self, [SourceFactory()] if extracted is None else extracted)


class ClaimSourceFactory(DjangoModelFactory):
    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    locator = factory.Faker("numerify", text="p. ##")

    class Meta:
        model = ClaimSource


def claim_with_sources(study_types=(StudyType.RCT,), **kwargs):
    """A claim citing one new source per study type, saved as a first revision."""
    claim = ClaimFactory(**kwargs)
    for study_type in study_types:
        ClaimSourceFactory(claim=claim, source=SourceFactory(study_type=study_type))
    claim.refresh_from_db()
    return claim


def approved_claim(sources=1, **kwargs):
    """A live claim citing ``sources`` new sources (or the given Source list),
    published through its revision as a reviewer's approval would."""
    if isinstance(sources, int):
        sources = SourceFactory.create_batch(sources)
    claim = DraftClaimFactory(sources=sources, **kwargs)
    claim.save_revision().publish()
    claim.refresh_from_db()
    return claim
