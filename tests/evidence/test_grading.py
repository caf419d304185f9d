"""The grade derived from citations' findings: one pure function, tested on
its properties over generated evidence, and on the cases that motivated it."""

from hypothesis import given
from hypothesis import strategies as st

from evidence import grading
from evidence.grading import StudyFinding, grade
from evidence.models import Direction, PopulationKind, StudyType

DESIGNS = st.sampled_from(StudyType.values)
DIRECTIONS = st.sampled_from([*Direction.values, ""])
POPULATIONS = st.sampled_from([*PopulationKind.values, ""])


@st.composite
def findings(draw, directions=DIRECTIONS, min_size=0):
    """Citations of up to eight works, some cited more than once."""
    works = draw(st.integers(min_value=max(min_size, 0), max_value=8))
    result = []
    for work in range(works):
        finding = StudyFinding(
            work=work,
            design=draw(DESIGNS),
            direction=draw(directions),
            population=draw(POPULATIONS),
            participants=draw(st.none() | st.integers(min_value=1, max_value=5000)),
        )
        result += [finding] * draw(st.integers(min_value=1, max_value=2))
    return draw(st.permutations(result))


def rank(findings):
    return grade(findings).rank


@given(findings())
def test_adding_a_supporting_trial_never_lowers_the_grade(cited):
    trial = StudyFinding(work="new", design=StudyType.RCT, direction=Direction.SUPPORTS)

    assert rank([*cited, trial]) >= rank(cited)


@given(findings())
def test_adding_a_supporting_systematic_review_never_lowers_the_grade(cited):
    review = StudyFinding(
        work="new", design=StudyType.SYSTEMATIC_REVIEW, direction=Direction.SUPPORTS
    )

    assert rank([*cited, review]) >= rank(cited)


@given(findings(min_size=1), st.data())
def test_citing_a_work_again_changes_nothing(cited, data):
    again = data.draw(st.sampled_from(cited))

    assert grade([*cited, again]) == grade(cited)


@given(findings())
def test_the_order_of_citations_changes_nothing_but_the_wording_order(cited):
    assert grade(list(reversed(cited))).level == grade(cited).level


@given(findings(directions=st.sampled_from([Direction.NO_EFFECT, Direction.AGAINST])))
def test_evidence_of_no_effect_or_harm_alone_is_never_above_the_lowest_level(cited):
    result = grade(cited)

    assert result.level == grading.NONE
    assert result.mostly_contrary == bool(cited)


@given(findings())
def test_mostly_contrary_evidence_is_graded_at_the_lowest_level(cited):
    result = grade(cited)

    if result.mostly_contrary:
        assert result.level == grading.NONE


@given(findings())
def test_conflicting_evidence_is_never_strong(cited):
    result = grade(cited)

    if result.conflicting:
        assert result.level != grading.STRONG


def trial(work, direction=Direction.SUPPORTS, design=StudyType.RCT, **kwargs):
    return StudyFinding(work=work, design=design, direction=direction, **kwargs)


def test_a_review_that_found_no_effect_outweighs_a_small_supporting_trial():
    result = grade(
        [
            trial(1, Direction.NO_EFFECT, StudyType.SYSTEMATIC_REVIEW),
            trial(2, Direction.SUPPORTS),
        ]
    )

    assert result.level == grading.NONE
    assert result.mostly_contrary


def test_the_same_trial_cited_twice_counts_once():
    assert grade([trial(1), trial(1)]).level == grading.MODERATE
    assert grade([trial(1), trial(2)]).level == grading.STRONG


def test_a_regulators_opinion_alone_is_limited():
    opinion = trial(1, design=StudyType.REGULATORY_OPINION)

    assert grade([opinion]).level == grading.LIMITED


def test_a_finding_not_recorded_does_not_count_as_support():
    assert grade([trial(1, ""), trial(2, "")]).level == grading.LIMITED


def test_disagreeing_trials_are_conflicting_and_at_most_moderate():
    result = grade([trial(1), trial(2), trial(3, Direction.NO_EFFECT)])

    assert result.conflicting
    assert result.level == grading.MODERATE


def test_benefit_found_only_in_people_with_a_disease_is_flagged():
    sick = PopulationKind.CONDITION
    assert grade([trial(1, population=sick)]).only_with_condition
    healthy = trial(2, population=PopulationKind.HEALTHY)
    assert not grade([trial(1, population=sick), healthy]).only_with_condition


def test_the_summary_says_what_stands_behind_the_claim_in_plain_words():
    result = grade(
        [
            trial(1, participants=200),
            trial(2, participants=150),
            trial(3, Direction.NO_EFFECT, participants=62),
        ]
    )

    assert result.summary == (
        "3 randomised trials, 412 people: 2 found a benefit, 1 found no clear effect."
    )
    assert (
        "at least 200 people" in grade([trial(1, participants=200), trial(2)]).summary
    )
