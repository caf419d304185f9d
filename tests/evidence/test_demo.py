import io

import pytest
from django.core.management import call_command
from wagtail.models import ModelLogEntry, WorkflowState

from evidence import compliance, demo
from evidence.models import Claim, ClaimKind, EvidenceLevel, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    call_command("load_demo", verbosity=0)


def test_demo_has_real_sources_and_claims_in_every_state(loaded):
    assert Source.objects.count() >= 12
    assert Claim.objects.count() >= 10
    assert demo.claim("back_pain_trial").workflow_in_progress
    rejected = demo.claim("night_cramps")
    assert rejected.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    entry = ModelLogEntry.objects.for_instance(rejected).get(
        action="wagtail.workflow.reject"
    )
    assert "Cochrane" in entry.data["comment"]
    assert not demo.claim("sleep_draft").cited_sources.exists()


def test_demo_queue_shows_the_problems_a_reviewer_must_catch(loaded):
    animal = Claim.objects.with_sources().get(pk=demo.claim("pain_signals_animal").pk)
    disease = Claim.objects.with_sources().get(pk=demo.claim("disease_wording").pk)

    assert animal.evidence_level == EvidenceLevel.LIMITED
    assert "disease-language" in [f.code for f in compliance.check(disease)]


def test_demo_offers_approved_structure_function_claims_for_products(loaded):
    keys = [
        "muscle_relaxation",
        "nerve_signalling",
        "energy_production",
        "exercise_muscle",
    ]

    claims = [demo.claim(key) for key in keys]

    assert all(c.live and c.kind == ClaimKind.STRUCTURE_FUNCTION for c in claims)
    assert demo.claim("exercise_muscle").min_daily_elemental_mg == 100
    assert demo.source("10.3390/NU12082184").title == "Magnesium and Pain"


def test_demo_library_passes_compliance_check(loaded):
    out = io.StringIO()

    call_command("compliance_check", stdout=out)  # raises when a live item errs

    assert "Checked" in out.getvalue()


def test_demo_sources_store_authors_only_never_et_al():
    call_command("load_demo", verbosity=0)

    for source in Source.objects.all():
        assert not any(
            name.lower().rstrip(".") in {"et al", "others"}
            for name in source.author_list
        ), source.title
