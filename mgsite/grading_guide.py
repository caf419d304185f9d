"""What the "How we grade evidence" page shows, worked out by the grading
code itself (``evidence.grading``), so the page cannot disagree with the
grades shoppers see beside each claim."""

from dataclasses import dataclass

from django.template.loader import render_to_string

from evidence import grading
from evidence.models import (
    EVIDENCE_LEVEL_EXPLANATIONS,
    EVIDENCE_LEVEL_STEPS,
    EvidenceLevel,
)
from evidence.templatetags.evidence_tags import evidence_badge

REVIEW, TRIAL, COHORT = grading.SYSTEMATIC_REVIEW, grading.RCT, grading.OBSERVATIONAL
FOR, NO_EFFECT = grading.SUPPORTS, grading.NO_EFFECT

# (what was cited, in words; the findings the grading code is given)
EXAMPLES = [
    ("One systematic review found a benefit.", [(REVIEW, FOR)]),
    ("Two randomised trials found a benefit.", [(TRIAL, FOR), (TRIAL, FOR)]),
    (
        "Two randomised trials found a benefit; one found no clear effect.",
        [(TRIAL, FOR), (TRIAL, FOR), (TRIAL, NO_EFFECT)],
    ),
    ("One randomised trial found a benefit.", [(TRIAL, FOR)]),
    (
        "Only animal and laboratory studies found a benefit.",
        [("animal", FOR), ("in_vitro", FOR)],
    ),
    (
        "One observational study found a benefit; one randomised trial found "
        "no clear effect.",
        [(COHORT, FOR), (TRIAL, NO_EFFECT)],
    ),
]


@dataclass
class Example:
    cited: str
    level_label: str
    badge: str
    steps: tuple


def level_label(level):
    return EvidenceLevel(level).label


def badge(level):
    """The badge shoppers see beside a claim at ``level``."""
    return render_to_string(
        "components/evidence_badge.html",
        evidence_badge(
            level_label(level),
            EVIDENCE_LEVEL_STEPS[level],
            EVIDENCE_LEVEL_EXPLANATIONS[level],
        ),
    )


def design_weights():
    """(design, weight) for every study design, heaviest first."""
    rows = [
        (names[0].capitalize(), grading.weight(grading.StudyFinding(None, design)))
        for design, names in grading.DESIGN_NAMES.items()
    ]
    return sorted(rows, key=lambda row: -row[1])


def levels():
    """(label, badge, explanation) for each level, strongest first."""
    return [
        (level_label(level), badge(level), EVIDENCE_LEVEL_EXPLANATIONS[level])
        for level in reversed(grading.LEVEL_ORDER)
    ]


def examples():
    worked = []
    for cited, findings in EXAMPLES:
        result = grading.grade(
            [
                grading.StudyFinding(number, design, direction)
                for number, (design, direction) in enumerate(findings)
            ]
        )
        worked.append(
            Example(cited, level_label(result.level), badge(result.level), result.steps)
        )
    return worked
