"""The demo articles, written for this site from published research.

Body text uses two small conventions turned into blocks by ``articles.demo``:
``[[words|DOI or PMID]]`` cites a source for those words (dropped to plain
words when the source is not in the library), and each block is a
(type, value) pair.
"""

SHIN_2020 = "10.3390/nu12082184"  # Shin, Na, Do. Magnesium and Pain. Nutrients 2020
YOUSEF_2013 = "10.1111/anae.12107"  # IV then oral Mg in chronic low back pain, RCT
ALBRECHT_2013 = "10.1111/j.1365-2044.2012.07335.x"  # perioperative Mg meta-analysis
BAGIS_2013 = "10.1007/s00296-011-2334-8"  # Mg citrate in fibromyalgia, RCT
GARRISON_2020 = "10.1002/14651858.CD009402.pub3"  # Cochrane: Mg for muscle cramps
EFSA_2010 = "10.2903/j.efsa.2010.1807"  # EFSA opinion on magnesium health claims
WALKER_2003 = "14596323"  # PMID: Mg citrate bioavailability, RCT
FIROZ_2001 = "11794633"  # PMID: bioavailability of US Mg preparations

KIDNEY_CAUTION = (
    "<p><b>Before you start:</b> healthy kidneys clear extra magnesium, so people "
    "with kidney disease can build it up to harmful levels. Ask your doctor first "
    "if you have kidney problems, take prescription medicines, or are pregnant. "
    "Supplements above 350 mg of magnesium a day often cause loose stools.</p>"
)

ARTICLES = [
    {
        "hub": "back-pain",
        "slug": "magnesium-and-back-muscle-tension",
        "title": "Magnesium and tight back muscles: what is known",
        "summary": "Why magnesium comes up when backs ache, what it does in muscle, "
        "and why the evidence for cramps and spasm is weaker than many sites say.",
        "days_since_review": 40,
        "body": [
            ("heading", "What magnesium does in muscle"),
            (
                "paragraph",
                "<p>A muscle shortens when calcium floods into its cells and lets go "
                "when that calcium is pumped away. Magnesium sits on the same "
                "channels and pumps, which is why it is described as calcium's "
                "counterweight in muscle and nerve [[as a 2020 review sets out|"
                f"{SHIN_2020}]].</p>",
            ),
            ("heading", "Does extra magnesium stop cramps or spasm?"),
            (
                "paragraph",
                "<p>For ordinary night-time leg cramps in older adults, pooled "
                "trials found magnesium no better than a placebo [[in a Cochrane "
                f"review|{GARRISON_2020}]]. Back spasm has not been tested on its "
                "own, so claims that magnesium relaxes a tight back go beyond the "
                "studies.</p>",
            ),
            (
                "paragraph",
                "<p>People who are actually low in magnesium, for example after "
                "long use of some heartburn medicines or diuretics, are a different "
                "case: a doctor can test for this and correct it.</p>",
            ),
            ("paragraph", KIDNEY_CAUTION),
            (
                "key_takeaways",
                [
                    "Magnesium takes part in muscle contraction and relaxation.",
                    "Trials do not show that it prevents ordinary cramps.",
                    "Ask a doctor first if you have kidney disease.",
                ],
            ),
        ],
    },
    {
        "hub": "back-pain",
        "slug": "choosing-a-magnesium-form",
        "title": "Citrate, oxide or glycinate? Choosing a magnesium form",
        "summary": "How the common forms differ in magnesium content, absorption "
        "and stomach comfort, with the questions readers ask most.",
        "days_since_review": 90,
        "body": [
            ("heading", "Elemental magnesium is what counts"),
            (
                "paragraph",
                "<p>A label may list 500 mg of a magnesium compound but far less "
                "magnesium itself. Oxide carries the most magnesium per gram, yet "
                "less of it is taken up than from citrate [[in a comparison of US "
                f"products|{FIROZ_2001}]] and [[in a randomised study|"
                f"{WALKER_2003}]].</p>",
            ),
            ("heading", "The forms side by side"),
            ("forms_comparison", "Figures come from our forms library."),
            ("paragraph", KIDNEY_CAUTION),
            (
                "faq",
                [
                    (
                        "Which form is gentlest on the stomach?",
                        "<p>Many people find glycinate easier than citrate or "
                        "oxide, which draw water into the gut; any form is "
                        "gentler taken with food and in divided doses.</p>",
                    ),
                    (
                        "How much magnesium should I take?",
                        "<p>Adults need roughly 300 to 420 mg a day from all "
                        "sources. Supplements above 350 mg a day are more likely "
                        "to cause diarrhoea; agree a dose with your doctor.</p>",
                    ),
                    (
                        "Can I rub magnesium oil on my back instead?",
                        "<p>Sprays and oils are sold for sore muscles, but how much "
                        "magnesium passes through skin is uncertain and they have "
                        "not been tested well in back pain.</p>",
                    ),
                ],
            ),
        ],
    },
    {
        "hub": "back-pain",
        "slug": "magnesium-trial-chronic-low-back-pain",
        "title": "One trial of magnesium in chronic low back pain",
        "summary": "A small hospital study gave magnesium by drip and then by mouth "
        "to people with long-lasting low back pain. What it measured and its limits.",
        "days_since_review": 400,
        "overdue": True,
        "body": [
            ("heading", "What the researchers did"),
            (
                "paragraph",
                "<p>Eighty people with low back pain that had a nerve component "
                "received either magnesium or a placebo: two weeks of intravenous "
                "infusions followed by four weeks of capsules. Pain scores and "
                "movement were lower in the magnesium group at six months [[in "
                f"this trial|{YOUSEF_2013}]].</p>",
            ),
            ("heading", "Why one trial is not enough"),
            (
                "paragraph",
                "<p>The study was small, ran in one centre, and started with hospital "
                "infusions that a shop-bought supplement does not copy. Its result "
                "needs repeating before anyone can say that magnesium tablets are of "
                "use in back pain.</p>",
            ),
            ("paragraph", KIDNEY_CAUTION),
        ],
    },
    {
        "hub": "nerve-pain",
        "slug": "magnesium-and-nerve-signalling",
        "title": "How magnesium takes part in nerve signalling",
        "summary": "Magnesium guards the NMDA receptor, a switch involved in pain "
        "becoming amplified. What that means, and what it does not.",
        "days_since_review": 20,
        "body": [
            ("heading", "A gatekeeper on the NMDA receptor"),
            (
                "paragraph",
                "<p>When nerves fire repeatedly, glutamate opens NMDA receptors and "
                "the spinal cord can start to amplify pain signals, a process called "
                "central sensitisation. Magnesium sits in the receptor's channel and "
                "must be pushed aside before it opens [[as the Nutrients review "
                f"explains|{SHIN_2020}]].</p>",
            ),
            ("heading", "From mechanism to treatment"),
            (
                "paragraph",
                "<p>A plausible mechanism is not proof of benefit. Most of the "
                "positive human results involve magnesium given into a vein in "
                "hospital, not supplements taken at home.</p>",
            ),
            (
                "key_takeaways",
                [
                    "Magnesium blocks the NMDA receptor channel at rest.",
                    "Human studies mostly used intravenous magnesium.",
                ],
            ),
        ],
    },
    {
        "hub": "nerve-pain",
        "slug": "magnesium-diabetic-nerve-pain",
        "title": "Magnesium and diabetic nerve pain: an early picture",
        "summary": "Low magnesium is common in diabetes, and animal studies are "
        "interesting. Why that is not yet a reason to self-treat.",
        "days_since_review": 150,
        "body": [
            ("heading", "What has been studied"),
            (
                "paragraph",
                "<p>In rats with diabetes, magnesium lessened signs of nerve pain, "
                "and people with diabetes often have low blood magnesium [[as "
                f"reviewed in 2020|{SHIN_2020}]]. Trials in people with painful "
                "diabetic neuropathy are few and small.</p>",
            ),
            (
                "paragraph",
                "<p>Nerve pain in diabetes needs a doctor's care: blood sugar "
                "control, foot checks and proven medicines come first. Magnesium is "
                "not a substitute for them.</p>",
            ),
            ("paragraph", KIDNEY_CAUTION),
        ],
    },
    {
        "hub": "nerve-pain",
        "slug": "taking-magnesium-with-other-supplements",
        "title": "Taking magnesium alongside food and other supplements",
        "summary": "Practical points on timing, calcium, vitamin D and side "
        "effects, for readers who have agreed a supplement with their doctor.",
        "days_since_review": 60,
        "body": [
            ("heading", "Timing and food"),
            (
                "paragraph",
                "<p>Taking magnesium with a meal and splitting the dose through the "
                "day makes stomach upset less likely.</p>",
            ),
            ("heading", "Calcium, zinc and medicines"),
            (
                "paragraph",
                "<p>Large doses of calcium or zinc compete with magnesium for uptake, "
                "so space them a few hours apart. Magnesium also binds some "
                "antibiotics and osteoporosis drugs; a pharmacist can tell you how "
                "to time them.</p>",
            ),
            ("heading", "Food first"),
            (
                "paragraph",
                "<p>Leafy greens, nuts, seeds, beans and whole grains supply "
                "magnesium with the rest of a good diet. The EU accepts that "
                "magnesium contributes to normal muscle and nerve function [[in "
                f"EFSA's opinion|{EFSA_2010}]].</p>",
            ),
            ("paragraph", KIDNEY_CAUTION),
        ],
    },
    {
        "hub": "chronic-pain",
        "slug": "magnesium-long-lasting-pain-reviews",
        "title": "Magnesium and long-lasting pain: what the reviews say",
        "summary": "A plain summary of the 2020 review of magnesium across many "
        "kinds of pain, and where its evidence is strong or thin.",
        "days_since_review": 30,
        "also_in": ["nerve-pain"],
        "body": [
            ("heading", "The scope of the review"),
            (
                "paragraph",
                "<p>The review gathered laboratory, animal and human studies on "
                "nerve pain, fibromyalgia, headache and pain after surgery [[in "
                f"Nutrients, 2020|{SHIN_2020}]]. Epsom salt, a form of magnesium "
                "sulfate, has been used on sore muscles since the seventeenth "
                "century, but history is not evidence.</p>",
            ),
            ("heading", "Where evidence is firmer"),
            (
                "paragraph",
                "<p>The clearest human results come from magnesium given in hospital "
                "around surgery, which lowered pain scores and opioid use [[in a "
                f"meta-analysis|{ALBRECHT_2013}]].</p>",
            ),
            ("heading", "Where it is thin"),
            (
                "paragraph",
                "<p>Where pain lasts months or years, trials are small and "
                "results are mixed. The authors themselves call for larger, better "
                "designed studies.</p>",
            ),
            (
                "key_takeaways",
                [
                    "Hospital use around surgery has the best evidence.",
                    "Evidence for long-lasting pain is small and mixed.",
                ],
            ),
        ],
    },
    {
        "hub": "chronic-pain",
        "slug": "fibromyalgia-and-magnesium",
        "title": "Fibromyalgia and magnesium: small studies, open questions",
        "summary": "Some studies measured magnesium in people with fibromyalgia. "
        "What a small trial measured, and why a clinician's experience is not "
        "proof.",
        "days_since_review": 100,
        "body": [
            ("heading", "A small randomised trial"),
            (
                "paragraph",
                "<p>Women with fibromyalgia who took magnesium citrate for eight "
                "weeks had fewer tender points than at the start, though the "
                "comparison with the placebo group was less clear [[in one trial|"
                f"{BAGIS_2013}]].</p>",
            ),
            ("heading", "Anecdote is not evidence"),
            (
                "paragraph",
                "<p><i>Anecdote:</i> a pain clinician has been widely quoted as "
                "saying nearly all her patients got better on magnesium. Reports "
                "like this cannot separate the supplement from time, other "
                "treatments or expectation, so we do not count them as "
                "evidence.</p>",
            ),
            ("paragraph", KIDNEY_CAUTION),
        ],
    },
    {
        "hub": "chronic-pain",
        "slug": "magnesium-during-surgery",
        "title": "Magnesium during surgery and the need for opioids",
        "summary": "Anaesthetists sometimes give magnesium by drip. What the "
        "pooled trials found, and why this differs from taking a supplement.",
        "days_since_review": 200,
        "also_in": ["back-pain"],
        "body": [
            ("heading", "What anaesthetists do"),
            (
                "paragraph",
                "<p>Magnesium sulfate given into a vein during an operation was "
                "followed by lower pain scores and less morphine in the first day "
                f"[[in pooled trials|{ALBRECHT_2013}]].</p>",
            ),
            ("heading", "Why this is not about supplements"),
            (
                "paragraph",
                "<p>Doses in hospital are given under monitoring and reach the blood "
                "directly. Tablets at home are absorbed slowly and in part, so these "
                "results say little about them.</p>",
            ),
        ],
    },
]
