"""The dashboard's panels for reviewers and editors, and the links a
reviewer follows from it, the reports and e-mails: none is a dead end."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from articles.factories import ArticlePageFactory
from evidence.factories import SourceFactory
from evidence.workflows import ensure_compliance_workflow
from products.factories import ProductPageFactory, ProductVariantFactory
from tests.evidence.conftest import draft_claim, make_user

pytestmark = pytest.mark.django_db

REASON = "Say which trial shows this, with its dose."


@pytest.fixture
def workflow():
    return ensure_compliance_workflow()


@pytest.fixture
def editor(workflow):
    return make_user("ed", "Editors")


@pytest.fixture
def reviewer(workflow):
    return make_user("rev", "Compliance reviewers")


def submit(obj, user):
    obj.save_revision(user=user)
    obj.get_workflow().start(obj, user)
    return obj.current_workflow_task_state


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_reviewer_sees_what_waits_for_them_as_links_to_the_review_screens(
    client, editor, reviewer, catalogue
):
    claim = draft_claim(editor, sources=[SourceFactory()])
    submit(claim, editor)
    page = ProductPageFactory(parent=catalogue, live=False, title="Citrate powder")
    ProductVariantFactory(page=page)
    submit(Page.objects.get(pk=page.pk).specific, editor)

    html = dashboard(client, reviewer)

    assert "Waiting for you" in html
    claim_review = reverse("evidence_review_claim", args=[claim.pk])
    page_review = reverse("evidence_review_page", args=[page.pk])
    assert f'href="{claim_review}"' in html
    assert f'href="{page_review}"' in html
    # The queue's rows are links too, and every link on it opens.
    for url in (claim_review, page_review):
        assert client.get(url).status_code == 200


def test_queue_compare_links_open_for_a_reviewer(client, editor, reviewer, catalogue):
    page = ProductPageFactory(parent=catalogue, title="Citrate powder")
    ProductVariantFactory(page=page)
    page = Page.objects.get(pk=page.pk).specific
    page.title = "Citrate powder, lemon"
    revision = submit(page, editor).revision

    html = dashboard(client, reviewer)

    compare = reverse(
        "evidence_review_page_compare", args=[page.pk, "live", revision.pk]
    )
    assert f'href="{compare}"' in html
    assert "wagtailadmin_pages" not in html  # no link into views reviewers lack
    response = client.get(compare)
    assert response.status_code == 200
    assert "lemon" in response.content.decode()


def test_articles_due_for_review_link_to_a_screen_a_reviewer_may_open(
    client, reviewer, hubs
):
    article = ArticlePageFactory(
        parent=hubs[0],
        last_reviewed=timezone.localdate() - datetime.timedelta(days=400),
    )

    client.force_login(reviewer)
    report = client.get(reverse("articles_review_due")).content.decode()
    link = reverse("evidence_review_page", args=[article.pk])
    assert f'href="{link}"' in report
    assert f'href="{link}"' in dashboard(client, reviewer)
    response = client.get(link)
    assert response.status_code == 200
    assert article.title in response.content.decode()


def test_compliance_report_rows_link_to_the_review_screen(client, editor, reviewer):
    claim = draft_claim(editor, sources=[SourceFactory()])
    client.force_login(reviewer)

    report = client.get(reverse("evidence_compliance_report")).content.decode()

    link = reverse("evidence_review_claim", args=[claim.pk])
    assert f'href="{link}"' in report
    assert client.get(link).status_code == 200


def test_editor_sees_changes_requested_with_the_reason_and_their_drafts(
    client, editor, reviewer
):
    rejected = draft_claim(editor, "Magnesium eases cramps.", [SourceFactory()])
    task_state = submit(rejected, editor)
    task_state.task.specific.on_action(task_state, reviewer, "reject", comment=REASON)
    draft = draft_claim(editor, "Magnesium supports normal sleep.", [SourceFactory()])

    html = dashboard(client, editor)

    assert "Changes requested" in html
    assert REASON in html
    assert "My drafts" in html
    assert "Magnesium supports normal sleep." in html
    edit = reverse("wagtailsnippets_evidence_claim:edit", args=[draft.pk])
    assert f'href="{edit}"' in html
    assert "Waiting for you" not in html


def test_dashboard_queries_do_not_grow_with_the_queue(
    client, editor, reviewer, django_assert_max_num_queries
):
    for n in range(3):
        submit(draft_claim(editor, f"Magnesium claim {n}.", [SourceFactory()]), editor)
    client.force_login(reviewer)
    client.get(reverse("wagtailadmin_home"))  # warm caches of the session
    with django_assert_max_num_queries(80):
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
