"""Admin paths that used to end in a server error: bulk publishing a page the
compliance gate refuses, copying a product page, and a claim whose draft
cites a source deleted since. Each now reports a refusal as a message and
leaves nothing half-done; the shopper sees only what was approved."""

import json

import pytest
from django.urls import reverse

from evidence.factories import DraftClaimFactory, SourceFactory, approved_claim
from evidence.models import Claim, Source
from evidence.workflows import ensure_compliance_workflow
from products.factories import ProductPageFactory, ProductVariantFactory, attach_claims
from products.models import ProductClaim, ProductPage, ProductVariant
from tests.evidence.conftest import claim_post, claim_url, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return make_user("ed", "Editors")


@pytest.fixture
def reviewer(db):
    return make_user("rev", "Compliance reviewers")


@pytest.fixture
def admin(db):
    return make_user("boss", is_superuser=True, is_staff=True)


def messages_of(response):
    return [str(message).strip() for message in response.context["messages"]]


def product_in(catalogue, **kwargs):
    product = ProductPageFactory(parent=catalogue, **kwargs)
    ProductVariantFactory(page=product)
    return product


# Bulk publish ----------------------------------------------------------------


def bulk_publish_url(*pages, next_url="/admin/"):
    ids = "&".join(f"id={page.pk}" for page in pages)
    return f"/admin/bulk/wagtailcore/page/publish/?{ids}&next={next_url}"


def with_draft_claim(product, user):
    """A new draft of ``product`` that attaches a claim nobody approved."""
    claim = DraftClaimFactory(wording="Unreviewed words.", sources=[SourceFactory()])
    product.claims.add(ProductClaim(claim=claim))
    product.save_revision(user=user)
    return claim


def test_bulk_publish_reports_a_refused_page_and_publishes_the_rest(
    client, admin, editor, catalogue, hubs, settings
):
    settings.PAGE_CACHE_SECONDS = 60
    product = product_in(catalogue, title="Mg Capsules")
    with_draft_claim(product, editor)
    hub = hubs[0]  # approved, then taken offline: publishing it again is allowed
    hub.unpublish()
    client.get(product.url), client.get(hub.url)  # the shopper's cache, warm
    client.force_login(admin)

    response = client.post(bulk_publish_url(product, hub), follow=True)

    assert response.status_code == 200
    messages = messages_of(response)
    assert "1 page has been published" in messages
    assert any(m.startswith("“Mg Capsules” was not published: ") for m in messages)
    client.logout()
    assert "Unreviewed words." not in client.get(product.url).content.decode()
    assert client.get(hub.url).status_code == 200


def test_bulk_publish_refuses_a_draft_no_reviewer_approved(client, admin, editor, hubs):
    hub = hubs[0]
    hub.title = "Back pain, revised"
    hub.save_revision(user=editor)
    client.force_login(admin)

    response = client.post(bulk_publish_url(hub), follow=True)

    assert any("no compliance approval" in m for m in messages_of(response))
    client.logout()
    assert "Back pain, revised" not in client.get(hub.url).content.decode()


def test_bulk_publish_of_only_refused_pages_publishes_nothing(
    client, admin, editor, catalogue
):
    product = product_in(catalogue, title="Mg Capsules")
    with_draft_claim(product, editor)
    client.force_login(admin)

    response = client.post(bulk_publish_url(product), follow=True)

    assert response.status_code == 200
    assert not any("has been published" in m for m in messages_of(response))
    product.refresh_from_db()
    assert product.has_unpublished_changes
    assert not ProductClaim.objects.filter(page=product).exists()


def test_bulk_publish_with_descendants_reports_a_refused_subpage(
    client, admin, editor, catalogue
):
    draft = product_in(catalogue, title="New Mg", live=False)
    with_draft_claim(draft, editor)
    catalogue.unpublish()  # approved, then taken offline
    client.force_login(admin)

    response = client.post(
        bulk_publish_url(catalogue), {"include_descendants": "on"}, follow=True
    )

    messages = messages_of(response)
    assert "1 page has been published" in messages
    assert any(m.startswith("“New Mg” was not published: ") for m in messages)
    client.logout()
    assert client.get(catalogue.url).status_code == 200
    assert client.get(f"{catalogue.url}{draft.slug}/").status_code == 404


# Copy --------------------------------------------------------------------------


def copy_url(page):
    return reverse("wagtailadmin_pages:copy", args=[page.pk])


def copy_post(page, **extra):
    return {
        "new_title": f"{page.title} copy",
        "new_slug": f"{page.slug}-copy",
        "new_parent_page": page.get_parent().pk,
        **extra,
    }


def test_publishing_a_copy_is_refused_with_a_message(client, admin, catalogue):
    product = product_in(catalogue, title="Mg Capsules")
    client.force_login(admin)

    response = client.post(
        copy_url(product), copy_post(product, publish_copies="on"), follow=True
    )

    assert response.status_code == 200
    assert any("compliance review" in m for m in messages_of(response))
    assert ProductPage.objects.count() == 1
    client.logout()
    assert client.get(f"{catalogue.url}{product.slug}-copy/").status_code == 404


def test_a_product_copy_is_an_unpublished_draft_without_the_variants(
    client, admin, catalogue
):
    product = product_in(catalogue, title="Mg Capsules")
    client.force_login(admin)

    response = client.post(copy_url(product), copy_post(product), follow=True)

    assert response.status_code == 200
    copy = ProductPage.objects.get(slug=f"{product.slug}-copy")
    assert not copy.live
    assert not copy.variants.exists()
    assert not copy.get_latest_revision_as_object().variants.all()
    assert any("variants" in m.lower() for m in messages_of(response))
    assert ProductVariant.objects.filter(page=product).count() == 1
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[copy.pk]))
    assert edit.status_code == 200
    client.logout()
    assert client.get(f"{catalogue.url}{product.slug}-copy/").status_code == 404


def test_an_alias_is_refused_with_a_message(client, admin, catalogue):
    product = product_in(catalogue, title="Mg Capsules")
    client.force_login(admin)

    response = client.post(
        copy_url(product), copy_post(product, alias="on"), follow=True
    )

    assert response.status_code == 200
    assert any("compliance review" in m for m in messages_of(response))
    assert ProductPage.objects.count() == 1


# Drafts that cite what was deleted since ----------------------------------------


def draft_citing(client, claim, wording, source, keep_live_source=True):
    """The editor's draft of a live ``claim`` that cites ``source`` too (or,
    with ``keep_live_source=False``, instead of the live one)."""
    row = claim.cited_sources.get()
    data = claim_post(wording, [row.source, source])
    data["cited_sources-INITIAL_FORMS"] = "1"
    data["cited_sources-0-id"] = row.pk
    if not keep_live_source:
        data["cited_sources-0-DELETE"] = "1"
    client.post(claim_url("edit", claim), data)


def delete_source(client, source):
    url = reverse("wagtailsnippets_evidence_source:delete", args=[source.pk])
    client.post(url, follow=True)  # the "deleted" message is shown
    assert not Source.objects.filter(pk=source.pk).exists()


@pytest.fixture
def live_claim(db):
    return approved_claim(wording="Supports normal muscle function.")


@pytest.fixture
def product_url(catalogue, live_claim):
    """A live product page that shows ``live_claim`` to shoppers."""
    product = product_in(catalogue)
    attach_claims(product, [live_claim])
    return product.url


def shopper_reads(client, url):
    client.logout()
    return client.get(url).content.decode()


@pytest.fixture
def claim_with_deleted_extra_source(client, editor, live_claim):
    """A live claim whose draft adds a source that the editor then deleted:
    the database protects only the live citations."""
    extra = SourceFactory(title="Soon deleted")
    client.force_login(editor)
    draft_citing(client, live_claim, "Supports normal muscle function, newly.", extra)
    delete_source(client, extra)
    return live_claim


def test_a_draft_citing_a_deleted_source_can_be_edited(
    client, claim_with_deleted_extra_source
):
    claim = claim_with_deleted_extra_source

    response = client.get(claim_url("edit", claim))

    assert response.status_code == 200
    assert "newly" in response.content.decode()
    assert "Soon deleted" not in response.content.decode()


def test_a_draft_citing_a_deleted_source_can_be_inspected(
    client, reviewer, claim_with_deleted_extra_source
):
    claim = claim_with_deleted_extra_source
    client.force_login(reviewer)

    response = client.get(claim_url("inspect", claim))

    assert response.status_code == 200
    assert "newly" in response.content.decode()
    assert "Soon deleted" not in response.content.decode()


def approve_in_editor(client, claim, data, acknowledgement=""):
    """The reviewer's Approve in the claim editor, posting ``data``: the
    editor's form as shown, unchanged."""
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps(
                {"comment": "", "acknowledgement": acknowledgement}
            ),
        }
    )
    return client.post(claim_url("edit", claim), data, follow=True)


def test_a_draft_citing_a_deleted_source_is_approved_on_its_other_sources(
    client, editor, reviewer, claim_with_deleted_extra_source, product_url
):
    claim = claim_with_deleted_extra_source
    ensure_compliance_workflow().start(claim, editor)
    task_state = Claim.objects.get(pk=claim.pk).current_workflow_task_state
    client.force_login(reviewer)

    response = client.post(
        reverse(
            "wagtailsnippets_evidence_claim:workflow_action",
            args=[claim.pk, "approve", task_state.pk],
        ),
        {"comment": "", "acknowledgement": ""},
        follow=True,
    )

    assert response.status_code == 200
    claim = Claim.objects.get(pk=claim.pk)
    assert claim.live and claim.wording == "Supports normal muscle function, newly."
    assert claim.cited_sources.count() == 1
    assert "Supports normal muscle function, newly." in shopper_reads(
        client, product_url
    )


def test_a_draft_whose_only_source_was_deleted_is_refused_for_no_source(
    client, editor, reviewer, live_claim, product_url
):
    only = SourceFactory(title="Soon deleted")
    client.force_login(editor)
    draft_citing(client, live_claim, "Reworded.", only, keep_live_source=False)
    delete_source(client, only)
    ensure_compliance_workflow().start(live_claim, editor)
    client.force_login(reviewer)

    inspect = client.get(claim_url("inspect", live_claim)).content.decode()
    response = approve_in_editor(client, live_claim, claim_post("Reworded."))

    assert "no-source" in inspect
    assert response.status_code == 200
    assert any("cites no current source" in m for m in messages_of(response))
    page = shopper_reads(client, product_url)
    assert "Supports normal muscle function." in page
    assert "Reworded." not in page


def test_a_product_draft_attaching_a_claim_deleted_since_can_be_edited(
    client, admin, editor, catalogue
):
    product = product_in(catalogue, title="Mg Capsules")
    claim = with_draft_claim(product, editor)
    client.force_login(admin)
    delete = reverse("wagtailsnippets_evidence_claim:delete", args=[claim.pk])
    client.post(delete, follow=True)
    assert not Claim.objects.filter(pk=claim.pk).exists()

    response = client.get(reverse("wagtailadmin_pages:edit", args=[product.pk]))

    assert response.status_code == 200
    assert "Unreviewed words." not in response.content.decode()
