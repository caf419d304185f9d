"""A reviewer decides in the editor without editing: the decision is the
task's, no revision is saved in the reviewer's name, and a refusal comes
back as a message on the same editor."""

import json

import pytest
from django.urls import reverse
from wagtail.models import Page, Revision

from evidence.factories import SourceFactory, approved_claim
from evidence.models import Approval, Claim, StudyType
from products.factories import ProductPageFactory, ProductVariantFactory, attach_claims
from tests.evidence.conftest import claim_url, draft_claim, make_user

pytestmark = pytest.mark.django_db

NOTE = "Checked the wording against the cited trial."


@pytest.fixture
def editor():
    return make_user("ed", "Editors")


@pytest.fixture
def reviewer():
    return make_user("rev", "Compliance reviewers")


def submit(obj, user):
    obj.save_revision(user=user)
    obj.get_workflow().start(obj, user)
    return obj.current_workflow_task_state


@pytest.fixture
def submitted_product(catalogue, editor):
    page = ProductPageFactory(parent=catalogue, live=False, title="Citrate powder")
    ProductVariantFactory(page=page)
    page = Page.objects.get(pk=page.pk).specific
    attach_claims(page, [approved_claim()])
    submit(page, editor)
    return page


def workflow_post(action, **data):
    """What the page editor posts after its decision modal: the form, the
    action's name and the modal's data."""
    return {
        "title": "A title the reviewer typed",
        "action-workflow-action": "true",
        "workflow-action-name": action,
        "workflow-action-extra-data": json.dumps(data),
    }


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def revisions_by(user):
    return Revision.objects.filter(user=user).count()


def test_reviewer_approves_a_page_from_the_editor_and_it_goes_live(
    client, submitted_product, reviewer
):
    client.force_login(reviewer)
    assert client.get(edit_url(submitted_product)).status_code == 200

    response = client.post(
        edit_url(submitted_product), workflow_post("approve", comment=NOTE)
    )

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    page = Page.objects.get(pk=submitted_product.pk).specific
    assert page.live
    assert page.title == "Citrate powder"
    assert revisions_by(reviewer) == 0
    approval = Approval.objects.get(object_id=page.pk, approved_by=reviewer)
    assert approval.revision == page.live_revision
    dashboard = client.get(response.url).content.decode()
    assert "approved and published" in dashboard
    assert "do not have permission" not in dashboard


def test_reviewer_is_offered_decisions_and_no_save_button_in_the_editor(
    client, submitted_product, reviewer
):
    client.force_login(reviewer)
    html = client.get(edit_url(submitted_product)).content.decode()
    assert 'data-workflow-action-name="approve"' in html
    assert 'data-workflow-action-name="reject"' in html
    assert 'name="action-save-draft"' not in html


def test_a_refused_approval_shows_in_place_and_saves_nothing(
    client, catalogue, reviewer
):
    page = ProductPageFactory(parent=catalogue, live=False)
    ProductVariantFactory(page=page)
    page = Page.objects.get(pk=page.pk).specific
    submit(page, reviewer)  # the reviewer wrote it
    client.force_login(reviewer)
    before = revisions_by(reviewer)

    response = client.post(edit_url(page), workflow_post("approve", comment=NOTE))

    assert response.status_code == 302
    assert response.url == edit_url(page)
    shown = client.get(response.url)
    assert shown.status_code == 200
    assert "You wrote this revision" in shown.content.decode()
    assert not Page.objects.get(pk=page.pk).live
    assert revisions_by(reviewer) == before


def test_request_changes_without_a_reason_is_refused_in_place(
    client, submitted_product, reviewer
):
    client.force_login(reviewer)

    response = client.post(edit_url(submitted_product), workflow_post("reject"))

    assert response.url == edit_url(submitted_product)
    assert "Nothing was decided" in client.get(response.url).content.decode()
    assert submitted_product.current_workflow_task_state.status == "in_progress"


def test_a_reviewers_save_in_the_editor_is_refused(client, submitted_product, reviewer):
    client.force_login(reviewer)

    response = client.post(
        edit_url(submitted_product), {"title": "Renamed", "action-save-draft": "1"}
    )

    assert response.status_code == 302
    assert revisions_by(reviewer) == 0
    assert "reviewers do not change" in client.get(response.url).content.decode()


def test_after_a_refusal_the_dashboard_approval_still_works(
    client, submitted_product, reviewer
):
    """Once a refusal in the editor left no edit behind, the queue's own
    approve acts normally."""
    client.force_login(reviewer)
    client.post(edit_url(submitted_product), workflow_post("reject"))
    task_state = submitted_product.current_workflow_task_state

    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[submitted_product.pk, "approve", task_state.pk],
        ),
        {"comment": NOTE},
    )

    assert response.status_code == 302
    assert Page.objects.get(pk=submitted_product.pk).live


def test_reviewer_approves_a_claim_from_its_editor_without_editing_it(
    client, editor, reviewer, workflow
):
    claim = draft_claim(editor, sources=[approved_claim().cited_sources.get().source])
    submit(claim, editor)
    client.force_login(reviewer)

    response = client.post(
        claim_url("edit", claim),
        {
            "wording": "Wording the reviewer typed.",
            **workflow_post("approve", comment=NOTE),
        },
    )

    assert response.status_code == 302
    claim = Claim.objects.get(pk=claim.pk)
    assert claim.live
    assert claim.wording == "Magnesium supports normal muscle function."
    assert revisions_by(reviewer) == 0


# The review screen ---------------------------------------------------------------


def review_url(obj):
    kind = "page" if isinstance(obj, Page) else "claim"
    return reverse(f"evidence_review_{kind}", args=[obj.pk])


@pytest.fixture
def weak_claim(editor, workflow):
    """A submitted claim citing an animal study only: a warning to acknowledge."""
    source = SourceFactory(
        study_type=StudyType.ANIMAL, population="Rats", sample_size=24
    )
    claim = draft_claim(editor, sources=[source])
    submit(claim, editor)
    return claim


def test_review_screen_shows_wording_sources_and_each_warning(
    client, weak_claim, reviewer
):
    client.force_login(reviewer)
    source = weak_claim.cited_sources.get().source

    response = client.get(review_url(weak_claim))

    html = response.content.decode()
    assert response.status_code == 200
    assert weak_claim.wording in html
    assert "Animal study" in html
    assert "Rats" in html and ">24<" in html
    assert "p. 1" in html  # the locator
    assert source.doi_url in html and source.pubmed_url in html
    assert "weak-evidence" in html
    assert 'name="approve-acknowledgement"' in html
    assert 'name="reject-comment"' in html


def test_approving_without_acknowledgement_keeps_the_comment_and_names_the_field(
    client, weak_claim, reviewer
):
    client.force_login(reviewer)

    response = client.post(
        review_url(weak_claim), {"action": "approve", "approve-comment": NOTE}
    )

    assert response.status_code == 200
    form = {a: f for a, _label, f in response.context["decisions"]}["approve"]
    assert "acknowledgement" in form.errors
    assert NOTE in response.content.decode()
    assert not Claim.objects.get(pk=weak_claim.pk).live
    assert revisions_by(reviewer) == 0


def test_request_changes_without_a_reason_is_a_field_error(
    client, weak_claim, reviewer
):
    client.force_login(reviewer)

    response = client.post(review_url(weak_claim), {"action": "reject"})

    form = {a: f for a, _label, f in response.context["decisions"]}["reject"]
    assert "comment" in form.errors
    assert weak_claim.current_workflow_task_state.status == "in_progress"


def test_approving_on_the_review_screen_publishes_without_saving_an_edit(
    client, weak_claim, reviewer
):
    client.force_login(reviewer)

    response = client.post(
        review_url(weak_claim),
        {
            "action": "approve",
            "approve-comment": NOTE,
            "approve-acknowledgement": "Shown with a limited-evidence badge.",
        },
    )

    assert response.status_code == 302
    claim = Claim.objects.get(pk=weak_claim.pk)
    assert claim.live
    assert revisions_by(reviewer) == 0
    approval = Approval.objects.get(object_id=claim.pk, approved_by=reviewer)
    assert approval.acknowledgement == "Shown with a limited-evidence badge."


def test_review_screen_of_a_page_shows_its_claims_and_the_change_from_live(
    client, catalogue, editor, reviewer
):
    claim = approved_claim()
    page = ProductPageFactory(parent=catalogue, title="Citrate powder")
    ProductVariantFactory(page=page)
    page = Page.objects.get(pk=page.pk).specific
    page.title = "Citrate powder, lemon"
    attach_claims(page, [claim])
    submit(page, editor)
    client.force_login(reviewer)

    html = client.get(review_url(page)).content.decode()

    assert claim.wording in html
    assert "lemon" in html  # in the diff against the live title
    assert "Changes from the live version" in html
    assert 'name="approve-comment"' in html
    usage = client.get(review_url(claim)).content.decode()
    assert "Citrate powder" in usage  # the claim's usage lists the page


def test_compare_links_work_for_a_reviewer(client, catalogue, editor, reviewer):
    page = ProductPageFactory(parent=catalogue, title="Citrate powder")
    ProductVariantFactory(page=page)
    page = Page.objects.get(pk=page.pk).specific
    page.title = "Citrate powder, lemon"
    submit(page, editor)
    latest = page.get_latest_revision()
    client.force_login(reviewer)

    response = client.get(
        reverse("evidence_review_page_compare", args=[page.pk, "live", latest.pk])
    )

    assert response.status_code == 200
    assert "lemon" in response.content.decode()


def test_an_outsider_cannot_open_a_review_screen(client, weak_claim):
    client.force_login(make_user("nobody", "Moderators"))

    response = client.get(review_url(weak_claim))

    assert response.status_code in (302, 403)
    assert weak_claim.wording not in response.content.decode()


def test_the_approve_modal_lists_the_warnings_and_links_the_review_screen(
    client, weak_claim, reviewer
):
    client.force_login(reviewer)
    task_state = weak_claim.current_workflow_task_state

    response = client.get(
        reverse(
            "wagtailsnippets_evidence_claim:workflow_action",
            args=[weak_claim.pk, "approve", task_state.pk],
        )
    )

    html = json.loads(response.content)["html"]
    assert "weak-evidence" in html
    assert review_url(weak_claim) in html
    assert 'name="acknowledgement"' in html


# The dashboard's modal -----------------------------------------------------------


def page_action_url(page, action):
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, action, page.current_workflow_task_state.pk],
    )


MODAL = {"x-requested-with": "XMLHttpRequest"}


@pytest.fixture
def self_authored_page(catalogue, reviewer):
    page = ProductPageFactory(parent=catalogue, live=False, title="Own powder")
    ProductVariantFactory(page=page)
    page = Page.objects.get(pk=page.pk).specific
    attach_claims(page, [approved_claim()])
    submit(page, reviewer)  # the reviewer wrote it
    return page


def test_the_dashboard_offers_no_approve_on_a_page_the_reviewer_wrote(
    client, self_authored_page, submitted_product, reviewer
):
    client.force_login(reviewer)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert page_action_url(self_authored_page, "reject") in html
    assert page_action_url(self_authored_page, "approve") not in html
    assert page_action_url(submitted_product, "approve") in html


def test_a_stale_approve_on_the_dashboard_closes_the_modal_with_the_reason(
    client, self_authored_page, reviewer
):
    """An approve button from before (or a crafted URL) answers with the
    modal's own "done" step and the reason as a message, never an error page
    the modal would spin on."""
    client.force_login(reviewer)
    url = page_action_url(self_authored_page, "approve")

    opened = client.get(url, headers=MODAL)
    posted = client.post(
        url, {"comment": NOTE, "next": reverse("wagtailadmin_home")}, headers=MODAL
    )

    for response in (opened, posted):
        assert response.status_code == 200
        assert json.loads(response.content)["step"] == "success"
    assert json.loads(posted.content)["redirect"] == reverse("wagtailadmin_home")
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "You wrote this revision" in dashboard
    assert not Page.objects.get(pk=self_authored_page.pk).live


def test_a_refusal_in_the_approve_modal_shows_on_its_field_with_the_comment_kept(
    client, weak_claim, reviewer
):
    client.force_login(reviewer)
    url = reverse(
        "wagtailsnippets_evidence_claim:workflow_action",
        args=[weak_claim.pk, "approve", weak_claim.current_workflow_task_state.pk],
    )

    response = client.post(url, {"comment": NOTE}, headers=MODAL)

    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["step"] == "action"
    assert "Write why it may be approved anyway" in body["html"]
    assert NOTE in body["html"]
    assert not Claim.objects.get(pk=weak_claim.pk).live


def test_a_non_reviewer_still_gets_no_modal(client, submitted_product, editor):
    client.force_login(editor)

    response = client.get(page_action_url(submitted_product, "approve"), headers=MODAL)

    assert response.status_code == 403


def test_the_review_screen_says_why_a_reviewer_cannot_approve_their_own_page(
    client, self_authored_page, reviewer
):
    client.force_login(reviewer)

    response = client.get(review_url(self_authored_page))

    html = response.content.decode()
    assert [a for a, _label, _form in response.context["decisions"]] == ["reject"]
    assert "You wrote this revision" in html
    assert 'name="reject-comment"' in html
