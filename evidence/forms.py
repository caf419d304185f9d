"""Admin forms: the claim editor and every page, snippet and setting a
shopper reads under the compliance gate, and the review task's approve and
reject forms."""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import UniqueConstraint
from modelcluster.fields import ParentalManyToManyField
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import InlinePanel
from wagtail.forms import TaskStateCommentForm

from evidence import compliance
from evidence.current_sources import set_citations

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
        set_citations(claim, self._posted_citations())
        return claim

    def _posted_citations(self):
        """The posted citations (unsaved rows with their findings) that passed
        validation (a row repeating a source has an error of its own and is
        left out)."""
        formset = self.formsets.get("cited_sources")
        if formset is None:
            return []
        formset.is_valid()
        rows = [getattr(form, "cleaned_data", {}) for form in formset.forms]
        return [
            form.instance
            for form, row in zip(formset.forms, rows, strict=True)
            if row.get("source") and not row.get("DELETE")
        ]


class DistinctRowsFormSet(BaseChildFormSet):
    """Child rows under a unique constraint with their parent (a claim cites
    a source once; a page attaches a claim once): a row that repeats an
    earlier row's choice gets the constraint's message on that field."""

    def validate_unique(self):
        for constraint in self.model._meta.constraints:
            fields = getattr(constraint, "fields", ())
            if isinstance(constraint, UniqueConstraint) and self.fk.name in fields:
                chosen = [name for name in fields if name != self.fk.name]
                self.refuse_repeats(chosen, constraint.violation_error_message)
        super().validate_unique()

    def refuse_repeats(self, fields, message):
        seen = set()
        for form in self.forms:
            row = getattr(form, "cleaned_data", None)
            if not form.is_valid() or not row or row.get("DELETE"):
                continue
            key = tuple(row.get(name) for name in fields)
            if None in key:
                continue
            if key in seen:
                form.add_error(fields[0], message)
            seen.add(key)


class DistinctInlinePanel(InlinePanel):
    """An InlinePanel whose rows may not repeat a choice (see
    ``DistinctRowsFormSet``)."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = DistinctRowsFormSet
        return options


class ReviewedContentFormMixin:
    """The admin half of the gate for ``ReviewedContent``: once the form and
    its inline formsets are valid, the object as edited (never saved here)
    goes through ``compliance.check``, and each error finding is put on its
    field, or on the form. Warnings are for the reviewer (the review task
    asks for an acknowledgement); ``after_edit_page`` shows them."""

    def is_valid(self):
        valid = super().is_valid()
        if valid and self.is_gated() and not getattr(self, "compliance_run", False):
            self.compliance_run = True
            for finding in compliance.errors(compliance.check(self.as_edited())):
                field = finding.field if finding.field in self.fields else None
                self.add_error(field, finding.message)
        return valid and not self.errors

    def is_gated(self):
        """Submitting for review or publishing (drafts may hold findings)."""
        return any(action in self.data for action in GATED_ACTIONS)

    def as_edited(self):
        """A copy of the instance with the posted fields (applied by Django's
        validation), child rows and parental many-to-many choices, none of
        it touching the instance the view will save."""
        instance = self.instance
        model = type(instance)
        edited = model(
            **{
                f.attname: getattr(instance, f.attname)
                for f in model._meta.concrete_fields
            }
        )
        for name, formset in getattr(self, "formsets", {}).items():
            rows = [
                copy.copy(form.instance)
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            setattr(edited, name, rows)
        for field in model._meta.many_to_many:
            if (
                isinstance(field, ParentalManyToManyField)
                and field.name in self.cleaned_data
            ):
                setattr(edited, field.name, self.cleaned_data[field.name])
        return edited


class ReviewedPageForm(ReviewedContentFormMixin, WagtailAdminPageForm):
    """``base_form_class`` of every page type: submitting for review and
    publishing are refused while the page as edited has error findings."""


class ReviewedSnippetForm(ReviewedContentFormMixin, WagtailAdminModelForm):
    """``base_form_class`` of the snippets pages show (``ReviewedSnippet``):
    drafts may be saved with findings; submitting for review is refused while
    the snippet as edited has error findings, and publishing from the editor
    always (whoever posts it: a reviewer's approval publishes)."""

    def clean(self):
        cleaned_data = super().clean()
        if PUBLISH_ACTION in self.data:
            self.add_error(
                None,
                f"A {self._meta.model._meta.verbose_name} goes live only through "
                "compliance review: submit it, and a reviewer who did not write "
                "it approves it.",
            )
        return cleaned_data


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
