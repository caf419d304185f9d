import datetime
import json
import re

import pytest
from wagtail.test.utils import WagtailPageTestCase

from articles.factories import ArticlePageFactory
from articles.models import ARTICLES_PER_PAGE, ArticlePage, TopicHubPage
from evidence.factories import SourceFactory
from mgsite.models import HomePage
from tests.articles.conftest import cite, paragraph

pytestmark = pytest.mark.django_db


class ArticleTreeTests(WagtailPageTestCase):
    def test_articles_live_only_under_topic_hubs(self):
        self.assertAllowedParentPageTypes(ArticlePage, {TopicHubPage})
        self.assertCanNotCreateAt(HomePage, ArticlePage)

    def test_articles_have_no_children(self):
        self.assertAllowedSubpageTypes(ArticlePage, set())

    def test_hubs_hold_articles(self):
        self.assertCanCreateAt(TopicHubPage, ArticlePage)


def test_next_review_defaults_to_twelve_months_after_the_last(hub):
    article = ArticlePageFactory(
        parent=hub, last_reviewed=datetime.date(2026, 3, 5), next_review_due=None
    )

    assert article.next_review_due == datetime.date(2027, 3, 5)


def test_byline_names_author_reviewer_and_review_date(make_article, client):
    article = make_article(
        [paragraph("Text.")], last_reviewed=datetime.date(2026, 1, 9)
    )

    html = client.get(article.url).content.decode()

    byline = " ".join(
        re.search(r'<p class="byline">(.*?)</p>', html, re.S).group(1).split()
    )
    assert f'Written by <span class="byline__person">{article.author}</span>' in byline
    assert (
        f'medically reviewed by <span class="byline__person">{article.medical_reviewer}'
        in byline
    )
    assert "last reviewed" in byline and "9 January 2026" in byline


def article_titles(html):
    return re.findall(r'class="article-card__title"><a href="[^"]*">([^<]*)</a>', html)


def test_hub_lists_its_own_and_tagged_articles_newest_first(hubs, client):
    back, nerve, _chronic = hubs
    older = ArticlePageFactory(parent=back, title="Older back article")
    tagged = ArticlePageFactory(parent=nerve, title="Tagged nerve article")
    tagged.other_topics.add(back)
    tagged.save()
    newer = ArticlePageFactory(parent=back, title="Newer back article")
    for offset, page in enumerate([older, tagged, newer]):
        ArticlePage.objects.filter(pk=page.pk).update(
            first_published_at=datetime.datetime(
                2026, 1, 1 + offset, tzinfo=datetime.UTC
            )
        )

    html = client.get(back.url).content.decode()

    assert article_titles(html) == [newer.title, tagged.title, older.title]
    assert "Reviewed" in html and older.summary in html


def test_hub_paginates_and_survives_bad_page_numbers(hub, client):
    ArticlePageFactory.create_batch(ARTICLES_PER_PAGE + 1, parent=hub)

    first = client.get(hub.url)
    last = client.get(hub.url, {"page": 2})
    junk = client.get(hub.url, {"page": "abc"})
    beyond = client.get(hub.url, {"page": 99})

    assert len(article_titles(first.content.decode())) == ARTICLES_PER_PAGE
    assert len(article_titles(last.content.decode())) == 1
    assert junk.status_code == 200 and "Page 1 of 2" in junk.content.decode()
    assert beyond.status_code == 200 and "Page 2 of 2" in beyond.content.decode()


def test_related_articles_come_from_the_same_topics(hubs, client):
    back, nerve, chronic = hubs
    article = ArticlePageFactory(parent=back, title="Main")
    sibling = ArticlePageFactory(parent=back, title="Sibling on backs")
    elsewhere = ArticlePageFactory(parent=chronic, title="Unrelated chronic")

    html = client.get(article.url).content.decode()

    related = html.split('class="related-articles"')[1]
    assert sibling.title in related and elsewhere.title not in related


def test_related_articles_show_a_newly_published_sibling_at_once(hubs, client):
    back = hubs[0]
    article = ArticlePageFactory(parent=back, title="Main")
    ArticlePageFactory(parent=back, title="Older sibling")
    client.get(article.url)

    ArticlePageFactory(parent=back, title="Brand new sibling")
    related = (
        client.get(article.url).content.decode().split('class="related-articles"')[1]
    )

    assert "Brand new sibling" in related
    assert "Main" not in related.split("</aside>")[0]


def test_a_preview_lists_related_articles_from_its_unsaved_topics(hubs, client):
    back, nerve, _ = hubs
    article = ArticlePageFactory(parent=back, title="Main")
    ArticlePageFactory(parent=nerve, title="Only on nerves")
    client.get(article.url)  # the live page's related articles are kept

    article.other_topics = [nerve]  # in the editor, not saved
    preview = article.make_preview_request().content.decode()

    assert "Only on nerves" in preview.split('class="related-articles"')[1]
    assert "Only on nerves" not in client.get(article.url).content.decode()


def json_ld(html):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    return {doc["@type"]: doc for doc in map(json.loads, blocks)}


def test_structured_data_describes_the_article_and_its_citations(make_article, client):
    source = SourceFactory(doi="10.3390/nu12082184")
    faq = {"heading": "FAQ", "items": [{"question": "Safe?", "answer": "<p>Ask.</p>"}]}
    article = make_article(
        [paragraph(cite(source)), {"type": "faq", "value": faq}],
        last_reviewed=datetime.date(2026, 5, 1),
    )

    documents = json_ld(client.get(article.url).content.decode())

    page = documents["MedicalWebPage"]
    assert page["author"]["name"] == article.author.name
    assert page["reviewedBy"]["name"] == article.medical_reviewer.name
    assert page["lastReviewed"] == "2026-05-01"
    assert page["citation"][0]["url"] == "https://doi.org/10.3390/nu12082184"
    crumbs = documents["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs][-2:] == [
        article.get_parent().title,
        article.title,
    ]
    question = documents["FAQPage"]["mainEntity"][0]
    assert question["name"] == "Safe?" and question["acceptedAnswer"]["text"] == "Ask."


def test_no_faq_page_without_faq_blocks(make_article, client):
    article = make_article([paragraph("Text.")])

    assert "FAQPage" not in json_ld(client.get(article.url).content.decode())


def test_structured_data_cannot_be_broken_out_of(make_article, client):
    article = make_article([paragraph("Text.")], title="Pain </script><script>x()")

    html = client.get(article.url).content.decode()

    assert "</script><script>x()" not in html
    assert json_ld(html)["MedicalWebPage"]["headline"] == "Pain </script><script>x()"


def test_article_pages_are_open_graph_articles(make_article, client):
    article = make_article([paragraph("Text.")])

    html = client.get(article.url).content.decode()

    assert '<meta property="og:type" content="article">' in html
    assert f'<link rel="canonical" href="{article.full_url}">' in html
    assert f'<meta name="description" content="{article.summary}' in html


def test_hub_query_count_does_not_grow_with_its_articles(hubs, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small, large = hubs[0], hubs[1]
    ArticlePageFactory(parent=small)
    ArticlePageFactory.create_batch(ARTICLES_PER_PAGE, parent=large)
    for hub in (small, large):  # warm the site-wide lookups and routes
        client.get(hub.url)

    counts = []
    for hub in (small, large):
        with CaptureQueriesContext(connection) as queries:
            client.get(hub.url)
        counts.append(len(queries))

    assert counts[0] == counts[1]
