"""Four eyes on every path: nothing goes live, or stays in public view,
without a recorded approval of exactly what the shopper reads."""

import datetime
import io
import json
import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.actions.publish_revision import PublishRevisionAction
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import nested_form_data

from evidence.compliance import ComplianceError
from evidence.factories import SourceFactory, approved_claim, go_live
from evidence.models import Approval, Claim, ClaimSource
from evidence.review import publish_with_review
from evidence.workflows import WORKFLOW_NAME
from mgsite.cache import bump_content_version
from products.factories import ProductPageFactory, ProductVariantFactory, attach_claims
from tests.evidence.conftest import claim_url, make_user

pytestmark = pytest.mark.django_db

WORDING = "Magnesium supports normal muscle function."


@pytest.fixture
def superuser():
    return make_user("boss", is_superuser=True, is_staff=True)


@pytest.fixture
def claim():
    return approved_claim(wording=WORDING)


@pytest.fixture
def product(catalogue, claim):
    page = ProductPageFactory(
        parent=catalogue,
        title="Glycinate capsules",
        elemental_mg_per_serving=200,
        servings_per_day=1,
    )
    ProductVariantFactory(page=page, price="20.00")
    attach_claims(page, [claim])
    return Page.objects.get(pk=page.pk).specific


def shown(client, product):
    """Whether an anonymous shopper reads the claim on the page and in the API."""
    page = client.get(product.url).content.decode()
    api = client.get(f"/api/v2/products/{product.pk}/").content.decode()
    assert (WORDING in page) == (WORDING in api)
    return WORDING in page


def test_the_claim_is_shown_while_its_approval_stands(client, product):
    assert shown(client, product)


# Publishing without review ---------------------------------------------------


def test_a_superuser_is_offered_no_publish_button_and_a_posted_publish_is_refused(
    client, superuser, claim
):
    client.force_login(superuser)
    url = claim_url("edit", claim)
    assert 'name="action-publish"' not in client.get(url).content.decode()

    data = nested_form_data(
        {"wording": "Magnesium cures cramps.", "kind": claim.kind}
    ) | {
        "min_daily_elemental_mg": "",
        "cited_sources-TOTAL_FORMS": "1",
        "cited_sources-INITIAL_FORMS": "1",
        "cited_sources-MIN_NUM_FORMS": "0",
        "cited_sources-MAX_NUM_FORMS": "1000",
        "cited_sources-0-id": claim.cited_sources.get().pk,
        "cited_sources-0-source": claim.cited_sources.get().source_id,
        "cited_sources-0-locator": "p. 1",
        "cited_sources-0-ORDER": "1",
        "action-publish": "action-publish",
    }
    response = client.post(url, data)

    assert response.status_code == 200
    assert "only through compliance review" in response.content.decode()
    assert Claim.objects.get().wording == WORDING


def test_publishing_a_claim_from_code_without_an_approval_raises(superuser, claim):
    claim.wording = "Magnesium supports normal nerve function."
    revision = claim.save_revision(user=superuser)

    with pytest.raises(ComplianceError, match="no compliance approval"):
        revision.publish(user=superuser)
    with pytest.raises(ComplianceError, match="no compliance approval"):
        PublishRevisionAction(revision, user=superuser).execute()

    assert Claim.objects.get().wording == WORDING


def test_publishing_a_page_from_code_without_an_approval_raises(product, superuser):
    product.title = "Glycinate capsules, new look"
    revision = product.save_revision(user=superuser)

    with pytest.raises(ComplianceError, match="no compliance approval"):
        revision.publish(user=superuser)

    assert Page.objects.get(pk=product.pk).title == "Glycinate capsules"


def test_a_superuser_publishing_from_the_page_editor_is_refused(
    client, superuser, hubs
):
    hub = hubs[0]
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:edit", args=[hub.pk])
    assert 'name="action-publish"' not in client.get(url).content.decode()

    response = client.post(
        url,
        nested_form_data(
            {"title": hub.title, "slug": hub.slug, "intro": "Unreviewed words."}
        )
        | {"action-publish": "action-publish"},
        follow=True,
    )

    assert response.status_code == 200
    assert "no compliance approval" in response.content.decode()
    assert Page.objects.get(pk=hub.pk).specific.intro == hub.intro
    assert "Unreviewed words." not in client.get(hub.url).content.decode()


def test_every_page_type_is_under_compliance_review_and_no_group_may_publish(
    product, hubs
):
    for page in [product, hubs[0], product.get_parent(), hubs[0].get_parent()]:
        assert page.specific.get_workflow().name == WORKFLOW_NAME
    assert not GroupPagePermission.objects.filter(
        permission__codename="publish_page"
    ).exists()
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        publish = Permission.objects.filter(codename__startswith="publish_")
        assert not moderators.permissions.filter(pk__in=publish).exists()


def test_a_reviewer_cannot_approve_a_revision_they_wrote(product):
    reviewer = make_user("rev", "Compliance reviewers")
    product.title = "Glycinate capsules capsules"

    with pytest.raises(Exception, match="someone else must review"):
        publish_with_review(product, reviewer, reviewer)

    assert Page.objects.get(pk=product.pk).title == "Glycinate capsules"


# Approval bound to what was approved ----------------------------------------------


def test_wording_written_straight_to_the_database_leaves_public_view(
    client, product, claim
):
    Claim.objects.filter(pk=claim.pk).update(wording="Magnesium cures migraine.")

    page = client.get(product.url).content.decode()
    assert "migraine" not in page
    assert "migraine" not in client.get("/api/v2/products/?fields=*").content.decode()


def test_a_live_claim_saved_with_new_wording_leaves_public_view(client, product, claim):
    claim.wording = "Magnesium supports normal nerve function."
    claim.save()

    page = client.get(product.url).content.decode()
    assert "nerve function" not in page


def test_a_claim_created_live_by_the_orm_is_never_shown(client, product):
    orm_claim = Claim.objects.create(wording="Magnesium eases sciatica.", live=True)
    ClaimSource.objects.create(claim=orm_claim, source=SourceFactory())
    product.claims.create(claim=orm_claim, sort_order=5)

    assert "sciatica" not in client.get(product.url).content.decode()


def test_editing_a_cited_sources_title_takes_the_claim_out_until_reapproved(
    client, product, claim, settings
):
    settings.PAGE_CACHE_SECONDS = 60
    assert shown(client, product)
    assert client.get(product.url)["X-Page-Cache"] == "hit"
    source = claim.cited_sources.get().source
    source.title = "Magnesium for migraine: a new title"
    source.save()

    assert not shown(client, product)

    go_live(Claim.objects.get(pk=claim.pk))
    assert shown(client, product)


def test_un_retracting_a_source_does_not_bring_its_claims_back(
    client, product, claim, settings
):
    settings.PAGE_CACHE_SECONDS = 60
    assert shown(client, product)
    source = claim.cited_sources.get().source
    source.retracted = True
    source.save()
    assert not shown(client, product)

    source.retracted = False
    source.save()

    assert not shown(client, product)
    approval = Approval.objects.get(content_type__model="claim", object_id=claim.pk)
    assert approval.revoked_at is not None


def test_a_page_written_straight_to_the_database_leaves_public_view(client, product):
    type(product).objects.filter(pk=product.pk).update(title="Migraine Relief")

    assert client.get(product.url).status_code == 404


def test_a_page_written_straight_to_the_database_leaves_every_listing(
    client, product, catalogue
):
    def surfaces():
        return {
            url: client.get(url).content.decode()
            for url in (
                catalogue.url,
                "/api/v2/products/",
                "/api/v2/products/?fields=*",
                "/search/?q=Glycinate+capsules",
                "/sitemap.xml",
            )
        }

    assert all(
        product.url in html or "Glycinate capsules" in html
        for html in surfaces().values()
    )

    type(product).objects.filter(pk=product.pk).update(
        title="Migraine Relief", summary="Cures migraine."
    )
    bump_content_version()  # what listings keep is renewed by any later change

    for url, html in surfaces().items():
        assert "Migraine" not in html, url
        assert product.url not in html, url
    assert client.get(f"/api/v2/products/{product.pk}/").status_code == 404


def test_compliance_check_reports_live_content_nobody_approved(product, claim):
    Claim.objects.filter(pk=claim.pk).update(wording="Magnesium cures migraine.")
    out = io.StringIO()

    with pytest.raises(CommandError, match="1 live item"):
        call_command("compliance_check", "--format", "json", stdout=out)

    (line,) = [
        json.loads(x) for x in out.getvalue().splitlines() if "not-approved" in x
    ]
    assert (line["kind"], line["id"]) == ("claim", claim.pk)


# Every error rule at render time ------------------------------------------------


def test_a_claim_past_its_expiry_is_not_shown_before_publish_scheduled_runs(
    client, product, claim, settings
):
    settings.PAGE_CACHE_SECONDS = 60
    expiry = timezone.now() + datetime.timedelta(seconds=3)
    Claim.objects.filter(pk=claim.pk).update(expire_at=expiry)
    assert shown(client, product)
    assert client.get(product.url)["X-Page-Cache"] == "hit"

    while timezone.now() <= expiry:
        time.sleep(0.2)

    assert not shown(client, product)


def test_a_claims_dose_condition_raised_in_review_takes_it_off_a_weaker_product(
    client, product, claim
):
    assert product.elemental_mg_per_day == 200
    claim.min_daily_elemental_mg = 300
    go_live(claim)

    assert not shown(client, product)
