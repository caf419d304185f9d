"""The source library and the claims library.

A Source is one citable work. A Claim is one benefit statement with the
sources that support it; it is a snippet with Wagtail's drafts, revisions,
locking and workflow, so "approved" means "has a live revision that passed
compliance review". The rules that decide what may go live are in
``evidence.compliance``; nothing here re-implements them.
"""

import re
from collections import defaultdict

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    RevisionMixin,
    TaskState,
    WorkflowMixin,
)
from wagtail.search import index

from evidence import compliance, grading
from evidence.compliance import ReviewedContent, listing_fingerprint
from evidence.current_sources import current, set_citations
from evidence.forms import ApproveForm, ClaimForm, DistinctInlinePanel, RejectForm

DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIX_RE = re.compile(
    r"^(?:https?://(?:dx\.|www\.)?doi\.org/|doi:\s*|doi\s+)", re.IGNORECASE
)
PMID_PREFIX_RE = re.compile(r"^pmid(?::\s*|\s+)", re.IGNORECASE)


def normalise_doi(value):
    """Strip a resolver link or ``doi:`` prefix; DOIs compare case-insensitively."""
    return DOI_PREFIX_RE.sub("", (value or "").strip()).strip().lower()


def normalise_pmid(value):
    """Plain ASCII digits without leading zeros ("PMID: 032708431" and
    "３２７０８４３１" are 32708431), so one work has one PMID; anything else
    is left for ``Source.clean`` to refuse."""
    value = PMID_PREFIX_RE.sub("", (value or "").strip())
    if value.isdecimal() and len(value) <= len("99999999999999"):
        return str(int(value))
    return value


class StudyType(models.TextChoices):
    SYSTEMATIC_REVIEW = "systematic_review", "Systematic review or meta-analysis"
    RCT = "rct", "Randomised controlled trial"
    OBSERVATIONAL = "observational", "Observational study"
    CASE_REPORT = "case_report", "Case report"
    ANIMAL = "animal", "Animal study"
    IN_VITRO = "in_vitro", "In vitro study"
    NARRATIVE_REVIEW = "narrative_review", "Narrative review"
    REGULATORY_OPINION = "regulatory_opinion", "Regulatory opinion"
    EXPERT_OPINION = "expert_opinion", "Expert opinion"


class EvidenceLevel(models.TextChoices):
    STRONG = "strong", "Strong"
    MODERATE = "moderate", "Moderate"
    LIMITED = "limited", "Limited"
    NONE = "none", "No usable evidence"


EVIDENCE_LEVEL_EXPLANATIONS = {
    EvidenceLevel.STRONG: (
        "A systematic review, or at least two randomised trials, found a "
        "benefit, and no cited study disagrees."
    ),
    EvidenceLevel.MODERATE: (
        "One randomised trial or observational studies in people found a "
        "benefit, or stronger evidence is not consistent."
    ),
    EvidenceLevel.LIMITED: (
        "No trial or study in people cited here is recorded as finding a "
        "benefit: animal or laboratory work, reviews, opinions or a "
        "regulator's assessment. Results may not apply to people."
    ),
    EvidenceLevel.NONE: "No current source supports this statement.",
}
CONTRARY_EXPLANATION = (
    "Most of the evidence cited found no clear effect or harm: it does not "
    "support this statement."
)


EVIDENCE_LEVEL_STEPS = {
    EvidenceLevel.STRONG: 3,
    EvidenceLevel.MODERATE: 2,
    EvidenceLevel.LIMITED: 1,
    EvidenceLevel.NONE: 0,
}


class Direction(models.TextChoices):
    """What a cited study found for the claim it is cited for."""

    SUPPORTS = grading.SUPPORTS, "Supports (found a benefit)"
    NO_EFFECT = grading.NO_EFFECT, "No clear effect"
    AGAINST = grading.AGAINST, "Against (found harm or the opposite)"
    MIXED = grading.MIXED, "Mixed results"


class PopulationKind(models.TextChoices):
    HEALTHY = "healthy", "Healthy people"
    GENERAL = "general", "General or mixed population"
    CONDITION = grading.WITH_CONDITION, "People with a disease or condition"
    NOT_HUMAN = "not_human", "Animals or laboratory"


class Source(index.Indexed, models.Model):
    doi = models.CharField(
        "DOI",
        max_length=255,
        blank=True,
        help_text="For example 10.3390/nu12082184. A doi.org link or doi: prefix "
        "is accepted and removed.",
    )
    pmid = models.CharField(
        "PMID", max_length=12, blank=True, help_text="PubMed identifier: digits only."
    )
    url = models.URLField("URL", max_length=500, blank=True)
    authors = models.TextField(
        blank=True,
        help_text="One author per line, family name then initials: Shin HJ.",
    )
    title = models.CharField(max_length=500)
    container = models.CharField("journal or publisher", max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    volume = models.CharField(max_length=32, blank=True)
    issue = models.CharField(max_length=32, blank=True)
    pages = models.CharField(max_length=32, blank=True)
    study_type = models.CharField(max_length=32, choices=StudyType.choices)
    population = models.CharField(
        max_length=255, blank=True, help_text="Who or what was studied."
    )
    sample_size = models.PositiveIntegerField(null=True, blank=True)
    retracted = models.BooleanField(default=False)
    retracted_on = models.DateField("retracted on", null=True, blank=True)
    retraction_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # What no public page shows (see ``unshown_fields``).
    unshown_fields = (
        "population",
        "sample_size",
        "retraction_note",
        "created_at",
        "updated_at",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("doi"), FieldPanel("pmid"), FieldPanel("url")],
            heading="Identifiers (at least one)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("authors"),
                FieldPanel("title"),
                FieldPanel("container"),
                FieldPanel("year"),
                FieldPanel("volume"),
                FieldPanel("issue"),
                FieldPanel("pages"),
            ],
            heading="Citation",
        ),
        MultiFieldPanel(
            [
                FieldPanel("study_type"),
                FieldPanel("population"),
                FieldPanel("sample_size"),
            ],
            heading="Study",
        ),
        MultiFieldPanel(
            [
                FieldPanel("retracted"),
                FieldPanel("retracted_on"),
                FieldPanel("retraction_note"),
            ],
            heading="Retraction",
        ),
    ]

    search_fields = [
        index.SearchField("title"),
        index.SearchField("authors"),
        index.SearchField("container"),
        index.AutocompleteField("title"),
        index.FilterField("study_type"),
        index.FilterField("retracted"),
        index.FilterField("doi"),
        index.FilterField("pmid"),
    ]

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["doi"], condition=~models.Q(doi=""), name="unique_source_doi"
            ),
            models.UniqueConstraint(
                fields=["pmid"],
                condition=~models.Q(pmid=""),
                name="unique_source_pmid",
            ),
        ]

    def __str__(self):
        year = f" ({self.year})" if self.year else ""
        return f"{self.title}{year}"

    def clean(self):
        self.doi = normalise_doi(self.doi)
        self.pmid = normalise_pmid(self.pmid)
        errors = {}
        if not (self.doi or self.pmid or self.url):
            message = "Give at least one of DOI, PMID or URL."
            errors.update(doi=message, pmid=message, url=message)
        if self.doi and not DOI_RE.match(self.doi):
            errors["doi"] = (
                f"“{self.doi}” is not a DOI: a DOI starts with 10., a registrant "
                "number and a slash, as in 10.3390/nu12082184."
            )
        if self.pmid and not (self.pmid.isascii() and self.pmid.isdigit()):
            errors["pmid"] = "A PMID is digits only, as in 32708431."
        if self.year and self.year > timezone.now().year:
            errors["year"] = "The year cannot be in the future."
        if self.retracted_on and not self.retracted:
            errors["retracted"] = "Tick “retracted” when you give a retraction date."
        if errors:
            raise ValidationError(errors)

    def validate_unique(self, exclude=None):
        """One source per DOI and per PMID, said in words. Here rather than
        in ``clean`` so that the importer, which checks a whole paste in one
        query, can skip the query per entry."""
        super().validate_unique(exclude)
        errors = {}
        for field in ("doi", "pmid"):
            value = getattr(self, field)
            if value and field not in (exclude or ()):
                other = Source.objects.filter(**{field: value}).exclude(pk=self.pk)
                if other := other.first():
                    errors[field] = (
                        f"Another source already has this {field.upper()}: "
                        f"“{other}”. Cite that source instead."
                    )
        if errors:
            raise ValidationError(errors)

    @property
    def retraction_flag(self):
        """ "Retracted" and when, for listings and exports; empty otherwise."""
        if not self.retracted:
            return ""
        when = f" on {self.retracted_on:%-d %b %Y}" if self.retracted_on else ""
        return f"Retracted{when}"

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self):
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""

    @property
    def link(self):
        """Where a reader is sent to read the work."""
        return self.doi_url or self.pubmed_url or self.url

    @property
    def reference_links(self):
        """(label, URL) for a reference list entry: DOI and PubMed, or else
        the plain URL."""
        links = [("DOI", self.doi_url), ("PubMed", self.pubmed_url)]
        links = [(label, url) for label, url in links if url]
        return links or ([("Link", self.url)] if self.url else [])

    @property
    def author_list(self):
        return [line.strip() for line in self.authors.splitlines() if line.strip()]

    @property
    def ama_authors(self):
        """AMA: list up to six authors; with more, the first three and "et al"."""
        authors = self.author_list
        if len(authors) > 6:
            authors = [*authors[:3], "et al"]
        return ", ".join(authors)

    @property
    def ama_citation(self):
        """The reference in AMA style, as plain text (templates add the links
        and set the journal in italics: ``evidence.citations``)."""
        return " ".join(part for part in self.ama_parts if part)

    @property
    def ama_parts(self):
        """AMA's parts in order: authors, title, journal, the rest."""
        authors = f"{self.ama_authors}." if self.ama_authors else ""
        container = f"{self.container.rstrip('.')}." if self.container else ""
        return authors, f"{self.title.rstrip('.')}.", container, self.ama_locator

    @property
    def ama_locator(self):
        parts = []
        locator = str(self.year or "")
        if self.volume:
            locator += f";{self.volume}"
            if self.issue:
                locator += f"({self.issue})"
        if self.pages:
            locator += f":{self.pages}"
        if locator:
            parts.append(f"{locator}.")
        if self.doi:
            parts.append(f"doi:{self.doi}")
        elif self.pmid:
            parts.append(f"PMID: {self.pmid}")
        return " ".join(parts)


class ClaimKind(models.TextChoices):
    STRUCTURE_FUNCTION = "structure_function", "US structure/function claim"
    EU_AUTHORISED = "eu_authorised", "EU authorised health claim"
    OTHER = "other", "Other"


def claims_from_citations(citations):
    """The claims of ``citations`` (ClaimSource rows with their claim and
    source selected, ordered claim by claim), each once, in order, with its
    ``current_citations`` and ``current_sources`` taken from those rows:
    claims and their sources in one query. A claim with no citation is not
    among them; it could not be shown anyway."""
    claims, rows, seen = {}, defaultdict(list), set()
    for row in citations:
        if row.pk not in seen:  # a claim attached twice brings its rows twice
            seen.add(row.pk)
            claims.setdefault(row.claim_id, row.claim)
            rows[row.claim_id].append(row)
    for pk, claim in claims.items():
        set_citations(claim, rows[pk])
    return list(claims.values())


def library_claims():
    """Every claim, with its ``current_citations`` and ``current_sources``
    set, in the claims' order, for a check of the whole library: three
    queries however many claims, and each source loaded once however many
    claims cite it."""
    rows = list(ClaimSource.objects.order_by("sort_order", "pk"))
    sources = Source.objects.defer(*unshown_fields(Source)).order_by().in_bulk()
    cited = defaultdict(list)
    for row in rows:
        if row.source_id in sources:  # deleted since its citation was read: not cited
            row.source = sources[row.source_id]
            cited[row.claim_id].append(row)
    claims = list(Claim.objects.defer(*unshown_fields(Claim)))
    for claim in claims:
        set_citations(claim, cited[claim.pk])
    return claims


def unshown_fields(model, via=""):
    """For ``defer()``: the fields of ``model`` (Source or Claim) that no
    public page shows, reached ``via`` a relation (``"claim__"``).

    A product page loads eight claims and twenty sources, an article forty
    sources; leaving these columns unloaded (timestamps among them, which
    are costly to read) saves about a twentieth of such a page. Reading one
    of them costs a query per object, which the query-budget tests catch."""
    return [via + name for name in model.unshown_fields]


def cited_sources_prefetch(lookup="cited_sources"):
    """Prefetch a claim's cited sources in their order, with each source, in
    one query; ``lookup`` reaches the claims' ``cited_sources`` from another
    model (``"claim__cited_sources"``)."""
    return Prefetch(
        lookup,
        queryset=ClaimSource.objects.select_related("source")
        .defer(*unshown_fields(Source, "source__"))
        .order_by("sort_order", "pk"),
    )


def distinct_rows(content, relation, field):
    """A revision's ``content`` with each ``field`` choice of the ``relation``
    rows once (the first): a draft saved before rows were kept distinct may
    repeat one, and publishing it must not break the unique constraint."""
    rows, seen = content.get(relation) or [], set()
    kept = [row for row in rows if not (row[field] in seen or seen.add(row[field]))]
    return content if len(kept) == len(rows) else {**content, relation: kept}


def without_deleted(content, relation, field, model):
    """A revision's ``content`` without the ``relation`` rows whose ``field``
    points at a ``model`` row deleted since. The database protects only the
    live rows, so a draft may cite what no longer exists: it is not cited."""
    rows = content.get(relation) or []
    ids = {row[field] for row in rows}
    existing = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if ids <= existing:
        return content
    return {**content, relation: [row for row in rows if row[field] in existing]}


class ClaimQuerySet(models.QuerySet):
    def with_sources(self):
        """Cited sources in their order, with each source, in one extra query."""
        return self.prefetch_related(cited_sources_prefetch())


class ComplianceGatedMixin:
    """For models with DraftStateMixin (claims, pages that show claims).

    Every path that makes a revision live ends in one ``save()`` of the object
    built from that revision, with ``live_revision`` pointing at it: the
    admin (Wagtail's page editor publishes through PublishPageRevisionAction
    and never calls ``publish()``), workflow approval, scheduled publishing,
    and ``revision.publish()`` in code. The error rules run there, on exactly
    what is going live, so no path can skip them.
    """

    def save(self, *args, **kwargs):
        from evidence.compliance import ensure_approved, ensure_publishable

        if self.is_publishing_a_revision(kwargs.get("update_fields")):
            ensure_publishable(self)
            ensure_approved(self)
        return super().save(*args, **kwargs)

    def is_publishing_a_revision(self, update_fields=None):
        if not (self.pk and self.live and self.live_revision_id):
            return False
        if update_fields is not None and "live_revision" not in update_fields:
            return False
        stored = type(self)._base_manager.filter(pk=self.pk)
        return stored.values_list("live_revision_id", flat=True).get() != (
            self.live_revision_id
        )

    def publish(self, revision, *args, user=None, skip_permission_checks=False, **kw):
        from evidence.compliance import (
            ComplianceError,
            ensure_approved,
            ensure_publishable,
        )

        # Checked here too so that a refusal comes before any side effect
        # (scheduling, log entries) rather than at the final save.
        try:
            going_live = revision.as_object()
            ensure_publishable(going_live)
            ensure_approved(going_live)
        except ComplianceError as refusal:
            if kw.get("log_action") != SCHEDULED_PUBLISH:
                raise
            return refuse_scheduled_publish(revision, refusal)
        if user is not None and not skip_permission_checks:
            # Wagtail's workflow finish publishes as the approving user. Nobody
            # holds the publish permission for claims, so the approval itself
            # is the permission: a reviewer publishes exactly what they approved.
            skip_permission_checks = approved_in_review_by(revision, user)
        return super().publish(
            revision,
            *args,
            user=user,
            skip_permission_checks=skip_permission_checks,
            **kw,
        )


class ReviewedPage(ComplianceGatedMixin, ReviewedContent):
    """For every page type: under the compliance gate, and served only while
    its live content is exactly what a reviewer approved (a write that went
    around review takes it out of public view; previews show drafts)."""

    def public_text(self):
        yield ("title", self.title)
        yield ("slug", self.slug.replace("-", " "))
        yield ("seo_title", self.seo_title)
        yield ("search_description", self.search_description)

    def serve(self, request, *args, **kwargs):
        if not getattr(request, "is_preview", False) and not self.may_be_shown():
            raise Http404
        return super().serve(request, *args, **kwargs)

    def may_be_shown(self):
        """Approved as it stands, and not past its expiry time (before
        ``publish_scheduled`` has unpublished it)."""
        expired = self.expire_at is not None and self.expire_at <= timezone.now()
        return not expired and is_approved(self)


# Draft, schedule and lock bookkeeping of a snippet with drafts: no shopper
# reads it, so it is in no fingerprint (and public pages need not load it).
DRAFT_BOOKKEEPING = (
    "latest_revision",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "go_live_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
)


class ReviewedSnippet(
    ComplianceGatedMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    ReviewedContent,
):
    """For snippets whose words a shopper reads beside claims (the brand, the
    magnesium forms): drafts, revisions, locking and the Compliance review
    workflow, as a claim has. A change waits as a draft until a reviewer who
    did not write it approves it; what is shown is what is live and approved
    as it stands (``approved_as_they_stand``)."""

    unreviewed_fields = ("live", *DRAFT_BOOKKEEPING)

    class Meta:
        abstract = True


def approved_as_they_stand(objects):
    """Of these objects of one model, in order, those live and exactly what
    their latest standing approval approved; one query for all of them."""
    objects = [obj for obj in objects if obj.live]
    if not objects:
        return []
    approved = approved_fingerprints(type(objects[0]), [obj.pk for obj in objects])
    return [
        obj for obj in objects if approved.get(obj.pk) == compliance.fingerprint(obj)
    ]


def is_approved(obj):
    """Whether ``obj`` as it stands is what its latest standing approval approved."""
    from evidence.compliance import fingerprint

    approved = approved_fingerprints(type(obj), [obj.pk]).get(obj.pk)
    return approved is not None and approved == fingerprint(obj)


SCHEDULED_PUBLISH = "wagtail.publish.scheduled"
PUBLISH_REFUSED = "evidence.publish.refused"


def refuse_scheduled_publish(revision, refusal):
    """``publish_scheduled`` goes on to the other due revisions: this one is
    unscheduled (so it is not retried every minute) and the refusal, with the
    rules it broke, goes in the audit log for the reviewers."""
    from wagtail.log_actions import log

    revision.approved_go_live_at = None
    revision.save(update_fields=["approved_go_live_at"])
    log(
        instance=revision.content_object,
        action=PUBLISH_REFUSED,
        revision=revision,
        data={"reasons": [finding.message for finding in refusal.findings]},
    )


def approved_in_review_by(revision, user):
    """Whether ``user``'s latest compliance approval of this object covers
    ``revision``: the approved revision itself, or one with the same reviewed
    content (the editor saves an unchanged revision when approving from it)."""
    approval = (
        ComplianceTaskState.objects.filter(
            workflow_state__base_content_type_id=revision.base_content_type_id,
            workflow_state__object_id=revision.object_id,
            status=TaskState.STATUS_APPROVED,
            finished_by=user,
        )
        .select_related("revision")
        .order_by("-finished_at")
        .first()
    )
    if approval is None:
        return False
    return approval.revision_id == revision.pk or reviewed_content(
        approval.revision
    ) == reviewed_content(revision)


class Claim(
    ComplianceGatedMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    wording = models.CharField(
        max_length=300,
        help_text="Exactly what the shopper will read; at most 300 characters.",
    )
    kind = models.CharField(
        max_length=32,
        choices=ClaimKind.choices,
        default=ClaimKind.STRUCTURE_FUNCTION,
    )
    min_daily_elemental_mg = models.PositiveIntegerField(
        "minimum elemental magnesium per day (mg)",
        null=True,
        blank=True,
        help_text="Condition of use: a product must provide at least this much "
        "elemental magnesium per daily portion to carry the claim.",
    )

    objects = ClaimQuerySet.as_manager()
    base_form_class = ClaimForm

    # Public pages read only the wording, the kind, the condition of use and
    # whether the claim is live.
    unshown_fields = DRAFT_BOOKKEEPING

    panels = [
        FieldPanel("wording", widget=forms.Textarea(attrs={"rows": 3})),
        FieldPanel("kind"),
        FieldPanel("min_daily_elemental_mg"),
        DistinctInlinePanel("cited_sources", heading="Cited sources", label="Source"),
    ]

    search_fields = [
        index.SearchField("wording"),
        index.AutocompleteField("wording"),
        index.FilterField("kind"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["wording"]

    def __str__(self):
        return self.wording

    def with_content_json(self, content):
        content = without_deleted(content, "cited_sources", "source", Source)
        content = distinct_rows(content, "cited_sources", "source")
        return super().with_content_json(content)

    @cached_property
    def current_citations(self):
        """Citations of non-retracted sources, in order (uses prefetched rows
        when present)."""
        return [row for row in self.cited_sources.all() if not row.source.retracted]

    @cached_property
    def current_sources(self):
        """Non-retracted cited sources, in order, each once (uses prefetched
        rows when present)."""
        return current(row.source for row in self.current_citations)

    @cached_property
    def grade(self):
        """The ``grading.Grade`` of this claim, from its current citations'
        findings (derived, never typed)."""
        return grading.grade(row.study_finding for row in self.current_citations)

    @property
    def evidence_level(self):
        return self.grade.level

    @property
    def evidence_level_label(self):
        label = EvidenceLevel(self.evidence_level).label
        if self.grade.mostly_contrary:
            return "Not supported"
        return f"{label}, conflicting" if self.grade.conflicting else label

    @property
    def evidence_level_explanation(self):
        if self.grade.mostly_contrary:
            return CONTRARY_EXPLANATION
        return EVIDENCE_LEVEL_EXPLANATIONS[EvidenceLevel(self.evidence_level)]

    @property
    def evidence_summary(self):
        """What stands behind the claim, in plain words, for its badge."""
        return self.grade.summary

    @property
    def evidence_steps(self):
        """Filled steps (0-3) of the evidence scale: a scale that needs no colour."""
        return EVIDENCE_LEVEL_STEPS[EvidenceLevel(self.evidence_level)]

    @property
    def needs_fda_disclaimer(self):
        return self.kind == ClaimKind.STRUCTURE_FUNCTION


class ClaimSource(Orderable):
    """One citation of a source by a claim, with what the study found for
    this claim (the finding the grade is derived from)."""

    claim = ParentalKey(Claim, on_delete=models.CASCADE, related_name="cited_sources")
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="claim_citations"
    )
    locator = models.CharField(
        max_length=255,
        blank=True,
        help_text="Where in the source: a page, a table, or a section.",
    )
    outcome = models.CharField(
        "outcome measured",
        max_length=255,
        blank=True,
        help_text="What the study measured, for example: pain score after 4 weeks.",
    )
    direction = models.CharField(
        "what it found for this claim",
        max_length=16,
        choices=Direction.choices,
        blank=True,
        help_text="Left empty, the source does not count as support.",
    )
    population_kind = models.CharField(
        "who was studied",
        max_length=16,
        choices=PopulationKind.choices,
        blank=True,
    )
    population = models.CharField(
        "population",
        max_length=255,
        blank=True,
        help_text="In words, for example: older adults with night-time leg cramps.",
    )
    participants = models.PositiveIntegerField(
        "number of participants", null=True, blank=True
    )
    magnesium_form = models.CharField(
        "form of magnesium studied",
        max_length=64,
        blank=True,
        help_text="For example: citrate, oxide, sulphate (intravenous).",
    )
    daily_dose_mg = models.PositiveIntegerField(
        "daily dose studied (mg elemental magnesium)", null=True, blank=True
    )
    duration = models.CharField(
        max_length=64, blank=True, help_text="For example: 8 weeks."
    )
    quote = models.TextField(
        "quoted passage",
        blank=True,
        help_text="The sentence of the source that states the finding, quoted.",
    )

    panels = [
        FieldPanel("source"),
        FieldPanel("locator"),
        MultiFieldPanel(
            [
                FieldPanel("direction"),
                FieldPanel("outcome"),
                FieldPanel("population_kind"),
                FieldPanel("population"),
                FieldPanel("participants"),
                FieldPanel("magnesium_form"),
                FieldPanel("daily_dose_mg"),
                FieldPanel("duration"),
                FieldPanel("quote", widget=forms.Textarea(attrs={"rows": 3})),
            ],
            heading="Finding",
        ),
    ]

    # The finding as the dossier shows it and the approval binds it.
    finding_fields = (
        "locator",
        "outcome",
        "direction",
        "population_kind",
        "population",
        "participants",
        "magnesium_form",
        "daily_dose_mg",
        "duration",
        "quote",
    )

    class Meta(Orderable.Meta):
        verbose_name = "cited source"
        # Rows added in code carry no sort order: the id keeps them in the
        # order they were added, on every database and every read.
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "source"],
                name="claim_cites_each_source_once",
                violation_error_message="This source is already cited in this "
                "claim. Cite each source once; give further pages or quotations "
                "in its locator.",
            )
        ]

    def __str__(self):
        return f"{self.source} ({self.locator})" if self.locator else str(self.source)

    @property
    def study_finding(self):
        return grading.StudyFinding(
            work=self.source_id,
            design=self.source.study_type,
            direction=self.direction,
            population=self.population_kind,
            participants=self.participants,
        )

    @property
    def has_finding(self):
        return any(getattr(self, name) for name in self.finding_fields[1:])

    def finding_values(self):
        return [getattr(self, name) for name in self.finding_fields]

    @property
    def direction_words(self):
        return {
            Direction.SUPPORTS: "Found a benefit",
            Direction.NO_EFFECT: "Found no clear effect",
            Direction.AGAINST: "Found harm or the opposite",
            Direction.MIXED: "Found mixed results",
        }.get(self.direction, "Finding not recorded")


# Compliance review --------------------------------------------------------


class ReviewRefused(PermissionDenied):
    """A review action the rules do not allow. Wagtail's edit views show the
    message of a PermissionDenied raised by a workflow action on the form.
    ``field`` names the decision form's field the refusal is about, if any."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def reviewed_content(revision):
    """What a review approves: a claim's wording, kind, condition of use and
    cited sources; for other content, the revision's whole content."""
    obj = revision.as_object()
    if not isinstance(obj, Claim):
        return revision.content
    rows = [(row.source_id, *row.finding_values()) for row in obj.cited_sources.all()]
    return (obj.wording, obj.kind, obj.min_daily_elemental_mg, rows)


# A claim's evidence is checked again this many months after each approval.
REVIEW_INTERVAL_MONTHS = 12


def review_due_after(moment, months=REVIEW_INTERVAL_MONTHS):
    """The date ``months`` after ``moment`` (a datetime or date), on the same
    day of the month or the month's last day."""
    day = timezone.localdate(moment) if hasattr(moment, "hour") else moment
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def default_review_due():
    """An approval given now falls due for review a year on."""
    return review_due_after(timezone.now())


class Approval(models.Model):
    """A compliance reviewer's approval of one revision, bound to the
    fingerprint of what the shopper will read (``compliance.fingerprint``).
    Publishing needs one that matches; public pages show only content whose
    fingerprint matches its latest standing approval. Never edited: a change
    to a cited source revokes the approvals it touched (``revoked_at``)."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    fingerprint = models.CharField(max_length=64)
    listing_fingerprint = models.CharField(
        max_length=64, blank=True, help_text="Of a page: what listings show of it."
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="compliance_approvals",
    )
    approved_at = models.DateTimeField(default=timezone.now)
    review_due_on = models.DateField(
        "review due on",
        null=True,
        blank=True,
        default=default_review_due,
        help_text="When a reviewer must check the content and its evidence again.",
    )
    acknowledgement = models.TextField(blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_because = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-approved_at", "-pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-approved_at"],
                name="approval_latest",
            )
        ]

    def __str__(self):
        return f"Approval of {self.content_type.name} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.review_due_on is None:
            self.review_due_on = review_due_after(self.approved_at)
        super().save(*args, **kwargs)


def standing_approvals(model, ids):
    """``{id: [its standing approvals, newest first]}`` for ``ids`` of
    ``model``, in one query."""
    found = defaultdict(list)
    if not ids:
        return found
    rows = (
        Approval.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=ids,
            revoked_at__isnull=True,
        )
        .select_related("approved_by")
        .prefetch_related("approved_by__groups")
        .order_by("object_id", "-approved_at", "-pk")
    )
    for approval in rows:
        found[approval.object_id].append(approval)
    return found


class RetractionNotice(models.Model):
    """A notice about a cited source read from a retraction feed (Retraction
    Watch, as Crossref distributes it): a retraction takes the claims citing
    the source off public view; any notice sends them back to review. Kept so
    that importing the same file again changes nothing."""

    RETRACTION = "retraction"
    CORRECTION = "correction"
    CONCERN = "concern"
    REINSTATEMENT = "reinstatement"
    NATURES = [
        (RETRACTION, "Retraction"),
        (CORRECTION, "Correction"),
        (CONCERN, "Expression of concern"),
        (REINSTATEMENT, "Reinstatement"),
    ]

    record_id = models.CharField(max_length=64, unique=True)
    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, related_name="retraction_notices"
    )
    nature = models.CharField(max_length=16, choices=NATURES)
    notice_doi = models.CharField(max_length=255, blank=True)
    notice_date = models.DateField(null=True, blank=True)
    reason = models.TextField(blank=True)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return f"{self.get_nature_display()} of {self.source}"


def approved_fingerprints(model, ids):
    """``{id: fingerprint}`` of the latest standing approval of each of
    ``ids`` (objects of ``model``), in one query; an id with none is absent."""
    if not ids:
        return {}
    rows = (
        Approval.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=ids,
            revoked_at__isnull=True,
        )
        .order_by("object_id", "-approved_at", "-pk")
        .values_list("object_id", "fingerprint")
    )
    found = {}
    for object_id, fingerprint in rows:
        found.setdefault(object_id, fingerprint)
    return found


def shown_pages(pages):
    """Of these live pages (in their specific form), in order, those whose
    row is what their latest standing approval approved: for listings,
    which show a page without serving it. One query for all of them."""
    pages = list(pages)
    if not pages:
        return pages
    rows = (
        Approval.objects.filter(
            content_type_id__in={page.content_type_id for page in pages},
            object_id__in=[page.pk for page in pages],
            revoked_at__isnull=True,
        )
        .order_by("object_id", "-approved_at", "-pk")
        .values_list("object_id", "listing_fingerprint")
    )
    approved = {}
    for object_id, listed in rows:
        approved.setdefault(object_id, listed)
    return [
        page for page in pages if approved.get(page.pk) == listing_fingerprint(page)
    ]


def revoke_approvals(model, ids, because):
    """Approvals of ``ids`` stop standing: the content leaves public view
    until a reviewer approves it again."""
    return Approval.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=ids,
        revoked_at__isnull=True,
    ).update(revoked_at=timezone.now(), revoked_because=because[:255])


class ReviewDecisions:
    """What every review step's task state shares (compliance review here,
    medical review in ``articles``): who may approve, and a reason for every
    request for changes. The checks live on the task state, not in a view,
    so they hold however the task is decided (review screen, editor,
    dashboard, shell, a script), and the task offers "Approve" only to a
    user they let through (``ReviewTask.get_actions``)."""

    def approval_refusal(self, user):
        """Why ``user`` may not approve this review; "" when they may."""
        return ""

    def refuse_approval_by(self, user):
        if reason := self.approval_refusal(user):
            raise ReviewRefused(reason)

    def reject(self, user=None, update=True, comment=""):
        if not (comment or "").strip():
            raise ReviewRefused(
                "Give the reason for requesting changes.", field="comment"
            )
        return super().reject(user=user, update=update, comment=comment.strip())


class ReviewTask(AbstractGroupApprovalTask):
    """A review step decided by a member of the task's groups: "Request
    changes" (with a reason) for every such reviewer, "Approve" only for one
    whose approval the task state's rules accept, so the dashboard's menu,
    the editor's and the review screen never offer a decision that would be
    refused for who is deciding or what is submitted."""

    approve_label = "Approve"
    approve_form = None  # Wagtail's comment form unless a task has its own

    class Meta:
        abstract = True

    def is_reviewer(self, user):
        """A member of one of this task's groups, or a superuser."""
        return (
            user.is_superuser
            or self.groups.filter(pk__in=user.groups.values("pk")).exists()
        )

    def approval_refusal(self, obj, user):
        """Why ``user`` may not approve ``obj`` in this task; "" when they may."""
        if not self.is_reviewer(user):
            return "Only a member of the reviewing group may approve this."
        task_state = obj.current_workflow_task_state
        if task_state is None or task_state.task_id != self.pk:
            return "This review step is not open: it may have been decided already."
        return task_state.specific.approval_refusal(user)

    def get_actions(self, obj, user):
        if not self.is_reviewer(user):
            return []
        actions = [("reject", "Request changes", True)]
        if not self.approval_refusal(obj, user):
            actions.append(("approve", self.approve_label, True))
        return actions

    def get_form_for_action(self, action):
        if action == "reject":
            return RejectForm
        if action == "approve" and self.approve_form is not None:
            return self.approve_form
        return super().get_form_for_action(action)


class ComplianceTaskState(ReviewDecisions, TaskState):
    """One review of one revision, under the compliance rules."""

    acknowledgement = models.TextField(
        blank=True, help_text="The reviewer's reason for approving despite warnings."
    )

    class Meta:
        verbose_name = "compliance review task state"

    def latest_revision(self):
        """What the workflow will publish: the latest revision."""
        return self.revision.content_object.get_latest_revision() or self.revision

    def approval_refusal(self, user):
        latest = self.latest_revision()
        if found := compliance.errors(compliance.check(latest.as_object())):
            return "This revision cannot be approved: " + " ".join(
                f.message for f in found
            )
        if user is not None and self.authored_by(user, latest):
            return "You wrote this revision, so someone else must review it."
        return ""

    def approve(self, user=None, update=True, comment="", acknowledgement=""):
        self.refuse_approval_by(user)
        latest = self.latest_revision()
        findings = compliance.check(latest.as_object())
        found = compliance.warnings(findings)
        acknowledgement = (acknowledgement or "").strip()
        if found and not acknowledgement:
            codes = ", ".join(sorted({f.code for f in found}))
            raise ReviewRefused(
                f"This revision has warnings ({codes}). Write why it may be "
                "approved anyway in the acknowledgement.",
                field="acknowledgement",
            )
        self.acknowledgement = acknowledgement
        if acknowledgement:
            # The audit log records the comment; the acknowledgement belongs there.
            codes = ", ".join(sorted({f.code for f in found}))
            note = f"Warnings acknowledged ({codes}): {acknowledgement}"
            comment = f"{comment.strip()}\n{note}".strip()
        going_live = latest.as_object()
        Approval.objects.create(
            content_type=ContentType.objects.get_for_model(type(going_live)),
            object_id=going_live.pk,
            revision=latest,
            fingerprint=compliance.fingerprint(going_live),
            listing_fingerprint=(
                compliance.listing_fingerprint(going_live)
                if isinstance(going_live, Page)
                else ""
            ),
            approved_by=user,
            acknowledgement=acknowledgement,
        )
        return super().approve(user=user, update=update, comment=comment)

    def authored_by(self, user, latest):
        """The submitted revision is the user's, or the user changed what was
        submitted (saving it unchanged during review does not count)."""
        if self.revision.user_id == user.pk:
            return True
        return latest.user_id == user.pk and reviewed_content(
            latest
        ) != reviewed_content(self.revision)


class ComplianceReviewTask(ReviewTask):
    """Approval by a compliance reviewer, under the compliance rules: no
    approval while errors exist, a written acknowledgement for warnings, a
    reason for every rejection, and no approving one's own revision."""

    task_state_class = ComplianceTaskState
    approve_form = ApproveForm

    class Meta:
        verbose_name = "compliance review task"
        verbose_name_plural = "compliance review tasks"

    @classmethod
    def get_description(cls):
        return (
            "Compliance reviewers approve or reject under the compliance rules: "
            "errors block approval, warnings need a written acknowledgement, "
            "rejections need a reason, and nobody approves their own revision."
        )

    def get_template_for_action(self, action):
        """The approve modal lists the warnings to acknowledge."""
        if action == "approve":
            return "evidence/admin/approve_modal.html"
        return super().get_template_for_action(action)
