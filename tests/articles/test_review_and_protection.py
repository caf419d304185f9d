import csv
import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db.models import ProtectedError
from django.db.transaction import atomic
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail import hooks

from articles.factories import ArticlePageFactory
from articles.protection import citing_articles
from evidence.factories import SourceFactory
from evidence.models import Source
from tests.articles.conftest import cite, paragraph

pytestmark = pytest.mark.django_db


def due_in(hub, days, title):
    today = timezone.localdate()
    return ArticlePageFactory(
        parent=hub,
        title=title,
        last_reviewed=today - datetime.timedelta(days=300),
        next_review_due=today + datetime.timedelta(days=days),
    )


def test_review_report_lists_overdue_and_soon_due_articles_only(hub, admin_client):
    due_in(hub, -10, "Overdue article")
    due_in(hub, 20, "Due soon article")
    due_in(hub, 45, "Fine for now article")

    response = admin_client.get(reverse("articles_review_due"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Overdue article" in html and "overdue by 10 days" in html
    assert "Due soon article" in html and "in 20 days" in html
    assert "Fine for now article" not in html
    assert html.index("Overdue article") < html.index("Due soon article")


def test_review_report_is_in_the_reports_menu(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))

    assert reverse("articles_review_due") in response.content.decode()


def test_reference_index_knows_which_articles_cite_a_source(make_article):
    source, uncited = SourceFactory(), SourceFactory()
    article = make_article([paragraph(cite(source))])

    assert citing_articles(source) == [article]
    assert citing_articles(uncited) == []


def test_deleting_a_cited_source_is_refused_naming_the_article(make_article):
    source = SourceFactory()
    make_article([paragraph(cite(source))], title="Magnesium for cramps")

    with pytest.raises(ProtectedError, match="Magnesium for cramps"), atomic():
        source.delete()

    assert Source.objects.filter(pk=source.pk).exists()


def test_deleting_an_uncited_source_is_allowed():
    source = SourceFactory()

    source.delete()

    assert not Source.objects.filter(pk=source.pk).exists()


def test_snippet_delete_hook_refuses_with_a_message(make_article, admin_user):
    source = SourceFactory()
    make_article([paragraph(cite(source))], title="Magnesium for cramps")
    request = RequestFactory().post("/admin/snippets/delete/")
    request.user = admin_user
    request.session = {}
    request._messages = FallbackStorage(request)

    responses = [
        hook(request, [source]) for hook in hooks.get_hooks("before_delete_snippet")
    ]

    assert any(response is not None for response in responses)
    assert "Magnesium for cramps" in str(list(get_messages(request))[0])


def test_admin_delete_view_refuses_a_cited_source(make_article, admin_client):
    source = SourceFactory()
    make_article([paragraph(cite(source))], title="Magnesium for cramps")
    try:
        url = reverse("wagtailsnippets_evidence_source:delete", args=[source.pk])
    except NoReverseMatch:
        pytest.skip("needs Source registered as a snippet (the evidence app does it)")

    response = admin_client.post(url, follow=True)

    assert Source.objects.filter(pk=source.pk).exists()
    assert "Magnesium for cramps" in response.content.decode()


def test_the_due_for_review_export_keeps_the_due_status(hub, admin_client):
    overdue = due_in(hub, -10, "Overdue article")
    due_in(hub, 20, "Due soon article")

    response = admin_client.get(reverse("articles_review_due"), {"export": "csv"})
    body = b"".join(response.streaming_content)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))

    today = timezone.localdate().isoformat()
    assert f"articles-due-for-review-{today}.csv" in response["Content-Disposition"]
    assert body.startswith(b"\xef\xbb\xbf")
    assert rows[0][0] == "ID" and rows[0][-1] == "Due status"
    assert rows[1][0] == str(overdue.pk)
    assert rows[1][-1].endswith("overdue by 10 days")
    assert rows[2][-1].endswith("in 20 days")
