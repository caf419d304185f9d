"""The review screen: one claim or page as its reviewer judges it.

It shows what was submitted (for a change to something live, a diff against
the live version from the edit handler's own comparison), the sources each
claim cites with their study details, the compliance findings (every
warning to acknowledge listed), where a claim is used, and the review task's
decision forms (``Task.get_form_for_action``). A decision goes to the task
(``Task.on_action``); nothing here saves the object. An invalid decision
comes back on this screen with the error on its field and the text kept.
"""

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.panels import get_edit_handler
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import RevisionsCompareView
from wagtail.models import Page, ReferenceIndex

from evidence import compliance
from evidence.desk import available_actions, decide, decision_message, may_change
from evidence.models import Claim, ComplianceReviewTask, ReviewTask
from evidence.workflows import reviewed_snippet_models


def review_url(obj):
    """The review screen of a claim, a page, or another reviewed snippet."""
    return reverse(f"evidence_review_{review_kind(obj)}", args=review_args(obj))


def review_compare_url(obj, revision_a, revision_b):
    """Wagtail's comparison of two revisions, in a view reviewers may open."""
    return reverse(
        f"evidence_review_{review_kind(obj)}_compare",
        args=[*review_args(obj), revision_a, revision_b],
    )


def review_kind(obj):
    if isinstance(obj, Page):
        return "page"
    return "claim" if isinstance(obj, Claim) else "snippet"


def review_args(obj):
    if review_kind(obj) == "snippet":
        return [obj._meta.app_label, obj._meta.model_name, obj.pk]
    return [obj.pk]


def reviewed_model(app_label, model_name):
    """The reviewed snippet model a URL names, or 404."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if model not in reviewed_snippet_models():
        raise Http404
    return model


def is_a_reviewer(user):
    """A compliance or medical reviewer (a member of a review task's group)."""
    from articles.models import MedicalReviewTask

    return user.is_superuser or any(
        task_model.objects.filter(
            active=True, groups__in=user.groups.values("pk")
        ).exists()
        for task_model in (ComplianceReviewTask, MedicalReviewTask)
    )


def may_see(user, obj):
    return is_a_reviewer(user) or may_change(user, obj)


def source_details(rows):
    """What a reviewer weighs of each cited source, in citation order."""
    return [
        {
            "source": row.source,
            "locator": row.locator,
            "study_type": row.source.get_study_type_display(),
            "links": row.source.reference_links,
        }
        for row in rows
    ]


def claim_details(claim):
    return {
        "claim": claim,
        "sources": source_details(claim.cited_sources.select_related("source")),
    }


def usage(claim):
    """The pages (products, articles) that show ``claim``, each once."""
    pages = []
    for obj, _references in ReferenceIndex.get_references_to(
        claim
    ).group_by_source_object():
        if isinstance(obj, Page):
            pages.append(obj.specific)
    return pages


class ReviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "evidence/admin/review.html"
    header_icon = "tasks"
    model = None

    def get_object(self, pk, app_label=None, model_name=None):
        if self.model is Page:
            return get_object_or_404(Page, pk=pk).specific
        model = self.model or reviewed_model(app_label, model_name)
        return get_object_or_404(model, pk=pk)

    def dispatch(self, request, pk, **model_names):
        self.object = self.get_object(pk, **model_names)
        if not may_see(request.user, self.object):
            raise PermissionDenied
        self.submitted = self.object.get_latest_revision_as_object()
        self.task_state = self.object.current_workflow_task_state
        self.actions = available_actions(self.task_state, self.object, request.user)
        self.forms = {}
        if self.task_state is not None:
            task = self.task_state.task.specific
            for action in self.actions:
                self.forms[action] = task.get_form_for_action(action)(prefix=action)
        return super().dispatch(request, pk, **model_names)

    def get_page_title(self):
        return f"Review: {self.title()}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": "Review", "sublabel": self.title()},
        ]

    def title(self):
        if isinstance(self.submitted, Page):
            return self.submitted.get_admin_display_title()
        return str(self.submitted)

    def post(self, request, pk, **model_names):
        action = request.POST.get("action", "")
        if action not in self.actions:
            messages.error(
                request,
                "That decision is not open to you here: the review may have been "
                "decided or withdrawn since you opened it.",
            )
            return redirect(review_url(self.object))
        data = {
            key.removeprefix(f"{action}-"): value
            for key, value in request.POST.items()
            if key.startswith(f"{action}-")
        }
        done, form = decide(request, self.object, self.task_state, action, data)
        if done:
            messages.success(request, decision_message(self.object, action))
            return redirect("wagtailadmin_home")
        # The form as posted, with its errors and its text.
        bound = type(form)(request.POST, prefix=action)
        bound.is_valid()
        for field, errors in form.errors.items():
            for error in errors:
                if error not in bound.errors.get(field, []):
                    bound.add_error(field if field != "__all__" else None, error)
        self.forms[action] = bound
        return self.render_to_response(self.get_context_data())

    def diff(self):
        """Field by field, what changes from the live version, or None when
        nothing of it is live yet."""
        live = self.object
        if not live.live or live.live_revision_id is None:
            return None
        if live.latest_revision_id == live.live_revision_id:
            return []
        live = live.live_revision.as_object()
        handler = (
            live.get_edit_handler()
            if isinstance(live, Page)
            else get_edit_handler(type(live))
        )
        bound = handler.get_bound_panel(
            instance=self.object, request=self.request, form=None
        )
        changes = []
        for comparison in bound.get_comparison():
            difference = comparison(live, self.submitted)
            if difference.has_changed():
                changes.append(difference)
        return changes

    def shown_claims(self):
        if isinstance(self.submitted, Claim):
            return [claim_details(self.submitted)]
        claims = getattr(self.submitted, "shown_claims", list)()
        return [claim_details(claim) for claim in claims if claim is not None]

    def shown_text(self):
        """What a shopper reads of a snippet other than a claim (the brand, a
        magnesium form), field by field: ``(label, text)``."""
        if isinstance(self.submitted, (Page, Claim)):
            return []
        fields = {field.name: field for field in self.submitted._meta.fields}
        return [
            (fields[name].verbose_name if name in fields else name, text)
            for name, text in self.submitted.public_text()
            if text
        ]

    def get_context_data(self, **kwargs):
        findings = compliance.check(self.submitted)
        decisions = [
            (action, label, self.forms[action])
            for action, label, _modal in (
                self.task_state.task.specific.get_actions(
                    self.object, self.request.user
                )
                if self.task_state
                else []
            )
            if action in self.forms
        ]
        # One form per action (Wagtail offers "approve" twice: with and without
        # a comment); the first label stands.
        seen, unique = set(), []
        for action, label, form in decisions:
            if action not in seen:
                seen.add(action)
                unique.append((action, label, form))
        edit_url = None
        if isinstance(self.object, Page):
            if self.object.permissions_for_user(self.request.user).can_edit():
                edit_url = reverse("wagtailadmin_pages:edit", args=[self.object.pk])
        elif may_change(self.request.user, self.object) or self.actions:
            edit_url = reverse(
                self.object.snippet_viewset.get_url_name("edit"), args=[self.object.pk]
            )
        return super().get_context_data(
            object=self.object,
            submitted=self.submitted,
            is_page=isinstance(self.object, Page),
            is_claim=isinstance(self.object, Claim),
            shown_text=self.shown_text(),
            verbose_name=self.object._meta.verbose_name,
            task_state=self.task_state,
            changes=self.diff(),
            claims=self.shown_claims(),
            errors=compliance.errors(findings),
            warnings=compliance.warnings(findings),
            used_on=usage(self.object) if isinstance(self.object, Claim) else [],
            decisions=unique,
            approval_refusal=self.approval_refusal(unique),
            edit_url=edit_url,
            **kwargs,
        )

    def approval_refusal(self, decisions):
        """Why a reviewer offered other decisions is not offered "Approve"."""
        if not decisions or any(action == "approve" for action, *_ in decisions):
            return ""
        task = self.task_state.task.specific
        if not isinstance(task, ReviewTask):
            return ""
        return task.approval_refusal(self.object, self.request.user)


class ReviewCompareView(RevisionsCompareView):
    """Wagtail's revision comparison, open to whoever may see the review
    screen (the page and snippet compare views ask for edit rights)."""

    model = None
    edit_label = "Review"

    def get_object(self, queryset=None):
        model = self.model or reviewed_model(
            self.kwargs["app_label"], self.kwargs["model_name"]
        )
        obj = get_object_or_404(model, pk=self.pk)
        obj = obj.specific if isinstance(obj, Page) else obj
        if not may_see(self.request.user, obj):
            raise PermissionDenied
        return obj

    def get_edit_handler(self):
        if isinstance(self.object, Page):
            return self.object.get_edit_handler()
        return get_edit_handler(type(self.object))

    def get_edit_url(self):
        return review_url(self.object)

    def get_page_subtitle(self):
        if isinstance(self.object, Page):
            return self.object.get_admin_display_title()
        return str(self.object)
