import pytest

from evidence.factories import approved_claim
from products.factories import ProductPageFactory, attach_claims

pytestmark = pytest.mark.django_db


def test_products_endpoint_lists_live_products_with_their_figures(
    client, product, catalogue
):
    ProductPageFactory(parent=catalogue, live=False, title="Hidden draft")

    data = client.get("/api/v2/products/").json()

    assert data["meta"]["total_count"] == 1
    item = data["items"][0]
    assert item["title"] == product.title
    assert item["magnesium_form"]["slug"] == product.magnesium_form.slug


def test_product_detail_exposes_approved_claims_with_citations_and_level(
    client, product
):
    claim = approved_claim(sources=2)
    attach_claims(product, [claim])

    data = client.get(f"/api/v2/products/{product.pk}/").json()

    claims = data["claims"]
    assert claims["claims"] == [
        {
            "wording": claim.wording,
            "kind": "structure_function",
            "evidence_level": "Strong",
            "evidence_level_explanation": claim.evidence_level_explanation,
            "evidence_summary": "2 randomised trials: 2 found a benefit.",
            "dossier": f"/evidence/claims/{claim.pk}/",
            "citations": [1, 2],
        }
    ]
    assert [ref["pmid"] for ref in claims["references"]] == [
        source.pmid for source in claim.current_sources
    ]
    assert claims["disclaimer"].startswith("This statement has not been evaluated")
    assert data["variants"][0]["price"] == "24.00"
    assert data["elemental_mg_per_day"] == 300


def test_api_never_returns_unapproved_wording(client, product):
    withdrawn = approved_claim(wording="Pending wording that nobody approved")
    edited = approved_claim()
    attach_claims(product, [withdrawn, edited])
    withdrawn.unpublish()
    approved_wording = edited.wording
    edited.wording = "Draft rewording awaiting review"
    edited.save_revision()

    for url in ("/api/v2/products/?fields=*", f"/api/v2/products/{product.pk}/"):
        body = client.get(url).content.decode()

        assert approved_wording in body
        assert "Pending wording that nobody approved" not in body
        assert "Draft rewording awaiting review" not in body


def test_api_type_parameter_cannot_reach_other_pages(client, product, hubs):
    response = client.get("/api/v2/products/", {"type": "articles.TopicHubPage"})

    titles = [item["title"] for item in response.json().get("items", [])]
    assert all(hub.title not in titles for hub in hubs)


def test_api_is_read_only(client, product):
    response = client.post("/api/v2/products/", {"title": "x"})

    assert response.status_code == 405
