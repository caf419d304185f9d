import pytest
from django.core.management import call_command

from products.factories import ClaimFactory, approved_claim
from products.models import MagnesiumForm, ProductClaim, ProductPage

pytestmark = pytest.mark.django_db


def test_demo_catalogue_has_eight_forms_and_products_with_variants_and_images():
    call_command("load_demo", verbosity=0)

    assert MagnesiumForm.objects.count() == 8
    products = ProductPage.objects.live()
    assert products.count() >= 8
    assert len({p.magnesium_form_id for p in products}) >= 6
    assert len({p.format for p in products}) == 6
    for product in products:
        assert 1 <= product.variants.count() <= 4
        assert product.images.exclude(alt_text="").count() == 1


def test_demo_warnings_cover_kidneys_antibiotics_loose_stools_and_upper_limit():
    call_command("load_demo", verbosity=0)

    warnings = ProductPage.objects.get(slug="calm-glycinate-capsules").warnings
    for words in ("kidney disease", "antibiotics", "bisphosphonates", "loose stools"):
        assert words in warnings
    assert "350 mg" in warnings


def test_demo_attaches_library_claims_and_keeps_the_pending_one_off_the_page(
    client,
):
    shown = approved_claim(wording="Magnesium contributes to normal muscle function.")
    pending = ClaimFactory(wording="Magnesium eases back pain in a week.")

    call_command("load_demo", verbosity=0)

    product = ProductPage.objects.get(slug="calm-glycinate-capsules")
    html = client.get(product.url).content.decode()
    assert shown.wording in html
    assert pending.wording not in html
    assert not ProductClaim.objects.filter(claim=pending).exists()
    draft = product.get_latest_revision().as_object()
    assert pending in [row.claim for row in draft.claims.all()]


def test_demo_without_evidence_content_creates_products_without_claims():
    call_command("load_demo", verbosity=0)

    assert not ProductClaim.objects.exists()
    assert ProductPage.objects.count() >= 8
