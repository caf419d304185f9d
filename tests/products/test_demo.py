import pytest
from django.core.management import call_command

from evidence import demo as evidence_demo
from products.models import MagnesiumForm, ProductClaim, ProductPage, approved_forms

pytestmark = pytest.mark.django_db


def test_demo_catalogue_has_eight_forms_and_products_with_variants_and_images():
    call_command("load_demo", verbosity=0)

    assert MagnesiumForm.objects.count() == len(approved_forms()) == 8
    products = ProductPage.objects.live()
    assert products.count() >= 8
    assert len({p.magnesium_form_id for p in products}) >= 6
    assert len({p.format for p in products}) == 6
    for product in products:
        assert 1 <= product.variants.count() <= 4
        assert product.images.exclude(alt_text="").count() == 1


def test_demo_warnings_cover_kidneys_medicines_loose_stools_and_upper_limit(client):
    call_command("load_demo", verbosity=0)

    product = ProductPage.objects.get(slug="glycinate-capsules")
    html = client.get(product.url).content.decode()
    for words in (
        "kidney disease",
        "quinolone antibiotics",
        "bisphosphonates",
        "diuretic",
        "proton-pump inhibitor",
        "loose stools",
        "350 mg",
    ):
        assert words in html
    assert "350 mg" not in product.warnings  # from data, not retyped


def test_demo_products_show_approved_claims_and_keep_the_pending_one_off_the_page(
    client,
):
    call_command("load_demo", verbosity=0)
    shown = evidence_demo.claim("muscle_relaxation")
    pending = evidence_demo.claim("back_pain_trial")

    product = ProductPage.objects.get(slug="glycinate-capsules")
    html = client.get(product.url).content.decode()

    assert shown.live and not pending.live
    assert shown.wording in html
    assert "This statement has not been evaluated" in html or (
        "These statements have not been evaluated" in html
    )
    assert pending.wording not in html
    assert not ProductClaim.objects.filter(claim=pending).exists()
    draft = product.get_latest_revision().as_object()
    assert pending in [row.claim for row in draft.claims.all()]


def test_every_oral_demo_product_carries_an_approved_claim_and_topicals_none():
    call_command("load_demo", verbosity=0)

    for product in ProductPage.objects.live():
        topical = product.format in {"topical", "bath_flakes"}
        assert bool(product.public_claims) is not topical, product.title
