"""The claim-language detector: floors on its development sets, and the
wordings a reviewer would expect it to read right."""

import io

import pytest
from django.core.management import call_command

from evidence import claim_language, devset


def disease(text):
    return [d for d in claim_language.detect(text) if d.is_disease]


def benefit(text):
    return [d for d in claim_language.detect(text) if not d.is_disease]


# Floors: a change that loses ground on the development sets fails here.


@pytest.fixture(scope="module")
def first_set():
    return devset.score(devset.statements(devset.DEVSET))


@pytest.fixture(scope="module")
def second_set():
    return devset.score(devset.statements(devset.SECOND_SET))


def test_development_set_has_every_criterion_and_enough_statements():
    rows = devset.statements()

    assert len(rows) >= 300
    assert {row.label for row in rows} == {"disease", "structure-function", "non-claim"}
    assert {r.criterion for r in rows if r.label == "disease"} >= {
        "i", "ii", "iii", "iv-A", "v", "vi", "vii", "viii", "ix", "x"
    }  # fmt: skip


def test_disease_recall_and_false_positive_rate_hold_their_floor(first_set):
    assert first_set.recall >= 0.98, first_set.missed
    assert first_set.false_positive_rate <= 0.02, first_set.false_positives


def test_every_criterion_holds_its_floor(first_set):
    for criterion, (found, total) in first_set.by_criterion.items():
        assert found / total >= 0.9, (criterion, first_set.missed)


def test_benefit_recall_holds_its_floor(first_set):
    assert first_set.benefit_recall >= 0.98, first_set.benefit_missed
    assert first_set.benefit_false_positive_rate <= 0.05


def test_second_set_holds_its_floor(second_set):
    assert second_set.recall >= 0.95, second_set.missed
    assert second_set.false_positive_rate <= 0.05, second_set.false_positives
    assert second_set.benefit_recall >= 0.95, second_set.benefit_missed


# The third to eighth sets were each written before the detector was scored
# on them (recall 0.926, 0.793, 0.806, 0.694, 0.893 and 0.833; false-positive
# rate 0.029, 0.000, 0.000, 0.000, 0.125 and 0.014 as first scored). The detector was
# then changed in general ways (word classes, name shapes, spellings,
# warning, substitution and testimonial patterns); it now misses one
# statement of the sixth, two of the eighth and none of the others. The floors hold that
# ground, with room for about one more miss or false positive each.

LATER_SETS = [
    devset.THIRD_SET,
    devset.FOURTH_SET,
    devset.FIFTH_SET,
    devset.SIXTH_SET,
    devset.SEVENTH_SET,
    devset.EIGHTH_SET,
]


@pytest.fixture(scope="module", params=LATER_SETS)
def later_set(request):
    return devset.score(devset.statements(request.param))


def test_later_sets_hold_their_floor(later_set):
    assert later_set.recall >= 0.94, later_set.missed
    assert later_set.false_positive_rate <= 0.035, later_set.false_positives
    assert later_set.benefit_recall >= 0.97, later_set.benefit_missed
    assert later_set.benefit_false_positive_rate <= 0.07


def test_every_criterion_holds_its_floor_over_all_sets():
    rows = [row for path in devset.SETS.values() for row in devset.statements(path)]
    scores = devset.score(rows)

    assert len(rows) >= 1310
    assert scores.recall >= 0.99, scores.missed
    assert scores.false_positive_rate <= 0.01, scores.false_positives
    for criterion, (found, total) in scores.by_criterion.items():
        assert found / total >= 0.95, (criterion, scores.missed)


# Wordings.


@pytest.mark.parametrize(
    ("text", "rule", "word"),
    [
        ("Relieves the pain and stiffness of arthritis.", "i", "arthritis"),
        ("Helps clear up bronchitis.", "i", "bronchitis"),
        ("Lowers cholesterol.", "ii", "cholesterol"),
        ("Eases chronic pain.", "ii", "pain"),
        ("Prevents the brittle bones of post-menopausal osteoporosis.", "iii", None),
        ("A natural anti-inflammatory.", "v", "anti-inflammatory"),
        ("Herbal Prozac.", "vi", "prozac"),
        ("Contains aspirin.", "iv-B", "aspirin"),
        ("Take alongside your blood pressure medication.", "vii", None),
        ("Supports the body's ability to resist infection.", "viii", "infection"),
        ("Reduces nausea caused by chemotherapy.", "ix", None),
        ("My patients with migraines swear by it.", "x", "migraines"),
        ("Protects against disease.", "iv-D", "disease"),
    ],
)
def test_a_disease_claim_names_its_criterion_and_words(text, rule, word):
    [found] = disease(text)

    assert found.rule == rule
    assert found.criterion.startswith("21 CFR 101.93(g)(2)")
    assert word is None or word in found.words
    assert "structure or function" in found.advice


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # Names: hyphenated, or a pun on the first letters of a disease.
        ("Migra-Stop Magnesium Glycinate", "iv-A"),
        ("DiaBeat Daily", "iv-A"),
        ("Rheuma-Rest Tablets", "iv-A"),
        # Acronyms, matched as written in capitals.
        ("Designed to support people living with MS.", "x"),
        ("Helps people with RA stay active.", "i"),
        # Germs as the enemy.
        ("Helps the body fight bacteria.", "viii"),
        # Signs in lay words, and body functions once qualified.
        ("Helps stop rectal bleeding.", "ii"),
        ("Relieves the burning when you urinate.", "ii"),
        ("Keeps arteries from clogging with plaque.", "ii"),
        ("Stops the bone thinning that sets in after menopause.", "iii"),
        ("Eases sore throat pain.", "ii"),
        # A drug class by its shape.
        ("A plant-derived COX-2 inhibitor.", "v"),
        ("Designed to be taken with antiretroviral therapy.", "vii"),
        ("Has a mild sedative effect.", "v"),
        # A testimonial: a negation that reports an end to the disease.
        ('"I haven\'t had a migraine since I started," writes a customer.', "x"),
        # British spellings, substitution verbs, a negation that prefers.
        ("A must-have for anyone with sleep apnoea.", "x"),
        ("Ditch the inhaler: breathe easy with magnesium.", "vi"),
        ("For people who would rather not take Ambien.", "vi"),
        ("Lowers a racing pulse.", "ii"),
        # ICD-10-CM lay names of a sick part of the body.
        ("Brings relief from tennis elbow.", "i"),
    ],
)
def test_general_classes_read_new_wordings(text, rule):
    [found] = disease(text)

    assert found.rule == rule


@pytest.mark.parametrize(
    "text",
    [
        "If you take ibuprofen or naproxen regularly, talk to your pharmacist first.",
        "Dosing for children should be discussed with a paediatrician.",
        "Magnesium can reduce the absorption of bisphosphonates prescribed for "
        "osteoporosis, so space the doses.",
        "Heavy bleeding during periods can lower iron stores.",
        "Supports beneficial gut bacteria.",
        "Free from mould and tested against strict limits.",
        "A steroid-free formula.",
        "Prostate-Health Support",
        "Check the label for allergens.",
        "Ms Jones wrote this article.",
        "The evidence for magnesium in preventing migraine is modest.",
        "Cancer treatment should always be guided by an oncologist.",
        "Some people notice loose stools at higher doses.",
        "In a survey, those who ate more magnesium were less likely to report "
        "long-lasting pain.",
        "A small study gave magnesium by mouth to people with long-lasting pain.",
    ],
)
def test_warnings_education_and_ordinary_names_are_no_disease_claim(text):
    assert not disease(text)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # A lay complaint made chronic by a phrase anywhere in the sentence.
        ("Helps when you can't sleep week after week.", "ii"),
        ("Soothes an upset stomach that never goes away.", "ii"),
        # Lay words for the signs of arthritis and reflux, unqualified.
        ("Loosens up creaky joints.", "ii"),
        ("Puts out heartburn in minutes.", "ii"),
        # A drug named by the ending of its non-proprietary name.
        ("Works as well as pantoprazole.", "vi"),
        # A specialist in a disease who recommends the product.
        ("Trusted by rheumatologists.", "x"),
    ],
)
def test_lay_complaints_drug_stems_and_specialists_are_disease_claims(text, rule):
    [found] = disease(text)

    assert found.rule == rule


@pytest.mark.parametrize(
    "text",
    [
        "For occasional heartburn after a rich meal.",
        "Creaky joints after a new training plan usually ease within days.",
        "Helps you wind down every night.",
        "If you can't sleep for a month or more, see your doctor.",
        "Our guide was checked by a cardiologist.",
    ],
)
def test_ordinary_complaints_and_bylines_are_not_disease_claims(text):
    assert not disease(text)


def test_a_comparative_is_not_a_benefit_and_an_ordinary_use_is():
    assert not benefit("Magnesium oxide has lower bioavailability than citrate.")
    assert not benefit("A balanced diet usually provides enough magnesium.")
    assert not benefit("Please contact our support team.")
    assert benefit("For the occasional absentmindedness that comes with age.")


def test_disease_names_come_from_icd_10_cm_beyond_the_hand_lists():
    # Neither word is in the reviewer's lists: both are ICD-10-CM titles.
    assert disease("Soothes blepharitis.")
    assert disease("Helps with cholecystitis.")


@pytest.mark.parametrize(
    "text",
    [
        "Relieves migraines.",
        "Relieves migraine.",
        "Eases restless-legs syndrome.",
        "Eases restless legs syndrome.",
        "Calms irritable-bowel syndrome.",
        "Fights allergies.",
    ],
)
def test_plurals_and_hyphens_match(text):
    assert disease(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("MigraineRelief magnesium tablets.", "migraine"),
        ("ArthriCalm joint capsules.", "arthri"),
        ("Neuropathix nerve support.", "neuropathix"),
        ("GoutAway cherry and magnesium.", "gout"),
        ("Hepatacure liver formula.", "hepatacure"),
    ],
)
def test_product_names_built_from_disease_words_are_claims(text, word):
    [found] = disease(text)

    assert found.rule == "iv-A"
    assert word in found.words


@pytest.mark.parametrize(
    "text",
    ["MagnaCalm helps you relax in the evening.", "Cardiohealth.", "Heart Tabs."],
)
def test_product_names_without_disease_words_are_not(text):
    assert disease(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Magnesium does not cure arthritis.",
        "This product does not treat or prevent migraines.",
        "Not intended to diagnose, treat, cure, or prevent any disease.",
        "This product is not intended to treat, cure, or prevent any disease.",
        "There is no good evidence that magnesium treats fibromyalgia.",
    ],
)
def test_negated_claims_are_not_claims(text):
    assert claim_language.detect(text) == []


def test_no_more_is_not_a_negation():
    assert disease("No more migraines!")


@pytest.mark.parametrize(
    "text",
    [
        "Do not use if you have kidney disease.",
        "If you take blood thinners, talk to your doctor first.",
        "Consult your doctor if you are taking medication for diabetes.",
        "May interact with antibiotics.",
        "See a doctor about over-the-counter pain relievers if your back pain lasts.",
    ],
)
def test_warnings_are_not_claims(text):
    assert claim_language.is_warning(text)
    assert claim_language.detect(text) == []


def test_a_claim_that_names_a_side_effect_is_not_a_warning():
    assert disease("Eases the side effects of chemotherapy.")


@pytest.mark.parametrize(
    "text",
    [
        "Magnesium deficiency is common in older adults.",
        "Chronic back pain is hard to treat.",
        "Migraine attacks can last from four hours to three days.",
        "Opioids are often prescribed after surgery.",
        "Ibuprofen is an over-the-counter pain reliever.",
        "People with Crohn's disease may absorb less magnesium.",
    ],
)
def test_education_is_not_a_claim(text):
    assert disease(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Helps maintain cholesterol levels that are already within the normal range.",
        "Potassium contributes to the maintenance of normal blood pressure.",
        "For relief of occasional constipation.",
        "For muscle pain following exercise.",
    ],
)
def test_normal_function_and_occasional_complaints_are_not_disease_claims(text):
    assert disease(text) == []
    assert benefit(text)


def test_every_authorised_eu_magnesium_wording_is_a_benefit_statement_only():
    for wording in claim_language.data("eu_magnesium_claims.toml")["claims"]:
        found = claim_language.detect(wording)

        assert [d.code for d in found] == [claim_language.BENEFIT], wording


@pytest.mark.parametrize(
    "text",
    [
        "Good for your muscles after a workout.",
        "Boosts your energy levels.",
        "Fights fatigue.",
        "Soothes tired muscles.",
        "For healthy bones and teeth.",
        "Magnesium has a role in the process of cell division.",
    ],
)
def test_benefit_phrasings_are_benefit_statements(text):
    assert benefit(text)
    assert disease(text) == []


def test_prevent_without_a_disease_is_an_uncertain_caution():
    [found] = disease("Magnesium may prevent muscle cramps.")

    assert found.words == ("prevent",)
    assert not found.certain


def test_a_named_disease_is_certain():
    [found] = disease("Magnesium prevents migraines.")

    assert found.certain


def test_sentences_do_not_end_at_an_abbreviation():
    text = "Dr. Smith recommends it to his arthritis patients. Store cool."

    assert claim_language.sentences(text) == [
        "Dr. Smith recommends it to his arthritis patients.",
        "Store cool.",
    ]


def test_diseases_named_in_a_title_leave_out_generic_words():
    title = "Magnesium in fibromyalgia and migraine: implications for disease"

    assert claim_language.diseases_named(title) == ("fibromyalgia", "migraine")
    assert claim_language.diseases_named("Magnesium in man") == ()


def test_detector_report_prints_recall_per_criterion():
    out = io.StringIO()

    call_command("detector_report", "--errors", stdout=out)

    report = out.getvalue()
    assert "claim_devset.csv: " in report
    assert "Disease recall " in report
    assert "(viii )" in report


def test_detector_report_scores_every_set():
    out = io.StringIO()

    call_command("detector_report", "--all", stdout=out)

    report = out.getvalue()
    for name in ("claim_devset.csv", "claim_devset_2.csv", "claim_devset_3.csv"):
        assert f"{name}: " in report
    assert "claim_devset_4.csv: " in report
    assert "claim_devset_5.csv: " in report
    assert "claim_devset_6.csv: " in report
    assert "claim_devset_7.csv: " in report
    assert "claim_devset_8.csv: " in report
