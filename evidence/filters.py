import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import WorkflowState

from evidence.models import Claim, ClaimKind

STATUS_CHOICES = [
    ("live", "Approved (live)"),
    ("draft", "Not live"),
    ("in_review", "Awaiting review"),
    ("needs_changes", "Changes requested"),
]


def with_review_status(queryset, status):
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Claim),
        object_id=Cast(OuterRef("pk"), CharField()),
        status=status,
    )
    return queryset.filter(Exists(states))


class ClaimFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, method="filter_status"
    )
    kind = django_filters.ChoiceFilter(choices=ClaimKind.choices)

    class Meta:
        model = Claim
        fields = []

    def filter_status(self, queryset, name, value):
        if value == "live":
            return queryset.filter(live=True)
        if value == "draft":
            return queryset.filter(live=False)
        if value == "in_review":
            return with_review_status(queryset, WorkflowState.STATUS_IN_PROGRESS)
        return with_review_status(queryset, WorkflowState.STATUS_NEEDS_CHANGES)
