import datetime

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from articles.models import ArticlePage

REVIEW_WARNING_DAYS = 30


def review_due_articles(today=None):
    """Articles whose review is overdue or due within 30 days, most urgent first."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REVIEW_WARNING_DAYS)
    return (
        ArticlePage.objects.filter(next_review_due__lte=horizon)
        .select_related("medical_reviewer")
        .defer_streamfields()
        .order_by("next_review_due", "title")
    )


class ReviewDueView(ReportView):
    page_title = "Articles due for medical review"
    header_icon = "date"
    index_url_name = "articles_review_due"
    index_results_url_name = "articles_review_due_results"
    list_export = ["title", "medical_reviewer", "last_reviewed", "next_review_due"]
    columns = [
        TitleColumn(
            "title",
            label="Article",
            get_url=lambda article: reverse(
                "wagtailadmin_pages:edit", args=[article.pk]
            ),
        ),
        Column("medical_reviewer", label="Medical reviewer"),
        DateColumn("last_reviewed", label="Last reviewed"),
        Column("review_status", label="Next review due"),
    ]

    def get_queryset(self):
        return review_due_articles()

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        for article in object_list:
            days = (article.next_review_due - today).days
            due = article.next_review_due.strftime("%-d %b %Y")
            article.review_status = (
                f"{due}: overdue by {-days} days"
                if days < 0
                else f"{due}: in {days} days"
            )
        return object_list
