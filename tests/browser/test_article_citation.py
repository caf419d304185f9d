"""The citation button in a real browser: choose a source, save, see it
stored, publish, and see the numbered citation and reference list."""

import pytest
from django.urls import reverse

from articles.factories import ArticlePageFactory
from articles.models import ArticlePage
from evidence.factories import SourceFactory, go_live
from tests.articles.conftest import paragraph

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_editor_cites_a_source_chosen_from_the_toolbar(page, hubs, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.com", "pass")
    source = SourceFactory(authors="Shin HJ\nNa HS", year=2020)
    article = ArticlePageFactory(
        parent=hubs[0], body=[paragraph("A review found less pain")]
    )
    page.goto(reverse("wagtailadmin_login"))
    page.fill("input[name=username]", "boss")
    page.fill("input[name=password]", "pass")
    page.click("button[type=submit]")
    page.goto(reverse("wagtailadmin_pages:edit", args=[article.pk]))

    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.press("End")
    page.keyboard.down("Shift")
    for _ in range(len("less pain")):
        page.keyboard.press("ArrowLeft")
    page.keyboard.up("Shift")
    page.locator("[aria-label*='Cite a source']").first.click()
    page.locator(".modal a[data-chooser-modal-choice]").first.click()
    page.locator(".citation-entity").first.wait_for()
    # Draftail writes its state to the form input shortly after a change.
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[type=hidden]')]"
        ".some(input => input.value.includes('CITATION'))"
    )
    page.click("button:has-text('Save draft')")
    page.get_by_text("has been updated").wait_for()

    saved = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    stored = saved.body.raw_data[0]["value"]
    assert f'<a linktype="citation" id="{source.pk}">less pain</a>' in stored

    # A reviewer approves the draft (publishing needs it), then a shopper
    # reads it: a numbered marker that leads to the reference list.
    go_live(saved)
    page.context.clear_cookies()
    page.goto(article.url)
    marker = page.locator("sup.cite a")
    assert marker.inner_text() == "[1]"
    marker.click()
    page.wait_for_url("**#ref-1")
    assert source.title in page.locator("#ref-1").inner_text()
