import factory
from factory.django import DjangoModelFactory

from evidence.models import (
    Claim,
    ClaimKind,
    ClaimSource,
    Direction,
    PopulationKind,
    Source,
    StudyType,
)
from evidence.review import publish_with_review, review_users

# Factories write content that a test then reads; acknowledging warnings
# keeps them out of the way of tests about something else.
TEST_ACKNOWLEDGEMENT = "Test content: warnings acknowledged for this test."

# Words for made-up titles, wordings and bios. Faker's own list holds words
# the claim-language rules read ("attack", "treat", "prevent"), which would
# make a test's outcome depend on the draw; none of these names a benefit,
# a disease or a part of the body.
NEUTRAL_WORDS = [
    "magnesium",
    "daily",
    "serving",
    "adults",
    "morning",
    "evening",
    "intake",
    "timing",
    "tablet",
    "capsule",
    "water",
    "meal",
    "glass",
    "label",
    "season",
    "garden",
    "river",
    "window",
    "table",
    "paper",
    "orange",
    "green",
    "simple",
    "careful",
    "weekly",
    "measured",
    "recorded",
    "study",
    "sample",
    "group",
    "cohort",
    "survey",
    "record",
    "method",
    "report",
    "notes",
    "design",
    "trial",
    "review",
]


def neutral_sentence(nb_words):
    return factory.Faker("sentence", nb_words=nb_words, ext_word_list=NEUTRAL_WORDS)


def go_live(obj):
    """Take ``obj`` live through compliance review, as the admin would."""
    editor, reviewer = review_users("factory")
    publish_with_review(
        obj,
        editor,
        reviewer,
        acknowledgement=TEST_ACKNOWLEDGEMENT,
        # An article's medical review is signed with the date the test gave.
        reviewed_on=getattr(obj, "last_reviewed", None),
    )


def has_current_source(claim):
    return claim.cited_sources.filter(source__retracted=False).exists()


class ReviewedFactoryMixin:
    """Live objects made by a factory go live through compliance review; a
    factory of child rows (a product's variants) names their parent in
    ``reviewed_object``, which is reviewed again with the row added. (A page
    made as another factory's ``SubFactory`` is reviewed through that
    factory's ``reviewed_object``.)"""

    @classmethod
    def create(cls, **kwargs):
        # After every post-generation declaration (a claim's sources), which
        # factory_boy has run by the time ``create`` returns. ``create_batch``
        # and calling the factory go through here too.
        instance = super().create(**kwargs)
        reviewed = cls.reviewed_object(instance)
        if reviewed.live and cls.reviewable(reviewed):
            go_live(reviewed)
        return instance

    @classmethod
    def reviewed_object(cls, instance):
        return instance

    @classmethod
    def reviewable(cls, instance):
        return True


class SourceFactory(DjangoModelFactory):
    doi = factory.Sequence(lambda n: f"10.5555/mgsite.{n:05d}")
    pmid = factory.Sequence(lambda n: str(30000000 + n))
    authors = factory.Faker("name")
    title = neutral_sentence(8)
    container = factory.Faker("company")
    year = factory.Faker("random_int", min=1990, max=2024)
    study_type = StudyType.RCT

    class Meta:
        model = Source


# A factory citation records a study of healthy adults that found a benefit,
# so a factory claim's grade follows from its sources' designs.
SUPPORTING_FINDING = {
    "direction": Direction.SUPPORTS,
    "population_kind": PopulationKind.HEALTHY,
}


def cite(claim, sources, **finding):
    finding = {**SUPPORTING_FINDING, **finding}
    for order, source in enumerate(sources):
        ClaimSource.objects.create(
            claim=claim, source=source, sort_order=order, **finding
        )


class ClaimFactory(ReviewedFactoryMixin, DjangoModelFactory):
    """A live claim citing the given ``sources`` (none by default), approved
    through compliance review when it cites any (one that cites none cannot
    be approved, and stays live but unapproved: never shown); see also
    ``claim_with_sources`` and ``approved_claim``."""

    wording = neutral_sentence(9)
    kind = ClaimKind.STRUCTURE_FUNCTION

    class Meta:
        model = Claim
        skip_postgeneration_save = True

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        cite(self, extracted or [])

    @classmethod
    def reviewable(cls, instance):
        return has_current_source(instance)


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
    direction = Direction.SUPPORTS
    population_kind = PopulationKind.HEALTHY

    class Meta:
        model = ClaimSource


def claim_with_sources(study_types=(StudyType.RCT,), **kwargs):
    """A claim citing one new source per study type, approved through
    compliance review unless ``live=False`` is given (one with no current
    source cannot be approved: it is left live but unapproved, never shown)."""
    live = kwargs.pop("live", True)
    claim = DraftClaimFactory(**kwargs)
    for study_type in study_types:
        ClaimSourceFactory(claim=claim, source=SourceFactory(study_type=study_type))
    if live and has_current_source(claim):
        go_live(claim)
    elif live:
        Claim.objects.filter(pk=claim.pk).update(live=True)
    claim.refresh_from_db()
    return claim


def approved_claim(sources=1, **kwargs):
    """A live claim citing ``sources`` new sources (or the given Source list),
    published through its revision as a reviewer's approval would."""
    if isinstance(sources, int):
        sources = SourceFactory.create_batch(sources)
    claim = DraftClaimFactory(sources=sources, **kwargs)
    go_live(claim)
    claim.refresh_from_db()
    return claim
