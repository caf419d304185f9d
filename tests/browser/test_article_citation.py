"""The citation button in a real browser: choose a source, save, see it
stored, publish, and see the numbered citation and reference list."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.factories import ArticlePageFactory
from articles.models import ArticlePage
from evidence.factories import SourceFactory, go_live
from tests.articles.conftest import paragraph
from tests.browser.conftest import is_post, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_editor_cites_a_source_chosen_from_the_toolbar(page, hubs, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.com", "pass")
    source = SourceFactory(authors="Shin HJ\nNa HS", year=2020)
    article = ArticlePageFactory(
        parent=hubs[0], body=[paragraph("A review found less pain")]
    )
    log_in(page, "boss", "pass")
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    page.goto(edit_url)

    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.press("End")
    page.keyboard.down("Shift")
    for _ in range(len("less pain")):
        page.keyboard.press("ArrowLeft")
    page.keyboard.up("Shift")
    page.locator("[aria-label*='Cite a source']").first.click()
    page.locator(".modal a[data-chooser-modal-choice]").first.click()
    expect(page.locator(".citation-entity").first).to_be_visible()
    # Draftail writes its state to the form input shortly after a change.
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[type=hidden]')]"
        ".some(input => input.value.includes('CITATION'))"
    )
    # The save is done when the server answers the posted form (a redirect
    # back to the editor), however long the rules take on a busy machine.
    with page.expect_response(is_post(edit_url)) as saved:
        page.click("button:has-text('Save draft')")
    assert saved.value.status == 302, "the draft was not saved"
    page.wait_for_url(f"**{edit_url}")
    expect(page.locator(".messages")).to_contain_text("has been updated")

    saved = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    stored = saved.body.raw_data[0]["value"]
    assert f'<a linktype="citation" id="{source.pk}">less pain</a>' in stored

    # A reviewer approves the draft (publishing needs it), then a shopper
    # reads it: a numbered marker that leads to the reference list.
    go_live(saved)
    page.context.clear_cookies()
    page.goto(article.url)
    marker = page.locator("sup.cite a")
    expect(marker).to_have_text("[1]")
    marker.click()
    page.wait_for_url("**#ref-1")
    expect(page.locator("#ref-1")).to_contain_text(source.title)
