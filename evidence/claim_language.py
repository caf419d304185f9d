"""The claim-language detector: which sentences of free text make a claim.

It knows words, not policy. ``detect(text)`` returns a ``Detection`` for each
sentence that names a disease or promises to act on one (21 CFR 101.93(g)(2)),
or that states a benefit (an effect on the body's structure or function).
Whether a detection is an error, a warning or allowed is decided by the
compliance rules (``evidence.compliance``), which depend on where the text
is shown. The vocabularies live in ``evidence/data/`` for reviewers to read.
"""

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

DISEASE = "disease-language"
BENEFIT = "benefit-statement"

SENTENCE_END_RE = re.compile(r"(?<=[.!?;])\s+")


@dataclass(frozen=True)
class Detection:
    """One sentence's claim language of one kind."""

    code: str  # DISEASE or BENEFIT (codes for disease findings start "disease")
    criterion: str  # what makes it a claim, e.g. "21 CFR 101.93(g)(2)(i)"
    words: tuple  # the words that made it one, lower case, in order
    sentence: str
    advice: str  # what to write instead
    certain: bool = True

    @property
    def is_disease(self):
        return self.code.startswith("disease")


@cache
def data(name):
    with open(DATA_DIR / name, "rb") as f:
        return tomllib.load(f)


def terms_pattern(terms):
    """One regex for a list of words or phrases; a trailing ``*`` matches any
    ending, spaces match any run of whitespace or hyphens."""
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        stem = term.rstrip("*")
        body = r"[\s-]+".join(re.escape(word) for word in stem.split())
        parts.append(body + (r"\w*" if term.endswith("*") else ""))
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)


@cache
def vocabulary():
    terms = data("disease_terms.toml")
    return {
        "disease name": terms_pattern(
            terms["diseases"] + terms["generic_disease_words"]
        ),
        "named disease": terms_pattern(terms["diseases"]),
        "promise to act on a disease": terms_pattern(terms["verbs"]),
        "likening to a drug": terms_pattern(terms["drug_classes"]),
        "cues": terms_pattern(terms["contraindication_cues"]),
        "benefit": re.compile(
            r"\b(help(s|ed|ing)?|support(s|ed|ing)?|promot(e|es|ed|ing)|"
            r"(reduc|reliev|improv|eas)(e|es|ed|ing))\b",
            re.IGNORECASE,
        ),
        "suggestion": " ".join(terms["suggestion"].split()),
    }


def sentences(text):
    """The sentences of plain ``text``, white space folded."""
    text = " ".join((text or "").split())
    return [s for s in SENTENCE_END_RE.split(text) if s]


def is_warning(sentence):
    """A warning or contraindication ("do not take if you have kidney
    disease") names a disease to protect the reader, not to promise anything."""
    return bool(vocabulary()["cues"].search(sentence))


def _words(pattern, sentence):
    found = []
    for match in pattern.finditer(sentence):
        word = match.group(0).lower()
        if word not in found:
            found.append(word)
    return found


def disease_detection(sentence):
    words = vocabulary()
    kinds = ("disease name", "promise to act on a disease", "likening to a drug")
    found = {kind: _words(words[kind], sentence) for kind in kinds}
    found = {kind: w for kind, w in found.items() if w}
    if not found:
        return None
    return Detection(
        DISEASE,
        "21 CFR 101.93(g)(2) (" + "; ".join(found) + ")",
        tuple(w for group in found.values() for w in group),
        sentence,
        words["suggestion"],
    )


def benefit_detection(sentence):
    words = _words(vocabulary()["benefit"], sentence)
    if not words:
        return None
    return Detection(
        BENEFIT,
        "an effect on the body's structure or function",
        tuple(words),
        sentence,
        "Use reviewed wording from the claims library, or cite a source.",
    )


def detect(text):
    """Every detection in ``text``, sentence by sentence, disease first."""
    found = []
    for sentence in sentences(text):
        if is_warning(sentence):
            continue
        for detector in (disease_detection, benefit_detection):
            if detection := detector(sentence):
                found.append(detection)
    return found


@cache
def diseases_named(title):
    """The disease names in a cited title, sorted (no generic words: "health
    and disease" names no disease)."""
    pattern = vocabulary()["named disease"]
    return tuple(sorted({m.group(0).lower() for m in pattern.finditer(title)}))
