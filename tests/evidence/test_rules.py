"""Each compliance rule, including wordings that must not fire."""

import pytest

from evidence import compliance
from evidence.factories import ClaimSourceFactory, SourceFactory, claim_with_sources
from evidence.models import Claim, ClaimKind, StudyType

pytestmark = pytest.mark.django_db


def codes(findings):
    return [f.code for f in findings]


@pytest.mark.parametrize(
    ("wording", "matched"),
    [
        ("Magnesium eases migraine attacks.", "migraine"),
        ("Helps with fibromyalgia flare-ups.", "fibromyalgia"),
        ("Soothes diabetic neuropathy.", "neuropathy"),
        ("Relief for sciatica and arthritis.", "sciatica"),
        ("Magnesium may prevent muscle cramps.", "prevent"),
        ("Clinically shown to treat nerve pain.", "treat"),
        ("A natural analgesic.", "analgesic"),
        ("Works like a calcium channel blocker.", "calcium channel blocker"),
    ],
)
def test_disease_language_names_the_words_that_matched(wording, matched):
    findings = compliance.disease_language_in_text(wording)

    assert codes(findings) == ["disease-language"]
    assert matched in findings[0].message
    assert "structure or function" in findings[0].message


@pytest.mark.parametrize(
    "wording",
    [
        "Magnesium contributes to normal muscle function.",
        "Supports relaxation of muscles after exercise.",
        "Supports healthy nerve signalling.",
        "Do not use if you have kidney disease.",
        "Supports normal muscle function. Do not take if you have kidney disease.",
        "Consult your doctor if you are taking medication for diabetes.",
        "Not suitable for people with heart disease.",
    ],
)
def test_disease_language_does_not_fire_on_function_wording_or_warnings(wording):
    assert compliance.disease_language_in_text(wording) == []


def test_disease_language_still_fires_on_a_claim_beside_a_warning():
    text = "Relieves arthritis pain. Do not use if you have kidney disease."

    findings = compliance.disease_language_in_text(text)

    assert "arthritis" in findings[0].message
    assert "kidney" not in findings[0].message


def test_no_source_is_an_error_on_the_cited_sources_field():
    claim = Claim.objects.create(wording="Supports normal muscle function.")

    findings = compliance.check(Claim.objects.with_sources().get(pk=claim.pk))

    assert codes(compliance.errors(findings)) == ["no-source"]
    assert findings[0].field == "cited_sources"


def test_only_retracted_sources_count_as_no_source():
    claim = claim_with_sources([StudyType.RCT])
    source = claim.cited_sources.get().source
    source.retracted = True
    source.save()

    claim = Claim.objects.with_sources().get()

    assert "no-source" in codes(compliance.check(claim))


def test_weak_evidence_fires_for_animal_studies_only():
    claim = claim_with_sources([StudyType.ANIMAL, StudyType.IN_VITRO])

    assert "weak-evidence" in codes(compliance.check(claim))


def test_weak_evidence_does_not_fire_with_a_human_trial():
    claim = claim_with_sources([StudyType.ANIMAL, StudyType.RCT])

    assert "weak-evidence" not in codes(compliance.check(claim))


def test_citation_implies_disease_names_the_source():
    claim = claim_with_sources([])
    source = SourceFactory(title="Magnesium in fibromyalgia: a randomised trial")
    ClaimSourceFactory(claim=claim, source=source)

    findings = compliance.citation_implies_disease(Claim.objects.with_sources().get())

    assert codes(findings) == ["citation-implies-disease"]
    assert "fibromyalgia" in findings[0].message


def test_citation_implies_disease_does_not_fire_on_a_function_study():
    claim = claim_with_sources([])
    ClaimSourceFactory(claim=claim, source=SourceFactory(title="Magnesium in man"))

    assert compliance.citation_implies_disease(Claim.objects.with_sources().get()) == []


def test_eu_wording_accepts_each_authorised_magnesium_claim():
    for wording in compliance.authorised_eu_wordings():
        claim = Claim(wording=f"{wording}.", kind=ClaimKind.EU_AUTHORISED)
        assert compliance.eu_wording(claim) == []
    assert len(compliance.authorised_eu_wordings()) == 10


def test_eu_wording_fires_on_an_unauthorised_eu_claim():
    claim = Claim(
        wording="Magnesium supports a calm mind.", kind=ClaimKind.EU_AUTHORISED
    )

    assert codes(compliance.eu_wording(claim)) == ["eu-wording"]


def test_eu_wording_ignores_us_claims():
    claim = Claim(wording="Magnesium supports a calm mind.")

    assert compliance.eu_wording(claim) == []


def test_unapproved_claim_attached_is_an_error_until_the_claim_is_live():
    draft = Claim(wording="Supports normal muscle function.", live=False)

    assert codes(compliance.check_attachments([draft])) == ["unapproved-claim-attached"]


def test_dose_below_condition_compares_the_daily_amount():
    claim = claim_with_sources(min_daily_elemental_mg=300)
    claim = Claim.objects.with_sources().get()

    assert codes(compliance.check_attachments([claim], 200)) == ["dose-below-condition"]
    assert compliance.check_attachments([claim], 300) == []


def test_public_claims_shows_only_live_claims_without_errors():
    shown = claim_with_sources(wording="Shown.")
    claim_with_sources(wording="Draft.", live=False)
    Claim.objects.create(wording="No source.")

    assert public_wordings() == [shown.wording]


def public_wordings():
    return [c.wording for c in compliance.public_claims(Claim.objects.with_sources())]
