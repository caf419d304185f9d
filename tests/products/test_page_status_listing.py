"""The flat listings of product pages and articles show where each page
stands in review and filter by it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from evidence.review import review_users
from evidence.status import ReviewStatus
from evidence.workflows import ensure_compliance_workflow
from products.factories import ProductPageFactory

pytestmark = pytest.mark.django_db

PRODUCTS = reverse("product_pages:index")
REASON = "Name the form on the label."


@pytest.fixture
def editor_client(client, django_user_model):
    editor = django_user_model.objects.create_user("ed", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


@pytest.fixture
def products_in_review_states(catalogue):
    editor, reviewer = review_users("listing")
    workflow = ensure_compliance_workflow()
    live = ProductPageFactory(parent=catalogue, title="Live capsules")
    draft = ProductPageFactory(parent=catalogue, title="Draft capsules", live=False)
    in_review = ProductPageFactory(
        parent=catalogue, title="Capsules in review", live=False
    )
    in_review.save_revision(user=editor)
    workflow.start(in_review, editor)
    sent_back = ProductPageFactory(
        parent=catalogue, title="Capsules sent back", live=False
    )
    sent_back.save_revision(user=editor)
    workflow.start(sent_back, editor)
    task = sent_back.current_workflow_task_state.specific
    task.reject(user=reviewer, comment=REASON)
    return {
        ReviewStatus.LIVE: live,
        ReviewStatus.DRAFT: draft,
        ReviewStatus.IN_REVIEW: in_review,
        ReviewStatus.CHANGES_REQUESTED: sent_back,
    }


def titles(response):
    return sorted(page.title for page in response.context["pages"])


def test_the_product_pages_listing_shows_each_status(
    editor_client, products_in_review_states
):
    page = editor_client.get(PRODUCTS).content.decode()

    rows = page.split("<tr")
    for status, product in products_in_review_states.items():
        (row,) = [row for row in rows if product.title in row]
        assert status.label in row


@pytest.mark.parametrize(
    "status",
    [
        ReviewStatus.LIVE,
        ReviewStatus.DRAFT,
        ReviewStatus.IN_REVIEW,
        ReviewStatus.CHANGES_REQUESTED,
    ],
)
def test_the_product_pages_listing_filters_by_status(
    editor_client, products_in_review_states, status
):
    response = editor_client.get(PRODUCTS, {"status": status.value})

    assert titles(response) == [products_in_review_states[status].title]


def test_the_reason_for_requested_changes_is_at_the_top_of_the_page_editor(
    editor_client, products_in_review_states
):
    product = products_in_review_states[ReviewStatus.CHANGES_REQUESTED]

    page = editor_client.get(reverse("wagtailadmin_pages:edit", args=[product.pk]))

    assert REASON in page.content.decode()


def test_the_articles_listing_has_the_status_filter(editor_client, hubs):
    response = editor_client.get(reverse("article_pages:index"), {"status": "live"})

    assert response.status_code == 200
    assert "status" in response.context["filters"].form.fields
