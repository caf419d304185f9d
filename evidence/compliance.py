"""The compliance rules: the one place that decides what may go live.

Each rule is a plain function that looks at one thing and returns a list of
``Finding``s. Errors block publication with no override; warnings need a
reviewer's written acknowledgement. Everything else (admin forms, the review
task, publishing, rendering, reports, commands) calls these functions.
"""

import hashlib
import json
from dataclasses import asdict, dataclass
from decimal import Decimal
from functools import cache

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.fields import StreamField
from wagtail.models import Page

from evidence import claim_language
from evidence.regulatory import (  # noqa: F401 (read from here too)
    FDA_DISCLAIMER_PLURAL,
    FDA_DISCLAIMER_SINGULAR,
    fda_disclaimer,
)

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
            "No randomised trial, systematic review or study in people cited "
            "here is recorded as finding a benefit (only animal, laboratory, "
            "case-report, review, opinion or regulatory sources, or findings "
            "not filled in). Record each citation's finding, add a human study "
            "or soften the wording.",
            "cited_sources",
        )
    ]


def contrary_evidence(claim):
    """Evidence that mostly finds no effect or harm does not support a claim."""
    if not claim.current_citations or not claim.grade.mostly_contrary:
        return []
    return [
        Finding(
            "contrary-evidence",
            WARNING,
            "Most of the evidence cited found no clear effect or harm, so the "
            "claim is graded at the lowest level. It may describe that result, "
            "but it cannot be shown on a product page.",
            "cited_sources",
        )
    ]


def conflicting_evidence(claim):
    if not claim.current_citations or not claim.grade.conflicting:
        return []
    return [
        Finding(
            "conflicting-evidence",
            WARNING,
            "The studies cited disagree: some found a benefit, others no clear "
            "effect, harm or mixed results. Shoppers see the evidence marked "
            "as conflicting; check the wording does not overstate it.",
            "cited_sources",
        )
    ]


def disease_population_only(claim):
    """A structure/function claim is about healthy people; evidence found
    only in people with a disease does not show it."""
    from evidence.models import ClaimKind

    if claim.kind != ClaimKind.STRUCTURE_FUNCTION or not claim.current_citations:
        return []
    if not claim.grade.only_with_condition:
        return []
    return [
        Finding(
            "disease-population-only",
            WARNING,
            "Every study in people that found a benefit studied people with a "
            "disease or condition; a structure/function claim speaks of healthy "
            "people. Cite a study in healthy people or change the claim.",
            "cited_sources",
        )
    ]


# Text rules ----------------------------------------------------------------
# The words are found by ``evidence.claim_language``; what they mean where
# they stand (error, warning, allowed) is decided here.


def _quote(sentence):
    return f"“{Truncator(sentence).chars(120)}”"


def detection_finding(detection, severity, field, advice=""):
    """A finding that says which words, which criterion and what to do."""
    kind = "a disease claim" if detection.is_disease else "a benefit statement"
    return Finding(
        detection.code,
        severity,
        f"{_quote(detection.sentence)} reads as {kind} under {detection.criterion} "
        f"({', '.join(detection.words)}). {advice or detection.advice}",
        field,
    )


def disease_language_in_text(text, field="wording", severity=WARNING, advice=""):
    """The ``disease-language`` rule on any text, a finding per sentence."""
    return [
        detection_finding(d, severity, field, advice)
        for d in claim_language.detect(text)
        if d.is_disease
    ]


def benefit_statements_in_text(text, field="text", severity=WARNING, advice=""):
    """Sentences of ``text`` that state a benefit, a finding per sentence."""
    return [
        detection_finding(d, severity, field, advice)
        for d in claim_language.detect(text)
        if not d.is_disease
    ]


def disease_language(claim):
    return disease_language_in_text(claim.wording)


def citation_implies_disease(claim):
    """Citing a study of a disease beside a product can itself make a disease
    claim (21 CFR 101.93(g)(2)(iv)(C))."""
    findings = []
    for source in claim.current_sources:
        if words := claim_language.diseases_named(source.title):
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
    return claim_language.data("eu_magnesium_claims.toml")["claims"]


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
    contrary_evidence,
    conflicting_evidence,
    disease_population_only,
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


def contrary_on_product(claim):
    """On a product page (labelling) a claim must be supported by its evidence."""
    if not claim.current_citations or not claim.grade.mostly_contrary:
        return []
    return [
        Finding(
            "contrary-evidence-on-product",
            ERROR,
            f"Most of the evidence cited for “{claim.wording}” found no clear "
            "effect or harm. A product page cannot carry it.",
            "claims",
        )
    ]


# A product's daily amount counts as "far" from what was studied below half
# the smallest or above twice the largest supporting daily dose.
DOSE_FAR_BELOW, DOSE_FAR_ABOVE = Decimal("0.5"), Decimal(2)


def supporting_citations(claim):
    from evidence.models import Direction

    return [
        row for row in claim.current_citations if row.direction == Direction.SUPPORTS
    ]


def dose_far_from_studied(claim, daily_elemental_mg):
    doses = [
        row.daily_dose_mg for row in supporting_citations(claim) if row.daily_dose_mg
    ]
    if daily_elemental_mg is None or not doses:
        return []
    low, high = min(doses), max(doses)
    if low * DOSE_FAR_BELOW <= daily_elemental_mg <= high * DOSE_FAR_ABOVE:
        return []
    studied = f"{low} mg" if low == high else f"{low} to {high} mg"
    return [
        Finding(
            "dose-far-from-studied",
            WARNING,
            f"The studies behind “{claim.wording}” gave {studied} of magnesium a "
            f"day; this product provides {daily_elemental_mg} mg, far from that.",
            "claims",
        )
    ]


def form_not_studied(claim, form_name):
    forms = [
        row.magnesium_form.casefold()
        for row in supporting_citations(claim)
        if row.magnesium_form
    ]
    if not form_name or not forms:
        return []
    name = form_name.casefold()
    if any(name in studied or studied in name for studied in forms):
        return []
    return [
        Finding(
            "form-not-studied",
            WARNING,
            f"The studies behind “{claim.wording}” used magnesium "
            f"{', '.join(sorted(set(forms)))}; this product's form is "
            f"{form_name}.",
            "claims",
        )
    ]


def check_attachments(claims, daily_elemental_mg=None, form_name=None, labelling=False):
    """Rules for a page that attaches these claims (live values from the
    database); ``labelling``: a product page, given its daily amount and form."""
    findings = []
    for claim in claims:
        findings += unapproved_claim_attached(claim)
        findings += claim_errors(claim) if claim.live else []
        findings += dose_below_condition(claim, daily_elemental_mg)
        findings += contrary_on_product(claim) if labelling else []
        findings += dose_far_from_studied(claim, daily_elemental_mg)
        findings += form_not_studied(claim, form_name)
    return findings


def check_text(text):
    """The rules that need nothing but words (``lint_claims``)."""
    return disease_language_in_text(text, field="text") + benefit_statements_in_text(
        text
    )


# Page text rules -------------------------------------------------------------
# Every word a shopper reads of a page, snippet or setting, as ``(field, text)``
# pairs from its ``public_text()``. Rich text that can cite sources comes as a
# ``CitedText``: its plain text, with each sentence's cited source ids.

LABELLING_ADVICE = (
    "On a product page, benefit and disease wording may only come from "
    "reviewed claims: move this into the claims library, or remove it."
)
UNSURE_ADVICE = (
    "This may be a claim. If it is, move this into the claims library; if not, "
    "the compliance reviewer must say why in writing before approving."
)
UNCITED_ADVICE = (
    "Cite a current source in this sentence (select words, then cite), or "
    "soften the wording."
)
UNCITABLE_ADVICE = (
    "This text cannot carry a citation and reaches search results and "
    "structured data: keep it neutral, and state the benefit in the body with "
    "a citation."
)
DISEASE_ADVICE = (
    "Disease language in editorial text needs the compliance reviewer's "
    "written acknowledgement."
)


class CitedText(str):
    """The plain text of rich text that can cite sources; ``sentences`` is
    ``[(sentence, ids of the sources cited in it)]``."""

    def __new__(cls, sentences):
        text = super().__new__(cls, " ".join(sentence for sentence, _ in sentences))
        text.sentences = [(sentence, frozenset(ids)) for sentence, ids in sentences]
        return text


def labelling_text(field, text):
    """Product pages and what they show: no benefit or disease wording
    outside the claims library; unsure detections need acknowledgement."""
    return [
        detection_finding(d, ERROR, field, LABELLING_ADVICE)
        if d.certain
        else detection_finding(d, WARNING, field, UNSURE_ADVICE)
        for d in claim_language.detect(text)
    ]


def uncited_benefit(detection, field, cited):
    """A benefit sentence in rich text without a current source in it."""
    return Finding(
        "uncited-benefit",
        ERROR,
        f"{_quote(detection.sentence)} states a benefit "
        f"({', '.join(detection.words)}; {detection.criterion}) but cites "
        f"{'only retracted sources' if cited else 'no source'} in that sentence. "
        f"{UNCITED_ADVICE}",
        field,
    )


def editorial_sentence(field, sentence, cited, current):
    """One sentence of editorial rich text: benefits need a current source in
    the sentence; disease language is a warning, cited or not."""
    findings = []
    for d in claim_language.detect(sentence):
        if d.is_disease:
            advice = DISEASE_ADVICE + ("" if current else " " + UNCITED_ADVICE)
            findings.append(detection_finding(d, WARNING, field, advice))
        elif not current and not d.certain:
            findings.append(detection_finding(d, WARNING, field, UNSURE_ADVICE))
        elif not current:
            findings.append(uncited_benefit(d, field, cited))
    return findings


def editorial_text(field, text, current_ids):
    """Editorial text: rich text sentence by sentence with its citations;
    plain text (titles, summaries, headings, questions, captions, alt text,
    SEO fields) cannot cite, so a benefit there is an error."""
    if isinstance(text, CitedText):
        return [
            f
            for sentence, ids in text.sentences
            for f in editorial_sentence(field, sentence, ids, ids & current_ids)
        ]
    return [
        detection_finding(d, WARNING, field, DISEASE_ADVICE)
        if d.is_disease
        else detection_finding(d, WARNING, field, UNSURE_ADVICE)
        if not d.certain
        else Finding(
            "uncitable-benefit",
            ERROR,
            f"{_quote(d.sentence)} states a benefit ({', '.join(d.words)}; "
            f"{d.criterion}). {UNCITABLE_ADVICE}",
            field,
        )
        for d in claim_language.detect(text)
    ]


def text_findings(pairs, context):
    """The page text rules for ``(field, text)`` pairs read in ``context``."""
    pairs = [(field, text) for field, text in pairs if text and text.strip()]
    if context == LABELLING:
        return [f for field, text in pairs for f in labelling_text(field, text)]
    cited = [text for _, text in pairs if isinstance(text, CitedText)]
    current = cited_current_ids(cited)
    return [f for field, text in pairs for f in editorial_text(field, text, current)]


def cited_current_ids(texts):
    """Of the sources cited in ``texts``, the ids of those not retracted (one
    query, none without citations)."""
    from evidence.models import Source

    ids = {i for text in texts for _, cited in text.sentences for i in cited}
    if not ids:
        return frozenset()
    current = Source.objects.filter(pk__in=ids, retracted=False)
    return frozenset(current.values_list("pk", flat=True))


def page_text_findings(content):
    """The page text rules for everything ``content`` shows, in its context."""
    return text_findings(content.public_text(), content.compliance_context)


# Gate ------------------------------------------------------------------------

# Where text stands decides what its claim language means.
LABELLING = "labelling"  # product pages: benefit and disease wording only from claims
EDITORIAL = "editorial"  # articles and other pages: benefits cited, disease warned


class ReviewedContent:
    """The interface of everything besides a claim whose words a shopper
    reads (pages, and the snippets and settings they show): the gate reads
    its text, checks it under the rules of its ``compliance_context`` and
    binds each approval to a fingerprint of it."""

    compliance_context = EDITORIAL

    def public_text(self):
        """``(field name, plain text)`` for every word a shopper can read of
        this object: its own fields, child rows, StreamField text, alt text,
        and whatever it shows from elsewhere that is not a library claim."""
        raise NotImplementedError

    def shown_claims(self):
        """The library claims this object shows (saved or in memory)."""
        return []

    def shown_claim_ids(self):
        return [claim.pk for claim in self.shown_claims()]

    def compliance_findings(self, claims=None):
        """Every finding for this object; ``claims``: claims by id, with their
        sources, that the caller holds already (``compliance_check``)."""
        return []


def check(obj):
    """All findings for anything the gate knows: a claim, or reviewed content."""
    from evidence.models import Claim

    if isinstance(obj, Claim):
        return check_claim(obj)
    if isinstance(obj, ReviewedContent):
        return obj.compliance_findings()
    raise TypeError(f"{type(obj).__name__} is not under compliance review.")


def ensure_publishable(obj):
    """Raise ``ComplianceError`` if ``obj`` has error findings."""
    if found := errors(check(obj)):
        raise ComplianceError(found)


def not_approved(obj):
    return Finding(
        "not-approved",
        ERROR,
        f"“{obj}” has no compliance approval of exactly this content. Submit it "
        "for review: a compliance reviewer who did not write it must approve it "
        "before it goes live.",
    )


def fingerprint(obj):
    """A digest of what a shopper will read of ``obj``: a claim's wording,
    kind, condition of use and the public details of its current sources; for
    reviewed content, its public text and the claims it shows. An approval
    records it; only content whose fingerprint matches is shown."""
    from evidence.models import Claim

    if isinstance(obj, Claim):
        content = [
            obj.wording,
            obj.kind,
            obj.min_daily_elemental_mg,
            [citation_fingerprint_fields(row) for row in obj.current_citations],
        ]
    else:
        content = list(content_items(obj))
    text = json.dumps(content, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


# Of the fields every page has, those a shopper reads; the rest is tree,
# draft, schedule and lock bookkeeping.
PAGE_CONTENT_FIELDS = {"title", "slug", "seo_title", "search_description"}
UNREVIEWED_RELATIONS = {"wagtail_admin_comments"}


def content_items(obj):
    """``(name, value)`` for all the content of a page (or other reviewed
    object), by field: every field it declares (text, StreamField, choices,
    figures, chosen objects), those of its child rows (a product's variants,
    images and claims) and its chosen many-to-many relations. Binding an
    approval to all of it, rather than to a list of fields, leaves no field
    that can change without review."""
    for field in obj._meta.concrete_fields:
        if isinstance(field, StreamField):
            # Each block as its block type writes it (a block not yet read
            # would otherwise come as stored, perhaps in an older format).
            blocks = [child.get_prep_value() for child in field.value_from_object(obj)]
            yield field.attname, without_block_ids(blocks)
        elif is_content_field(field):
            yield field.attname, field_value(field, obj)
    for relation in get_all_child_relations(obj):
        name = relation.get_accessor_name()
        if name not in UNREVIEWED_RELATIONS:
            rows = getattr(obj, name).all()
            yield name, [list(content_items(row)) for row in rows]
    for field in get_all_child_m2m_relations(obj):
        yield field.name, sorted(item.pk for item in getattr(obj, field.name).all())


def field_value(field, obj):
    """A field's value as text, the same however it was read: a decimal from
    a revision ("250") and from the database ("250.00") are one figure."""
    value = field.value_from_object(obj)
    if isinstance(field, models.DecimalField) and value is not None:
        places = Decimal(1).scaleb(-field.decimal_places)
        return format(Decimal(value).quantize(places), "f")
    return field.value_to_string(obj)


def without_block_ids(data):
    """StreamField data less its blocks' ids: an id is bookkeeping, and a
    block stored without one is given a new one each time it is written."""
    if isinstance(data, list):
        return [without_block_ids(item) for item in data]
    if isinstance(data, dict):
        is_block = {"type", "value"} <= data.keys()
        return {
            key: without_block_ids(value)
            for key, value in data.items()
            if not (is_block and key == "id")
        }
    return data


def listing_fingerprint(obj):
    """A digest of the fields of a page's own row (its title, slug, summary,
    figures; no StreamField, no child rows): what listings, cards, search
    results and the sitemap show of it, computable from a listing's rows."""
    items = [
        (field.attname, field_value(field, obj))
        for field in obj._meta.concrete_fields
        if is_content_field(field) and not isinstance(field, StreamField)
    ]
    text = json.dumps(items, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def is_content_field(field):
    if field.name in getattr(field.model, "unreviewed_fields", ()):
        return False
    if field.primary_key or field.one_to_one or isinstance(field, ParentalKey):
        return False
    if field.model is Page or field.model.__module__.startswith("wagtail."):
        return field.name in PAGE_CONTENT_FIELDS
    return True


def citation_fingerprint_fields(row):
    """What a shopper reads of a citation: its source, and its finding once
    one is recorded (a citation without one reads as its source alone, as
    before findings were kept)."""
    fields = source_fingerprint_fields(row.source)
    if row.has_finding:
        fields.append(row.finding_values())
    return fields


def source_fingerprint_fields(source):
    """What a shopper reads of a cited source, and whether it is retracted."""
    return [
        source.pk,
        source.title,
        source.authors,
        source.container,
        source.year,
        source.volume,
        source.issue,
        source.pages,
        source.doi,
        source.pmid,
        source.url,
        source.study_type,
        source.retracted,
    ]


def ensure_approved(obj):
    """Raise ``ComplianceError`` unless the latest standing approval of
    ``obj`` was given to exactly this content."""
    from evidence.models import is_approved

    if not is_approved(obj):
        raise ComplianceError([not_approved(obj)])


def expired(claim, now=None):
    return claim.expire_at is not None and claim.expire_at <= (now or timezone.now())


def with_approvals(claims):
    """Give each claim its ``approved_fingerprint`` (None without a standing
    approval), in one query for all of them; returns them as a list."""
    from evidence.models import Claim, approved_fingerprints

    claims = list(claims)
    missing = [c for c in claims if not hasattr(c, "approved_fingerprint")]
    found = approved_fingerprints(Claim, [claim.pk for claim in missing])
    for claim in missing:
        claim.approved_fingerprint = found.get(claim.pk)
    return claims


def public_claims(claims, daily_elemental_mg=None, labelling=False):
    """Fail closed: of these claims, only those a shopper may read now: live,
    approved exactly as they stand, not expired, passing every error rule,
    and (given the product's daily amount) within their condition of use;
    on a product page or what it shows (``labelling``), only claims whose
    evidence does not mostly find no effect or harm.
    ``claims`` should come with their sources, as ``Claim.objects.with_sources()``
    gives them; their standing approvals are read in one query, unless
    ``with_approvals`` gave them already."""
    claims = with_approvals(claim for claim in claims if claim.live)
    now = timezone.now()
    return [
        claim
        for claim in claims
        if claim.approved_fingerprint == fingerprint(claim)
        and not expired(claim, now)
        and not claim_errors(claim)
        and not dose_below_condition(claim, daily_elemental_mg)
        and not (labelling and contrary_on_product(claim))
    ]


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
    """``(model, its pages)`` for every page type that implements
    ``ReviewedContent``, found generically so this module depends on no app.
    A model may name what to prefetch in ``compliance_prefetch``."""
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, Page) and issubclass(model, ReviewedContent):
            prefetch = getattr(model, "compliance_prefetch", ())
            # Each page once, as its own type (not again as a parent type's
            # row, which would read its fields short of the subclass's).
            pages = model.objects.exact_type(model).prefetch_related(*prefetch)
            yield model, list(pages)


def live_findings(obj, approved):
    """Errors only a live object can have: shown without a standing approval
    of exactly what it shows (``approved``: its approved fingerprint)."""
    if not obj.live or approved == fingerprint(obj):
        return []
    return [not_approved(obj)]


def check_everything():
    """Every rule over every claim (as stored: the live version of live claims)
    and every page with compliance findings, in a number of queries that does
    not grow with the number of claims. Pages are given the claims already
    loaded here, by id, so their attached claims are not read twice."""
    from evidence.models import approved_fingerprints, library_claims

    claims = {claim.pk: claim for claim in with_approvals(library_claims())}
    for claim in claims.values():
        findings = check_claim(claim) + live_findings(claim, claim.approved_fingerprint)
        yield CheckedItem("claim", claim.pk, claim.wording, claim.live, findings)
    for model, pages in pages_with_findings():
        approved = approved_fingerprints(model, [page.pk for page in pages])
        for page in pages:
            findings = page.compliance_findings(claims)
            findings += live_findings(page, approved.get(page.pk))
            yield CheckedItem(
                model._meta.model_name, page.pk, page.title, page.live, findings
            )
    for model, objects in shown_snippets():
        approved = approved_fingerprints(model, [obj.pk for obj in objects])
        for obj in objects:
            findings = obj.compliance_findings()
            findings += live_findings(obj, approved.get(obj.pk))
            yield CheckedItem(
                model._meta.model_name, obj.pk, str(obj), obj.live, findings
            )


def shown_snippets():
    """``(model, its objects)`` for the snippets pages show
    (``ReviewedContent`` that is not a page: the brand, the magnesium forms)."""
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, ReviewedContent) and not issubclass(model, Page):
            rows = [rel.get_accessor_name() for rel in get_all_child_relations(model)]
            yield model, list(model.objects.prefetch_related(*rows))
