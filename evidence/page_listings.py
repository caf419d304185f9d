"""Flat admin listings of one page type with each page's review status and
a filter by it (Wagtail's ``PageListingViewSet``); the apps that own the page
types register them (``products``, ``articles``)."""

from wagtail.admin.ui.tables.pages import PageStatusColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from evidence.status import ReviewStatusColumn, ReviewStatusFilter, with_review_status


class ReviewStatusPageFilterSet(PageFilterSet):
    status = ReviewStatusFilter()


class ReviewStatusIndexView(IndexView):
    base_columns = [
        ReviewStatusColumn("review_status", label="Status", width="16%")
        if isinstance(column, PageStatusColumn)
        else column
        for column in IndexView.base_columns
    ]

    def annotate_queryset(self, pages):
        return super().annotate_queryset(with_review_status(pages))


class ReviewedPageListingViewSet(PageListingViewSet):
    index_view_class = ReviewStatusIndexView
    filterset_class = ReviewStatusPageFilterSet
    add_to_admin_menu = True
