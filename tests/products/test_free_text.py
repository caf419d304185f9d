"""Product pages are labelling: benefit or disease wording typed into any of
their fields, or shown from elsewhere, is refused through the real admin."""

import io
import json

import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from articles.factories import ArticlePageFactory
from evidence.factories import go_live
from mgsite.factories import BrandFactory
from mgsite.models import Brand
from products.factories import (
    MagnesiumFormFactory,
    ProductPageFactory,
    ProductVariantFactory,
)
from products.models import FormsComparisonPage, MagnesiumForm, ProductPage

pytestmark = pytest.mark.django_db

RELIEVES = "Relieves sciatica and cures migraine headaches"
PUBLISH = {"action-publish": "action-publish"}
SUBMIT = {"action-submit": "action-submit"}


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "b@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user("ed", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def product_form(
    product, action=PUBLISH, variant=None, images=(), reading=(), links=(), **kw
):
    existing = product.variants.first()
    variant = {
        "id": existing.pk,
        "sku": existing.sku,
        "size_label": existing.size_label,
        "amount": existing.amount,
        "price": existing.price,
        "currency": existing.currency,
        "in_stock": "on",
        "gtin": existing.gtin,
        **(variant or {}),
    }
    fields = {
        name: getattr(product, name)
        for name in (
            "title",
            "slug",
            "seo_title",
            "search_description",
            "summary",
            "brand",
            "format",
            "route_of_use",
            "elemental_mg_per_serving",
            "serving_size",
            "servings_per_day",
            "amount_per_serving",
            "other_ingredients",
            "allergens",
            "directions",
            "warnings",
        )
    }
    data = nested_form_data(
        {
            **fields,
            "magnesium_form": product.magnesium_form_id,
            "images": inline_formset(list(images)),
            "variants": inline_formset([variant], initial=1, min=1),
            "retailer_links": inline_formset(list(links)),
            "claims": inline_formset([]),
            **kw,
            **action,
        }
    )
    # A multiple choice posts one value per choice (nested_form_data would
    # number them).
    data["related_reading"] = [article.pk for article in reading]
    return data


def edit(client, page, data):
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def shopper_sees(client, page, words):
    client.logout()
    html = client.get(page.url).content.decode()
    api = client.get(f"/api/v2/products/{page.pk}/", {"fields": "*"})
    return words in html or words in api.content.decode()


@pytest.mark.parametrize(
    "field",
    [
        "title",
        "seo_title",
        "search_description",
        "summary",
        "brand",
        "serving_size",
        "other_ingredients",
        "allergens",
        "directions",
        "warnings",
    ],
)
def test_a_claim_typed_into_a_product_field_is_refused_on_that_field(
    admin_client, product, field
):
    response = edit(admin_client, product, product_form(product, **{field: RELIEVES}))

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert "sciatica" in errors and "move this into the claims library" in errors
    assert ProductPage.objects.get(pk=product.pk).live_revision == product.live_revision
    assert not shopper_sees(admin_client, product, "sciatica")


def test_a_slug_that_names_a_disease_is_refused(admin_client, product):
    data = product_form(product, slug="relieves-sciatica-magnesium")

    response = edit(admin_client, product, data)

    assert "sciatica" in " ".join(response.context["form"].errors["slug"])
    assert ProductPage.objects.get(pk=product.pk).slug == product.slug


def test_a_variant_label_or_image_alt_text_with_a_claim_is_refused(
    admin_client, product
):
    image = wagtail_factories.ImageFactory()
    images = [{"image": image.pk, "alt_text": RELIEVES}]

    for data in (
        product_form(product, variant={"size_label": RELIEVES}),
        product_form(product, images=images),
    ):
        response = edit(admin_client, product, data)
        assert response.status_code == 200
        assert "sciatica" in " ".join(response.context["form"].non_field_errors())
    assert not shopper_sees(admin_client, product, "sciatica")


def test_a_product_named_for_a_disease_is_refused_when_created(admin_client, catalogue):
    form = MagnesiumFormFactory()
    data = nested_form_data(
        {
            "title": "Migraine Relief Magnesium",
            "slug": "calm-capsules",
            "summary": "Magnesium glycinate capsules.",
            "brand": "Acme",
            "magnesium_form": form.pk,
            "format": "capsule",
            "route_of_use": "oral",
            "elemental_mg_per_serving": 100,
            "serving_size": "2 capsules",
            "servings_per_day": 1,
            "amount_per_serving": 2,
            "directions": "Take with food.",
            "warnings": "Keep out of the reach of children.",
            "images": inline_formset([]),
            "variants": inline_formset(
                [
                    {
                        "sku": "NEW-1",
                        "size_label": "60",
                        "amount": "60",
                        "price": "9",
                        "currency": "USD",
                    }
                ]
            ),
            "retailer_links": inline_formset([]),
            "claims": inline_formset([]),
            **PUBLISH,
        }
    )

    response = admin_client.post(
        f"/admin/pages/add/products/productpage/{catalogue.pk}/", data
    )

    assert response.status_code == 200
    assert "migraine" in " ".join(response.context["form"].errors["title"]).lower()
    assert not ProductPage.objects.filter(title__icontains="migraine").exists()


def approve_latest(product):
    """The saved draft, approved in compliance review (publishing needs it)."""
    go_live(ProductPage.objects.get(pk=product.pk).get_latest_revision_as_object())


def test_a_contraindication_in_the_warnings_is_published(admin_client, product):
    warning = "Do not take if you have kidney disease."

    response = edit(admin_client, product, product_form(product, warnings=warning))

    assert response.status_code == 302
    approve_latest(product)
    assert shopper_sees(admin_client, product, warning)


def test_submitting_for_review_is_refused_but_a_draft_saves_with_a_notice(
    editor_client, product
):
    submitted = edit(
        editor_client, product, product_form(product, SUBMIT, summary=RELIEVES)
    )
    saved = edit(editor_client, product, product_form(product, {}, summary=RELIEVES))

    assert submitted.status_code == 200
    assert "sciatica" in " ".join(submitted.context["form"].errors["summary"])
    assert saved.status_code == 302
    [notice] = [m.message for m in get_messages(saved.wsgi_request)]  # one per save
    assert "has been updated" in notice
    assert "Must be fixed before submitting" in notice
    assert not shopper_sees(editor_client, product, "sciatica")


def test_related_reading_is_part_of_the_page_and_its_teasers_are_checked(
    admin_client, product, hubs
):
    neutral = ArticlePageFactory(parent=hubs[0], title="Choosing a form")
    claiming = ArticlePageFactory(  # a draft: as an article it is refused too
        parent=hubs[0], title="A summary that claims", summary=RELIEVES, live=False
    )

    refused = edit(admin_client, product, product_form(product, reading=[claiming]))
    published = edit(admin_client, product, product_form(product, reading=[neutral]))

    assert "sciatica" in " ".join(refused.context["form"].errors["related_reading"])
    assert published.status_code == 302
    approve_latest(product)
    assert shopper_sees(admin_client, product, neutral.title)
    assert not shopper_sees(admin_client, product, claiming.title)


def test_the_catalogue_has_no_topic_filter(client, catalogue, hubs):
    ProductVariantFactory(page=ProductPageFactory(parent=catalogue, title="Plain Mg"))

    response = client.get(catalogue.url, {"topic": hubs[1].slug})
    html = response.content.decode()

    assert response.status_code == 200
    assert "Plain Mg" in html
    assert 'name="topic"' not in html
    assert hubs[1].title not in response.context["filter_form"].as_div()


def test_the_footer_disclaimer_with_a_claim_cannot_be_submitted(
    admin_client, home_page
):
    brand = BrandFactory()
    url = f"/admin/snippets/mgsite/brand/edit/{brand.pk}/"
    response = admin_client.post(
        url,
        {
            "site_name": brand.site_name,
            "tagline": brand.tagline,
            "brand_colour": brand.brand_colour,
            "brand_dark_colour": brand.brand_dark_colour,
            "medical_disclaimer": "Magnesium cures migraine headaches.",
            "action-submit": "Submit",
        },
    )

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["medical_disclaimer"])
    assert "migraine" in errors
    assert "cures" not in Brand.current().medical_disclaimer
    assert brand.current_workflow_state is None


def form_written_before_the_rules(**fields):
    """A live form whose row was written with no review (before the rules)."""
    return MagnesiumForm.objects.create(
        slug="old-form", elemental_share_percent=10, **fields
    )


def test_the_comparison_page_is_checked_with_the_forms_it_shows(
    admin_client, home_page
):
    form_written_before_the_rules(name="Old form", typical_uses=RELIEVES)
    page = home_page.add_child(
        instance=FormsComparisonPage(title="Forms compared", slug="forms")
    )
    data = nested_form_data({"title": page.title, "slug": page.slug, **PUBLISH})

    response = edit(admin_client, page, data)

    assert response.status_code == 200
    assert "sciatica" in " ".join(response.context["form"].non_field_errors())
    assert not FormsComparisonPage.objects.get(pk=page.pk).live_revision


def test_compliance_check_reports_a_snippet_written_before_the_rules(home_page):
    form_written_before_the_rules(name="Old form", typical_uses=RELIEVES)
    out = io.StringIO()

    with pytest.raises(CommandError):
        call_command("compliance_check", format="json", stdout=out)

    items = [json.loads(line) for line in out.getvalue().splitlines()]
    old = [item for item in items if item["label"] == "Old form"]
    assert old and old[0]["findings"][0]["severity"] == "error"


def test_wording_the_detector_is_unsure_of_needs_a_written_acknowledgement(product):
    from evidence.models import ReviewRefused
    from evidence.review import publish_with_review, review_users

    product.summary = "Magnesium may prevent muscle cramps."
    findings = product.compliance_findings()
    assert [f.severity for f in findings] == ["warning"]
    editor, reviewer = review_users()

    with pytest.raises(ReviewRefused, match="acknowledgement"):
        publish_with_review(product, editor, reviewer)
    assert "cramps" not in ProductPage.objects.get(pk=product.pk).summary
    product = ProductPage.objects.get(pk=product.pk)  # the refusal rolled back
    product.summary = "Magnesium may prevent muscle cramps."
    publish_with_review(
        product,
        editor,
        reviewer,
        acknowledgement="Cramps after exercise, not a disease.",
    )

    assert ProductPage.objects.get(pk=product.pk).summary == product.summary


def shop_link(sku, retailer="Harbour Pharmacy"):
    return {
        "sku": sku,
        "retailer": retailer,
        "url": "https://harbour.example.com/p/1",
        "price": "23.50",
        "currency": "USD",
        "listed_on": "2026-11-30",
    }


def test_a_shop_link_goes_live_only_when_the_page_is_approved(editor_client, product):
    # A size renamed in the same form: the link names the SKU as edited.
    data = product_form(
        product, SUBMIT, variant={"sku": "GLY-120"}, links=[shop_link("GLY-120")]
    )

    response = edit(editor_client, product, data)

    assert response.status_code == 302
    assert not shopper_sees(editor_client, product, "Harbour Pharmacy")
    approve_latest(product)
    assert shopper_sees(editor_client, product, "Harbour Pharmacy")


def test_a_shop_link_for_a_size_the_product_lacks_is_refused_on_its_field(
    admin_client, product
):
    data = product_form(product, links=[shop_link("NO-SUCH-SKU")])

    response = edit(admin_client, product, data)

    assert response.status_code == 200
    [link_form] = response.context["form"].formsets["retailer_links"].forms
    assert "NO-SUCH-SKU" in " ".join(link_form.errors["sku"])
    assert not product.retailer_links.exists()


def test_a_shop_named_for_a_disease_is_refused(admin_client, product):
    sku = product.variants.get().sku
    data = product_form(product, links=[shop_link(sku, "Arthritis Cure Pharmacy")])

    response = edit(admin_client, product, data)

    assert response.status_code == 200
    assert "arthritis" in " ".join(response.context["form"].non_field_errors()).lower()
    assert not product.retailer_links.exists()
    assert not shopper_sees(admin_client, product, "Arthritis")
