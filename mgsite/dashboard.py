"""The admin dashboard as a reviewer's and an editor's day starts.

Panels through Wagtail's ``construct_homepage_panels`` hook:

- for reviewers, "Waiting for you": the claims and pages in a review they
  may decide, and the articles due for medical review, each a link to its
  review screen; and Wagtail's "Awaiting your review" with each row a link
  to the review screen and compare links that open for reviewers;
- for editors, "Changes requested" (with the reviewer's reason) and
  "My drafts" (saved, not yet submitted).
"""

from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page, TaskState, WorkflowState

from evidence.desk import may_change
from evidence.models import Claim
from evidence.review_views import is_a_reviewer, review_url

LIMIT = 20


def edit_url(obj):
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    return reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk])


def title_of(obj):
    return obj.get_admin_display_title() if isinstance(obj, Page) else str(obj)


class ReviewQueuePanel(WorkflowObjectsToModeratePanel):
    """Wagtail's queue, each row leading to its review screen."""

    template_name = "mgsite/admin/dashboard/awaiting_review.html"


class WaitingForYouPanel(Component):
    name = "waiting_for_you"
    template_name = "mgsite/admin/dashboard/waiting_for_you.html"
    order = 90

    def get_context_data(self, parent_context):
        from articles.views import review_due_articles

        request = parent_context["request"]
        states = (
            TaskState.objects.reviewable_by(request.user)
            .select_related("revision")
            .order_by("started_at")
        )
        claims, pages, others = [], [], []
        for state in states:
            obj = state.revision.content_object if state.revision else None
            if obj is None:
                continue
            obj = obj.specific if isinstance(obj, Page) else obj
            item = {
                "title": title_of(obj),
                "url": review_url(obj),
                "since": state.started_at,
            }
            if isinstance(obj, Claim):
                claims.append(item)
            elif isinstance(obj, Page):
                pages.append(item)
            else:
                item["title"] += f" ({obj._meta.verbose_name})"
                others.append(item)
        articles = [
            {
                "title": article.title,
                "url": review_url(article),
                "due": article.next_review_due,
            }
            for article in review_due_articles()[:LIMIT]
        ]
        return {
            "claims": claims[:LIMIT],
            "pages": pages[:LIMIT],
            "others": others[:LIMIT],
            "articles": articles,
        }


def active_workflow_objects():
    """(content type id, object id) of everything in a workflow or sent back."""
    return set(
        WorkflowState.objects.filter(
            status__in=[
                WorkflowState.STATUS_IN_PROGRESS,
                WorkflowState.STATUS_NEEDS_CHANGES,
            ]
        ).values_list("base_content_type_id", "object_id")
    )


class ChangesRequestedPanel(Component):
    name = "changes_requested"
    template_name = "mgsite/admin/dashboard/changes_requested.html"
    order = 95

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        states = (
            WorkflowState.objects.filter(
                status=WorkflowState.STATUS_NEEDS_CHANGES,
                requested_by=request.user,
            )
            .select_related("current_task_state")
            .order_by("-created_at")[:LIMIT]
        )
        items = []
        for state in states:
            obj = state.content_object
            if obj is None:
                continue
            obj = obj.specific if isinstance(obj, Page) else obj
            task_state = state.current_task_state
            items.append(
                {
                    "title": title_of(obj),
                    "url": edit_url(obj),
                    "reason": task_state.specific.get_comment() if task_state else "",
                    "by": task_state.finished_by if task_state else None,
                    "on": task_state.finished_at if task_state else None,
                }
            )
        return {"items": items}


class MyDraftsPanel(Component):
    name = "my_drafts"
    template_name = "mgsite/admin/dashboard/my_drafts.html"
    order = 96

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        busy = active_workflow_objects()
        drafts = []
        for model in (Page, Claim):
            rows = (
                model.objects.filter(
                    latest_revision__user=user, has_unpublished_changes=True
                )
                .select_related("latest_revision")
                .order_by("-latest_revision__created_at")[: LIMIT * 2]
            )
            for obj in rows:
                obj = obj.specific_deferred if isinstance(obj, Page) else obj
                key = (obj.get_base_content_type().pk, str(obj.pk))
                if key in busy:
                    continue
                drafts.append(
                    {
                        "title": title_of(obj),
                        "url": edit_url(obj),
                        "saved": obj.latest_revision.created_at,
                        "kind": "page" if isinstance(obj, Page) else "claim",
                    }
                )
        drafts.sort(key=lambda item: item["saved"], reverse=True)
        return {"items": drafts[:LIMIT]}


def is_an_editor(user):
    return user.is_superuser or may_change(user, Claim())


def add_review_panels(request, panels):
    user = request.user
    if is_a_reviewer(user):
        panels[:] = [
            ReviewQueuePanel()
            if isinstance(panel, WorkflowObjectsToModeratePanel)
            else panel
            for panel in panels
        ]
        panels.append(WaitingForYouPanel())
    if is_an_editor(user):
        panels.append(ChangesRequestedPanel())
        panels.append(MyDraftsPanel())
