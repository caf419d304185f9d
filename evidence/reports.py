"""The Compliance report: every claim with its review state, sources and
findings, filterable by state and exportable (CSV, XLSX) by Wagtail."""

from datetime import timedelta

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import WorkflowState

from evidence import compliance
from evidence.models import Claim, EvidenceLevel, standing_approvals
from mgsite.exports import SafeSpreadsheetExportMixin

STATES = {
    "awaiting_review": "Awaiting review",
    "approved": "Approved",
    "rejected": "Rejected",
    "blocked": "Blocked by errors",
    "warnings": "With warnings",
    "weak_evidence": "Weak evidence",
    "retracted_source": "Cites a retracted source",
    "review_due": "Periodic review due",
    "review_overdue": "Periodic review overdue",
}

# A live claim is listed as due this many days before its review date.
DUE_WITHIN_DAYS = 30


def can_see_compliance_report(user):
    return user.is_superuser or user.groups.filter(name="Compliance reviewers").exists()


def latest_review_statuses(claims=None):
    """Object id -> status of its most recent workflow, in one query."""
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Claim)
    ).order_by("created_at")
    if claims is not None:
        states = states.filter(object_id__in=[str(claim.pk) for claim in claims])
    return dict(states.values_list("object_id", "status"))


def review_due_dates(claims):
    """Claim id -> the review date of its latest standing approval, in one query."""
    approvals = standing_approvals(Claim, [claim.pk for claim in claims])
    return {pk: rows[0].review_due_on for pk, rows in approvals.items() if rows}


def claim_states(claim, review_status, review_due_on=None, today=None):
    findings = compliance.check_claim(claim)
    today = today or timezone.localdate()
    due = claim.live and review_due_on is not None
    states = {
        "awaiting_review": review_status == WorkflowState.STATUS_IN_PROGRESS,
        "approved": claim.live,
        "rejected": review_status == WorkflowState.STATUS_NEEDS_CHANGES,
        "blocked": bool(compliance.errors(findings)),
        "warnings": bool(compliance.warnings(findings)),
        "weak_evidence": claim.evidence_level == EvidenceLevel.LIMITED,
        "retracted_source": any(
            row.source.retracted for row in claim.cited_sources.all()
        ),
        "review_due": due
        and today <= review_due_on <= today + timedelta(days=DUE_WITHIN_DAYS),
        "review_overdue": due and review_due_on < today,
    }
    return [state for state, applies in states.items() if applies], findings


def describe(claims):
    """Attach what the report shows to each claim (sources already prefetched)."""
    statuses = latest_review_statuses(claims)
    due_dates = review_due_dates(claims)
    today = timezone.localdate()
    for claim in claims:
        claim.review_due_on = due_dates.get(claim.pk) if claim.live else None
        states, findings = claim_states(
            claim, statuses.get(str(claim.pk)), claim.review_due_on, today
        )
        claim.report_states = states
        claim.state_labels = ", ".join(STATES[state] for state in states)
        claim.sources_text = "; ".join(
            row.source.ama_citation for row in claim.cited_sources.all()
        )
        claim.findings_text = "; ".join(
            f"{f.severity} {f.code}: {f.message}" for f in findings
        )
    return claims


class ComplianceReportFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label="State", choices=list(STATES.items()), method="filter_state"
    )

    class Meta:
        model = Claim
        fields = []

    def filter_state(self, queryset, name, value):
        claims = describe(list(queryset))  # already with its sources
        return queryset.filter(
            pk__in=[claim.pk for claim in claims if value in claim.report_states]
        )


class ComplianceReportView(SafeSpreadsheetExportMixin, ReportView):
    page_title = "Compliance"
    header_icon = "tasks"
    index_url_name = "evidence_compliance_report"
    index_results_url_name = "evidence_compliance_report_results"
    filterset_class = ComplianceReportFilterSet
    model = Claim
    columns = [
        TitleColumn(
            "wording",
            label="Claim",
            get_url=lambda claim: (
                reverse("evidence_reaffirm_claim", args=[claim.pk])
                if claim.live
                else None
            ),
        ),
        Column("state_labels", label="State"),
        Column("evidence_level_label", label="Evidence"),
        Column("review_due_on", label="Review due"),
        Column("sources_text", label="Sources"),
        Column("findings_text", label="Findings"),
    ]
    list_export = [
        "wording",
        "state_labels",
        "evidence_level_label",
        "review_due_on",
        "sources_text",
        "findings_text",
    ]
    export_headings = {
        "wording": "Claim",
        "state_labels": "State",
        "evidence_level_label": "Evidence",
        "review_due_on": "Review due",
        "sources_text": "Sources",
        "findings_text": "Findings",
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_see_compliance_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Claim.objects.with_sources().order_by("wording")

    def get_filename(self):
        return "compliance-report"

    def decorate_paginated_queryset(self, object_list):
        return describe(list(object_list))
