import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.demo import CITATION_MARK, find_source
from articles.demo_content import ARTICLES
from articles.models import ArticlePage, TopicHubPage
from articles.views import review_due_articles
from evidence import compliance

pytestmark = pytest.mark.django_db


def demo_source_keys():
    texts = repr(ARTICLES)
    return sorted({key for _words, key in CITATION_MARK.findall(texts)})


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def test_every_work_the_demo_articles_cite_is_in_the_demo_library(demo):
    missing = [key for key in demo_source_keys() if not find_source(key)]

    assert missing == []


def test_demo_has_three_articles_per_hub(demo):
    for hub in TopicHubPage.objects.all():
        assert ArticlePage.objects.child_of(hub).live().count() >= 3, hub.title


def test_demo_articles_render_with_byline_and_references(demo, client):
    for article in ArticlePage.objects.live():
        html = client.get(article.url).content.decode()
        assert "medically reviewed by" in html, article.title
    cited = ArticlePage.objects.get(slug="magnesium-and-nerve-signalling")
    html = client.get(cited.url).content.decode()
    assert re.search(r'<li id="ref-1"[^>]*>.*Magnesium and Pain', html, re.S)


def test_demo_includes_faq_forms_comparison_and_an_overdue_review(demo):
    types = {b.block_type for a in ArticlePage.objects.all() for b in a.body}
    assert {"faq", "forms_comparison", "key_takeaways"} <= types
    overdue = [
        a for a in review_due_articles() if a.next_review_due < timezone.localdate()
    ]
    assert overdue


def test_demo_articles_break_no_page_text_rule(demo):
    for article in ArticlePage.objects.all():
        flagged = [f.message for f in compliance.errors(compliance.check(article))]
        assert flagged == [], article.title


def test_loading_the_demo_twice_adds_no_articles(demo):
    before = ArticlePage.objects.count()

    call_command("load_demo", verbosity=0)

    assert ArticlePage.objects.count() == before
