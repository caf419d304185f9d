"""Admin forms: the claim editor under the compliance gate, and the review
task's approve and reject forms."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.forms import TaskStateCommentForm

from evidence import compliance

# The snippet editor's buttons post these names.
GATED_ACTIONS = ("action-publish", "action-submit")
PUBLISH_ACTION = "action-publish"


class ClaimForm(WagtailAdminModelForm):
    """Drafts may be saved with findings (work in progress); submitting for
    review and publishing are refused while error findings exist.

    Users without permission to change claims (compliance reviewers acting in
    the review task) may use the editor but cannot change anything in it.
    """

    def clean(self):
        cleaned_data = super().clean()
        if not self._user_may_change() and self._anything_changed():
            raise ValidationError(
                "Compliance reviewers cannot change a claim. Request changes "
                "with a reason instead."
            )
        if PUBLISH_ACTION in self.data:
            self.add_error(
                None,
                "Claims go live only through compliance review: submit this "
                "claim, and a reviewer who did not write it approves it.",
            )
        if any(action in self.data for action in GATED_ACTIONS):
            for finding in compliance.errors(compliance.check(self.claim_as_edited())):
                self.add_error(
                    finding.field if finding.field in self.fields else None,
                    finding.message,
                )
        return cleaned_data

    def _user_may_change(self):
        user = self.for_user
        return user is None or user.has_perm("evidence.change_claim")

    def _anything_changed(self):
        # The order field's initial value is positional and unreliable, and
        # reordering sources changes no wording; anything else counts.
        return bool(self.changed_data) or any(
            set(form.changed_data) - {"ORDER"}
            for formset in self.formsets.values()
            for form in formset.forms
        )

    def claim_as_edited(self):
        """An unsaved claim carrying the posted wording and sources, for the rules."""
        claim = self._meta.model(
            pk=self.instance.pk,
            live=self.instance.live,
            wording=self.cleaned_data.get("wording", ""),
            kind=self.cleaned_data.get("kind", ""),
            min_daily_elemental_mg=self.cleaned_data.get("min_daily_elemental_mg"),
        )
        claim.current_sources = [
            source for source in self._posted_sources() if not source.retracted
        ]
        return claim

    def _posted_sources(self):
        formset = self.formsets.get("cited_sources")
        if formset is None or not formset.is_valid():
            return []
        return [
            form.cleaned_data["source"]
            for form in formset.forms
            if form.cleaned_data.get("source") and not form.cleaned_data.get("DELETE")
        ]


class ApproveForm(TaskStateCommentForm):
    acknowledgement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Required when the claim has warnings: why it may be approved "
        "anyway. Recorded in the audit log.",
    )


class RejectForm(TaskStateCommentForm):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=True,
        label="Reason",
        help_text="What must change before this can be approved. Recorded in the "
        "audit log.",
    )
