"""Who hears of a submission and of a decision, by e-mail."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from evidence.factories import SourceFactory
from products.factories import ProductPageFactory, ProductVariantFactory
from tests.evidence.conftest import draft_claim, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(workflow):
    return {
        "editor": make_user("ed", "Editors"),
        "reviewer": make_user("rev", "Compliance reviewers"),
        "second_reviewer": make_user("rev2", "Compliance reviewers"),
        "other_editor": make_user("ed2", "Editors"),
    }


def submit(obj, user):
    obj.save_revision(user=user)
    obj.get_workflow().start(obj, user)
    return obj.current_workflow_task_state


def recipients(subject_part):
    return sorted(
        address
        for message in mail.outbox
        if subject_part in message.subject
        for address in message.to
    )


def test_a_submission_emails_every_compliance_reviewer_with_the_review_link(people):
    claim = draft_claim(people["editor"], sources=[SourceFactory()])
    mail.outbox.clear()

    submit(claim, people["editor"])

    assert recipients("To review") == ["rev2@example.com", "rev@example.com"]
    message = next(m for m in mail.outbox if "To review" in m.subject)
    link = reverse("evidence_review_claim", args=[claim.pk])
    assert f"http://testserver{link}" in message.body
    assert "ed@example.com" not in recipients("")


def test_a_page_submission_emails_the_reviewers(people, catalogue):
    from products.factories import ProductPageFactory, ProductVariantFactory

    page = ProductPageFactory(parent=catalogue, live=False, title="Citrate powder")
    ProductVariantFactory(page=page)
    mail.outbox.clear()

    submit(page, people["editor"])

    assert recipients("Citrate powder") == ["rev2@example.com", "rev@example.com"]
    assert reverse("evidence_review_page", args=[page.pk]) in mail.outbox[0].body


def test_the_submitter_hears_of_changes_requested_with_the_reason(people):
    claim = draft_claim(people["editor"], sources=[SourceFactory()])
    task_state = submit(claim, people["editor"])
    mail.outbox.clear()

    task_state.task.specific.on_action(
        task_state, people["reviewer"], "reject", comment="Name the trial's dose."
    )

    [message] = mail.outbox
    assert message.to == ["ed@example.com"]
    assert "Name the trial's dose." in message.body


def test_the_submitter_hears_of_the_approval(people):
    claim = draft_claim(people["editor"], sources=[SourceFactory()])
    task_state = submit(claim, people["editor"])
    mail.outbox.clear()

    task_state.task.specific.on_action(task_state, people["reviewer"], "approve")

    assert [message.to for message in mail.outbox] == [["ed@example.com"]]
    assert mail.outbox[0].subject.startswith("Approved")


def claim_edit_link(claim):
    return "http://testserver" + reverse(
        "wagtailsnippets_evidence_claim:edit", args=[claim.pk]
    )


def test_the_approval_email_gives_the_reviewers_note_and_the_edit_link(people):
    claim = draft_claim(people["editor"], sources=[SourceFactory()])
    task_state = submit(claim, people["editor"])
    mail.outbox.clear()

    task_state.task.specific.on_action(
        task_state, people["reviewer"], "approve", comment="Matches the trial."
    )

    [message] = mail.outbox
    assert message.to == ["ed@example.com"]
    assert message.subject.startswith("Approved")
    assert "Matches the trial." in message.body
    assert claim_edit_link(claim) in message.body


def test_the_changes_requested_email_links_the_edit_view(people):
    claim = draft_claim(people["editor"], sources=[SourceFactory()])
    task_state = submit(claim, people["editor"])
    mail.outbox.clear()

    task_state.task.specific.on_action(
        task_state, people["reviewer"], "reject", comment="Name the dose."
    )

    [message] = mail.outbox
    assert message.subject.startswith("Changes requested")
    assert "“Name the dose.”" in message.body
    assert claim_edit_link(claim) in message.body


def test_a_page_sent_back_emails_its_editor_the_reason_and_the_page_editor(
    people, catalogue
):
    page = ProductPageFactory(parent=catalogue, live=False, title="Citrate powder")
    ProductVariantFactory(page=page)
    task_state = submit(page, people["editor"])
    mail.outbox.clear()

    task_state.task.specific.on_action(
        task_state, people["reviewer"], "reject", comment="Add the serving size."
    )

    [message] = mail.outbox
    assert message.to == ["ed@example.com"]
    assert "Add the serving size." in message.body
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert f"http://testserver{edit}" in message.body


def test_the_administrators_notice_of_a_submission_links_the_review_screen(people):
    get_user_model().objects.create_superuser("boss", "boss@example.com", "x")
    claim = draft_claim(people["editor"], sources=[SourceFactory()])
    mail.outbox.clear()

    submit(claim, people["editor"])

    notices = [m for m in mail.outbox if m.to == ["boss@example.com"]]
    link = reverse("evidence_review_claim", args=[claim.pk])
    assert notices
    assert all(f"http://testserver{link}" in notice.body for notice in notices)
