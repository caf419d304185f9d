"""Dose safety from the reviewed data file: the upper intake level is a
rule, and the interaction and kidney warnings come from data on every page."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from evidence.compliance import ComplianceError
from evidence.factories import go_live
from products import safety
from products.factories import ProductPageFactory, ProductVariantFactory
from products.models import ProductFormat, ProductRoute

pytestmark = pytest.mark.django_db


@pytest.fixture
def strong(catalogue):
    """Two 200 mg servings a day: 400 mg, above the 350 mg upper limit."""
    product = ProductPageFactory(
        parent=catalogue, elemental_mg_per_serving=200, servings_per_day=2, live=False
    )
    ProductVariantFactory(page=product, amount=120)
    return product


def test_the_data_gives_the_us_upper_limit_with_its_source():
    limit = safety.data()["upper_limit"]

    assert limit["mg_per_day"] == 350
    assert "Dietary Reference Intakes" in limit["source"]
    assert all(entry["source"] and entry["url"] for entry in safety.data()["warnings"])


def test_a_product_above_the_upper_limit_cannot_be_published(strong):
    revision = strong.save_revision()

    with pytest.raises(ComplianceError, match="more than the 350 mg upper limit"):
        revision.publish()


def test_with_the_approved_warning_it_is_published_and_shows_it(client, strong):
    strong.carries_upper_limit_warning = True
    go_live(strong)

    html = client.get(strong.url).content.decode()

    assert "directions give 400 mg of magnesium a day" in html
    assert "take this amount only if a doctor advises it" in html


def test_at_the_upper_limit_there_is_no_error(catalogue):
    product = ProductPageFactory(
        parent=catalogue, elemental_mg_per_serving=175, servings_per_day=2
    )

    assert safety.upper_limit_findings(product) == []


def test_a_bath_product_has_no_daily_dose_to_limit(catalogue):
    flakes = ProductPageFactory(
        parent=catalogue,
        format=ProductFormat.BATH_FLAKES,
        route_of_use=ProductRoute.BATH,
        elemental_mg_per_serving=24750,
    )

    assert safety.upper_limit_findings(flakes) == []


def test_admin_publish_above_the_upper_limit_is_refused(
    client, django_user_model, strong
):
    client.force_login(django_user_model.objects.create_superuser("boss", "", "pw"))
    variant = strong.variants.get()
    data = nested_form_data(
        {
            **{
                name: getattr(strong, name)
                for name in (
                    "title",
                    "slug",
                    "summary",
                    "brand",
                    "format",
                    "route_of_use",
                    "elemental_mg_per_serving",
                    "serving_size",
                    "servings_per_day",
                    "amount_per_serving",
                    "directions",
                    "warnings",
                )
            },
            "magnesium_form": strong.magnesium_form_id,
            "images": inline_formset([]),
            "variants": inline_formset(
                [
                    {
                        "id": variant.pk,
                        "sku": variant.sku,
                        "size_label": variant.size_label,
                        "amount": variant.amount,
                        "price": variant.price,
                        "currency": variant.currency,
                    }
                ],
                initial=1,
                min=1,
            ),
            "retailer_links": inline_formset([]),
            "claims": inline_formset([]),
            "action-publish": "action-publish",
        }
    )

    response = client.post(f"/admin/pages/{strong.pk}/edit/", data, follow=True)

    assert "more than the 350 mg upper limit" in response.content.decode()
    strong.refresh_from_db()
    assert strong.live_revision_id is None  # nothing was published


def test_oral_pages_show_interaction_and_kidney_warnings_from_data(client, product):
    html = client.get(product.url).content.decode()

    for entry in safety.data()["warnings"]:
        assert (entry["text"] in html) is ("oral" in entry["routes"])
    assert safety.data()["upper_limit"]["warning"] in html


def test_a_spray_shows_the_skin_warnings_not_the_medicine_ones(client, catalogue):
    spray = ProductPageFactory(
        parent=catalogue,
        format=ProductFormat.TOPICAL,
        route_of_use=ProductRoute.TOPICAL,
    )

    html = client.get(spray.url).content.decode()

    assert "Talk to a doctor before use if you have kidney disease." in html
    assert "quinolone" not in html
    assert "350 mg" not in html
