"""Evidence on product pages: badges that say what stands behind a claim and
link its dossier, claims whose evidence finds no effect kept off, and query
budgets that do not grow with citations."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from evidence import compliance
from evidence.factories import approved_claim
from evidence.models import Claim, Direction, StudyType
from products.factories import attach_claims
from products.models import ProductClaim
from tests.evidence.test_dossier import claim_citing, codes, dossier, queries_for

pytestmark = pytest.mark.django_db


def test_product_badge_says_what_stands_behind_a_claim_and_links_its_dossier(
    client, product
):
    claim = claim_citing(
        (StudyType.RCT, {"direction": Direction.SUPPORTS, "participants": 200}),
        (StudyType.RCT, {"direction": Direction.SUPPORTS, "participants": 150}),
        (StudyType.RCT, {"direction": Direction.NO_EFFECT, "participants": 62}),
    )
    attach_claims(product, [claim])

    page = client.get(product.url).content.decode()

    assert (
        "3 randomised trials, 412 people: 2 found a benefit, 1 found no clear effect."
        in page
    )
    assert f'href="{dossier(claim)}"' in page
    assert "Evidence: moderate, conflicting" in page


def test_product_page_queries_do_not_grow_with_citations(
    client, catalogue, django_assert_num_queries, settings
):
    from products.factories import ProductPageFactory, ProductVariantFactory

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    }
    pages = []
    for sources in (1, 8):
        product = ProductPageFactory(parent=catalogue)
        ProductVariantFactory(page=product)
        attach_claims(product, [approved_claim(sources=sources) for _ in range(2)])
        pages.append(product)
    budget = queries_for(client, pages[0].url)
    client.get(pages[1].url)  # warm, as the first was

    with django_assert_num_queries(budget):
        assert client.get(pages[1].url).status_code == 200


def test_evidence_mostly_of_no_effect_is_lowest_and_an_error_on_a_product(product):
    claim = claim_citing(
        (StudyType.SYSTEMATIC_REVIEW, {"direction": Direction.NO_EFFECT}),
        (StudyType.RCT, {"direction": Direction.SUPPORTS}),
    )

    assert claim.evidence_level == "none"
    assert claim.evidence_level_label == "Not supported"
    assert "contrary-evidence" in codes(compliance.check(claim))
    assert codes(compliance.check_attachments([claim], 300, labelling=True)) == [
        "contrary-evidence-on-product"
    ]
    assert compliance.check_attachments([claim]) == []  # an article may report it
    assert compliance.public_claims([claim], 300, labelling=True) == []
    assert compliance.public_claims([claim]) == [claim]


def test_contrary_claim_is_not_shown_on_a_product_page(client, product):
    claim = claim_citing((StudyType.RCT, {"direction": Direction.AGAINST}))
    ProductClaim.objects.create(page=product, claim=claim, sort_order=0)

    assert claim.wording not in client.get(product.url).content.decode()


def test_an_expired_claim_is_not_shown_before_the_scheduled_command_runs(
    client, product
):
    """Its expiry time passes with nothing saved: the page, kept under the
    content version, is rendered afresh without it."""
    claim = approved_claim()
    attach_claims(product, [claim])
    assert claim.wording in client.get(product.url).content.decode()

    expires = timezone.now() + timedelta(seconds=3)
    claim.expire_at = expires
    claim.save(update_fields=["expire_at"])
    if timezone.now() < expires:  # kept with the claim, while it is current
        assert claim.wording in client.get(product.url).content.decode()
    time.sleep(max(0, (expires - timezone.now()).total_seconds()) + 0.1)

    assert Claim.objects.get(pk=claim.pk).live  # publish_scheduled has not run
    assert claim.wording not in client.get(product.url).content.decode()
    assert client.get(f"/evidence/claims/{claim.pk}/").status_code == 404
