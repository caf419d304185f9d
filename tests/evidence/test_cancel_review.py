"""Cancelling a review needs a reason, which is kept in the history."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import ModelLogEntry, WorkflowState

from evidence.factories import SourceFactory
from evidence.models import Claim
from products.factories import ProductPageFactory
from tests.evidence.conftest import claim_url, draft_claim, edit_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim_in_review(editor, workflow):
    claim = draft_claim(editor, sources=[SourceFactory()])
    workflow.start(claim, editor)
    return Claim.objects.get(pk=claim.pk)


def cancel(client, claim, reason=None):
    data = edit_post(claim, claim.wording, action="action-cancel-workflow")
    if reason is not None:
        data["cancel_reason"] = reason
    return client.post(claim_url("edit", claim), data)


def in_progress(claim):
    return WorkflowState.objects.filter(
        object_id=str(claim.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()


def test_the_cancel_action_offers_a_reason_box(client, superuser, claim_in_review):
    client.force_login(superuser)

    html = client.get(claim_url("edit", claim_in_review)).content.decode()

    assert 'name="cancel_reason"' in html
    assert 'name="action-cancel-workflow"' in html


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_a_review_is_not_cancelled_without_a_reason(
    client, superuser, claim_in_review, reason
):
    client.force_login(superuser)

    response = cancel(client, claim_in_review, reason)

    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("give a reason" in m for m in messages)
    assert in_progress(claim_in_review)


def test_a_review_cancelled_with_a_reason_keeps_it_in_the_history(
    client, superuser, claim_in_review
):
    client.force_login(superuser)

    cancel(client, claim_in_review, "Wrong claim submitted; a new one follows.")

    assert not in_progress(claim_in_review)
    entry = ModelLogEntry.objects.for_instance(claim_in_review).get(
        action="mgsite.review_cancel_reason"
    )
    assert entry.data["reason"] == "Wrong claim submitted; a new one follows."
    assert entry.user == superuser


@pytest.fixture
def page_in_review(catalogue, editor, workflow):
    product = ProductPageFactory(parent=catalogue, live=False)
    product.save_revision(user=editor)
    product.get_workflow().start(product, editor)
    return product


def test_a_page_review_offers_a_reason_box_and_is_not_cancelled_without_one(
    client, superuser, page_in_review
):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:edit", args=[page_in_review.pk])

    html = client.get(url).content.decode()
    response = client.post(url, {"action-cancel-workflow": "1"})

    assert 'name="cancel_reason"' in html
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("give a reason" in m for m in messages)
    assert in_progress(page_in_review)
