"""The compliance rules: the one place that decides what may go live.

Each rule is a plain function that looks at one thing and returns a list of
``Finding``s. Errors block publication with no override; warnings need a
reviewer's written acknowledgement. Everything else (admin forms, the review
task, publishing, rendering, reports, commands) calls these functions.
"""

import re
import tomllib
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError

DATA_DIR = Path(__file__).resolve().parent / "data"

ERROR = "error"
WARNING = "warning"

# 21 CFR 101.93(c), word for word: shown wherever a US structure/function
# claim is shown, singular for one statement and plural for more.
FDA_DISCLAIMER_SINGULAR = (
    "This statement has not been evaluated by the Food and Drug Administration. "
    "This product is not intended to diagnose, treat, cure, or prevent any disease."
)
FDA_DISCLAIMER_PLURAL = (
    "These statements have not been evaluated by the Food and Drug "
    "Administration. This product is not intended to diagnose, treat, cure, or "
    "prevent any disease."
)


def fda_disclaimer(count):
    """The disclaimer for ``count`` structure/function claims shown ("" for none)."""
    if not count:
        return ""
    return FDA_DISCLAIMER_SINGULAR if count == 1 else FDA_DISCLAIMER_PLURAL


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    field: str = ""

    @property
    def is_error(self):
        return self.severity == ERROR

    def as_dict(self):
        return asdict(self)


class ComplianceError(ValidationError):
    """Raised when something with error findings is about to go live."""

    def __init__(self, findings):
        self.findings = [f for f in findings if f.is_error]
        super().__init__([f.message for f in self.findings])


def errors(findings):
    return [f for f in findings if f.is_error]


def warnings(findings):
    return [f for f in findings if not f.is_error]


# Claim rules ---------------------------------------------------------------
# Each takes a claim whose ``cited_sources`` are loaded (prefetched rows, or
# the in-memory rows of a revision) and looks at nothing else.


def no_source(claim):
    if claim.current_sources:
        return []
    return [
        Finding(
            "no-source",
            ERROR,
            "This claim cites no current source. Attach at least one source "
            "that is not retracted before it can be submitted or published.",
            "cited_sources",
        )
    ]


def weak_evidence(claim):
    from evidence.models import EvidenceLevel

    if claim.evidence_level != EvidenceLevel.LIMITED:
        return []
    return [
        Finding(
            "weak-evidence",
            WARNING,
            "Only animal, laboratory, case-report, narrative-review or opinion "
            "sources support this claim. Add a human study or soften the wording.",
            "cited_sources",
        )
    ]


# Text rules ----------------------------------------------------------------
# The vocabularies live in data files a reviewer can read and edit.


@cache
def _data(name):
    with open(DATA_DIR / name, "rb") as f:
        return tomllib.load(f)


def _terms_pattern(terms):
    """One regex for a list of words or phrases; a trailing ``*`` matches any
    ending, spaces match any run of whitespace or hyphens."""
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        stem = term.rstrip("*")
        body = r"[\s-]+".join(re.escape(word) for word in stem.split())
        parts.append(body + (r"\w*" if term.endswith("*") else ""))
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)


@cache
def _disease_vocabulary():
    data = _data("disease_terms.toml")
    return {
        "disease name": _terms_pattern(
            data["diseases"] + data["generic_disease_words"]
        ),
        "named disease": _terms_pattern(data["diseases"]),
        "promise to act on a disease": _terms_pattern(data["verbs"]),
        "likening to a drug": _terms_pattern(data["drug_classes"]),
        "cues": _terms_pattern(data["contraindication_cues"]),
        "suggestion": " ".join(data["suggestion"].split()),
    }


SENTENCE_END_RE = re.compile(r"(?<=[.!?;])\s+")


def _claim_sentences(text):
    """Sentences of ``text`` that make a claim: a sentence that warns or states
    a contraindication ("do not use if you have kidney disease") names a
    disease to protect the reader, not to promise anything, so it is skipped."""
    vocabulary = _disease_vocabulary()
    for sentence in SENTENCE_END_RE.split(text or ""):
        if not vocabulary["cues"].search(sentence):
            yield sentence


def disease_words(text):
    """The disease-claim words in ``text``, by kind, in order of appearance."""
    vocabulary = _disease_vocabulary()
    found = {}
    for sentence in _claim_sentences(text):
        for kind in (
            "disease name",
            "promise to act on a disease",
            "likening to a drug",
        ):
            for match in vocabulary[kind].finditer(sentence):
                words = found.setdefault(kind, [])
                if match.group(0).lower() not in words:
                    words.append(match.group(0).lower())
    return found


def disease_language_in_text(text, field="wording"):
    """The ``disease-language`` rule on any text (claims, copy checked in bulk)."""
    found = disease_words(text)
    if not found:
        return []
    matched = "; ".join(f"{kind}: {', '.join(words)}" for kind, words in found.items())
    return [
        Finding(
            "disease-language",
            WARNING,
            f"This reads as a disease claim under 21 CFR 101.93(g) ({matched}). "
            f"{_disease_vocabulary()['suggestion']}",
            field,
        )
    ]


def disease_language(claim):
    return disease_language_in_text(claim.wording)


@lru_cache(maxsize=4096)
def _diseases_named(title):
    """The disease names in a source's title, sorted: a source is cited by
    many claims, and the library check reads each title once."""
    pattern = _disease_vocabulary()["named disease"]
    return tuple(sorted({match.group(0).lower() for match in pattern.finditer(title)}))


def citation_implies_disease(claim):
    """Citing a study of a disease beside a product can itself make a disease
    claim (21 CFR 101.93(g)(2)(iv)(C))."""
    findings = []
    for source in claim.current_sources:
        if words := _diseases_named(source.title):
            findings.append(
                Finding(
                    "citation-implies-disease",
                    WARNING,
                    f"The cited source “{source.title}” names a disease "
                    f"({', '.join(words)}). Shown beside a product, the citation "
                    "can itself make a disease claim: cite a source about normal "
                    "function, or keep this claim off product pages.",
                    "cited_sources",
                )
            )
    return findings


def _normalise_wording(text):
    return " ".join((text or "").replace("’", "'").split()).rstrip(".").casefold()


def authorised_eu_wordings():
    return _data("eu_magnesium_claims.toml")["claims"]


@cache
def _authorised_normalised():
    return frozenset(_normalise_wording(w) for w in authorised_eu_wordings())


def eu_wording(claim):
    from evidence.models import ClaimKind

    if claim.kind != ClaimKind.EU_AUTHORISED:
        return []
    if _normalise_wording(claim.wording) in _authorised_normalised():
        return []
    return [
        Finding(
            "eu-wording",
            WARNING,
            "This is marked as an EU authorised health claim, but the wording is "
            "not one of the magnesium claims authorised by Regulation (EU) "
            "432/2012, for example “Magnesium contributes to normal muscle "
            "function”. Use the authorised wording or change the kind.",
            "wording",
        )
    ]


CLAIM_ERROR_RULES = [no_source]
CLAIM_WARNING_RULES = [
    disease_language,
    weak_evidence,
    citation_implies_disease,
    eu_wording,
]


def check_claim(claim):
    """Every claim rule, errors first."""
    return [f for rule in CLAIM_ERROR_RULES + CLAIM_WARNING_RULES for f in rule(claim)]


def claim_errors(claim):
    return [f for rule in CLAIM_ERROR_RULES for f in rule(claim)]


# Attachment rules ------------------------------------------------------------
# A page (a product, an article block) that shows claims from the library.


def unapproved_claim_attached(claim):
    if claim.live:
        return []
    return [
        Finding(
            "unapproved-claim-attached",
            ERROR,
            f"The claim “{claim.wording}” is not approved. Remove it, or get it "
            "through compliance review first.",
            "claims",
        )
    ]


def dose_below_condition(claim, daily_elemental_mg):
    minimum = claim.min_daily_elemental_mg
    if not minimum or daily_elemental_mg is None or daily_elemental_mg >= minimum:
        return []
    return [
        Finding(
            "dose-below-condition",
            ERROR,
            f"The claim “{claim.wording}” needs at least {minimum} mg of elemental "
            f"magnesium a day; this product provides {daily_elemental_mg} mg.",
            "claims",
        )
    ]


def check_attachments(claims, daily_elemental_mg=None):
    """Rules for a page that attaches these claims (live values from the database)."""
    findings = []
    for claim in claims:
        findings += unapproved_claim_attached(claim)
        findings += claim_errors(claim) if claim.live else []
        findings += dose_below_condition(claim, daily_elemental_mg)
    return findings


def check_text(text):
    """The rules that need nothing but words (``lint_claims``)."""
    return disease_language_in_text(text, field="text")


# Gate ------------------------------------------------------------------------


def check(obj):
    """All findings for anything the gate knows: a claim, or a page that
    provides ``compliance_findings()``."""
    from evidence.models import Claim

    if isinstance(obj, Claim):
        return check_claim(obj)
    return obj.compliance_findings()


def ensure_publishable(obj):
    """Raise ``ComplianceError`` if ``obj`` has error findings."""
    if found := errors(check(obj)):
        raise ComplianceError(found)


def public_claims(claims):
    """Fail closed: of these claims, only the live ones that pass every error
    rule now. ``claims`` should come from ``Claim.objects.with_sources()``."""
    return [claim for claim in claims if claim.live and not claim_errors(claim)]


# The whole library -----------------------------------------------------------


@dataclass
class CheckedItem:
    kind: str
    pk: int
    label: str
    live: bool
    findings: list

    @property
    def errors(self):
        return errors(self.findings)

    def as_dict(self):
        return {
            "kind": self.kind,
            "id": self.pk,
            "label": self.label,
            "live": self.live,
            "findings": [f.as_dict() for f in self.findings],
        }


def pages_with_findings():
    """Page models that define ``compliance_findings(claims=None)`` (products,
    or any other app): found generically so this module depends on none of
    them. A model may name what to prefetch in ``compliance_prefetch``."""
    from django.apps import apps
    from wagtail.models import Page

    for model in apps.get_models():
        if issubclass(model, Page) and hasattr(model, "compliance_findings"):
            prefetch = getattr(model, "compliance_prefetch", ())
            yield from model.objects.prefetch_related(*prefetch)


def check_everything():
    """Every rule over every claim (as stored: the live version of live claims)
    and every page with compliance findings, in a number of queries that does
    not grow with the number of claims. Pages are given the claims already
    loaded here, by id, so their attached claims are not read twice."""
    from evidence.models import library_claims

    claims = {}
    for claim in library_claims():
        claims[claim.pk] = claim
        yield CheckedItem(
            "claim", claim.pk, claim.wording, claim.live, check_claim(claim)
        )
    for page in pages_with_findings():
        yield CheckedItem(
            page._meta.model_name,
            page.pk,
            page.title,
            page.live,
            page.compliance_findings(claims),
        )
