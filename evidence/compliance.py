"""The compliance rules: the one place that decides what may go live.

Each rule is a plain function that looks at one thing and returns a list of
``Finding``s. Errors block publication with no override; warnings need a
reviewer's written acknowledgement. Everything else (admin forms, the review
task, publishing, rendering, reports, commands) calls these functions.
"""

from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError

ERROR = "error"
WARNING = "warning"


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


CLAIM_ERROR_RULES = [no_source]
CLAIM_WARNING_RULES = [weak_evidence]


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
