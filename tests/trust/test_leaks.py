"""With the demo content in place, no claim wording that is not approved and
backed by a current source reaches anything a shopper can fetch."""

import pytest
from django.test import Client

from evidence import demo as evidence_demo
from evidence.models import Claim
from tests.trust.conftest import ROLES, log_in
from tests.trust.shopper import crawl

pytestmark = pytest.mark.django_db


def unapproved_wordings():
    """Draft, pending and rejected wordings, including a newer draft of a
    claim whose approved wording is live."""
    wordings = set()
    for claim in Claim.objects.all():
        latest = claim.get_latest_revision_as_object()
        if not claim.live:
            wordings |= {claim.wording, latest.wording}
        elif latest.wording != claim.wording:
            wordings.add(latest.wording)
    return wordings


def search_urls(wordings):
    """Searches for each wording less its last word, so the page echoing the
    query cannot count as a leak but a result showing the claim would."""
    return [f"/search/?q={wording.rsplit(' ', 1)[0]}" for wording in wordings]


def leaks(pages, wordings):
    return sorted(
        (wording, url)
        for url, text in pages.items()
        for wording in wordings
        if wording in text
    )


def test_no_unapproved_claim_wording_reaches_a_shopper(demo):
    wordings = unapproved_wordings()
    assert len(wordings) >= 5  # drafts, pending (incl. disease wording), rejected

    pages = crawl(Client(), extra=search_urls(wordings))

    assert leaks(pages, wordings) == []
    # The crawl reached product pages, fragments and the API, where approved
    # claims do show.
    approved = evidence_demo.claim("muscle_relaxation").wording
    shown_at = {url for url, text in pages.items() if approved in text}
    assert any(url.startswith("/api/v2/products/") for url in shown_at)
    assert any(url.endswith("(htmx)") and "?" in url for url in shown_at)


def test_retracting_a_source_hides_every_claim_citing_it_until_reviewed(demo):
    efsa = evidence_demo.source(evidence_demo.EFSA_2010)
    only_efsa = evidence_demo.claim("bones").wording
    also_another_source = evidence_demo.claim("muscle_relaxation").wording
    before = crawl(Client())
    assert leaks(before, {only_efsa})

    efsa.retracted = True
    efsa.save()

    after = crawl(Client())
    assert leaks(after, {only_efsa}) == []
    assert leaks(after, {also_another_source}) == []


@pytest.mark.parametrize("role", ROLES)
def test_claim_dossiers_show_only_approved_wording_whoever_asks(demo, role):
    """Every claim's dossier URL, fetched as each role: drafts, pending,
    rejected and superseded wordings never appear; approved claims do."""
    client = log_in(Client(), role)
    wordings = unapproved_wordings()
    pages, statuses = {}, {}
    for claim in Claim.objects.all():
        url = f"/evidence/claims/{claim.pk}/"
        response = client.get(url)
        statuses[claim.pk] = response.status_code
        pages[url] = response.content.decode()

    assert leaks(pages, wordings) == []
    approved = evidence_demo.claim("muscle_relaxation")
    assert statuses[approved.pk] == 200
    assert statuses[evidence_demo.claim("night_cramps").pk] == 404
    assert statuses[evidence_demo.claim("sleep_draft").pk] == 404
    assert statuses[evidence_demo.claim("back_pain_trial").pk] == 404


def test_the_crawl_reaches_each_approved_claims_dossier(demo):
    pages = crawl(Client())

    for key in ("muscle_relaxation", "intake_and_pain", "bones"):
        claim = evidence_demo.claim(key)
        assert f"/evidence/claims/{claim.pk}/" in pages, key
