"""Who gets what: anonymous visitors, editors, reviewers and administrators
against the public site, previews and the evidence admin.

Rules tested elsewhere and not repeated here: editors see no publish button
and posting "publish" only saves a draft, reviewers cannot change a claim's
wording (tests/evidence/test_roles.py); nobody approves a revision they wrote
(tests/evidence/test_review.py).
"""

import pytest
from django.urls import reverse
from wagtail.models import Page

from evidence import demo as evidence_demo
from evidence.models import Claim, Source
from products.models import ProductPage
from tests.trust.conftest import ROLES, log_in
from tests.trust.shopper import api_detail_urls, seed_urls

pytestmark = pytest.mark.django_db

OK, LOGIN, DENIED = "ok", "login", "denied"


def outcome(response):
    if response.status_code == 200:
        return OK
    if response.status_code == 302:
        if response.url.startswith(reverse("wagtailadmin_login")):
            return LOGIN
        if response.url == reverse("wagtailadmin_home"):
            return DENIED  # Wagtail's "you do not have permission" redirect
    if response.status_code == 403:
        return DENIED
    return response.status_code


def snippet(model, action, *args):
    return reverse(f"wagtailsnippets_evidence_{model}:{action}", args=args)


def pending_product():
    """The product whose newer draft attaches a claim awaiting review."""
    return ProductPage.objects.filter(has_unpublished_changes=True).first()


# view -> URL, and the outcome for anonymous, editor, reviewer, admin.
ADMIN_VIEWS = {
    "sources": (lambda: snippet("source", "list"), [LOGIN, OK, OK, OK]),
    "sources export": (
        lambda: snippet("source", "list") + "?export=csv",
        [LOGIN, OK, OK, OK],
    ),
    "add source": (lambda: snippet("source", "add"), [LOGIN, OK, DENIED, OK]),
    "edit source": (
        lambda: snippet("source", "edit", Source.objects.first().pk),
        [LOGIN, OK, OK, OK],
    ),
    "import references": (
        lambda: snippet("source", "import"),
        [LOGIN, OK, DENIED, OK],
    ),
    "claims": (lambda: snippet("claim", "list"), [LOGIN, OK, OK, OK]),
    "claims export": (
        lambda: snippet("claim", "list") + "?export=csv",
        [LOGIN, OK, OK, OK],
    ),
    "add claim": (lambda: snippet("claim", "add"), [LOGIN, OK, DENIED, OK]),
    "edit approved claim": (
        lambda: snippet("claim", "edit", evidence_demo.claim("bones").pk),
        [LOGIN, OK, DENIED, OK],
    ),
    "inspect claim": (
        lambda: snippet("claim", "inspect", evidence_demo.claim("bones").pk),
        [LOGIN, OK, OK, OK],
    ),
    "delete claim": (
        lambda: snippet("claim", "delete", evidence_demo.claim("bones").pk),
        [LOGIN, DENIED, DENIED, OK],
    ),
    "compliance report": (
        lambda: reverse("evidence_compliance_report"),
        [LOGIN, DENIED, OK, OK],
    ),
    "compliance report CSV": (
        lambda: reverse("evidence_compliance_report") + "?export=csv",
        [LOGIN, DENIED, OK, OK],
    ),
    "compliance report XLSX": (
        lambda: reverse("evidence_compliance_report") + "?export=xlsx",
        [LOGIN, DENIED, OK, OK],
    ),
    "view draft of a page": (
        lambda: reverse("wagtailadmin_pages:view_draft", args=[pending_product().pk]),
        [LOGIN, OK, DENIED, OK],
    ),
    "preview while editing": (
        lambda: reverse(
            "wagtailadmin_pages:preview_on_edit", args=[pending_product().pk]
        ),
        [LOGIN, OK, DENIED, OK],
    ),
    "page history": (
        lambda: reverse("wagtailadmin_pages:history", args=[pending_product().pk]),
        [LOGIN, OK, DENIED, OK],
    ),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_public_url_answers_every_role(client, demo, role):
    log_in(client, role)
    urls = [*seed_urls(), *api_detail_urls(client)]

    answers = {url: client.get(url).status_code for url in urls}
    fragments = {
        url: client.get(url, headers={"HX-Request": "true"}).status_code
        for url in urls
        if "?" in url and not url.startswith("/api/")
    }

    assert set(answers.values()) == {200}
    assert set(fragments.values()) == {200}
    assert len(fragments) > 10


@pytest.mark.parametrize(
    ("view", "role"),
    [(view, role) for view in ADMIN_VIEWS for role in ROLES],
)
def test_admin_view_gives_each_role_what_it_may_see(client, demo, view, role):
    url, expected = ADMIN_VIEWS[view]
    log_in(client, role)

    assert outcome(client.get(url())) == expected[ROLES.index(role)]


def test_a_pending_claim_shows_neither_live_nor_in_the_draft_preview(client, demo):
    product = pending_product()
    pending = evidence_demo.claim("back_pain_trial").wording

    public = client.get(product.url)
    preview = log_in(client, "editor").get(
        reverse("wagtailadmin_pages:view_draft", args=[product.pk])
    )

    assert preview.status_code == 200
    assert product.title in preview.content.decode()
    assert pending not in public.content.decode()
    assert pending not in preview.content.decode()


def approve(client, claim):
    task_state = claim.current_workflow_task_state
    url = snippet("claim", "workflow_action", claim.pk, "approve", task_state.pk)
    return client.post(url, {"comment": "", "acknowledgement": "Checked."})


@pytest.mark.parametrize(
    ("role", "publishes"),
    [("anonymous", False), ("editor", False), ("reviewer", True), ("admin", True)],
)
def test_only_reviewers_and_admins_approve_someone_elses_claim(
    client, demo, role, publishes
):
    # Written and submitted by the demo editor.
    claim = evidence_demo.claim("back_pain_trial")
    log_in(client, role)

    approve(client, claim)

    assert Claim.objects.get(pk=claim.pk).live is publishes


@pytest.mark.parametrize(
    ("role", "adds"),
    [("anonymous", False), ("editor", True), ("reviewer", False), ("admin", True)],
)
def test_only_editors_and_admins_add_sources(client, demo, role, adds):
    log_in(client, role)

    client.post(
        snippet("source", "add"),
        {"title": "A trial", "url": "https://example.org/t", "study_type": "rct"},
    )

    assert Source.objects.filter(title="A trial").exists() is adds


def test_editor_cannot_delete_a_claim(client, demo):
    claim = evidence_demo.claim("sleep_draft")
    log_in(client, "editor")

    client.post(snippet("claim", "delete", claim.pk))

    assert Claim.objects.filter(pk=claim.pk).exists()


def test_api_refuses_writes(client, demo):
    product = Page.objects.type(ProductPage).live().first()

    assert client.post("/api/v2/products/", {}).status_code == 405
    assert client.delete(f"/api/v2/products/{product.pk}/").status_code == 405
