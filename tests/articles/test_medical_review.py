"""Medical review is a signed step of an article's workflow: the byline's
"medically reviewed by" and its date come from that signature."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision

from articles.factories import ArticlePageFactory, PersonFactory
from articles.models import MedicalReviewTaskState
from articles.workflows import ARTICLE_WORKFLOW
from evidence.models import ComplianceTaskState, ReviewRefused
from tests.evidence.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return make_user("ed", "Editors")


@pytest.fixture
def medic():
    user = make_user("doc", "Medical reviewers", first_name="Ada", last_name="Lind")
    PersonFactory(name="Dr Ada Lind", credentials="MD", user=user)
    return user


@pytest.fixture
def reviewer():
    return make_user("rev", "Compliance reviewers")


@pytest.fixture
def draft_article(hubs, editor):
    article = ArticlePageFactory(
        parent=hubs[0], live=False, title="Magnesium and sleep"
    )
    article = Page.objects.get(pk=article.pk).specific
    article.save_revision(user=editor)
    return article


def current_task_state(article):
    return Page.objects.get(pk=article.pk).specific.current_workflow_task_state


def test_an_article_goes_to_medical_review_then_compliance_review(
    client, draft_article, editor, medic, reviewer
):
    assert draft_article.get_workflow().name == ARTICLE_WORKFLOW
    mail.outbox.clear()
    draft_article.get_workflow().start(draft_article, editor)
    medical = current_task_state(draft_article)
    assert isinstance(medical, MedicalReviewTaskState)
    assert [m.to for m in mail.outbox if "To review" in m.subject] == [
        ["doc@example.com"]
    ]

    medical.task.specific.on_action(medical, medic, "approve", comment="Accurate.")

    compliance = current_task_state(draft_article)
    assert isinstance(compliance, ComplianceTaskState)
    compliance.task.specific.on_action(compliance, reviewer, "approve")
    article = Page.objects.get(pk=draft_article.pk).specific
    assert article.live
    assert article.medical_reviewer.user == medic
    assert article.last_reviewed == timezone.localdate()
    html = client.get(article.url).content.decode()
    assert "Dr Ada Lind" in html


def test_a_medical_reviewer_cannot_sign_what_they_wrote(hubs, medic):
    article = ArticlePageFactory(parent=hubs[0], live=False)
    article = Page.objects.get(pk=article.pk).specific
    article.save_revision(user=medic)
    article.get_workflow().start(article, medic)
    medical = current_task_state(article)

    with pytest.raises(ReviewRefused, match="another medical reviewer"):
        medical.task.specific.on_action(medical, medic, "approve")


def test_a_medical_reviewer_without_a_public_profile_is_told_so(draft_article, editor):
    nameless = make_user("doc2", "Medical reviewers")
    draft_article.get_workflow().start(draft_article, editor)
    medical = current_task_state(draft_article)

    with pytest.raises(ReviewRefused, match="public reviewer profile"):
        medical.task.specific.on_action(medical, nameless, "approve")


def test_the_editor_no_longer_picks_the_medical_reviewer(client, draft_article):
    client.force_login(make_user("boss", is_superuser=True, is_staff=True))

    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[draft_article.pk])
    ).content.decode()

    assert 'name="medical_reviewer"' not in html
    assert 'name="last_reviewed"' not in html
    assert 'name="author"' in html


def test_medical_reviewer_approves_from_the_review_screen_without_editing(
    client, draft_article, editor, medic
):
    draft_article.get_workflow().start(draft_article, editor)
    client.force_login(medic)
    url = reverse("evidence_review_page", args=[draft_article.pk])

    assert "Approve the medical review" in client.get(url).content.decode()
    response = client.post(url, {"action": "approve", "approve-comment": "Fine."})

    assert response.status_code == 302
    assert isinstance(current_task_state(draft_article), ComplianceTaskState)
    # The only revision in the reviewer's name is the signed byline.
    [signed] = Revision.objects.filter(user=medic)
    assert signed.as_object().medical_reviewer.user == medic


def test_editors_may_add_authors_and_reviewers_profiles(client, editor):
    client.force_login(editor)

    add = reverse("wagtailsnippets_articles_person:add")
    assert client.get(add).status_code == 200
    response = client.post(add, {"name": "Dr Jo Park", "credentials": "PharmD"})

    assert response.status_code == 302
