from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.html import format_html, format_html_join
from django.views.generic import FormView
from wagtail.admin import messages as admin_messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages import edit as page_edit
from wagtail.admin.views.pages import workflow as page_workflow
from wagtail.snippets.views import snippets as snippet_views

from evidence import compliance
from evidence.importer import CREATED, INVALID, import_references
from evidence.models import Claim, ReviewRefused, ReviewTask, StudyType
from evidence.reports import review_due_dates
from evidence.review import is_reviewer, reaffirm
from mgsite.exports import SafeSpreadsheetExportMixin

# About 3,000 entries as reference managers export them; checked and saved
# in a few seconds (bench/import_paste.py).
MAX_PASTE_CHARS = 1_000_000


class PasteField(forms.CharField):
    """The paste as typed: unstripped, so reported line numbers match the
    editor's, and without NUL characters (reference managers never write
    them; the importer removes other control characters)."""

    def to_python(self, value):
        return super().to_python(value).replace("\x00", "")


class ImportReferencesForm(forms.Form):
    references = PasteField(
        label="BibTeX or RIS",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        max_length=MAX_PASTE_CHARS,
        error_messages={
            "max_length": "That paste is too large (at most %(limit_value)d "
            "characters, this one has %(show_value)d). Import it in parts."
        },
        help_text="Paste what Zotero, EndNote or Mendeley export. The format is "
        "recognised by itself.",
    )
    study_type = forms.ChoiceField(
        label="Study type when an entry does not say",
        choices=StudyType.choices,
        initial=StudyType.NARRATIVE_REVIEW,
        help_text="Titles and keywords that name a meta-analysis, a randomised "
        "trial, an animal study and so on set the type themselves. Check each "
        "created source afterwards.",
    )


class ImportReferencesView(WagtailAdminTemplateMixin, FormView):
    form_class = ImportReferencesForm
    template_name = "evidence/admin/import_references.html"
    page_title = "Import references"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("evidence.add_source"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        results = import_references(
            form.cleaned_data["references"], form.cleaned_data["study_type"]
        )
        created = sum(result.outcome == CREATED for result in results)
        invalid = sum(result.outcome == INVALID for result in results)
        return self.render_to_response(
            self.get_context_data(
                form=form, results=results, created=created, invalid=invalid
            )
        )


class ClaimMessagesMixin:
    """One message per save, saying what happened: saved (with what still
    blocks review and what a reviewer will ask about, when there is any),
    submitted, or not saved and why. Autosave requests add none (they would
    pile up and show all at once on the next page)."""

    def form_valid(self, form):
        self.findings = compliance.check(form.claim_as_edited())
        return super().form_valid(form)

    def save_action(self):
        if self.expects_json_response or not self.findings:
            return super().save_action()
        admin_messages.warning(
            self.request,
            findings_message(self.get_success_message(self.object), self.findings),
            buttons=self.get_success_buttons(),
        )
        return redirect(self.get_success_url())

    def get_error_message(self):
        if self.expects_json_response:
            return super().get_error_message()
        submitting = self.action == "submit"
        if self.object is not None and self.object.pk:
            saved = "Your last saved draft is kept; these changes are not saved yet."
            if submitting:
                return f"Not submitted for review: fix the errors below. {saved}"
            return f"Not saved: fix the errors below. {saved}"
        if submitting:
            return "Not saved and not submitted for review: fix the errors below."
        return "Not saved: fix the errors below."


def findings_message(saved, findings):
    errors = [f.message for f in findings if f.is_error]
    warnings = [f.message for f in findings if not f.is_error]
    parts = [saved]
    if errors:
        parts.append("Must be fixed before submitting for review: " + " ".join(errors))
    if warnings:
        parts.append("A reviewer will ask about: " + " ".join(warnings))
    return " ".join(parts)


class ClaimCreateView(ClaimMessagesMixin, snippet_views.CreateView):
    pass


class ReviewedSnippetEditView(snippet_views.EditView):
    """The editor of a snippet under compliance review (a claim, the brand, a
    magnesium form)."""

    def workflow_action_action(self):
        # A refused approval or rejection is a message for the reviewer, not
        # an "access denied" page.
        try:
            return super().workflow_action_action()
        except ReviewRefused as refusal:
            messages.error(self.request, str(refusal))
            return redirect(self.get_edit_url())


class ClaimEditView(ClaimMessagesMixin, ReviewedSnippetEditView):
    pass


class RefusalInPlaceMixin:
    """For Wagtail's workflow action views (the dashboard's approve /
    request-changes modal): a decision the rules refuse (see
    ``ReviewDecisions``) comes back in the modal, on the field it is about,
    with what was typed kept; a decision no longer offered to a reviewer
    (decided meanwhile, or never theirs to approve) closes the modal with a
    message saying why. Never an error page behind a spinning modal."""

    def is_modal_request(self):
        return self.request.headers.get("x-requested-with") == "XMLHttpRequest"

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except ReviewRefused as refusal:
            return self.close_with_message(str(refusal))
        except PermissionDenied:
            task = self.task
            if not (isinstance(task, ReviewTask) and task.is_reviewer(request.user)):
                raise
            reason = ""
            if self.action_name == "approve":
                reason = task.approval_refusal(self.object, request.user)
            return self.close_with_message(
                reason
                or "That decision is not open to you: it may have been decided "
                "since you opened this list."
            )

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ReviewRefused as refusal:
            if not (self.form_class and self.is_modal_request()):
                raise
            form = self.form_class(request.POST)
            form.is_valid()
            field = refusal.field if refusal.field in form.fields else None
            form.add_error(field, str(refusal))
            return self.render_modal_form(request, form)

    def close_with_message(self, message):
        messages.error(self.request, message)
        if self.is_modal_request():
            return self.render_modal_json(
                self.request, {"step": "success", "redirect": self.redirect_url}
            )
        return redirect(self.redirect_url)


class SnippetWorkflowActionView(RefusalInPlaceMixin, snippet_views.WorkflowActionView):
    pass


class PageWorkflowActionView(RefusalInPlaceMixin, page_workflow.WorkflowActionView):
    pass


class ReviewedSnippetViewSet(snippet_views.SnippetViewSet):
    """A snippet under compliance review (``ReviewedSnippet``, and claims):
    refused decisions come back as messages in the editor and in place in
    the dashboard's modal."""

    edit_view_class = ReviewedSnippetEditView
    workflow_action_view_class = SnippetWorkflowActionView


class ReviewedPageEditView(page_edit.EditView):
    """One message per save of a page: "updated", with what still blocks
    review and what a reviewer will ask about when there is any (as a
    warning), instead of Wagtail's "updated" followed by a second message.
    A submission says "submitted" only: it is refused while errors remain."""

    def add_save_confirmation_message(self):
        page = self.page
        findings = (
            compliance.check(page)
            if isinstance(page, compliance.ReviewedContent)
            else []
        )
        if self.is_reverting or not findings:
            return super().add_save_confirmation_message()
        saved = f"Page '{page.get_admin_display_title()}' has been updated."
        admin_messages.warning(
            self.request,
            findings_message(saved, findings),
            buttons=[self.get_edit_message_button()],
        )
        return None


class SourceIndexView(SafeSpreadsheetExportMixin, snippet_views.IndexView):
    pass


class SourceDeleteView(snippet_views.DeleteView):
    """A cited source cannot be deleted (the database PROTECTs it); say which
    claims cite it instead of failing, so the editor knows what to change."""

    def citing_claims_message(self):
        claims = Claim.objects.filter(cited_sources__source=self.object).distinct()
        wordings = [f"“{claim.wording}”" for claim in claims]
        if not wordings:
            return ""
        return (
            f"This source cannot be deleted while claims cite it: "
            f"{'; '.join(wordings)}. Remove it from those claims first, or mark "
            "it retracted."
        )

    def get(self, request, *args, **kwargs):
        if message := self.citing_claims_message():
            messages.error(request, message)
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        if message := self.citing_claims_message():
            messages.error(self.request, message)
            return redirect(self.get_delete_url())
        return super().form_valid(form)


def finding_text(row):
    """A citation's finding in one line, for the reviewer."""
    parts = [row.direction_words]
    if row.outcome:
        parts.append(f"outcome: {row.outcome}")
    if row.population or row.population_kind:
        parts.append(row.population or row.get_population_kind_display())
    if row.participants:
        parts.append(f"{row.participants} participants")
    if row.magnesium_form or row.daily_dose_mg:
        dose = f", {row.daily_dose_mg} mg a day" if row.daily_dose_mg else ""
        parts.append(f"magnesium {row.magnesium_form or 'form not stated'}{dose}")
    if row.duration:
        parts.append(row.duration)
    text = "; ".join(parts)
    return f"{text}. “{row.quote}”" if row.quote else f"{text}."


class ClaimInspectView(snippet_views.InspectView):
    """The claim as the reviewer reviews it (its latest revision), beside its
    sources, their locators and links, and the findings."""

    labels = {
        "evidence": "Evidence level",
        "sources": "Cited sources",
        "findings": "Findings",
    }

    def get_object(self, queryset=None):
        return super().get_object(queryset).get_latest_revision_as_object()

    def get_field_label(self, field_name, field):
        if field_name in self.labels:
            return self.labels[field_name]
        return super().get_field_label(field_name, field)

    def get_evidence_display_value(self):
        claim = self.object
        steps = format_html_join("", "<li>{}</li>", ((s,) for s in claim.grade.steps))
        return format_html(
            "{}: {} {}<ol>{}</ol>",
            claim.evidence_level_label,
            claim.evidence_level_explanation,
            claim.evidence_summary,
            steps,
        )

    def get_sources_display_value(self):
        rows = self.object.cited_sources.all()
        items = format_html_join(
            "",
            '<li>{}{} <a href="{}" rel="noopener">{}</a>{}<br>{}</li>',
            (
                (
                    "RETRACTED: " if row.source.retracted else "",
                    row.source.ama_citation,
                    row.source.link,
                    "Read",
                    f" — {row.locator}" if row.locator else "",
                    finding_text(row),
                )
                for row in rows
            ),
        )
        return format_html("<ol>{}</ol>", items) if rows else "None"

    def get_findings_display_value(self):
        findings = compliance.check(self.object)
        items = format_html_join(
            "",
            "<li><strong>{}</strong> {}: {}</li>",
            ((f.severity, f.code, f.message) for f in findings),
        )
        return format_html("<ul>{}</ul>", items) if findings else "None"


class ReaffirmForm(forms.Form):
    note = forms.CharField(
        label="What you checked",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="Say which sources you read again and that the wording still "
        "stands. Needed when the claim has warnings.",
    )


class ReaffirmClaimView(WagtailAdminTemplateMixin, FormView):
    """Periodic review: a reviewer checks a live claim and its evidence again
    and re-affirms it, which records a new approval of the same wording and
    sets the next review date. Refusals are shown on the form."""

    form_class = ReaffirmForm
    template_name = "evidence/admin/reaffirm_claim.html"
    page_title = "Re-affirm claim"
    header_icon = "tasks"

    def dispatch(self, request, *args, pk, **kwargs):
        if not is_reviewer(request.user):
            raise PermissionDenied
        self.claim = Claim.objects.with_sources().filter(pk=pk).first()
        if self.claim is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            claim=self.claim,
            findings=compliance.check(self.claim),
            review_due_on=review_due_dates([self.claim]).get(self.claim.pk),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            approval = reaffirm(
                self.claim, self.request.user, form.cleaned_data["note"]
            )
        except ReviewRefused as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"“{self.claim.wording}” re-affirmed; next review due "
            f"{approval.review_due_on:%d %B %Y}.",
        )
        return redirect("evidence_compliance_report")
