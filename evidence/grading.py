"""The grade of a claim's evidence, derived from what its studies found.

One pure function, ``grade``, takes the findings of a claim's current
citations (``StudyFinding``: which work, its design, the direction of its
result for this claim, who was studied and how many) and returns a
``Grade``: the level, whether the evidence conflicts, whether it mostly
finds no effect or harm, whether it rests only on people with a disease,
a plain-words summary for the shopper and the steps of the derivation for
the dossier. It reads no database and no clock, so it is tested on its
properties (tests/evidence/test_grading.py).

The rules:

- each distinct work counts once, however often it is cited; two findings
  from one work that disagree make it "mixed";
- designs weigh 3 (systematic review or meta-analysis), 2 (randomised
  trial), 1 (observational study in people) and 0.5 (anything else:
  animal and laboratory work, case reports, narrative reviews, opinions,
  a regulator's assessment);
- when the works finding no effect or harm weigh at least as much as those
  finding a benefit, the claim is graded at the lowest level, whatever else
  is cited;
- otherwise the level comes from the works that found a benefit: strong for
  a systematic review or at least two randomised trials, moderate for one
  randomised trial or an observational study, limited for anything else
  (or when no finding is recorded);
- works that disagree (any finding no effect, harm or mixed results beside
  a benefit) make the evidence conflicting, shown as such, and take strong
  down to moderate.
"""

from dataclasses import dataclass, field

# Levels, lowest first (the values of ``evidence.models.EvidenceLevel``).
NONE, LIMITED, MODERATE, STRONG = "none", "limited", "moderate", "strong"
LEVEL_ORDER = (NONE, LIMITED, MODERATE, STRONG)

# Directions of a finding (the values of ``evidence.models.Direction``).
SUPPORTS, NO_EFFECT, AGAINST, MIXED, UNRECORDED = (
    "supports",
    "no_effect",
    "against",
    "mixed",
    "",
)
CONTRARY = (NO_EFFECT, AGAINST)

# Designs (values of ``evidence.models.StudyType``) and their weights.
SYSTEMATIC_REVIEW, RCT, OBSERVATIONAL = "systematic_review", "rct", "observational"
WEIGHTS = {SYSTEMATIC_REVIEW: 3, RCT: 2, OBSERVATIONAL: 1}
OTHER_WEIGHT = 0.5

# Populations (values of ``evidence.models.PopulationKind``).
WITH_CONDITION = "condition"

DESIGN_NAMES = {
    "systematic_review": ("systematic review", "systematic reviews"),
    "rct": ("randomised trial", "randomised trials"),
    "observational": ("observational study", "observational studies"),
    "case_report": ("case report", "case reports"),
    "animal": ("animal study", "animal studies"),
    "in_vitro": ("laboratory study", "laboratory studies"),
    "narrative_review": ("narrative review", "narrative reviews"),
    "regulatory_opinion": ("regulator's assessment", "regulators' assessments"),
    "expert_opinion": ("expert opinion", "expert opinions"),
}
HUMAN_DESIGNS = {SYSTEMATIC_REVIEW, RCT, OBSERVATIONAL}


@dataclass(frozen=True)
class StudyFinding:
    """One citation's finding. ``work``: what identifies the work (its
    source id), so that citing it twice counts it once."""

    work: object
    design: str
    direction: str = UNRECORDED
    population: str = ""
    participants: int | None = None


@dataclass(frozen=True)
class Grade:
    level: str
    conflicting: bool = False
    mostly_contrary: bool = False
    only_with_condition: bool = False
    studies: int = 0
    summary: str = ""
    steps: tuple = field(default_factory=tuple)

    @property
    def rank(self):
        return LEVEL_ORDER.index(self.level)


def plural(count, names):
    return f"{count} {names[0] if count == 1 else names[1]}"


def distinct_works(findings):
    """One finding per work, in first-cited order: the first citation's
    details, with "mixed" when its citations' directions disagree."""
    works = {}
    for finding in findings:
        known = works.get(finding.work)
        if known is None:
            works[finding.work] = finding
            continue
        directions = {known.direction, finding.direction} - {UNRECORDED}
        direction = directions.pop() if len(directions) == 1 else known.direction
        if len(directions) > 1:
            direction = MIXED
        works[finding.work] = StudyFinding(
            known.work,
            known.design,
            direction,
            known.population or finding.population,
            known.participants
            if known.participants is not None
            else finding.participants,
        )
    return list(works.values())


def weight(finding):
    return WEIGHTS.get(finding.design, OTHER_WEIGHT)


def summary(works):
    """What stands behind the claim, in plain words: "3 randomised trials,
    412 people; 2 found a benefit, 1 found no clear effect"."""
    if not works:
        return "No current source supports this statement."
    counts = {}
    for work in works:
        counts[work.design] = counts.get(work.design, 0) + 1
    designs = ", ".join(
        plural(count, DESIGN_NAMES.get(design, ("source", "sources")))
        for design, count in counts.items()
    )
    human = [work for work in works if work.design in HUMAN_DESIGNS]
    people = sum(work.participants or 0 for work in human)
    if people:
        some_unknown = any(work.participants is None for work in human)
        designs += (
            f", {'at least ' if some_unknown else ''}{people:,} "
            f"{'person' if people == 1 else 'people'}"
        )
    results = []
    for direction, words in (
        (SUPPORTS, "found a benefit"),
        (NO_EFFECT, "found no clear effect"),
        (AGAINST, "found harm"),
        (MIXED, "found mixed results"),
    ):
        count = sum(work.direction == direction for work in works)
        if count:
            results.append(f"{count} {words}")
    unrecorded = sum(work.direction == UNRECORDED for work in works)
    if unrecorded:
        results.append(f"{unrecorded} with no recorded finding")
    return f"{designs}: {', '.join(results)}."


def grade(findings):
    """The ``Grade`` of a claim from its current citations' findings."""
    works = distinct_works(findings)
    if not works:
        return Grade(NONE, summary=summary(works), steps=("No current source.",))
    supporting = [w for w in works if w.direction == SUPPORTS]
    contrary = [w for w in works if w.direction in CONTRARY]
    mixed = [w for w in works if w.direction == MIXED]
    support_weight = sum(weight(w) for w in supporting)
    contrary_weight = sum(weight(w) for w in contrary)
    steps = [
        f"{plural(len(works), ('distinct work', 'distinct works'))} cited "
        f"(each counted once).",
        f"Weighed by design (systematic review 3, randomised trial 2, "
        f"observational 1, other 0.5): {support_weight:g} for a benefit, "
        f"{contrary_weight:g} for no effect or harm.",
    ]
    conflicting = bool(supporting) and bool(contrary or mixed)
    human_support = [w for w in supporting if w.design in HUMAN_DESIGNS]
    only_with_condition = bool(human_support) and all(
        w.population == WITH_CONDITION for w in human_support
    )
    common = {
        "studies": len(works),
        "summary": summary(works),
        "only_with_condition": only_with_condition,
    }
    if contrary and contrary_weight >= support_weight:
        steps.append(
            "Most of the weight of evidence finds no effect or harm: "
            "graded at the lowest level."
        )
        return Grade(
            NONE,
            conflicting=conflicting,
            mostly_contrary=True,
            steps=tuple(steps),
            **common,
        )
    designs = [w.design for w in supporting]
    if SYSTEMATIC_REVIEW in designs or designs.count(RCT) >= 2:
        level = STRONG
        steps.append(
            "A systematic review or at least two randomised trials found a benefit."
        )
    elif RCT in designs or OBSERVATIONAL in designs:
        level = MODERATE
        steps.append("One randomised trial or observational studies found a benefit.")
    else:
        level = LIMITED
        steps.append(
            "No randomised trial, systematic review or observational study in "
            "people is recorded as finding a benefit."
        )
    if conflicting:
        steps.append("Other works found no effect, harm or mixed results: conflicting.")
        if level == STRONG:
            level = MODERATE
            steps.append("Conflicting evidence is graded at most moderate.")
    if only_with_condition:
        steps.append(
            "The benefit was found only in people with a disease or condition."
        )
    return Grade(level, conflicting=conflicting, steps=tuple(steps), **common)
