"""The public dossier of a claim, the badge that links to it, and the rules
that read citations' findings."""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evidence import compliance
from evidence.factories import (
    ClaimSourceFactory,
    DraftClaimFactory,
    SourceFactory,
    approved_claim,
    go_live,
)
from evidence.models import Claim, ClaimKind, Direction, PopulationKind, StudyType

pytestmark = pytest.mark.django_db


def dossier(claim):
    return f"/evidence/claims/{claim.pk}/"


def claim_citing(*findings, **claim_fields):
    """A claim approved through review, citing one new source per finding
    (``(study type, finding fields)``)."""
    claim = DraftClaimFactory(**claim_fields)
    for order, (study_type, fields) in enumerate(findings):
        ClaimSourceFactory(
            claim=claim,
            source=SourceFactory(study_type=study_type),
            sort_order=order,
            **fields,
        )
    go_live(claim)
    return Claim.objects.with_sources().get(pk=claim.pk)


def codes(findings):
    return sorted(f.code for f in findings)


# The dossier -------------------------------------------------------------------


def test_dossier_shows_the_approved_claim_its_studies_and_how_it_was_graded(client):
    claim = claim_citing(
        (
            StudyType.RCT,
            {
                "direction": Direction.SUPPORTS,
                "population": "Healthy older adults",
                "participants": 120,
                "magnesium_form": "citrate",
                "daily_dose_mg": 300,
                "duration": "8 weeks",
                "quote": "Muscle function improved with magnesium.",
            },
        ),
        (StudyType.RCT, {"direction": Direction.SUPPORTS, "participants": 40}),
        (StudyType.RCT, {"direction": Direction.NO_EFFECT, "participants": 60}),
    )

    response = client.get(dossier(claim))
    page = response.content.decode()

    assert response.status_code == 200
    assert claim.wording in page
    assert "US structure/function claim" in page
    assert "United States" in page
    assert (
        "3 randomised trials, 220 people: 2 found a benefit, 1 found no clear effect."
        in page
    )
    assert "Healthy older adults" in page
    assert "citrate, 300 mg a day" in page
    assert "8 weeks" in page
    assert "Muscle function improved with magnesium." in page
    assert "Found no clear effect" in page
    assert "conflicting" in page.lower()
    assert "How the grade was worked out" in page
    assert "a compliance reviewer who did not write it" in page
    assert "Evidence last checked" in page
    assert compliance.FDA_DISCLAIMER_SINGULAR in page


def test_dossier_carries_structured_data_for_the_claim_and_its_citations(client):
    claim = approved_claim(sources=2)

    page = client.get(dossier(claim)).content.decode()

    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)
    data = [json.loads(block) for block in blocks]
    (medical,) = [item for item in data if item.get("@type") == "MedicalWebPage"]
    assert medical["mainEntity"] == {
        "@type": "Claim",
        "text": claim.wording,
        "description": "2 randomised trials: 2 found a benefit.",
    }
    assert len(medical["citation"]) == 2
    assert medical["lastReviewed"] == timezone.localdate().isoformat()


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: DraftClaimFactory(sources=[SourceFactory()]), id="draft"),
        pytest.param(
            lambda: (
                Claim.objects.filter(pk=approved_claim().pk).update(
                    expire_at=timezone.now() - timedelta(minutes=1)
                )
                and Claim.objects.get(expire_at__isnull=False)
            ),
            id="expired",
        ),
    ],
)
def test_no_dossier_for_a_claim_a_shopper_may_not_read(client, make):
    claim = make()

    assert client.get(dossier(claim)).status_code == 404


def test_dossier_of_a_claim_whose_source_was_retracted_is_gone(client):
    claim = approved_claim()
    source = claim.cited_sources.get().source
    source.retracted = True
    source.save()

    assert client.get(dossier(claim)).status_code == 404


def test_dossier_shows_the_approved_wording_not_a_newer_draft(client, superuser):
    claim = approved_claim()
    approved = claim.wording
    claim.wording = "Magnesium cures every ache overnight."
    claim.save_revision(user=superuser)

    for user in (None, superuser):
        if user:
            client.force_login(user)
        page = client.get(dossier(claim)).content.decode()
        assert approved in page
        assert "cures every ache" not in page


def test_dossier_is_in_the_sitemap_only_while_shown(client):
    shown = approved_claim()
    draft = DraftClaimFactory(sources=[SourceFactory()])

    sitemap = client.get("/sitemap.xml").content.decode()

    assert dossier(shown) in sitemap
    assert dossier(draft) not in sitemap


def queries_for(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_dossier_queries_do_not_grow_with_citations(
    client, django_assert_num_queries, settings
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    }
    few, many = approved_claim(sources=1), approved_claim(sources=8)
    budget = queries_for(client, dossier(few))
    client.get(dossier(many))  # warm, as the first was

    with django_assert_num_queries(budget):
        assert client.get(dossier(many)).status_code == 200


# Rules that read the findings ------------------------------------------------------


def test_structure_function_claim_resting_on_patients_only_is_a_warning():
    patients = {
        "direction": Direction.SUPPORTS,
        "population_kind": PopulationKind.CONDITION,
    }
    claim = claim_citing((StudyType.RCT, patients))
    other = claim_citing((StudyType.RCT, patients), kind=ClaimKind.OTHER)

    assert "disease-population-only" in codes(compliance.check(claim))
    assert "disease-population-only" not in codes(compliance.check(other))


def test_product_dose_or_form_far_from_what_was_studied_is_a_warning():
    studied = {
        "direction": Direction.SUPPORTS,
        "daily_dose_mg": 300,
        "magnesium_form": "citrate",
    }
    claim = claim_citing((StudyType.RCT, studied))

    assert compliance.check_attachments([claim], 300, "Magnesium citrate") == []
    found = compliance.check_attachments([claim], 100, "Magnesium oxide")
    assert codes(found) == ["dose-far-from-studied", "form-not-studied"]
    assert not compliance.errors(found)
    assert codes(compliance.check_attachments([claim], 700)) == [
        "dose-far-from-studied"
    ]
