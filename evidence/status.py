"""Where a claim or a page stands in review, in one word an editor can read:
live, in review, changes requested, rejected or draft.

Read from Wagtail's own workflow records in the same query as the listing
(``with_review_status``), so a listing, its filter and the compliance export
agree, and a listing costs no query per row."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, CharField, OuterRef, Subquery, Value, When
from django.db.models.functions import Cast
from django.db.models.lookups import Exact
from django.utils import timezone
from wagtail.admin.ui.tables import Column
from wagtail.models import Page, TaskState, WorkflowState


class ReviewStatus(models.TextChoices):
    LIVE = "live", "Live"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    REJECTED = "rejected", "Rejected"
    DRAFT = "draft", "Draft"


STATUS_FIELD = "review_status"


def base_content_type(model):
    """The content type Wagtail records workflow states under: ``Page`` for
    every page type, the model itself for a snippet."""
    return ContentType.objects.get_for_model(Page if issubclass(model, Page) else model)


def status_expression(model):
    """The status as SQL: the latest review decides (in review; changes
    requested and not yet resubmitted; rejected, that is changes requested
    and the review then withdrawn); otherwise live or draft."""
    states = WorkflowState.objects.filter(
        base_content_type=base_content_type(model),
        object_id=Cast(OuterRef("pk"), CharField()),
    ).order_by("-created_at", "-pk")
    tasks = TaskState.objects.filter(
        workflow_state__base_content_type=base_content_type(model),
        workflow_state__object_id=Cast(OuterRef("pk"), CharField()),
    ).order_by("-started_at", "-pk")
    review = Subquery(states.values("status")[:1])
    last_task = Subquery(tasks.values("status")[:1])
    return Case(
        When(
            Exact(review, WorkflowState.STATUS_IN_PROGRESS),
            then=Value(ReviewStatus.IN_REVIEW),
        ),
        When(
            Exact(review, WorkflowState.STATUS_NEEDS_CHANGES),
            then=Value(ReviewStatus.CHANGES_REQUESTED),
        ),
        When(
            Exact(review, WorkflowState.STATUS_CANCELLED)
            & Exact(last_task, TaskState.STATUS_REJECTED),
            then=Value(ReviewStatus.REJECTED),
        ),
        When(live=True, then=Value(ReviewStatus.LIVE)),
        default=Value(ReviewStatus.DRAFT),
        output_field=CharField(),
    )


def with_review_status(queryset):
    return queryset.annotate(**{STATUS_FIELD: status_expression(queryset.model)})


def review_status(obj):
    """The status of ``obj``: from the listing's annotation when it was
    loaded with one, else read (one query)."""
    status = getattr(obj, STATUS_FIELD, None)
    if status is None:
        rows = with_review_status(type(obj).objects.filter(pk=obj.pk))
        status = rows.values_list(STATUS_FIELD, flat=True).first()
    return ReviewStatus(status or ReviewStatus.DRAFT)


def review_status_label(obj):
    """The status in words; an object in review or sent back that is also
    live says so, as the public still sees its approved version."""
    status = review_status(obj)
    if obj.live and status != ReviewStatus.LIVE:
        return f"{status.label} (approved version live)"
    return status.label


class ReviewStatusColumn(Column):
    def get_value(self, instance):
        return review_status_label(instance)


class ReviewStatusFilter(django_filters.ChoiceFilter):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Status")
        kwargs.setdefault("choices", ReviewStatus.choices)
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(Exact(status_expression(queryset.model), value))


def changes_requested_note(obj):
    """What the reviewer asked for, when the latest review of ``obj`` sent
    it back: who, when and the reason, for the top of its editor."""
    state = obj.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task = state.current_task_state
    reviewer = task.finished_by.get_full_name() or task.finished_by.get_username()
    when = f"{timezone.localtime(task.finished_at):%-d %b %Y}"
    reason = (task.comment or "").strip() or "no reason recorded"
    return (
        f"Changes requested by {reviewer} on {when}: “{reason}”. Make the "
        "changes, then resubmit for review."
    )
