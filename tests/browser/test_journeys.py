"""The issue's journeys, each clicked through the real UI by its user.

The inline-citation journey starts in test_article_citation.py.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape
from playwright.sync_api import expect

from evidence import demo as evidence_demo
from evidence.models import Claim
from products.models import MagnesiumForm, ProductPage
from tests.browser.conftest import is_post, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SLEEP_TITLE = "Magnesium supplementation and sleep quality in older adults"
# A made-up reference, as a reference manager exports it.
BIBTEX = f"""@article{{doe2022,
  author = {{Doe, Jane and Roe, Richard}},
  title = {{{SLEEP_TITLE}}},
  journal = {{Journal of Example Studies}}, year = {{2022}},
  doi = {{10.5555/mgsite.sleep.2022}}
}}"""
REASON = "Fibromyalgia and migraine are diseases: say what magnesium does instead."


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)


def live_products(**filters):
    return ProductPage.objects.live().filter(**filters)


def a_form_some_products_have():
    total = live_products().count()
    return next(
        form
        for form in MagnesiumForm.objects.order_by("slug")
        if 0 < live_products(magnesium_form=form).count() < total
    )


def result_count(page):
    return int(page.locator("#results-count strong").inner_text())


def test_shopper_filters_the_catalogue_in_place_and_goes_back(
    page, csp_violations, demo
):
    form = a_form_some_products_have()
    page.goto("/products/")
    everything = result_count(page)
    # A full page load would lose this.
    page.evaluate("window.sameDocument = true")

    page.get_by_label("Form:", exact=True).select_option(form.slug)

    page.wait_for_url(f"**/products/?*form={form.slug}*")
    page.wait_for_function(
        f"document.querySelector('#results-count strong').innerText !== '{everything}'"
    )
    assert result_count(page) == live_products(magnesium_form=form).count()
    assert page.evaluate("window.sameDocument") is True

    page.go_back()

    page.wait_for_url("**/products/")
    page.wait_for_function(
        f"document.querySelector('#results-count strong').innerText === '{everything}'"
    )
    assert page.get_by_label("Form:", exact=True).input_value() == ""
    assert csp_violations == []


def test_shopper_filters_the_catalogue_without_javascript(browser, live_server, demo):
    form = a_form_some_products_have()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/products/")

    page.get_by_label("Form:", exact=True).select_option(form.slug)
    page.get_by_role("button", name="Show products").click()

    page.wait_for_url(f"**/products/?*form={form.slug}*")
    assert result_count(page) == live_products(magnesium_form=form).count()
    page.go_back()
    page.wait_for_url("**/products/")
    assert result_count(page) == live_products().count()
    context.close()


def test_reviewer_retracts_a_source_and_its_claim_leaves_the_product_page(page, demo):
    claim = evidence_demo.claim("bones")  # cites the EFSA opinion only
    product = live_products(claims__claim=claim).first()
    page.goto(product.url)
    page.get_by_text(claim.wording).wait_for()
    source = evidence_demo.source(evidence_demo.EFSA_2010)

    log_in(page, "reviewer", "reviewer-demo-pass")
    edit_url = reverse("wagtailsnippets_evidence_source:edit", args=[source.pk])
    page.goto(edit_url)
    page.get_by_label("Retracted", exact=True).check()
    with page.expect_response(is_post(edit_url)) as saved:
        page.get_by_role("button", name="Save").click()
    assert saved.value.status == 302, "the source was not saved"
    expect(page.locator(".messages")).to_contain_text("updated")

    page.goto(product.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(product.title)
    expect(page.get_by_text(claim.wording)).to_have_count(0)


def in_review(wording):
    """Claims with this wording in review (Wagtail's autosave may also have
    kept a draft of an attempt)."""
    claims = Claim.objects.filter(wording=wording)
    return [claim for claim in claims if claim.current_workflow_state]


def open_footer_actions(page):
    page.locator(
        "footer .dropdown-toggle, footer [data-w-dropdown-target=toggle]"
    ).first.click()


def test_editor_cannot_submit_a_claim_without_a_source_then_imports_one(page, demo):
    log_in(page, "editor", "editor-demo-pass")
    page.goto(reverse("wagtailsnippets_evidence_claim:add"))
    page.get_by_role("textbox", name="Wording").fill(
        "Magnesium supports restful sleep."
    )

    open_footer_actions(page)
    page.get_by_role("button", name="Submit to Compliance review").click()

    page.get_by_text("This claim cites no current source").wait_for()
    assert in_review("Magnesium supports restful sleep.") == []

    # Import the source by pasting BibTeX.
    page.get_by_role("button", name="Evidence").click()
    page.get_by_role("link", name="Import references").click()
    page.get_by_label("BibTeX or RIS").fill(BIBTEX)
    page.get_by_role("button", name="Import").click()
    page.get_by_text("1 of 1 created").wait_for()

    # Attach it to a new claim and submit.
    page.goto(reverse("wagtailsnippets_evidence_claim:add"))
    page.get_by_role("textbox", name="Wording").fill(
        "Magnesium supports restful sleep."
    )
    page.get_by_role("button", name="Add").last.click()
    page.get_by_role("button", name="Choose source").last.click()
    page.locator(".modal").get_by_placeholder("Search").fill("sleep")
    page.locator(".modal a", has_text=SLEEP_TITLE).click()
    page.get_by_text(SLEEP_TITLE).first.wait_for()
    open_footer_actions(page)
    page.get_by_role("button", name="Submit to Compliance review").click()
    page.locator(".messages").get_by_text("submitted").first.wait_for()

    [claim] = in_review("Magnesium supports restful sleep.")
    assert [row.source.title for row in claim.cited_sources.all()] == [SLEEP_TITLE]


def test_reviewer_approves_one_claim_with_acknowledgement_and_rejects_another(
    page, demo
):
    animal_only = evidence_demo.claim("pain_signals_animal")
    disease = evidence_demo.claim("disease_wording")
    log_in(page, "reviewer", "reviewer-demo-pass")

    # The queue on the dashboard, then the claim beside its sources.
    queue = page.locator("section", has_text="Awaiting your review")
    queue.get_by_text(animal_only.wording).wait_for()
    page.goto(reverse("wagtailsnippets_evidence_claim:inspect", args=[animal_only.pk]))
    page.get_by_text("Cited sources").wait_for()
    page.get_by_text("Magnesium deficiency induces an hyperalgesia").first.wait_for()
    page.get_by_text("weak-evidence").first.wait_for()

    page.goto(reverse("wagtailsnippets_evidence_claim:edit", args=[animal_only.pk]))
    open_footer_actions(page)
    page.get_by_role("button", name="Approve and Publish").click()
    page.locator(".modal").get_by_label("Acknowledgement").fill(
        "Animal studies only: shown with a limited-evidence badge."
    )
    page.locator(".modal").get_by_role("button", name="Approve").click()
    page.locator(".messages").get_by_text("approved and published").wait_for()
    assert Claim.objects.get(pk=animal_only.pk).live

    page.goto(reverse("wagtailsnippets_evidence_claim:edit", args=[disease.pk]))
    open_footer_actions(page)
    page.get_by_role("button", name="Request changes").click()
    page.locator(".modal").get_by_label("Reason").fill(REASON)
    page.locator(".modal").get_by_role("button", name="Request changes").click()
    page.locator(".messages").get_by_text("Changes requested").wait_for()

    page.context.clear_cookies()
    log_in(page, "editor", "editor-demo-pass")
    page.goto(reverse("wagtailsnippets_evidence_claim:edit", args=[disease.pk]))
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_text("Changes requested").first.wait_for()
    page.get_by_role("button", name="View details").click()
    page.get_by_text(REASON).first.wait_for()
    assert not Claim.objects.get(pk=disease.pk).live


def a_product_without(claim):
    """A published product with no pending draft that lacks ``claim``."""
    products = live_products(has_unpublished_changes=False)
    return products.exclude(claims__claim=claim).order_by("title").first()


def test_approved_claim_goes_on_a_product_through_review_and_shoppers_see_it(
    page, demo
):
    claim = evidence_demo.claim("energy_production")
    product = a_product_without(claim)
    log_in(page, "editor", "editor-demo-pass")
    page.goto(reverse("wagtailadmin_pages:edit", args=[product.pk]))

    page.get_by_role("button", name="Add claim").click()
    page.get_by_role("button", name="Choose claim").last.click()
    page.locator(".modal").get_by_placeholder("Search").fill("energy")
    page.locator(".modal a", has_text=claim.wording).click()
    page.get_by_text(claim.wording).first.wait_for()
    open_footer_actions(page)
    page.get_by_role("button", name="Submit to Compliance review").click()
    page.locator(".messages").get_by_text("submitted").wait_for()
    # Not live until a reviewer approves the page.
    assert escape(claim.wording) not in page.request.get(product.url).text()

    page.context.clear_cookies()
    log_in(page, "reviewer", "reviewer-demo-pass")
    # Reviewers act on pages from their queue; they cannot edit pages.
    row = page.locator("tr", has_text=product.title)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve").click()
    page.locator(".modal").get_by_role("button", name="Approve").click()
    row.wait_for(state="detached")  # out of the queue

    page.context.clear_cookies()
    page.goto(product.url)
    shown = page.locator(".product-claims__item", has_text=claim.wording)
    expect(shown).to_contain_text("Evidence: limited")
    citation = shown.locator("sup.cite a").first
    citation.click()
    reference = page.locator(citation.get_attribute("href"))
    assert "doi.org" in reference.get_by_role("link").first.get_attribute("href")
    assert (
        "Food and Drug Administration" in page.locator(".fda-disclaimer").inner_text()
    )
