"""E-mail to the reviewers when something is submitted to their task.

Wagtail e-mails a group approval task's groups on submission, but connects
that notifier for plain ``TaskState`` senders only; the compliance task's
states are of their own class, so without this only the administrators (the
workflow-level notice) heard of a submission. The notifier is Wagtail's,
with our templates: they link to the review screen. The editor who
submitted hears of the decision through Wagtail's own workflow notices
(approved; changes requested, with the reason).
"""

from django.conf import settings
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier


class ReviewSubmittedNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    template_directory = "evidence/notifications/"

    def get_template_base_prefix(self, instance, **kwargs):
        return "review_"

    def get_context(self, task_state, **kwargs):
        from evidence.review_views import review_url

        context = super().get_context(task_state, **kwargs)
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
        context["review_url"] = base + review_url(context["object"])
        context["submitted_by"] = (
            task_state.revision.user if task_state.revision else None
        )
        return context


review_submitted_notifier = ReviewSubmittedNotifier()
