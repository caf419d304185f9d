import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evidence.compliance import FDA_DISCLAIMER_PLURAL as FDA_DISCLAIMER_MANY
from evidence.compliance import FDA_DISCLAIMER_SINGULAR as FDA_DISCLAIMER_ONE
from evidence.factories import SourceFactory, approved_claim
from evidence.models import ClaimKind, Source
from products.factories import (
    ProductImageFactory,
    ProductPageFactory,
    ProductVariantFactory,
    attach_claims,
)
from products.models import ProductClaim

pytestmark = pytest.mark.django_db


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_page_shows_name_form_format_price_range_and_availability(client, product):
    ProductVariantFactory(page=product, price="39.50", in_stock=False)

    html = html_of(client, product)

    assert product.title in html
    assert product.magnesium_form.name in html
    assert "Capsule" in html
    assert "USD 24.00–39.50" in html
    assert "In stock" in html


def test_supplement_facts_show_amount_per_serving_and_daily_value(client, product):
    html = html_of(client, product)

    assert "150 mg" in html
    assert "36%" in html  # 150 mg of the 420 mg US Daily Value, per serving
    assert "300 mg" in html  # two servings a day
    assert "71% of the US Daily Value" in html
    assert "80% of the EU Nutrient Reference Value" in html


def test_approved_claim_is_shown_with_its_badge_and_numbered_citation(client, product):
    claim = approved_claim(sources=1)
    attach_claims(product, [claim])

    html = html_of(client, product)

    assert claim.wording in html
    assert "Evidence: moderate" in html
    assert 'href="#ref-1"' in html
    assert 'id="ref-1"' in html
    assert claim.current_sources[0].title.rstrip(".") in html


def test_only_approved_wording_is_rendered(client, product):
    # The product was approved with four approved claims; since then one was
    # withdrawn, one lost its only source and one has an edit in review.
    shown, withdrawn, retracted_only, edited = (approved_claim() for _ in range(4))
    attach_claims(product, [shown, withdrawn, retracted_only, edited])
    withdrawn.unpublish()
    Source.objects.filter(claim_citations__claim=retracted_only).update(
        retracted=True, retracted_on=timezone.now().date()
    )
    live_wording = edited.wording
    edited.wording = "Cures back pain overnight"
    edited.save_revision()

    html = html_of(client, product)

    assert shown.wording in html
    assert live_wording in html
    for hidden in (withdrawn, retracted_only):
        assert hidden.wording not in html
    assert "Cures back pain overnight" not in html


def test_no_disclaimer_without_a_structure_function_claim(client, product):
    attach_claims(product, [approved_claim(kind=ClaimKind.EU_AUTHORISED)])

    html = html_of(client, product)

    assert "Food and Drug Administration" not in html
    assert "†" not in html


def test_one_structure_function_claim_gets_the_singular_disclaimer(client, product):
    attach_claims(
        product, [approved_claim(), approved_claim(kind=ClaimKind.EU_AUTHORISED)]
    )

    html = html_of(client, product)

    assert FDA_DISCLAIMER_ONE in html
    assert FDA_DISCLAIMER_MANY not in html
    assert html.count("†") == 2  # on the claim and before the disclaimer


def test_several_structure_function_claims_get_the_plural_disclaimer(client, product):
    attach_claims(product, [approved_claim(), approved_claim()])

    html = html_of(client, product)

    assert FDA_DISCLAIMER_MANY in html
    assert FDA_DISCLAIMER_ONE not in html


def test_disclaimer_absent_when_the_only_structure_function_claim_is_unapproved(
    client, product
):
    claim = approved_claim(kind=ClaimKind.STRUCTURE_FUNCTION)
    attach_claims(product, [claim])
    assert "Food and Drug Administration" in html_of(client, product)

    claim.unpublish()

    assert "Food and Drug Administration" not in html_of(client, product)


def test_a_source_cited_by_two_claims_keeps_one_number(client, product):
    source = SourceFactory()
    attach_claims(
        product,
        [approved_claim(sources=[source]), approved_claim(sources=[source])],
    )

    html = html_of(client, product)

    assert html.count('id="ref-1"') == 1
    assert 'id="ref-2"' not in html


def test_claims_and_their_citations_keep_the_order_the_editor_gave(
    client, product, catalogue
):
    first, second = SourceFactory(), SourceFactory()
    sleep = approved_claim(sources=[second, first], wording="Supports restful sleep.")
    muscle = approved_claim(wording="Aids normal muscle function.")
    attach_claims(product, [sleep, muscle])
    # Another product lists them the other way round; this page is unaffected.
    attach_claims(ProductPageFactory(parent=catalogue), [muscle, sleep])

    html = html_of(client, product)

    assert html.index(sleep.wording) < html.index(muscle.wording)
    references = html[html.index('id="ref-1"') :]
    assert references.index(second.title) < references.index(first.title)


def test_a_claim_attached_twice_is_shown_once_with_each_citation_once(product):
    # The database keeps one attachment per claim; an editor's unsaved
    # rows (a preview) may still repeat one.
    claim = approved_claim(sources=2)
    product.claims = [ProductClaim(claim=claim), ProductClaim(claim=claim)]

    html = product.make_preview_request().content.decode()

    assert html.count(claim.wording) == 1
    assert html.count('href="#ref-1"') == 1
    assert html.count('href="#ref-2"') == 1


def test_a_preview_shows_an_approved_claim_attached_in_the_editor(client, product):
    claim = approved_claim()
    product.claims = [ProductClaim(claim=claim)]  # in the editor, not saved

    preview = product.make_preview_request().content.decode()

    assert claim.wording in preview
    assert 'href="#ref-1"' in preview
    assert claim.wording not in html_of(client, product)


def test_images_are_shown_with_their_alt_text(client, product):
    ProductImageFactory(page=product, alt_text="A green bottle of capsules")

    assert 'alt="A green bottle of capsules"' in html_of(client, product)


def test_directions_and_warnings_are_shown(client, product):
    html = html_of(client, product)

    assert product.directions in html
    assert product.warnings in html


def test_the_pages_content_is_rendered_once_until_something_changes(client, product):
    """The content is a template fragment kept under the content version:
    a second visit reads none of its claims from the database, and a
    change (a new price) shows at once."""
    attach_claims(product, [approved_claim(sources=2)])
    variant = product.variants.first()

    def claim_reads():
        with CaptureQueriesContext(connection) as queries:
            html_of(client, product)
        return [q for q in queries if "evidence_claimsource" in q["sql"]]

    assert claim_reads()
    assert not claim_reads()

    variant.price = "19.25"
    variant.save()

    assert "19.25" in html_of(client, product)


def test_a_preview_after_a_visit_shows_the_editors_unsaved_words(client, product):
    # A visit on the host the preview renders for keeps the content.
    assert client.get(product.url, HTTP_HOST="localhost").status_code == 200
    product.summary = "A new summary, not yet saved."

    preview = product.make_preview_request().content

    def summary(html):
        return BeautifulSoup(html, "html.parser").select_one(".product__summary").text

    assert summary(preview) == "A new summary, not yet saved."
    visit = client.get(product.url, HTTP_HOST="localhost").content
    assert summary(visit) != "A new summary, not yet saved."
