"""A magnesium form's name and notes are labelling shown beside products:
a change waits as a draft until a compliance reviewer who did not write it
approves it, and a form whose row is not what was approved is not shown
anywhere a shopper reads it."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from evidence.review_views import review_url
from products.factories import MagnesiumFormFactory, ProductPageFactory
from products.models import MagnesiumForm
from tests.evidence.conftest import make_user
from tests.products.magnesium_forms import edit_url, form_data
from tests.services import empty_caches

pytestmark = pytest.mark.django_db

NOTE = "Taken with the evening meal."
NEW_NOTE = "Taken with breakfast or the evening meal."


@pytest.fixture
def form():
    return MagnesiumFormFactory(name="Glycinate", slug="glycinate", typical_uses=NOTE)


@pytest.fixture
def product(catalogue, form):
    return ProductPageFactory(parent=catalogue, magnesium_form=form)


def post_change(client, form, action, **changes):
    """Post the form's editor with ``changes``, pressing ``action``'s button."""
    data = {**form_data(form, **changes), f"action-{action}": action.title()}
    return client.post(edit_url(form), data)


def what_a_shopper_reads(client, product, comparison_page):
    page = BeautifulSoup(client.get(product.url).content, "html.parser")
    facts = page.select_one(".product__facts-line").get_text(" ", strip=True)
    product_json = next(
        item
        for script in page.find_all("script", type="application/ld+json")
        for item in [json.loads(script.string)]
        if "activeIngredient" in json.dumps(item)
    )
    api = client.get(f"/api/v2/products/{product.pk}/").json()
    catalogue = client.get(product.get_parent().url).content.decode()
    comparison = client.get(comparison_page.url).content.decode()
    return {
        "facts": facts,
        "json_ld": json.dumps(product_json),
        "api": api["magnesium_form"],
        "catalogue": catalogue,
        "comparison": comparison,
    }


def test_a_changed_note_shows_only_after_another_person_approves_it(
    client, product, form, comparison_page
):
    writer = make_user("form-writer", is_superuser=True, is_staff=True)
    reviewer = make_user("form-reviewer", "Compliance reviewers")
    client.force_login(writer)

    saved = post_change(client, form, "submit", typical_uses=NEW_NOTE)
    client.logout()
    waiting = client.get(comparison_page.url).content.decode()
    client.force_login(writer)
    own = client.get(review_url(form)).content.decode()
    client.force_login(reviewer)
    screen = client.get(review_url(form)).content.decode()
    client.post(review_url(form), {"action": "approve", "approve-comment": "Fine."})
    client.logout()
    approved = client.get(comparison_page.url).content.decode()

    assert saved.status_code == 302
    assert NOTE in waiting and NEW_NOTE not in waiting
    assert "You wrote this revision" in own
    assert NEW_NOTE in screen and "Glycinate" in screen
    assert NEW_NOTE in approved


def test_a_form_written_around_review_is_shown_nowhere(
    client, product, form, comparison_page
):
    before = what_a_shopper_reads(client, product, comparison_page)
    MagnesiumForm.objects.filter(pk=form.pk).update(name="Migraine Blend")
    empty_caches()

    after = what_a_shopper_reads(client, product, comparison_page)

    assert "Glycinate" in before["facts"] and "Glycinate" in before["json_ld"]
    assert before["api"] == {"name": "Glycinate", "slug": "glycinate"}
    assert 'value="glycinate"' in before["catalogue"]
    assert NOTE in before["comparison"]
    assert "Migraine" not in " ".join(str(value) for value in after.values())
    assert "Glycinate" not in after["facts"] + after["json_ld"]
    assert after["api"] is None
    assert 'value="glycinate"' not in after["catalogue"]
    assert NOTE not in after["comparison"]


def test_filtering_the_catalogue_by_a_form_not_approved_is_ignored_with_a_message(
    client, product, form, catalogue
):
    MagnesiumForm.objects.filter(pk=form.pk).update(name="Migraine Blend")
    empty_caches()

    response = client.get(catalogue.url, {"form": "glycinate"})

    assert response.status_code == 200
    assert "We ignored" in response.content.decode()
    assert product.title in response.content.decode()


def test_a_note_with_a_claim_cannot_be_submitted_and_nothing_live_changes(
    admin_client, form
):
    response = post_change(
        admin_client, form, "submit", typical_uses="Relieves sciatica pain."
    )

    assert response.status_code == 200
    assert "sciatica" in " ".join(response.context["form"].errors["typical_uses"])
    assert MagnesiumForm.objects.get(pk=form.pk).typical_uses == NOTE
    assert form.current_workflow_state is None


def test_publishing_a_form_from_its_editor_is_refused_even_for_a_superuser(
    admin_client, form
):
    response = post_change(admin_client, form, "publish", typical_uses=NEW_NOTE)

    assert response.status_code == 200
    assert "only through compliance review" in str(
        response.context["form"].non_field_errors()
    )
    assert MagnesiumForm.objects.get(pk=form.pk).typical_uses == NOTE


def test_reviewers_find_a_submitted_form_on_their_dashboard(client, form):
    writer = make_user("form-writer", is_superuser=True, is_staff=True)
    reviewer = make_user("form-reviewer", "Compliance reviewers")
    client.force_login(writer)
    post_change(client, form, "submit", typical_uses=NEW_NOTE)
    client.force_login(reviewer)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert review_url(form) in dashboard
    assert "Glycinate (magnesium form)" in dashboard


def test_the_compliance_report_lists_each_form_with_its_review_screen(client, form):
    MagnesiumForm.objects.create(
        name="Oxide", slug="oxide", elemental_share_percent=60, live=False
    )
    client.force_login(make_user("form-reviewer", "Compliance reviewers"))

    report = client.get(reverse("evidence_compliance_report"), {"type": "label_text"})
    html = report.content.decode()

    assert report.status_code == 200
    assert "Glycinate (magnesium form)" in html and review_url(form) in html
    assert "Oxide (magnesium form)" in html


def test_the_review_screen_opens_only_for_content_under_review(admin_client, form):
    for app_label, model_name in [("auth", "user"), ("nowhere", "thing")]:
        url = f"/admin/review/{app_label}/{model_name}/1/"
        assert admin_client.get(url).status_code == 404
    assert admin_client.get(review_url(form)).status_code == 200
