import datetime
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import ReferenceIndex

from articles.models import ArticlePage
from evidence.models import Source
from mgsite.exports import SafeSpreadsheetExportMixin

REVIEW_WARNING_DAYS = 30


def retracted_citations():
    """``{article id: titles of the retracted sources it cites}``, as the
    reference index records the citations (two queries)."""
    retracted = dict(Source.objects.filter(retracted=True).values_list("pk", "title"))
    if not retracted:
        return {}
    references = ReferenceIndex.objects.filter(
        content_type=ContentType.objects.get_for_model(ArticlePage),
        to_content_type=ContentType.objects.get_for_model(Source),
        to_object_id__in=[str(pk) for pk in retracted],
    ).values_list("object_id", "to_object_id")
    found = defaultdict(list)
    for article_id, source_id in references:
        title = retracted[int(source_id)]
        if title not in found[int(article_id)]:
            found[int(article_id)].append(title)
    return found


def review_due_articles(today=None, retracted=None):
    """Articles that cite a retracted source (due now, first), then those
    whose review is overdue or due within 30 days, most urgent first."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REVIEW_WARNING_DAYS)
    retracted = retracted_citations() if retracted is None else retracted
    citing = Q(pk__in=list(retracted))
    return (
        ArticlePage.objects.filter(citing | Q(next_review_due__lte=horizon))
        .select_related("medical_reviewer")
        .defer_streamfields()
        .annotate(now=Case(When(citing, then=Value(0)), default=Value(1)))
        .order_by("now", "next_review_due", "title")
    )


class ReviewDueView(SafeSpreadsheetExportMixin, ReportView):
    page_title = "Articles due for medical review"
    header_icon = "date"
    index_url_name = "articles_review_due"
    index_results_url_name = "articles_review_due_results"
    export_filename = "articles-due-for-review"
    export_sheet_title = "Due for review"
    list_export = [
        "pk",
        "title",
        "medical_reviewer",
        "last_reviewed",
        "next_review_due",
        "review_status",
    ]
    export_headings = {
        "pk": "ID",
        "title": "Article",
        "medical_reviewer": "Medical reviewer",
        "last_reviewed": "Last reviewed",
        "next_review_due": "Next review due",
        "review_status": "Due status",
    }
    columns = [
        TitleColumn(
            "title",
            label="Article",
            # The review screen opens for reviewers and editors alike, and
            # leads editors on to the editor.
            get_url=lambda article: reverse("evidence_review_page", args=[article.pk]),
        ),
        Column("medical_reviewer", label="Medical reviewer"),
        DateColumn("last_reviewed", label="Last reviewed"),
        Column("review_status", label="Next review due"),
    ]

    def get_queryset(self):
        self.retracted = retracted_citations()
        return review_due_articles(retracted=self.retracted)

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
            if titles := self.retracted.get(article.pk):
                cited = ", ".join(f"“{title}”" for title in titles)
                article.review_status = f"Now: cites a retracted source, {cited}"
        return object_list
