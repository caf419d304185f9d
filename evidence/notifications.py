"""E-mail about reviews: to the reviewers on submission, to the editor who
submitted on the decision.

- Wagtail e-mails a group approval task's groups on submission, but connects
  that notifier for plain ``TaskState`` senders only; our review tasks'
  states are of their own classes, so ``ReviewSubmittedNotifier`` is
  connected for them (``evidence.apps``, ``articles.apps``). Its e-mail, and
  the workflow-level notice to administrators, link to the review screen.
- The editor hears of the decision with the reviewer's words (the reason
  for changes; the note and acknowledgement of an approval) and a link to
  the edit view.

The workflow-level notifiers are Wagtail's with our context and templates;
``evidence.apps`` connects them under Wagtail's own ``dispatch_uid`` so that
each decision sends one e-mail, not Wagtail's and ours.
"""

from django.conf import settings
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
)
from wagtail.models import TaskState

from evidence.review_views import review_url

TEMPLATES = "evidence/notifications/"


def absolute(url):
    """``url`` with the admin's base, for e-mail."""
    if not url:
        return ""
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + url


class ReviewSubmittedNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """To the members of the task's groups: something waits for them."""

    template_directory = TEMPLATES

    def get_template_base_prefix(self, instance, **kwargs):
        return "review_"

    def get_context(self, task_state, **kwargs):
        context = super().get_context(task_state, **kwargs)
        context["review_url"] = absolute(review_url(context["object"]))
        context["submitted_by"] = (
            task_state.revision.user if task_state.revision else None
        )
        return context


class WorkflowSubmittedNotifier(WorkflowStateSubmissionEmailNotifier):
    """Wagtail's notice to administrators, leading to the review screen."""

    template_directory = TEMPLATES

    def get_template_base_prefix(self, instance, **kwargs):
        return "workflow_"

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        context["review_url"] = absolute(review_url(context["object"]))
        return context


class DecisionContextMixin:
    """The decision's words and who gave them, and the edit view's address."""

    template_directory = TEMPLATES

    def get_template_base_prefix(self, instance, **kwargs):
        return "decision_"

    def decided_task_states(self, workflow_state):
        return []

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        context["decisions"] = [
            {
                "task": state.task.name,
                "by": state.finished_by,
                "words": state.specific.get_comment(),
            }
            for state in self.decided_task_states(workflow_state)
        ]
        context["edit_url"] = absolute(AdminURLFinder().get_edit_url(context["object"]))
        return context


class ApprovedNotifier(DecisionContextMixin, WorkflowStateApprovalEmailNotifier):
    def decided_task_states(self, workflow_state):
        # Every step's approval (for an article: medical, then compliance).
        return (
            workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED)
            .select_related("task", "finished_by")
            .order_by("finished_at", "pk")
        )


class RejectedNotifier(DecisionContextMixin, WorkflowStateRejectionEmailNotifier):
    def decided_task_states(self, workflow_state):
        state = workflow_state.current_task_state
        return [state] if state is not None else []


review_submitted_notifier = ReviewSubmittedNotifier()
workflow_submitted_notifier = WorkflowSubmittedNotifier()
approved_notifier = ApprovedNotifier()
rejected_notifier = RejectedNotifier()
