"""A product page and a magnesium form attach each claim once: a repeat is a
form error on the field, and the database refuses one made around the form."""

import pytest
from django.db import IntegrityError, transaction
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from evidence.factories import approved_claim
from products.factories import MagnesiumFormFactory
from products.models import MagnesiumFormClaim, ProductClaim
from tests.products.magnesium_forms import edit_url, form_data
from tests.products.test_publication_gate import admin_post_data

pytestmark = pytest.mark.django_db

ALREADY_ATTACHED = "This claim is already attached to this product."


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("boss", "b@example.com", "pw")
    )
    return client


def test_attaching_the_same_claim_twice_to_a_product_is_an_error_on_the_field(
    superuser_client, product
):
    claim = approved_claim()
    revisions = product.revisions.count()
    data = admin_post_data(product, claim)
    del data["action-publish"]
    data.update(nested_form_data({"claims": inline_formset([{"claim": claim.pk}] * 2)}))

    response = superuser_client.post(f"/admin/pages/{product.pk}/edit/", data)

    errors = [
        form.errors.get("claim", [])
        for form in response.context["form"].formsets["claims"].forms
    ]
    assert response.status_code == 200
    assert errors[0] == []
    assert ALREADY_ATTACHED in errors[1][0]
    assert product.revisions.count() == revisions
    assert not ProductClaim.objects.filter(page=product).exists()


def test_the_database_refuses_a_second_attachment_of_the_same_claim(product):
    claim = approved_claim()
    ProductClaim.objects.create(page=product, claim=claim, sort_order=0)

    with pytest.raises(IntegrityError), transaction.atomic():
        ProductClaim.objects.create(page=product, claim=claim, sort_order=1)


def test_stating_the_same_claim_twice_for_a_magnesium_form_is_an_error_on_the_field(
    superuser_client,
):
    form = MagnesiumFormFactory()
    claim = approved_claim()
    data = form_data(form, benefit_claims=[{"claim": claim.pk}] * 2)

    response = superuser_client.post(edit_url(form), data)

    formset = response.context["form"].formsets["benefit_claims"]
    assert response.status_code == 200
    assert "already among this form's benefit statements" in " ".join(
        formset.forms[1].errors["claim"]
    )
    assert not MagnesiumFormClaim.objects.filter(form=form).exists()
