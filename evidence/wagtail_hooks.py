from django.db.models import Count
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from evidence.filters import ClaimFilterSet
from evidence.models import PUBLISH_REFUSED, Claim, Source
from evidence.reports import ComplianceReportView, can_see_compliance_report
from evidence.views import (
    ClaimCreateView,
    ClaimEditView,
    ClaimInspectView,
    ClaimWorkflowActionView,
    ImportReferencesView,
    SourceDeleteView,
    SourceIndexView,
)


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "doc-full"
    menu_label = "Sources"
    list_display = ["title", "container", "year", "study_type", "retracted"]
    list_filter = ["study_type", "retracted"]
    list_export = ["ama_citation", "doi", "pmid", "url", "study_type", "retracted"]
    search_fields = ["title", "authors", "container"]
    index_view_class = SourceIndexView
    delete_view_class = SourceDeleteView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", ImportReferencesView.as_view(), name="import"),
        ]


class ClaimViewSet(SnippetViewSet):
    model = Claim
    icon = "openquote"
    menu_label = "Claims"
    list_display = [
        "wording",
        "kind",
        Column("evidence_level_label", label="Evidence"),
        Column("num_sources", label="Sources"),
    ]
    filterset_class = ClaimFilterSet
    search_fields = ["wording"]
    add_view_class = ClaimCreateView
    edit_view_class = ClaimEditView
    workflow_action_view_class = ClaimWorkflowActionView
    inspect_view_enabled = True
    inspect_view_class = ClaimInspectView
    inspect_view_fields = [
        "wording",
        "kind",
        "min_daily_elemental_mg",
        "evidence",
        "sources",
        "findings",
    ]

    def get_queryset(self, request):
        return Claim.objects.with_sources().annotate(num_sources=Count("cited_sources"))


class ImportReferencesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("evidence.add_source")


class EvidenceGroup(SnippetViewSetGroup):
    items = (SourceViewSet, ClaimViewSet)
    menu_label = "Evidence"
    menu_icon = "doc-full-inverse"
    menu_name = "evidence"

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            ImportReferencesMenuItem(
                "Import references",
                reverse("wagtailsnippets_evidence_source:import"),
                icon_name="upload",
                name="import-references",
            ),
        ]


register_snippet(EvidenceGroup)


@hooks.register("register_admin_urls")
def register_compliance_report_url():
    return [
        path(
            "reports/compliance/",
            ComplianceReportView.as_view(),
            name="evidence_compliance_report",
        ),
        path(
            "reports/compliance/results/",
            ComplianceReportView.as_view(results_only=True),
            name="evidence_compliance_report_results",
        ),
    ]


class ComplianceReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_compliance_report(request.user)


@hooks.register("register_reports_menu_item")
def register_compliance_report_menu_item():
    return ComplianceReportMenuItem(
        "Compliance",
        reverse("evidence_compliance_report"),
        icon_name="tasks",
        name="compliance",
        order=50,
    )


@hooks.register("register_log_actions")
def register_publish_refused_action(actions):
    @actions.register_action(PUBLISH_REFUSED)
    class PublishRefused(LogFormatter):
        label = "Publishing refused"

        def format_message(self, log_entry):
            reasons = " ".join(log_entry.data.get("reasons", []))
            return f"Scheduled publishing refused by the compliance rules: {reasons}"
