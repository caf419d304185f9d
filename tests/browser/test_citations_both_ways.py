"""Citations go both ways in a real browser, on a phone and a desktop: a
marker leads to its reference, which is highlighted; the reference's "↩"
leads back to the marker, which is highlighted in turn."""

import pytest
from playwright.sync_api import expect

from evidence.factories import SourcedClaimFactory, SourceFactory
from tests.articles.conftest import cite, hub, make_article, paragraph  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HIGHLIGHT = "outline-style"


@pytest.mark.parametrize("width", [390, 1280])
def test_a_marker_leads_to_its_reference_and_back(page, make_article, width):  # noqa: F811
    first, second = SourceFactory(title="Magnesium and sleep"), SourceFactory()
    claim = SourcedClaimFactory(sources=[second, first])
    article = make_article(
        [
            paragraph(cite(first, "a trial found") + " and " + cite(second)),
            {"type": "claim", "value": claim.pk},
        ]
    )
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(article.url)

    # Within the claim, its two markers ascend.
    claim_markers = page.locator("p.claim sup.cite a")
    expect(claim_markers).to_have_text(["[1]", "[2]"])

    marker = page.locator("#cite-1-1")
    box = marker.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, "too small to tap"
    reference = page.locator("#ref-1")
    assert reference.evaluate(f"e => getComputedStyle(e)['{HIGHLIGHT}']") == "none"

    marker.click()
    page.wait_for_url("**#ref-1")
    expect(reference).to_contain_text("Magnesium and sleep")
    assert reference.evaluate("e => e.matches(':target')")
    assert reference.evaluate(f"e => getComputedStyle(e)['{HIGHLIGHT}']") == "solid"

    # Cited twice (the text and the claim): a way back to each.
    back = reference.locator("a.references__back")
    expect(back).to_have_count(2)
    expect(back.first).to_have_accessible_name(
        "Back to citation 1 of reference 1 in the text"
    )
    back.first.click()
    page.wait_for_url("**#cite-1-1")
    assert marker.evaluate("e => e.matches(':target')")
    assert marker.evaluate(f"e => getComputedStyle(e)['{HIGHLIGHT}']") == "solid"
    expect(marker).to_be_in_viewport()
