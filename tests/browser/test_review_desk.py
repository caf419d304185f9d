"""The reviewer's day in the browser: from the queue into the editor, a
decision there, and nothing edited in the reviewer's name."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Revision

from evidence import demo as evidence_demo
from evidence.models import Approval
from products.models import ProductPage
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WAIT = 60_000
NOTE = "Wording and sources checked; the dose meets the claim's condition."


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)


def open_footer_actions(page):
    page.locator(
        "footer .dropdown-toggle, footer [data-w-dropdown-target=toggle]"
    ).first.click()


def submitted_product(page):
    """An editor attaches an approved claim to a live product and submits it."""
    claim = evidence_demo.claim("energy_production")
    product = (
        ProductPage.objects.live()
        .filter(has_unpublished_changes=False)
        .exclude(claims__claim=claim)
        .order_by("title")
        .first()
    )
    log_in(page, "editor", "editor-demo-pass")
    page.goto(reverse("wagtailadmin_pages:edit", args=[product.pk]))
    page.get_by_role("button", name="Add claim").click()
    page.get_by_role("button", name="Choose claim").last.click()
    page.locator(".modal").get_by_placeholder("Search").fill("energy")
    page.locator(".modal a", has_text=claim.wording).click()
    page.get_by_text(claim.wording).first.wait_for(timeout=WAIT)
    open_footer_actions(page)
    page.get_by_role("button", name="Submit to Compliance review").click()
    page.locator(".messages").get_by_text("submitted").wait_for(timeout=WAIT)
    page.context.clear_cookies()
    return product, claim


def test_reviewer_opens_a_page_from_the_queue_and_approves_it_in_the_editor(page, demo):
    product, claim = submitted_product(page)
    log_in(page, "reviewer", "reviewer-demo-pass")

    queue = page.locator("#awaiting-review, section", has_text="Awaiting your review")
    queue.get_by_role("link", name=product.title).first.click()
    page.wait_for_url(f"**/review/page/{product.pk}/", timeout=WAIT)
    page.get_by_text(claim.wording).first.wait_for(timeout=WAIT)
    page.get_by_role("link", name="Open in the editor").click()
    page.wait_for_url(f"**/pages/{product.pk}/edit/", timeout=WAIT)
    open_footer_actions(page)
    page.get_by_role("button", name="Approve and Publish").click()
    page.locator(".modal").get_by_label("Comment").fill(NOTE)
    page.locator(".modal").get_by_role("button", name="Approve").click()

    page.locator(".messages").get_by_text("approved and published").wait_for(
        timeout=WAIT
    )
    assert "do not have permission" not in page.content()
    live = Page.objects.get(pk=product.pk).specific
    assert live.live and not live.has_unpublished_changes
    assert Approval.objects.filter(
        object_id=product.pk, approved_by__username="reviewer"
    ).exists()
    assert not Revision.objects.filter(
        object_id=str(product.pk), user__username="reviewer"
    ).exists()
    page.context.clear_cookies()
    page.goto(product.url)
    page.locator(".product-claims__item", has_text=claim.wording).wait_for(timeout=WAIT)


def test_reviewer_decides_on_the_review_screen_and_a_refusal_keeps_the_comment(
    page, demo
):
    claim = evidence_demo.claim("pain_signals_animal")  # animal studies only
    log_in(page, "reviewer", "reviewer-demo-pass")
    page.locator("section", has_text="Waiting for you").get_by_role(
        "link", name=claim.wording
    ).first.click()
    page.wait_for_url(f"**/review/claim/{claim.pk}/", timeout=WAIT)
    page.get_by_text("Animal study").first.wait_for(timeout=WAIT)
    warnings = page.locator(".review-screen__warnings li")
    assert "weak-evidence" in warnings.first.inner_text()

    approve = page.locator("form[aria-label=Approve]")
    approve.get_by_label("Comment").fill(NOTE)
    approve.get_by_role("button", name="Approve").click()
    page.wait_for_load_state()
    approve = page.locator("form[aria-label=Approve]")
    approve.locator(".error-message").first.wait_for(timeout=WAIT)
    assert approve.get_by_label("Comment").input_value() == NOTE
    assert not type(claim).objects.get(pk=claim.pk).live

    approve.get_by_label("Acknowledgement").fill(
        "Animal studies only: shown with a limited-evidence badge."
    )
    approve.get_by_role("button", name="Approve").click()
    page.locator(".messages").get_by_text("approved and published").wait_for(
        timeout=WAIT
    )
    assert type(claim).objects.get(pk=claim.pk).live
    assert not Revision.objects.filter(
        object_id=str(claim.pk), user__username="reviewer"
    ).exists()
