import django_filters
from wagtail.admin.filters import WagtailFilterSet

from evidence.models import Claim, ClaimKind
from evidence.status import ReviewStatusFilter


class ClaimFilterSet(WagtailFilterSet):
    status = ReviewStatusFilter()
    kind = django_filters.ChoiceFilter(choices=ClaimKind.choices)

    class Meta:
        model = Claim
        fields = []
