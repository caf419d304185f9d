"""Demo sources and claims, taken through the real review workflow.

Every source below is a real publication; its DOI or PMID was checked against
the publisher's or PubMed's record. Claims are written in our own words. The
editor drafts and submits; the reviewer approves (acknowledging warnings in
writing) or requests changes with a reason, so the audit log reads like a
real queue.

Other demo modules use the lookups:

- ``claim(key)``: the Claim for a key of ``CLAIMS`` (for example
  ``claim("muscle_relaxation")``); approved structure/function claims for
  products are ``muscle_relaxation``, ``nerve_signalling``, ``energy_production``
  and ``exercise_muscle``;
- ``source(identifier)``: the Source with that DOI or PMID, for example
  ``source("10.3390/nu12082184")``.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from wagtail.log_actions import log

from evidence.models import (
    Claim,
    ClaimKind,
    ClaimSource,
    Direction,
    PopulationKind,
    Source,
    StudyType,
    normalise_doi,
)
from evidence.workflows import ensure_compliance_workflow

EFSA_NDA = "EFSA Panel on Dietetic Products, Nutrition and Allergies (NDA)"

SOURCES = [
    {
        "doi": "10.3390/nu12082184",
        "pmid": "32718032",
        "authors": "Shin HJ\nNa HS\nDo SH",
        "title": "Magnesium and Pain",
        "container": "Nutrients",
        "year": 2020,
        "volume": "12",
        "issue": "8",
        "pages": "2184",
        "study_type": StudyType.NARRATIVE_REVIEW,
    },
    {
        "doi": "10.1007/s00296-011-2334-8",
        "pmid": "22271372",
        "authors": "Bagis S\nKarabiber M\nAs I\nTamer L\nErdogan C\nAtalay A",
        "title": "Is magnesium citrate treatment effective on pain, clinical "
        "parameters and functional status in patients with fibromyalgia?",
        "container": "Rheumatol Int",
        "year": 2013,
        "volume": "33",
        "issue": "1",
        "pages": "167-172",
        "study_type": StudyType.RCT,
        "population": "Premenopausal women with fibromyalgia",
        "sample_size": 60,
    },
    {
        "pmid": "14596323",
        "authors": "Walker AF\nMarakis G\nChristie S\nByng M",
        "title": "Mg citrate found more bioavailable than other Mg preparations "
        "in a randomised, double-blind study",
        "container": "Magnes Res",
        "year": 2003,
        "volume": "16",
        "issue": "3",
        "pages": "183-191",
        "study_type": StudyType.RCT,
        "population": "Healthy adults",
        "sample_size": 46,
    },
    {
        "pmid": "11794633",
        "authors": "Firoz M\nGraber M",
        "title": "Bioavailability of US commercial magnesium preparations",
        "container": "Magnes Res",
        "year": 2001,
        "volume": "14",
        "issue": "4",
        "pages": "257-262",
        "study_type": StudyType.OBSERVATIONAL,
        "population": "Healthy volunteers",
    },
    {
        "doi": "10.1152/physrev.00012.2014",
        "authors": "de Baaij JHF\nHoenderop JGJ\nBindels RJM",
        "title": "Magnesium in man: implications for health and disease",
        "container": "Physiol Rev",
        "year": 2015,
        "volume": "95",
        "issue": "1",
        "pages": "1-46",
        "study_type": StudyType.NARRATIVE_REVIEW,
    },
    {
        "doi": "10.2903/j.efsa.2010.1807",
        "authors": EFSA_NDA,
        "title": "Scientific Opinion on the substantiation of health claims related "
        "to magnesium and electrolyte balance, energy-yielding metabolism, "
        "neurotransmission and muscle contraction, cell division, maintenance of "
        "bone and teeth, protein synthesis, psychological functions and "
        "reduction of tiredness and fatigue, pursuant to Article 13(1) of "
        "Regulation (EC) No 1924/2006",
        "container": "EFSA Journal",
        "year": 2010,
        "volume": "8",
        "issue": "10",
        "pages": "1807",
        "study_type": StudyType.REGULATORY_OPINION,
        "population": "General population",
    },
    {
        "doi": "10.2903/j.efsa.2013.3331",
        "authors": EFSA_NDA,
        "title": "Scientific Opinion on the substantiation of a health claim related "
        "to magnesium and contribution to normal development of bone pursuant to "
        "Article 14 of Regulation (EC) No 1924/2006",
        "container": "EFSA Journal",
        "year": 2013,
        "volume": "11",
        "issue": "7",
        "pages": "3331",
        "study_type": StudyType.REGULATORY_OPINION,
    },
    {
        "doi": "10.1002/14651858.CD009402.pub3",
        "authors": "Garrison SR\nKorownyk CS\nKolber MR\nAllan GM\nMusini VM\n"
        "Sekhon RK\nDugré N",
        "title": "Magnesium for skeletal muscle cramps",
        "container": "Cochrane Database Syst Rev",
        "year": 2020,
        "volume": "9",
        "pages": "CD009402",
        "study_type": StudyType.SYSTEMATIC_REVIEW,
        "population": "11 trials, 735 people with muscle cramps",
        "sample_size": 735,
    },
    {
        "doi": "10.1111/j.1365-2044.2012.07335.x",
        "pmid": "23121612",
        "authors": "Albrecht E\nKirkham KR\nLiu SS\nBrull R",
        "title": "Peri-operative intravenous administration of magnesium sulphate and "
        "postoperative pain: a meta-analysis",
        "container": "Anaesthesia",
        "year": 2013,
        "volume": "68",
        "issue": "1",
        "pages": "79-90",
        "study_type": StudyType.SYSTEMATIC_REVIEW,
        "population": "25 trials of surgical patients",
    },
    {
        "doi": "10.1213/01.ane.0000261250.59984.cd",
        "authors": "Lysakowski C\nDumont L\nCzarnetzki C\nTramèr MR",
        "title": "Magnesium as an adjuvant to postoperative analgesia: a systematic "
        "review of randomized trials",
        "container": "Anesth Analg",
        "year": 2007,
        "study_type": StudyType.SYSTEMATIC_REVIEW,
        "population": "14 trials, 778 surgical patients",
        "sample_size": 778,
    },
    {
        "doi": "10.1111/anae.12107",
        "pmid": "23384256",
        "authors": "Yousef AA\nAl-deeb AE",
        "title": "A double-blinded randomised controlled study of the value of "
        "sequential intravenous and oral magnesium therapy in patients with "
        "chronic low back pain with a neuropathic component",
        "container": "Anaesthesia",
        "year": 2013,
        "volume": "68",
        "issue": "3",
        "pages": "260-266",
        "study_type": StudyType.RCT,
        "population": "Adults with chronic low back pain",
        "sample_size": 80,
    },
    {
        "doi": "10.3390/nu12072104",
        "authors": "Tarleton EK\nKennedy AG\nRose GL\nLittenberg B",
        "title": "Relationship between Magnesium Intake and Chronic Pain in "
        "U.S. Adults",
        "container": "Nutrients",
        "year": 2020,
        "volume": "12",
        "issue": "7",
        "pages": "2104",
        "study_type": StudyType.OBSERVATIONAL,
        "population": "US adults in NHANES 1999-2004",
        "sample_size": 13434,
    },
    {
        "doi": "10.3390/nu13051397",
        "authors": "Morel V\nPickering ME\nGoubayon J\nDjobo M\nMacian N\nPickering G",
        "title": "Magnesium for Pain Treatment in 2021? State of the Art",
        "container": "Nutrients",
        "year": 2021,
        "volume": "13",
        "issue": "5",
        "pages": "1397",
        "study_type": StudyType.NARRATIVE_REVIEW,
    },
    {
        "pmid": "10907623",
        "authors": "Frusso R\nZárate M\nAugustovski F\nRubinstein A",
        "title": "Magnesium for the treatment of nocturnal leg cramps: a crossover "
        "randomized trial",
        "container": "J Fam Pract",
        "year": 1999,
        "volume": "48",
        "issue": "11",
        "pages": "868-871",
        "study_type": StudyType.RCT,
    },
    {
        "pmid": "7631676",
        "authors": "Dahle LO\nBerg G\nHammar M\nHurtig M\nLarsson L",
        "title": "The effect of oral magnesium substitution on pregnancy-induced leg "
        "cramps",
        "container": "Am J Obstet Gynecol",
        "year": 1995,
        "volume": "173",
        "issue": "1",
        "pages": "175-180",
        "study_type": StudyType.RCT,
    },
    {
        "doi": "10.1097/00001756-199704140-00013",
        "pmid": "9172140",
        "authors": "Dubray C\nAlloui A\nBardin L\nRock E\nMazur A\nRayssiguier Y\n"
        "Eschalier A\nLavarenne J",
        "title": "Magnesium deficiency induces an hyperalgesia reversed by the NMDA "
        "receptor antagonist MK801",
        "container": "Neuroreport",
        "year": 1997,
        "volume": "8",
        "issue": "6",
        "pages": "1383-1386",
        "study_type": StudyType.ANIMAL,
        "population": "Rats",
    },
    {
        "doi": "10.1016/s0006-8993(00)03028-6",
        "pmid": "11134637",
        "authors": "Begon S\nPickering G\nEschalier A\nDubray C",
        "title": "Magnesium and MK-801 have a similar effect in two experimental "
        "models of neuropathic pain",
        "container": "Brain Res",
        "year": 2000,
        "volume": "887",
        "issue": "2",
        "pages": "436-439",
        "study_type": StudyType.ANIMAL,
        "population": "Rats",
    },
]

EFSA_2010 = "10.2903/j.efsa.2010.1807"
DE_BAAIJ = "10.1152/physrev.00012.2014"
COCHRANE_CRAMPS = "10.1002/14651858.CD009402.pub3"

APPROVED, IN_REVIEW, REJECTED, DRAFT = "approved", "in review", "rejected", "draft"

# Findings, per citation, as the studies report them. A citation is
# ``(DOI or PMID, locator, finding)``; a finding holds ClaimSource's finding
# fields. Only what a study states is recorded; a passage is quoted only
# where its words are the study's own conclusion.


def efsa(section, function):
    """EFSA's 2010 opinion on ``function`` (its section ``section``)."""
    return (
        EFSA_2010,
        f"Section {section}, conclusions",
        {
            "direction": Direction.SUPPORTS,
            "outcome": f"Whether magnesium intake contributes to {function}",
            "population_kind": PopulationKind.GENERAL,
            "population": "The general population (the Panel weighed the "
            "evidence as a whole)",
            "quote": "A cause and effect relationship has been established "
            f"between the dietary intake of magnesium and {function}.",
        },
    )


def de_baaij(locator, role):
    """The Physiological Reviews account of magnesium's role in ``role``."""
    return (
        DE_BAAIJ,
        locator,
        {
            "direction": Direction.SUPPORTS,
            "outcome": f"Magnesium's role in {role} (physiology)",
            "population_kind": PopulationKind.GENERAL,
            "population": "Human physiology, from laboratory and clinical work",
        },
    )


SURGICAL = "Adults having surgery"
IV_SULPHATE = "sulphate, intravenous"


@dataclass
class DemoClaim:
    wording: str
    sources: list  # (DOI or PMID, locator, finding)
    state: str
    kind: str = ClaimKind.STRUCTURE_FUNCTION
    min_daily_elemental_mg: int | None = None
    review_note: str = field(default="")


AUTHORISED_NOTE = (
    "Authorised wording (Regulation (EU) 432/2012). It rests on EFSA's "
    "assessment of the evidence as a whole, not on trials cited here; the "
    "badge says so."
)
PHYSIOLOGY_NOTE = (
    "Normal physiology, from EFSA's assessment and a physiology review; no "
    "trial is cited and the badge says so."
)

CLAIMS = {
    "muscle_function": DemoClaim(
        "Magnesium contributes to normal muscle function",
        [efsa("3.3", "neurotransmission and muscle contraction")],
        APPROVED,
        kind=ClaimKind.EU_AUTHORISED,
        review_note=AUTHORISED_NOTE,
    ),
    "nervous_system": DemoClaim(
        "Magnesium contributes to normal functioning of the nervous system",
        [efsa("3.3", "neurotransmission and muscle contraction")],
        APPROVED,
        kind=ClaimKind.EU_AUTHORISED,
        review_note=AUTHORISED_NOTE,
    ),
    "tiredness": DemoClaim(
        "Magnesium contributes to a reduction of tiredness and fatigue",
        [efsa("3.11", "reduction of tiredness and fatigue")],
        APPROVED,
        kind=ClaimKind.EU_AUTHORISED,
        # Regulation 1924/2006: a "source of" magnesium gives 15% of the
        # 375 mg reference intake per portion.
        min_daily_elemental_mg=57,
        review_note=AUTHORISED_NOTE,
    ),
    "bones": DemoClaim(
        "Magnesium contributes to the maintenance of normal bones",
        [efsa("3.5", "maintenance of normal bone")],
        APPROVED,
        kind=ClaimKind.EU_AUTHORISED,
        review_note=AUTHORISED_NOTE,
    ),
    "muscle_relaxation": DemoClaim(
        "Magnesium helps muscles relax normally after they contract.",
        [
            de_baaij("Skeletal muscle section", "muscle contraction and relaxation"),
            efsa("3.3", "neurotransmission and muscle contraction"),
        ],
        APPROVED,
        review_note=PHYSIOLOGY_NOTE,
    ),
    "nerve_signalling": DemoClaim(
        "Magnesium helps nerve cells pass on signals normally.",
        [
            de_baaij("Brain section", "nerve signalling"),
            efsa("3.3", "neurotransmission and muscle contraction"),
        ],
        APPROVED,
        review_note=PHYSIOLOGY_NOTE,
    ),
    "energy_production": DemoClaim(
        "Magnesium helps the body's cells turn food into energy.",
        [
            efsa("3.2", "energy-yielding metabolism"),
            de_baaij("", "energy metabolism"),
        ],
        APPROVED,
        review_note=PHYSIOLOGY_NOTE,
    ),
    "exercise_muscle": DemoClaim(
        "Magnesium supports normal muscle function during and after exercise.",
        [
            efsa("3.3", "neurotransmission and muscle contraction"),
            de_baaij("Skeletal muscle section", "muscle contraction and relaxation"),
        ],
        APPROVED,
        min_daily_elemental_mg=100,
        review_note=PHYSIOLOGY_NOTE,
    ),
    "intake_and_pain": DemoClaim(
        "In a large survey of US adults, those who ate more magnesium were "
        "somewhat less likely to report long-lasting pain.",
        [
            (
                "10.3390/nu12072104",
                "Abstract: adjusted odds ratio 0.93",
                {
                    "direction": Direction.SUPPORTS,
                    "outcome": "Self-reported chronic pain, by magnesium intake",
                    "population_kind": PopulationKind.GENERAL,
                    "population": "US adults in NHANES 1999-2004",
                    "participants": 13434,
                    "duration": "One survey (cross-sectional)",
                },
            )
        ],
        APPROVED,
        kind=ClaimKind.OTHER,
    ),
    "surgery_opioids": DemoClaim(
        "In surgical trials, magnesium given into a vein around the operation "
        "reduced how much opioid patients needed in the first day.",
        [
            (
                "10.1111/j.1365-2044.2012.07335.x",
                "Abstract: 24.4% less morphine",
                {
                    "direction": Direction.SUPPORTS,
                    "outcome": "Morphine used in the first 24 hours after surgery",
                    "population_kind": PopulationKind.CONDITION,
                    "population": f"{SURGICAL}: 25 randomised trials",
                    "magnesium_form": IV_SULPHATE,
                    "duration": "Around the operation",
                },
            ),
            (
                "10.1213/01.ane.0000261250.59984.cd",
                "Results and conclusions",
                {
                    "direction": Direction.MIXED,
                    "outcome": "Pain scores and painkiller use after surgery",
                    "population_kind": PopulationKind.CONDITION,
                    "population": f"{SURGICAL}: 14 randomised trials",
                    "participants": 778,
                    "magnesium_form": IV_SULPHATE,
                    "duration": "Around the operation",
                },
            ),
        ],
        APPROVED,
        kind=ClaimKind.OTHER,
        review_note="Hospital use described for articles only, never beside a "
        "product; the drug named is what patients needed, not a likening. The "
        "earlier review found the trials inconsistent, and the badge says the "
        "evidence conflicts.",
    ),
    "back_pain_trial": DemoClaim(
        "In one small trial, adults with long-lasting low back pain who had "
        "magnesium reported less pain six months later.",
        [
            (
                "23384256",
                "Abstract: pain score 7.5 to 4.7",
                {
                    "direction": Direction.SUPPORTS,
                    "outcome": "Pain score at six months",
                    "population_kind": PopulationKind.CONDITION,
                    "population": "Adults with chronic low back pain with a "
                    "neuropathic component",
                    "participants": 80,
                    "magnesium_form": "intravenous, then by mouth",
                    "duration": "Followed for six months",
                },
            )
        ],
        IN_REVIEW,
        kind=ClaimKind.OTHER,
    ),
    "pain_signals_animal": DemoClaim(
        "Magnesium supports the body's normal handling of pain signals.",
        [
            (
                "9172140",
                "Results",
                {
                    "direction": Direction.SUPPORTS,
                    "outcome": "Pain sensitivity in magnesium-deficient rats",
                    "population_kind": PopulationKind.NOT_HUMAN,
                    "population": "Rats",
                },
            ),
            (
                "11134637",
                "Abstract",
                {
                    "direction": Direction.SUPPORTS,
                    "outcome": "Pain behaviour in two models of nerve pain",
                    "population_kind": PopulationKind.NOT_HUMAN,
                    "population": "Rats",
                },
            ),
        ],
        IN_REVIEW,
    ),
    "disease_wording": DemoClaim(
        "Magnesium relieves fibromyalgia and migraine pain.",
        [
            (
                "10.3390/nu12082184",
                "Sections 5 and 6",
                {
                    "direction": Direction.SUPPORTS,
                    "outcome": "Pain in the conditions the review covers",
                    "population_kind": PopulationKind.CONDITION,
                    "population": "People with fibromyalgia, headache and "
                    "migraine, neuropathic pain",
                },
            )
        ],
        IN_REVIEW,
    ),
    "night_cramps": DemoClaim(
        "Magnesium stops night-time leg cramps.",
        [
            (
                COCHRANE_CRAMPS,
                "Authors' conclusions",
                {
                    "direction": Direction.NO_EFFECT,
                    "outcome": "How often and how badly cramps came",
                    "population_kind": PopulationKind.CONDITION,
                    "population": "People with skeletal muscle cramps, mostly "
                    "older adults with night-time cramps: 11 trials",
                    "participants": 735,
                    "magnesium_form": "citrate, oxide or sulphate",
                    "quote": "It is unlikely that magnesium supplementation "
                    "provides clinically meaningful cramp prophylaxis to older "
                    "adults experiencing skeletal muscle cramps.",
                },
            ),
            (
                "10907623",
                "Results",
                {
                    "direction": Direction.NO_EFFECT,
                    "outcome": "Number of night-time leg cramps",
                    "population_kind": PopulationKind.CONDITION,
                    "population": "Adults with night-time leg cramps",
                    "duration": "Crossover: each person had magnesium and placebo",
                },
            ),
        ],
        REJECTED,
        review_note="The Cochrane review found magnesium unlikely to help older "
        "adults' night cramps; this wording promises what the evidence does not "
        "show, and 'stops cramps' reads as treating a condition.",
    ),
    "sleep_draft": DemoClaim("Magnesium may help you sleep more deeply.", [], DRAFT),
}


def source(identifier):
    """The demo Source with this DOI or PMID."""
    if identifier.startswith("10."):
        return Source.objects.get(doi=normalise_doi(identifier))
    return Source.objects.get(pmid=identifier)


def claim(key):
    """The demo Claim for a key of ``CLAIMS``."""
    return Claim.objects.get(wording=CLAIMS[key].wording)


def load_sources():
    for fields in SOURCES:
        fields = {**fields, "doi": normalise_doi(fields.get("doi", ""))}
        lookup = {"doi": fields["doi"]} if fields["doi"] else {"pmid": fields["pmid"]}
        Source.objects.get_or_create(**lookup, defaults=fields)


def load_claim(spec, editor, reviewer, workflow):
    item = Claim(
        wording=spec.wording,
        kind=spec.kind,
        min_daily_elemental_mg=spec.min_daily_elemental_mg,
        live=False,
    )
    for order, (identifier, locator, finding) in enumerate(spec.sources):
        item.cited_sources.add(
            ClaimSource(
                source=source(identifier), locator=locator, sort_order=order, **finding
            )
        )
    item.save()
    revision = item.save_revision(user=editor, log_action=True)
    log(instance=item, action="wagtail.create", user=editor, revision=revision)
    if spec.state == DRAFT:
        return item
    workflow.start(item, editor)
    task_state = item.current_workflow_task_state.specific
    if spec.state == APPROVED:
        task_state.approve(
            user=reviewer,
            comment="Wording matches the cited sources.",
            acknowledgement=spec.review_note,
        )
    elif spec.state == REJECTED:
        task_state.reject(user=reviewer, comment=spec.review_note)
    return item


def load(log):
    User = get_user_model()
    editor = User.objects.get(username="editor")
    reviewer = User.objects.get(username="reviewer")
    workflow = ensure_compliance_workflow()
    load_sources()
    created = 0
    for spec in CLAIMS.values():
        if not Claim.objects.filter(wording=spec.wording).exists():
            load_claim(spec, editor, reviewer, workflow)
            created += 1
    log(f"Evidence: {Source.objects.count()} sources, {created} new claims")
