"""The Compliance report: one row per claim, per product page and per other
reviewed snippet a product page shows (the brand, the magnesium forms), with its
review status, approval (who, when, the acknowledgement of warnings),
sources or claims and findings; filterable, and exportable (CSV, XLSX) for
the compliance file."""

from dataclasses import dataclass, field
from datetime import timedelta

import django_filters
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from evidence import compliance
from evidence.models import Approval, Claim, EvidenceLevel, standing_approvals
from evidence.review_views import review_url
from evidence.roles import REVIEWERS
from evidence.status import ReviewStatus, review_status, with_review_status
from mgsite.exports import SafeSpreadsheetExportMixin

STATES = {
    "awaiting_review": "Awaiting review",
    "approved": "Approved",
    "rejected": "Changes requested",
    "blocked": "Blocked by errors",
    "warnings": "With warnings",
    "weak_evidence": "Weak evidence",
    "retracted_source": "Cites a retracted source",
    "review_due": "Periodic review due",
    "review_overdue": "Periodic review overdue",
}
CLAIM, PRODUCT_PAGE, LABEL_TEXT = "claim", "product_page", "label_text"
TYPES = {CLAIM: "Claim", PRODUCT_PAGE: "Product page", LABEL_TEXT: "Brand or form"}
SENT_BACK = {ReviewStatus.CHANGES_REQUESTED, ReviewStatus.REJECTED}

# A live claim is listed as due this many days before its review date.
DUE_WITHIN_DAYS = 30


def can_see_compliance_report(user):
    return user.is_superuser or user.groups.filter(name=REVIEWERS).exists()


@dataclass
class ReportRow:
    """One line of the report, and of the compliance file."""

    type: str
    object_id: int
    item: str
    status: ReviewStatus
    live: bool
    findings: list
    edit_url: str
    content: object = None
    claim_kind: str = ""
    evidence: str = ""
    cites: str = ""
    states: list = field(default_factory=list)
    approval: Approval | None = None

    @property
    def review_url(self):
        """The review screen, where a reviewer reads and decides."""
        return review_url(self.content)

    @property
    def type_label(self):
        return TYPES[self.type]

    @property
    def status_label(self):
        return self.status.label

    @property
    def state_labels(self):
        return ", ".join(STATES[state] for state in self.states)

    @property
    def findings_text(self):
        return "; ".join(f"{f.severity} {f.code}: {f.message}" for f in self.findings)

    @property
    def approved_by(self):
        user = self.approval and self.approval.approved_by
        return (user.get_full_name() or user.get_username()) if user else ""

    @property
    def approved_on(self):
        if self.approval is None:
            return None
        return timezone.localtime(self.approval.approved_at).date()

    @property
    def review_due_on(self):
        """When a live claim's approval is due for periodic review."""
        if not self.live or self.approval is None:
            return None
        return self.approval.review_due_on

    @property
    def reaffirm_url(self):
        """A live, approved claim may be re-affirmed in periodic review."""
        if self.type != CLAIM or self.review_due_on is None:
            return None
        return reverse("evidence_reaffirm_claim", args=[self.object_id])

    @property
    def reaffirm_label(self):
        return "Re-affirm" if self.reaffirm_url else ""

    @property
    def acknowledgement(self):
        return self.approval.acknowledgement if self.approval else ""

    def add_states(self, **more):
        status = self.status
        common = {
            "awaiting_review": status == ReviewStatus.IN_REVIEW,
            "approved": self.live and self.approval is not None,
            "rejected": status in SENT_BACK,
            "blocked": bool(compliance.errors(self.findings)),
            "warnings": bool(compliance.warnings(self.findings)),
        }
        self.states = [name for name, on in {**common, **more}.items() if on]


def newest(approvals):
    return approvals[0] if approvals else None


def review_due_dates(claims):
    """Claim id -> the review date of its latest standing approval, in one query."""
    approvals = standing_approvals(Claim, [claim.pk for claim in claims])
    return {pk: rows[0].review_due_on for pk, rows in approvals.items() if rows}


def claim_rows(claims):
    """Rows for ``claims`` (with their sources and review status)."""
    today = timezone.localdate()
    approvals = standing_approvals(Claim, [claim.pk for claim in claims])
    rows = []
    for claim in claims:
        cited = [row.source for row in claim.cited_sources.all()]
        row = ReportRow(
            type=CLAIM,
            content=claim,
            object_id=claim.pk,
            item=claim.wording,
            status=review_status(claim),
            live=claim.live,
            findings=compliance.check_claim(claim),
            edit_url=reverse("wagtailsnippets_evidence_claim:edit", args=[claim.pk]),
            claim_kind=claim.get_kind_display(),
            evidence=claim.evidence_level_label,
            cites="; ".join(source.ama_citation for source in cited),
            approval=newest(approvals.get(claim.pk)),
        )
        due = row.review_due_on
        row.add_states(
            weak_evidence=claim.evidence_level == EvidenceLevel.LIMITED,
            retracted_source=any(source.retracted for source in cited),
            review_due=due is not None
            and today <= due <= today + timedelta(days=DUE_WITHIN_DAYS),
            review_overdue=due is not None and due < today,
        )
        rows.append(row)
    return rows


def product_page_models():
    """Page types that are labelling and attach library claims (product
    pages), found generically so this app depends on none of them."""
    for model in apps.get_models():
        if not (
            issubclass(model, Page) and issubclass(model, compliance.ReviewedContent)
        ):
            continue
        attaches = model.shown_claims is not compliance.ReviewedContent.shown_claims
        if model.compliance_context == compliance.LABELLING and attaches:
            prefetch = getattr(model, "compliance_prefetch", ())
            yield model, list(model.objects.prefetch_related(*prefetch))


def page_rows(claims_by_id):
    rows = []
    for model, pages in product_page_models():
        statuses = dict(
            with_review_status(model.objects.filter(pk__in=[p.pk for p in pages]))
            .values_list("pk", "review_status")
            .order_by()
        )
        approvals = standing_approvals(model, [page.pk for page in pages])
        for page in sorted(pages, key=lambda page: page.title):
            claim_ids = page.shown_claim_ids()
            row = ReportRow(
                type=PRODUCT_PAGE,
                content=page,
                object_id=page.pk,
                item=page.title,
                status=ReviewStatus(statuses.get(page.pk, ReviewStatus.DRAFT)),
                live=page.live,
                findings=page.compliance_findings(claims_by_id),
                edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                cites="; ".join(
                    f"Claim {pk}: {claims_by_id[pk].wording}"
                    if pk in claims_by_id
                    else f"Claim {pk}"
                    for pk in claim_ids
                ),
                approval=newest(approvals.get(page.pk)),
            )
            row.add_states()
            rows.append(row)
    return rows


def label_text_rows():
    """The brand and the magnesium forms: reviewed snippets that product
    pages show."""
    rows = []
    for model, objects in compliance.shown_snippets():
        statuses = dict(
            with_review_status(model.objects.all())
            .values_list("pk", "review_status")
            .order_by()
        )
        approvals = standing_approvals(model, [obj.pk for obj in objects])
        for obj in objects:
            row = ReportRow(
                type=LABEL_TEXT,
                content=obj,
                object_id=obj.pk,
                item=f"{obj} ({obj._meta.verbose_name})",
                status=ReviewStatus(statuses.get(obj.pk, ReviewStatus.DRAFT)),
                live=obj.live,
                findings=obj.compliance_findings(),
                edit_url=reverse(
                    obj.snippet_viewset.get_url_name("edit"), args=[obj.pk]
                ),
                approval=newest(approvals.get(obj.pk)),
            )
            row.add_states()
            rows.append(row)
    return rows


def report_rows():
    """Every claim, then every product page, then the brand and forms."""
    claims = with_review_status(Claim.objects.with_sources().order_by("wording"))
    claims = compliance.with_approvals(claims)
    return (
        claim_rows(claims)
        + page_rows({claim.pk: claim for claim in claims})
        + label_text_rows()
    )


class ComplianceReportFilterSet(WagtailFilterSet):
    """The choices; the view applies them to its rows (claims and pages)."""

    type = django_filters.ChoiceFilter(
        label="Type", choices=list(TYPES.items()), method="by_row"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=ReviewStatus.choices, method="by_row"
    )
    state = django_filters.ChoiceFilter(
        label="State", choices=list(STATES.items()), method="by_row"
    )

    class Meta:
        model = Claim
        fields = []

    def by_row(self, queryset, name, value):
        return queryset

    def keeps(self, row):
        if not self.is_valid():
            return True
        chosen = self.form.cleaned_data
        return (
            (not chosen.get("type") or row.type == chosen["type"])
            and (not chosen.get("status") or row.status == chosen["status"])
            and (not chosen.get("state") or chosen["state"] in row.states)
        )


EXPORT_COLUMNS = {
    "type_label": "Type",
    "object_id": "ID",
    "claim_kind": "Claim kind",
    "item": "Item",
    "status_label": "Status",
    "approved_by": "Approved by",
    "approved_on": "Approved on",
    "acknowledgement": "Acknowledgement",
    "review_due_on": "Review due",
    "state_labels": "State",
    "evidence": "Evidence",
    "cites": "Sources or claims",
    "findings_text": "Findings",
}


class ComplianceReportView(SafeSpreadsheetExportMixin, ReportView):
    page_title = "Compliance"
    header_icon = "tasks"
    index_url_name = "evidence_compliance_report"
    index_results_url_name = "evidence_compliance_report_results"
    filterset_class = ComplianceReportFilterSet
    model = Claim
    export_filename = "compliance-report"
    export_sheet_title = "Compliance"
    columns = [
        TitleColumn("item", label="Item", get_url=lambda row: row.review_url),
        Column("type_label", label="Type"),
        Column("object_id", label="ID"),
        Column("status_label", label="Status"),
        Column("state_labels", label="State"),
        Column("evidence", label="Evidence"),
        Column("approved_by", label="Approved by"),
        DateColumn("approved_on", label="Approved on"),
        DateColumn("review_due_on", label="Review due"),
        TitleColumn(
            "reaffirm_label",
            label="Periodic review",
            get_url=lambda row: row.reaffirm_url,
        ),
        Column("cites", label="Sources or claims"),
        Column("findings_text", label="Findings"),
    ]
    list_export = list(EXPORT_COLUMNS)
    export_headings = EXPORT_COLUMNS

    def dispatch(self, request, *args, **kwargs):
        if not can_see_compliance_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Claim.objects.none()

    def get_filtered_queryset(self):
        rows = report_rows()
        if self.filters:
            rows = [row for row in rows if self.filters.keeps(row)]
        return rows
