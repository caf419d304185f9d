"""The Content-Security-Policy in a real browser: public pages and the
Wagtail admin work under it without a single blocked resource."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.factories import ArticlePageFactory
from articles.models import TopicHubPage
from evidence import demo as evidence_demo
from products.models import ProductPage
from tests.articles.conftest import paragraph
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_admin_works_under_the_policy(page, csp_violations):
    call_command("load_demo", verbosity=0)
    log_in(page, "admin", "admin-demo-pass")
    page.get_by_role("heading", name="Awaiting your review").wait_for()
    claim = evidence_demo.claim("bones")
    page.goto(reverse("wagtailsnippets_evidence_claim:edit", args=[claim.pk]))
    page.wait_for_load_state("networkidle")
    article = ArticlePageFactory(
        parent=TopicHubPage.objects.first(), body=[paragraph("Less pain")]
    )
    page.goto(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.press("End")
    page.keyboard.press("Shift+Home")  # the toolbar shows for a selection
    page.locator("[aria-label*='Cite a source']").first.wait_for()
    page.wait_for_load_state("networkidle")

    assert csp_violations == []


def test_public_pages_load_without_csp_violations(page, csp_violations):
    call_command("load_demo", verbosity=0)
    product = ProductPage.objects.live().first()
    for url in ["/", product.url, "/products/?form=glycinate", "/search/?q=magnesium"]:
        page.goto(url)
        page.wait_for_load_state("networkidle")

    assert csp_violations == []
