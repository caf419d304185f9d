"""Product pages go through the same Compliance review as claims."""

import pytest
from django.contrib.auth.models import Group

from evidence.factories import DraftClaimFactory, approved_claim
from evidence.models import ReviewRefused
from evidence.workflows import WORKFLOW_NAME
from products.factories import ProductPageFactory, ProductVariantFactory, attach_claims

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("ed", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("rev", password="pw")
    user.groups.add(Group.objects.get(name="Compliance reviewers"))
    return user


def submitted(product, editor, claims):
    attach_claims(product, claims)
    product.save_revision(user=editor)
    workflow_state = product.get_workflow().start(product, editor)
    return workflow_state.current_task_state


def act(task_state, user, action, **kwargs):
    task = task_state.task.specific
    task.on_action(task_state.specific, user, action, **kwargs)


@pytest.fixture
def draft_product(catalogue):
    product = ProductPageFactory(parent=catalogue, live=False)
    ProductVariantFactory(page=product)
    return product


def test_every_product_page_is_under_the_compliance_review_workflow(product):
    assert product.get_workflow().name == WORKFLOW_NAME


def test_a_reviewer_approving_a_product_page_puts_it_live(
    client, draft_product, editor, reviewer
):
    claim = approved_claim()
    task_state = submitted(draft_product, editor, [claim])

    act(task_state, reviewer, "approve")

    draft_product.refresh_from_db()
    assert draft_product.live
    assert claim.wording in client.get(draft_product.url).content.decode()


def test_a_product_page_with_an_unapproved_claim_cannot_be_approved(
    draft_product, editor, reviewer
):
    pending = DraftClaimFactory(wording="Magnesium eases back pain fast.")
    task_state = submitted(draft_product, editor, [approved_claim(), pending])

    with pytest.raises(ReviewRefused, match="not approved"):
        act(task_state, reviewer, "approve")

    draft_product.refresh_from_db()
    assert not draft_product.live
