import io
import json

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from evidence.compliance import ComplianceError
from evidence.factories import DraftClaimFactory, approved_claim, go_live
from evidence.models import Source
from evidence.wagtail_hooks import refuse_to_publish_what_no_reviewer_approved as hook
from products.factories import ProductPageFactory, attach_claims
from products.models import ProductClaim, ProductPage

pytestmark = pytest.mark.django_db


def draft_with_claim(product, claim):
    product.claims.add(ProductClaim(claim=claim))
    return product.save_revision()


def test_revision_with_an_unapproved_claim_cannot_be_published(product):
    revision = draft_with_claim(product, DraftClaimFactory())

    with pytest.raises(ComplianceError, match="is not approved"):
        revision.publish()

    product.refresh_from_db()
    assert product.live_revision_id != revision.pk
    assert not ProductClaim.objects.filter(page=product).exists()


def test_revision_below_a_claims_minimum_dose_cannot_be_published(product):
    claim = approved_claim(min_daily_elemental_mg=product.elemental_mg_per_day + 1)
    revision = draft_with_claim(product, claim)

    with pytest.raises(ComplianceError, match="needs at least"):
        revision.publish()


def test_revision_with_approved_claims_is_published_only_through_review(product):
    revision = draft_with_claim(product, approved_claim())

    with pytest.raises(ComplianceError, match="no compliance approval"):
        revision.publish()
    assert not ProductClaim.objects.filter(page=product).exists()

    go_live(product)

    assert ProductClaim.objects.filter(page=product).count() == 1


def admin_post_data(product, claim):
    variant = product.variants.get()
    return nested_form_data(
        {
            "title": product.title,
            "slug": product.slug,
            "summary": product.summary,
            "brand": product.brand,
            "magnesium_form": product.magnesium_form_id,
            "format": product.format,
            "elemental_mg_per_serving": product.elemental_mg_per_serving,
            "serving_size": product.serving_size,
            "servings_per_day": product.servings_per_day,
            "route_of_use": product.route_of_use,
            "amount_per_serving": product.amount_per_serving,
            "directions": product.directions,
            "warnings": product.warnings,
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
                        "in_stock": "on",
                        "gtin": variant.gtin,
                    }
                ],
                initial=1,
                min=1,
            ),
            "retailer_links": inline_formset([]),
            "claims": inline_formset([{"claim": claim.pk}]),
            "action-publish": "action-publish",
        }
    )


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "b@example.com", "pw")
    client.force_login(user)
    return client


def test_admin_publish_with_an_unapproved_claim_is_refused(admin_client, product):
    claim = DraftClaimFactory()

    response = admin_client.post(
        f"/admin/pages/{product.pk}/edit/", admin_post_data(product, claim)
    )

    assert response.status_code == 200
    assert "is not approved" in response.content.decode()
    assert not ProductClaim.objects.filter(page=product).exists()
    assert claim.wording not in admin_client.get(product.url).content.decode()


def test_admin_publish_with_an_approved_claim_waits_for_review(admin_client, product):
    claim = approved_claim()

    response = admin_client.post(
        f"/admin/pages/{product.pk}/edit/", admin_post_data(product, claim)
    )

    assert response.status_code == 302
    assert not ProductClaim.objects.filter(page=product, claim=claim).exists()
    assert claim.wording not in admin_client.get(product.url).content.decode()

    go_live(Page.objects.get(pk=product.pk).specific.get_latest_revision_as_object())

    assert ProductClaim.objects.filter(page=product, claim=claim).exists()
    assert claim.wording in admin_client.get(product.url).content.decode()


def test_editors_can_create_product_pages_under_the_catalogue(
    client, django_user_model, catalogue
):
    editor = django_user_model.objects.create_user("ed", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    response = client.get(f"/admin/pages/add/products/productpage/{catalogue.pk}/")

    assert response.status_code == 200


def test_attached_claims_stay_hidden_after_their_approval_is_withdrawn(client, product):
    claim = approved_claim()
    attach_claims(product, [claim])
    claim.unpublish()

    assert claim.wording not in client.get(product.url).content.decode()
    assert Page.objects.get(pk=product.pk).live
    assert isinstance(product.specific, ProductPage)


def test_publish_hook_stops_a_product_page_with_an_unapproved_claim(
    admin_client, product
):
    draft = DraftClaimFactory()

    response = admin_client.post(
        f"/admin/pages/{product.pk}/edit/",
        admin_post_data(product, draft),
        follow=True,
    )

    assert response.status_code == 200
    assert "is not approved" in response.content.decode()
    assert not ProductClaim.objects.filter(page=product, claim=draft).exists()


def test_publish_hook_lets_an_approved_unchanged_product_page_through(rf, product):
    assert hook(rf.post("/admin/"), product) is None


def test_publish_action_used_by_the_editor_and_admin_api_is_refused(product):
    from wagtail.actions.publish_page_revision import PublishPageRevisionAction

    revision = draft_with_claim(product, DraftClaimFactory())

    with pytest.raises(ComplianceError):
        PublishPageRevisionAction(revision).execute(skip_permission_checks=True)

    product.refresh_from_db()
    assert product.live_revision_id != revision.pk
    assert not ProductClaim.objects.filter(page=product).exists()


def test_saving_a_live_page_without_publishing_is_not_blocked(product):
    claim = approved_claim()
    attach_claims(product, [claim])
    claim.unpublish()
    product.refresh_from_db()

    product.title = "Renamed"
    product.save()

    assert ProductPage.objects.get(pk=product.pk).title == "Renamed"


def test_compliance_check_query_count_does_not_grow_with_product_pages(catalogue):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            call_command("compliance_check", format="json", stdout=io.StringIO())
        return len(captured)

    def add_products(count):
        for _ in range(count):
            attach_claims(ProductPageFactory(parent=catalogue), [approved_claim(2)])

    add_products(2)
    with_two = queries()
    add_products(8)

    assert queries() == with_two


def test_compliance_check_reports_a_live_products_claims_that_lost_their_ground(
    catalogue,
):
    sound = ProductPageFactory(parent=catalogue, title="Sound")
    retracted = ProductPageFactory(parent=catalogue, title="Retracted source")
    underdosed = ProductPageFactory(parent=catalogue, title="Under the dose")
    attach_claims(sound, [approved_claim()])
    lost_source = approved_claim()
    attach_claims(retracted, [lost_source])
    raised = approved_claim(min_daily_elemental_mg=underdosed.elemental_mg_per_day)
    attach_claims(underdosed, [raised])
    raised.min_daily_elemental_mg += 1  # a reviewed change of its condition
    go_live(raised)
    Source.objects.filter(claim_citations__claim=lost_source).update(retracted=True)

    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("compliance_check", format="json", stdout=out)

    codes = {
        item["label"]: [finding["code"] for finding in item["findings"]]
        for item in map(json.loads, out.getvalue().splitlines())
        if item["kind"] == "productpage"
    }
    assert codes == {
        "Sound": [],
        "Retracted source": ["no-source"],
        "Under the dose": ["dose-below-condition"],
    }
