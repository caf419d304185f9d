import re

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from articles.demo import CITATION_MARK, find_source
from articles.demo_content import ARTICLES
from articles.models import ArticlePage, TopicHubPage
from articles.views import review_due_articles
from evidence import compliance


def demo_source_keys():
    texts = repr(ARTICLES)
    return sorted({key for _words, key in CITATION_MARK.findall(texts)})


class DemoContentTests(TestCase):
    """The demo loads once for the class (it takes seconds); each test runs
    in its own savepoint, so one test's changes never reach another."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", verbosity=0)

    def test_every_work_the_demo_articles_cite_is_in_the_demo_library(self):
        missing = [key for key in demo_source_keys() if not find_source(key)]

        self.assertEqual(missing, [])

    def test_demo_has_three_articles_per_hub(self):
        for hub in TopicHubPage.objects.all():
            live = ArticlePage.objects.child_of(hub).live().count()
            self.assertGreaterEqual(live, 3, hub.title)

    def test_demo_articles_render_with_byline_and_references(self):
        for article in ArticlePage.objects.live():
            html = self.client.get(article.url).content.decode()
            self.assertIn("medically reviewed by", html, article.title)
        cited = ArticlePage.objects.get(slug="magnesium-and-nerve-signalling")
        html = self.client.get(cited.url).content.decode()
        self.assertRegex(
            html, re.compile(r'<li id="ref-1"[^>]*>.*Magnesium and Pain', re.S)
        )

    def test_demo_includes_faq_forms_comparison_and_an_overdue_review(self):
        types = {b.block_type for a in ArticlePage.objects.all() for b in a.body}
        self.assertLessEqual({"faq", "forms_comparison", "key_takeaways"}, types)
        today = timezone.localdate()
        overdue = [a for a in review_due_articles() if a.next_review_due < today]
        self.assertTrue(overdue)

    def test_demo_articles_break_no_page_text_rule(self):
        for article in ArticlePage.objects.all():
            findings = compliance.errors(compliance.check(article))
            self.assertEqual([f.message for f in findings], [], article.title)

    def test_loading_the_demo_twice_adds_no_articles(self):
        before = ArticlePage.objects.count()

        call_command("load_demo", verbosity=0)

        self.assertEqual(ArticlePage.objects.count(), before)
