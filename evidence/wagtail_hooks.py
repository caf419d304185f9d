from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from evidence import compliance, desk
from evidence.compliance import ReviewedContent
from evidence.filters import ClaimFilterSet
from evidence.models import PUBLISH_REFUSED, Claim, Source, is_approved
from evidence.reports import ComplianceReportView, can_see_compliance_report
from evidence.review_views import ReviewCompareView, ReviewView
from evidence.status import (
    ReviewStatusColumn,
    changes_requested_note,
    with_review_status,
)
from evidence.views import (
    ClaimCreateView,
    ClaimEditView,
    ClaimInspectView,
    ImportReferencesView,
    PageWorkflowActionView,
    ReaffirmClaimView,
    ReviewedPageEditView,
    ReviewedSnippetViewSet,
    SourceDeleteView,
    SourceIndexView,
    findings_message,
)


class RetractedColumn(Column):
    """ "Retracted" (with the date) as a tag on a retracted source; nothing
    on the others."""

    cell_template_name = "evidence/admin/retracted_cell.html"

    def get_value(self, instance):
        return instance.retraction_flag


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "doc-full"
    menu_label = "Sources"
    list_display = [
        "title",
        "container",
        "year",
        "study_type",
        RetractedColumn("retracted", label="Retracted", sort_key="retracted"),
    ]
    list_filter = ["study_type", "retracted"]
    list_export = [
        "ama_citation",
        "doi",
        "pmid",
        "url",
        "study_type",
        "retraction_flag",
    ]
    export_headings = {"retraction_flag": "Retracted"}
    search_fields = ["title", "authors", "container"]
    index_view_class = SourceIndexView
    delete_view_class = SourceDeleteView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", ImportReferencesView.as_view(), name="import"),
        ]


class ClaimViewSet(ReviewedSnippetViewSet):
    model = Claim
    icon = "openquote"
    menu_label = "Claims"
    list_display = [
        "wording",
        "kind",
        ReviewStatusColumn("review_status", label="Status"),
        Column("evidence_level_label", label="Evidence"),
        Column("num_sources", label="Sources"),
    ]
    filterset_class = ClaimFilterSet
    search_fields = ["wording"]
    add_view_class = ClaimCreateView
    edit_view_class = ClaimEditView
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
        claims = Claim.objects.with_sources()
        return with_review_status(claims).annotate(
            num_sources=Count("cited_sources__source", distinct=True)
        )


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


class ReviewedPageViewSet(PageViewSet):
    """Every page type's admin views as Wagtail's, but for the workflow
    action modal, which shows a refused decision in place, and the editor,
    which says in one message what a save did."""

    model = Page
    name = "reviewed_pages"
    workflow_action_view_class = PageWorkflowActionView
    edit_view_class = ReviewedPageEditView


@hooks.register("register_admin_viewset")
def register_reviewed_page_viewset():
    # Wagtail registers its own viewset for ``Page`` first (order -1); this
    # one, at the default order, replaces it for every page type.
    return ReviewedPageViewSet()


@hooks.register("register_admin_urls")
def register_compliance_report_url():
    compare = "compare/<str:revision_id_a>...<str:revision_id_b>/"
    return [
        path(
            "review/claim/<int:pk>/",
            ReviewView.as_view(model=Claim),
            name="evidence_review_claim",
        ),
        path(
            "review/page/<int:pk>/",
            ReviewView.as_view(model=Page),
            name="evidence_review_page",
        ),
        path(
            "review/<str:app_label>/<str:model_name>/<int:pk>/",
            ReviewView.as_view(),
            name="evidence_review_snippet",
        ),
        path(
            f"review/claim/<int:pk>/{compare}",
            ReviewCompareView.as_view(model=Claim),
            name="evidence_review_claim_compare",
        ),
        path(
            f"review/page/<int:pk>/{compare}",
            ReviewCompareView.as_view(model=Page),
            name="evidence_review_page_compare",
        ),
        path(
            f"review/<str:app_label>/<str:model_name>/<int:pk>/{compare}",
            ReviewCompareView.as_view(),
            name="evidence_review_snippet_compare",
        ),
        path(
            "reports/compliance/",
            ComplianceReportView.as_view(),
            name="evidence_compliance_report",
        ),
        path(
            "reports/compliance/reaffirm/<int:pk>/",
            ReaffirmClaimView.as_view(),
            name="evidence_reaffirm_claim",
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


@hooks.register("register_log_actions")
def register_evidence_review_actions(actions):
    from evidence.retractions import NOTICE_APPLIED
    from evidence.review import REAFFIRMED, REREVIEW_STARTED

    @actions.register_action(NOTICE_APPLIED)
    class NoticeApplied(LogFormatter):
        label = "Retraction or correction notice applied"

        def format_message(self, log_entry):
            data = log_entry.data
            return (
                f"{data.get('nature', 'notice').capitalize()} notice "
                f"{data.get('notice_doi') or data.get('record_id', '')} applied; "
                f"{len(data.get('claims', []))} citing claims and "
                f"{len(data.get('pages', []))} citing pages sent to review."
            )

    @actions.register_action(REREVIEW_STARTED)
    class RereviewStarted(LogFormatter):
        label = "Sent back to review"

        def format_message(self, log_entry):
            return f"Sent back to review: {log_entry.data.get('reason', '')}"

    @actions.register_action(REAFFIRMED)
    class Reaffirmed(LogFormatter):
        label = "Re-affirmed in periodic review"

        def format_message(self, log_entry):
            note = log_entry.data.get("note") or "no note"
            due = log_entry.data.get("review_due_on", "")
            return (
                f"Claim and evidence checked again and re-affirmed ({note}); "
                f"next review due {due}."
            )


@hooks.register("construct_page_action_menu")
@hooks.register("construct_snippet_action_menu")
def offer_no_publish_button(menu_items, request, context):
    """Nothing goes live but through compliance review, whoever edits: the
    editor submits, and a reviewer's approval publishes."""
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_publish_page")
def refuse_to_publish_what_no_reviewer_approved(request, page):
    """The page editor's publish action (a crafted post, since no button
    offers it): refused with the reasons, before anything is published."""
    page = page.specific
    if not isinstance(page, ReviewedContent):
        return None
    found = compliance.errors(compliance.check(page))
    if not found and not is_approved(page):
        found = [compliance.not_approved(page)]
    for finding in found:
        messages.error(request, finding.message)
    return redirect("wagtailadmin_pages:edit", page.pk) if found else None


@hooks.register("after_create_page")
def show_compliance_findings(request, page):
    """What the reviewer will be asked about, shown to the editor on creating
    a page (errors here are those of a draft: submitting is refused until
    fixed), in one message. Not on autosave: its messages would pile up
    unseen and all show on the next page. On editing, the edit view says it
    in its own message (``ReviewedPageEditView``)."""
    if not request.accepts("text/html"):
        return
    page = page.specific_deferred if type(page) is Page else page
    if not isinstance(page, compliance.ReviewedContent):
        return
    if findings := compliance.check(page):
        messages.warning(request, findings_message("", findings).strip())


@hooks.register("before_edit_page")
def decide_a_page_review_without_editing(request, page):
    return desk.act_without_editing(
        request, page, reverse("wagtailadmin_pages:edit", args=[page.pk])
    )


@hooks.register("before_edit_snippet")
def decide_a_snippet_review_without_editing(request, instance):
    if not hasattr(instance, "current_workflow_task_state"):
        return None
    return desk.act_without_editing(
        request,
        instance,
        reverse(instance.snippet_viewset.get_url_name("edit"), args=[instance.pk]),
    )


hooks.register("construct_page_action_menu", desk.without_save_for_reviewers)
hooks.register("construct_snippet_action_menu", desk.without_save_for_reviewers)


@hooks.register("before_edit_page")
@hooks.register("before_edit_snippet")
def show_the_reason_for_changes_requested(request, instance):
    """The reviewer's reason at the top of the editor, not behind "View
    details"."""
    if request.method != "GET" or not hasattr(instance, "current_workflow_state"):
        return
    if note := changes_requested_note(instance):
        messages.warning(request, note)
