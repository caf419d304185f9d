"""The claim-language detector: which sentences of free text make a claim.

It knows words, not policy. ``detect(text)`` returns a ``Detection`` for each
sentence that names a disease or promises to act on one (21 CFR 101.93(g)(2),
criteria (i) to (x)), or that states a benefit (an effect on the body's
structure or function). Whether a detection is an error, a warning or allowed
is decided by the compliance rules (``evidence.compliance``), which depend on
where the text is shown.

How it reads a sentence: the words are split (hyphens, camel-cased and fused
product names), folded to lower case and singular, and looked up as phrases
of up to six words in one table built once per process from
``evidence/data/claim_vocabulary.toml`` and the ICD-10-CM titles that the
simple-icd-10-cm package ships. Warnings and education ("deficiency is
common") are skipped; a negation ("does not treat") cancels what follows it
in its clause.
"""

import re
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

DATA_DIR = Path(__file__).resolve().parent / "data"
VOCABULARY = "claim_vocabulary.toml"

DISEASE = "disease-language"
BENEFIT = "benefit-statement"

CFR = "21 CFR 101.93(g)(2)"
CRITERIA = {
    "i": "names a disease",
    "ii": "a characteristic sign, symptom or lab value of a disease",
    "iii": "an abnormal condition of a life stage",
    "iv-A": "a product name built from a disease word",
    "iv-B": "a drug named as an ingredient",
    "iv-D": "the word disease",
    "v": "puts the product in a drug class",
    "vi": "offers the product in place of a drug",
    "vii": "use with a drug or therapy",
    "viii": "the body's response to a disease or infection",
    "ix": "the side effects of a drug or therapy",
    "x": "an effect on a disease in people",
    "caution": "a verb that promises to act on a disease",
}

# When a sentence meets several criteria, the finding names the most
# specific one (a drug likened beats the disease it is for).
RULE_ORDER = ["iv-A", "iv-B", "vi", "vii", "ix", "v", "viii", "x", "iii", "ii", "i"]
RULE_ORDER += ["iv-D", "caution"]

# ICD-10-CM chapters of diseases (A-Q); R (symptoms) and S-Z (injuries,
# external causes, encounters) name no disease a claim could treat.
ICD_CHAPTERS = tuple("ABCDEFGHIJKLMNOPQ")
ICD_SPLIT_RE = re.compile(
    r",|;|:| with | without | due to | in | of | and | or | following | from "
    r"| associated with | complicating | involving | affecting | by | at | on | to "
    r"| not elsewhere classified| nos\b| secondary| unspecified"
)
BRACKETS_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
CAMEL_BOUNDARY_RE = re.compile(r"[a-z][A-Z]")
CAMEL_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# "Migra-Stop", "Clot-Free": capitalised words joined by hyphens are one name.
HYPHENATED_NAME_RE = re.compile(r"\b[A-Z][A-Za-z]+(?:-[A-Z][A-Za-z]+)+\b")
ABBREVIATIONS = ("dr", "mr", "mrs", "ms", "st", "vs", "e.g", "i.e", "etc", "no", "fig")
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[\"“‘(\[A-Z0-9])|(?<=;)\s+")
# A negation reaches across commas ("not intended to diagnose, treat, cure").
CLAUSE_PUNCTUATION = {";", ":", "(", ")"}
STRONG_VERBS = {"diagnose", "cure", "treat", "heal", "mitigate", "prevent", "remedy"}
LIFE_STAGES = {"pregnancy", "pregnant", "menopausal", "menopause", "aging", "ageing"}
IMMUNE_WORDS = {"virus", "viral", "infection", "pathogen", "germ", "bacteria"}
IMMUNE_WORDS |= {"immunity", "defense", "defence", "resist", "cancer cell", "covid"}


@dataclass(frozen=True)
class Detection:
    """One sentence's claim language of one kind."""

    code: str  # DISEASE or BENEFIT (codes for disease findings start "disease")
    criterion: str  # what makes it a claim, e.g. "21 CFR 101.93(g)(2)(i) (...)"
    words: tuple  # the words that made it one, lower case, in order
    sentence: str
    advice: str  # what to write instead
    certain: bool = True
    rule: str = ""  # the (g)(2) criterion alone: "i", "ii", ... "x"

    @property
    def is_disease(self):
        return self.code.startswith("disease")


@cache
def data(name):
    with open(DATA_DIR / name, "rb") as f:
        return tomllib.load(f)


# Words ---------------------------------------------------------------------


def singular(word):
    """A plural folded to its singular, well enough that a list and a text
    folded the same way agree ("migraines", "allergies", "diabetes")."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "ous")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("uses", "sses", "ches", "shes", "xes")) and not word.endswith(
        "aches"
    ):
        return word[:-2]  # "viruses", "illnesses", "patches", "rashes"
    if word.endswith("s"):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def fold(word):
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return american(singular(word.rstrip("'")))


BRITISH_RE = re.compile(r"(?<=[a-z])(?:ae|oe)(?=[a-z])")


def american(word):
    """British spellings folded to American ones, so that one list serves
    both: "apnoea", "anaemia", "oedema", "tumour", "tranquilliser"."""
    if "ae" in word or "oe" in word:
        word = BRITISH_RE.sub("e", word)
    if word.startswith(("oe", "ae")) and len(word) > 5:
        word = word[1:]  # "oedema", "aetiology"
    if len(word) >= 6 and word.endswith("our"):
        word = word[:-3] + "or"  # "tumour", "flavour"; not "four", "hour"
    if "llis" in word or "lliz" in word:
        word = word.replace("llis", "lis").replace("lliz", "liz")
    return (
        word.replace("ise", "ize")
        if word.endswith(("ise", "ised", "ising", "iser")) and len(word) > 7
        else word
    )


def key(phrase):
    """A vocabulary phrase as the tuple of folded words it is looked up by."""
    return tuple(fold(w) for w in WORD_RE.findall(phrase.replace("-", " ")))


class Token(NamedTuple):  # a tuple: made for every word, so it is kept cheap
    word: str  # folded
    raw: str  # lower case, as written
    whole: str  # the whole word it is part of, lower case
    start: int
    end: int
    fused: bool  # part of a camel-cased or fused word ("MigraineRelief")


def tokens(sentence):
    found = []
    names = hyphenated_names(sentence)
    for match in WORD_RE.finditer(sentence):
        text = match.group(0)
        parts = list(CAMEL_RE.finditer(text)) if camel_cased(text) else []
        if len(parts) < 2:
            lowered = text.lower()
            name = names.get(match.start())
            if name:  # a part of a hyphenated name: "Migra" of "Migra-Stop"
                found.append(Token(fold(text), lowered, name, *match.span(), True))
                continue
            found.append(Token(fold(text), lowered, lowered, *match.span(), False))
            continue
        for part in parts:
            start = match.start() + part.start()
            raw = part.group(0).lower()
            whole = text.lower()
            found.append(Token(fold(raw), raw, whole, start, start + len(raw), True))
    return found


def hyphenated_names(sentence):
    """The start of each part of a hyphenated, capitalised name, with the
    name as one lower-case word from that part on ("Migra-Stop": "migrastop"
    at "Migra", "stop" at "Stop")."""
    if "-" not in sentence:
        return {}
    names = {}
    for match in HYPHENATED_NAME_RE.finditer(sentence):
        offset = match.start()
        for part in re.finditer(r"[A-Za-z]+", match.group(0)):
            rest = match.group(0)[part.start() :].replace("-", "").lower()
            names[offset + part.start()] = rest
    return names


def camel_cased(text):
    return bool(CAMEL_BOUNDARY_RE.search(text))


def verb_forms(verb):
    """Inflected forms of a verb ("treat": treats, treated, treating)."""
    head, _, rest = verb.partition(" ")
    stems = {head + "s", head + "es", head + "ed", head + "d", head + "ing"}
    if head.endswith("e"):
        stems |= {head[:-1] + "ing", head[:-1] + "ed"}
    if head.endswith("y"):
        stems |= {head[:-1] + "ies", head[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", head):
        stems |= {head + head[-1] + "ed", head + head[-1] + "ing"}
    stems.add(head)
    return [f"{stem} {rest}".strip() for stem in stems]


# Vocabulary -----------------------------------------------------------------


@dataclass
class Vocabulary:
    """Every phrase the detector knows, by folded words, with its kinds."""

    table: dict  # tuple of folded words: set of kinds
    firsts: dict  # first word of phrases: the longest phrase it starts
    diseases: set  # keys of specific disease names (for cited titles)
    stems: tuple
    ordinary_words: frozenset
    endings: tuple
    advice: dict
    stem_set: frozenset = frozenset()
    stem_sizes: tuple = ()
    strong_forms: frozenset = frozenset()
    # The first letters of one-word disease names ("diabe" of "diabetes"):
    # a fused name that starts with them is built from the disease word.
    name_prefixes: frozenset = frozenset()
    acronyms: frozenset = frozenset()  # upper-case disease acronyms ("MS")
    written_names: frozenset = frozenset()  # only as written ("colds")
    not_drug_classes: frozenset = frozenset()  # "antioxidant", "antibody"
    inn_stems: tuple = ()  # endings of drug names: "statin", "prazole"
    not_inn: frozenset = frozenset()
    prefix_size: int = 5

    def add(self, phrase_key, kind):
        if phrase_key:
            self.table.setdefault(phrase_key, set()).add(kind)
            first = phrase_key[0]
            self.firsts[first] = max(self.firsts.get(first, 0), len(phrase_key))

    def stem_of(self, word):
        """The name stem ``word`` starts with, if any."""
        for size in self.stem_sizes:
            if word[:size] in self.stem_set:
                return word[:size]
        return None

    def matches(self, words):
        """(start, end, kinds) of every known phrase, left to right, longest
        first at each word."""
        found, n = [], len(words)
        for i, word in enumerate(words):
            if word in self.firsts:
                for size in range(min(self.firsts[word], n - i), 0, -1):
                    kinds = self.table.get(tuple(words[i : i + size]))
                    if kinds:
                        found.append((i, i + size, kinds))
        return found


def icd_titles():
    """The titles and inclusion terms of ICD-10-CM categories and
    subcategories in the disease chapters, from the XML the simple-icd-10-cm
    package ships (read directly: importing the package parses every code,
    which takes seconds)."""
    xml = next(f for f in metadata.files("simple-icd-10-cm") if f.name.endswith(".xml"))
    # The XML is the installed package's own data, not input from anyone.
    for _, element in ET.iterparse(xml.locate()):  # noqa: S314
        if element.tag != "diag":
            continue
        code = element.findtext("name") or ""
        if code.startswith(ICD_CHAPTERS) and len(code) <= 5:
            yield element.findtext("desc") or "", False
            for note in element.iterfind("inclusionTerm/note"):
                yield note.text or "", True
        element.clear()


def icd_disease_names(terms):
    """Short disease names from ICD-10-CM titles: each title cut at "with",
    "of", commas and the like, leading qualifiers dropped, and kept only if
    its last word is not a part of the body or an everyday complaint."""
    words = terms["diseases"]
    qualifiers = {fold(w) for w in words["icd_qualifiers"]}
    not_heads = {fold(w) for w in words["anatomy"] + terms["signs"]["qualified"]}
    not_heads |= {fold(w) for w in words["generic"] + words["not_diseases"]}
    dropped = {key(w) for w in words["not_diseases"]}
    heads = {fold(w) for w in words["icd_heads"]}
    not_names = {fold(w) for w in words["icd_not_names"]}
    endings = tuple(words["icd_endings"])
    anatomy = {fold(w) for w in words["anatomy"] + words["icd_lay_sites"]}
    not_lay = {key(w) for w in words["icd_not_lay_names"]}
    names = set()
    for title, inclusion in icd_titles():
        text = BRACKETS_RE.sub(" ", title.lower().replace("-", " "))
        # The head of a title names the disease; what follows "of", "with",
        # "due to" is a site, a cause or a complication.
        for fragment in ICD_SPLIT_RE.split(text)[:1]:
            name = list(key(fragment))
            while name and name[0] in qualifiers:
                name.pop(0)
            while name and name[-1] in qualifiers:
                name.pop()
            if not name or len(name) > 4 or tuple(name) in dropped:
                continue
            # An inclusion term may be a lay name of a part of the body and
            # what is wrong with it: "tennis elbow", "frozen shoulder".
            if inclusion and lay_site_name(name, anatomy, qualifiers, not_lay):
                names.add(tuple(name))
                continue
            if name[-1] in not_heads or any(w.isdigit() or len(w) < 3 for w in name):
                continue
            if disease_word(name[-1], heads, not_names, endings):
                names.add(tuple(name))
    return names


def lay_site_name(name, anatomy, qualifiers, not_lay):
    return (
        len(name) == 2
        and name[1] in anatomy
        and name[0] not in anatomy | qualifiers
        and tuple(name) not in not_lay
    )


def disease_word(word, heads, not_names, endings):
    """Whether the last word of an ICD-10-CM name reads as a disease."""
    return word not in not_names and (word in heads or word.endswith(endings))


@cache
def vocabulary():
    terms = data(VOCABULARY)
    vocab = Vocabulary(
        {},
        {},
        set(),
        tuple(terms["names"]["stems"]),
        frozenset(terms["names"]["ordinary_words"]),
        tuple(terms["names"]["endings"]),
        terms["advice"],
    )
    vocab.stem_set = frozenset(vocab.stems)
    vocab.stem_sizes = tuple(sorted({len(s) for s in vocab.stems}, reverse=True))
    vocab.strong_forms = frozenset(
        key(form)[0] for verb in STRONG_VERBS for form in verb_forms(verb)
    )
    vocab.diseases = icd_disease_names(terms) | {
        key(w) for w in terms["diseases"]["lay_names"]
    }
    for name in vocab.diseases:
        vocab.add(name, "disease")
    lay_names = {key(w) for w in terms["diseases"]["lay_names"]}
    vocab.name_prefixes = name_prefixes(lay_names, terms["names"])
    vocab.prefix_size = terms["names"]["prefix_size"]
    vocab.acronyms = frozenset(terms["diseases"]["acronyms"])
    vocab.written_names = frozenset(terms["diseases"]["written_names"])
    vocab.not_drug_classes = frozenset(fold(w) for w in terms["drugs"]["not_classes"])
    vocab.inn_stems = tuple(terms["drugs"]["inn_stems"])
    vocab.not_inn = frozenset(terms["drugs"]["not_inn"])
    lists = {
        "generic": terms["diseases"]["generic"],
        "sign": terms["signs"]["characteristic"],
        "lab": terms["signs"]["lab_values"],
        "complaint": terms["signs"]["qualified"],
        "qualifier": terms["signs"]["qualifiers"],
        "ordinary": terms["signs"]["ordinary"],
        "ordinary after": terms["signs"]["ordinary_after"],
        "persistence": terms["signs"]["persistence"],
        "drug class": terms["drugs"]["classes"],
        "drug name": terms["drugs"]["names"],
        "likening": terms["drugs"]["likening"],
        "with therapy": terms["drugs"]["with_therapy"],
        "claim noun": terms["verbs"]["claim_nouns"],
        "benefit phrase": terms["verbs"]["benefit_phrases"],
        "body system": terms["verbs"]["body_systems"],
        "pathogen": terms["pathogens"]["names"],
        "friendly": terms["pathogens"]["friendly"],
        "warning": terms["context"]["warning_phrases"],
        "education": terms["context"]["education"],
        "report": terms["context"]["reports"],
        "study": terms["context"]["studies"],
        "specialist": terms["context"]["specialists"],
        "endorsement": terms["context"]["endorsements"],
    }
    for kind, phrases in lists.items():
        for phrase in phrases:
            vocab.add(key(phrase), kind)
    for kind, verbs in (
        ("disease verb", terms["verbs"]["disease"]),
        ("benefit verb", terms["verbs"]["benefit"]),
        ("lowering", terms["signs"]["lowering"]),
        ("defending", terms["pathogens"]["defending"]),
    ):
        for verb in verbs:
            for form in verb_forms(verb):
                vocab.add(key(form), kind)
    return vocab


def name_prefixes(diseases, names):
    """The first letters of each one-word lay disease name, for names fused from
    them ("DiaBeat", "Rheuma-Rest"); not the combining forms that also begin
    words of normal function ("hyper", "neuro", "osteo")."""
    size = names["prefix_size"]
    general = tuple(names["not_prefixes"])
    return frozenset(
        name[0][:size]
        for name in diseases
        if len(name) == 1 and len(name[0]) > size and not name[0].startswith(general)
    )


@cache
def context_words():
    context = data(VOCABULARY)["context"]
    return {
        "openers": frozenset(key(p) for p in context["warning_openers"]),
        "negations": {fold(w) for w in context["negations"]},
        "not negations": {key(p) for p in context["not_negations"]},
        "breaks": {fold(w) for w in context["clause_breaks"]},
        "subject verbs": {fold(w) for w in context["subject_verbs"]},
        "subject openers": {fold(w) for w in context["subject_openers"]},
        "levels": {fold(w) for w in context["levels"]},
        "consult": frozenset(
            key(form)[0]
            for verb in context["consult_verbs"]
            for form in verb_forms(verb)
        ),
        "clinicians": {key(p) for p in context["clinicians"]},
    }


# Sentences -------------------------------------------------------------------


def sentences(text):
    """The sentences of plain ``text``, white space folded. A sentence ends at
    ".", "!" or "?" before a capital, or at ";"; not after "Dr." or "e.g."."""
    text = " ".join((text or "").split())
    found = []
    for piece in SENTENCE_END_RE.split(text):
        if found and found[-1].lower().rstrip(".").endswith(ABBREVIATIONS):
            last = found[-1].rsplit(" ", 1)[-1].lower().rstrip(".")
            if last in ABBREVIATIONS:
                found[-1] += " " + piece
                continue
        if piece:
            found.append(piece)
    return found


@dataclass
class Reading:
    """What the vocabulary found in one sentence."""

    sentence: str
    tokens: list
    words: list
    matches: list  # (start, end, kinds)
    negated: set  # token positions a negation reaches

    by_kind: dict = None  # kind: [(start, end)], filled by read()
    subject: set = None  # positions of a described subject, filled by read()

    def found(self, kind, negated_too=False):
        spans = self.by_kind.get(kind, ())
        if negated_too or not self.negated:
            return list(spans)
        return [(s, e) for s, e in spans if s not in self.negated]

    def text(self, start, end):
        return self.sentence[self.tokens[start].start : self.tokens[end - 1].end]

    def near_before(self, position, kind, window=3):
        return any(
            s < position and position - s <= window + (e - s - 1)
            for s, e in self.found(kind, negated_too=True)
        )


def read(sentence):
    found = tokens(sentence)
    words = [t.word for t in found]
    matches = vocabulary().matches(words) + acronym_matches(sentence, found)
    matches += anti_matches(found, matches) + inn_matches(found, matches)
    reading = Reading(sentence, found, words, sorted(matches, key=first), set())
    reading.negated = negated_positions(sentence, found, words)
    reading.by_kind = {}
    for start, end, kinds in reading.matches:
        for kind in kinds:
            reading.by_kind.setdefault(kind, []).append((start, end))
    reading.subject = subject_positions(reading)
    return reading


def first(match):
    return match[0]


def acronym_matches(sentence, found):
    """Disease acronyms written in capitals ("MS", "RA", "CKD"): in lower case
    most are ordinary words or titles, so they are matched as written."""
    vocab = vocabulary()
    return [
        (i, i + 1, {"disease"})
        for i, token in enumerate(found)
        if not token.fused
        and (
            sentence[token.start : token.end] in vocab.acronyms
            or token.raw in vocab.written_names
        )
    ]


def anti_matches(found, matches):
    """Drug classes by their shape: "antiretroviral", "antiemetic" (a word
    of "anti" and a stem), beside those the vocabulary lists."""
    vocab = vocabulary()
    known = {start for start, _, kinds in matches if "drug class" in kinds}
    return [
        (i, i + 1, {"drug class"})
        for i, token in enumerate(found)
        if token.raw.startswith("anti")
        and len(token.raw) >= 9
        and i not in known
        and token.word not in vocab.not_drug_classes
    ]


def inn_matches(found, matches):
    """Drug names by the ending of their international non-proprietary name
    ("lovastatin", "esomeprazole", "ramipril"), beside those the vocabulary
    lists."""
    vocab = vocabulary()
    known = {start for start, _, kinds in matches if "drug name" in kinds}
    return [
        (i, i + 1, {"drug name"})
        for i, token in enumerate(found)
        if len(token.raw) >= 7
        and token.raw.endswith(vocab.inn_stems)
        and i not in known
        and token.raw not in vocab.not_inn
    ]


def negated_positions(sentence, found, words):
    """Token positions after a negation, to the end of its clause."""
    context = context_words()
    negated, active = set(), False
    for i, token in enumerate(found):
        before = sentence[found[i - 1].end : token.start] if i else ""
        if CLAUSE_PUNCTUATION & set(before) or token.word in context["breaks"]:
            active = False
        if active:
            negated.add(i)
        if token.word in context["negations"] or token.raw.endswith("n't"):
            pair = tuple(words[i : i + 2])
            if i and (words[i - 1], token.word) in context["not negations"]:
                pair = (words[i - 1], token.word)  # "would rather not take"
            later = words[i + 1 :]
            # "I haven't had a migraine since I started": an end to it.
            active = (
                pair not in context["not negations"]
                and not (token.word == "never" and "again" in later)
                and not {"since", "anymore"} & set(later)
            )
    return negated


def is_warning(sentence):
    """A warning, a direction or a contraindication ("do not take if you have
    kidney disease") names a disease to protect the reader, not to promise
    anything."""
    reading = read(sentence)
    return warning(reading)


def warning(reading):
    words = tuple(reading.words[:4])
    openers = context_words()["openers"]
    if any(words[:size] in openers for size in range(1, len(words) + 1)):
        return True
    # "Eases the side effects of ..." opens with a promise: a claim, not a warning.
    opens_with_verb = any(
        start == 0 and {"benefit verb", "disease verb"} & kinds
        for start, _, kinds in reading.matches
    )
    cautions = reading.found("warning", negated_too=True) or consults(reading)
    return bool(cautions) and not opens_with_verb


def consults(reading):
    """Whether the sentence sends the reader to a clinician ("talk to your
    pharmacist first", "check with your doctor", "discussed with a
    paediatrician"): a verb of consulting, then a clinician within a few words."""
    context = context_words()
    words, clinicians = reading.words, context["clinicians"]
    for i, word in enumerate(words):
        if word not in context["consult"]:
            continue
        for j in range(i + 1, min(i + 6, len(words))):
            if any(tuple(words[j : j + len(c)]) == c for c in clinicians):
                return True
    return False


def subject_positions(reading):
    """Positions of a disease or drug that is the sentence's subject
    ("Migraine is more common in women"): described, not acted on."""
    context = context_words()
    words = reading.words
    first = 0
    while first < len(words) and words[first] in context["subject openers"]:
        first += 1
    topics = {"disease", "drug class", "drug name", "sign", "complaint", "lab"}
    positions, at = set(), first
    acting = {"claim noun", "benefit verb", "disease verb"}
    for start, end, kinds in reading.matches:
        if start < at:
            continue
        if start != at or not kinds & topics or kinds & acting:
            break
        positions.update(range(start, end))
        at = end
        # "Migraine attacks can last ...": a noun or two may follow the topic.
        for _ in range(2):
            if (
                at < len(words)
                and not acting_at(reading, at)
                and (words[at] not in context["subject verbs"])
            ):
                positions.add(at)
                at += 1
        if at < len(words) and words[at] in {"and", "or"}:
            at += 1
            while at < len(words) and words[at] in context["subject openers"]:
                at += 1
            continue
        if at < len(words) and words[at] in context["subject verbs"]:
            return positions
    return set()


def acting_at(reading, position):
    acting = {"claim noun", "benefit verb", "disease verb", "report", "likening"}
    return any(s == position and kinds & acting for s, _, kinds in reading.matches)


# Detection ---------------------------------------------------------------------


@dataclass
class Evidence:
    rule: str
    start: int
    end: int
    certain: bool = True


def disease_evidence(reading):
    """Each disease word of a sentence with the (g)(2) criterion it meets."""
    if reading.found("education", negated_too=True):
        return []
    if reading.subject:
        # "Statins are drugs that lower cholesterol": the sentence describes
        # its subject; only a product name in it can still make a claim.
        return name_evidence(reading, effect=False)
    subject = reading.subject
    effect = has_effect(reading)
    evidence = []
    for start, end in reading.found("disease") + reading.found("generic"):
        if start in subject or not effect or ordinary_complaint(reading, start):
            continue
        generic = "disease" not in dict_kinds(reading, start)
        rule = "iv-D" if generic else disease_rule(reading, start)
        evidence.append(Evidence(rule, start, end))
    evidence += sign_evidence(reading, subject, effect)
    evidence += pathogen_evidence(reading, subject)
    evidence += drug_evidence(reading, subject, effect)
    evidence += name_evidence(reading, effect)
    evidence += specialist_evidence(reading)
    return evidence


def specialist_evidence(reading):
    """A product a specialist in a disease recommends, uses or prescribes
    ("Recommended by oncologists"): one for that disease (criterion (x))."""
    if not reading.found("endorsement"):
        return []
    return [Evidence("x", start, end) for start, end in reading.found("specialist")]


def pathogen_evidence(reading, subject):
    """Germs as the enemy ("helps the body fight bacteria", "kills
    microbes"): the body's response to a pathogen (criterion (viii)); not the
    flora a probiotic supports ("friendly bacteria")."""
    if not reading.found("defending"):
        return []
    return [
        Evidence("viii", start, end)
        for start, end in reading.found("pathogen")
        if start not in subject
        and not reading.near_before(start, "ordinary", window=2)
        and not reading.near_before(start, "friendly", window=2)
    ]


def dict_kinds(reading, start):
    return next(kinds for s, _, kinds in reading.matches if s == start)


def has_effect(reading):
    """Whether the sentence puts something to work: a verb of effect, a claim
    noun ("relief", "formula"), a report, "for"/"against", or no verb at all
    (a label fragment: "Herbal Prozac")."""
    kinds = {"benefit verb", "disease verb", "claim noun", "report", "likening"}
    kinds.add("lowering")
    levels = context_words()["levels"]
    for kind in kinds:
        for _, end in reading.found(kind):
            # "less likely to report pain": an association a study found.
            if end >= len(reading.words) or reading.words[end] not in levels | {
                "likely"
            }:
                return True
    if {"for", "against", "anti"} & set(reading.words):
        return True
    if TESTIMONIAL_RE.search(reading.sentence):
        return True
    verbs = context_words()["subject verbs"] - {"and", "or"}
    verbs |= {"be", "do", "doe", "did", "ha"} | COMMON_VERBS
    # "Some people notice ...": a clause about people, so it has a verb.
    openers = context_words()["subject openers"]
    first = next((w for w in reading.words if w not in openers), "")
    if first in PEOPLE:
        return False
    return not any(
        w in verbs or (w.endswith(("ed", "ing")) and not compound(reading, i))
        for i, w in enumerate(reading.words)
    )


# A quotation attributed to someone ("…," says Mary): a testimonial.
TESTIMONIAL_RE = re.compile(
    r"[\"”’'],?\s*(?:says|said|writes|wrote|reports|tells us)\b", re.IGNORECASE
)

# Common verbs without a regular ending: a sentence with one is a clause.
# ("took ... away", "gives ... back" are left out: testimonials of an effect.)
COMMON_VERBS = {"say", "said", "gave", "found", "saw", "show"}
COMMON_VERBS |= {"showed", "shown", "told", "went", "got", "ran", "made", "know"}

PEOPLE = {"people", "person", "adult", "women", "men", "woman", "man", "child"}
PEOPLE |= {"children", "user", "athlete", "runner", "older", "teen", "everyone"}


def compound(reading, position):
    """Whether the word is the second half of a hyphenated adjective
    ("plant-derived", "fast-acting"): not a verb."""
    start = reading.tokens[position].start
    return start > 0 and reading.sentence[start - 1] == "-"


def ordinary_complaint(reading, start, end=None):
    """A complaint within normal life ("occasional constipation", "achy
    joints after a new exercise routine")."""
    if reading.near_before(start, "ordinary", window=2):
        return True
    return end is not None and any(
        end <= s <= end + 1 for s, _ in reading.found("ordinary after", True)
    )


def disease_rule(reading, start):
    words = set(reading.words)
    if reading.found("report") or reading.found("study"):
        return "x"
    if life_stage(reading):
        return "iii"
    if reading.tokens[start].fused:
        return "iv-A"
    if words & IMMUNE_WORDS or reading.text(start, start + 1).lower() in IMMUNE_WORDS:
        return "viii"
    return "i"


def sign_evidence(reading, subject, effect):
    if not effect:
        return []
    evidence = sign_evidence_ii(reading, subject)
    # A sign tied to a life stage ("bone thinning after menopause") is an
    # abnormal condition of that stage.
    if evidence and life_stage(reading):
        return [replace(e, rule="iii") for e in evidence]
    return evidence


def life_stage(reading):
    lowered = reading.sentence.lower()
    return bool(set(reading.words) & LIFE_STAGES) or "post menopausal" in lowered


def sign_evidence_ii(reading, subject):
    evidence = []
    for start, end in reading.found("sign"):
        if start not in subject and not ordinary_complaint(reading, start, end):
            evidence.append(Evidence("ii", start, end))
    for start, end in reading.found("lab"):
        if (
            start not in subject
            and reading.found("lowering")
            and not ordinary_complaint(reading, start)
            and "already" not in reading.words
        ):
            evidence.append(Evidence("ii", start, end))
    # "Tummy trouble for good", "can't sleep night after night": chronic.
    persistent = bool(reading.found("persistence", negated_too=True))
    for start, end in reading.found("complaint"):
        qualified = persistent or reading.near_before(start, "qualifier")
        if (
            qualified
            and start not in subject
            and not ordinary_complaint(reading, start, end)
        ):
            evidence.append(Evidence("ii", start, end))
    return evidence


def drug_evidence(reading, subject, effect):
    evidence = []
    for kind in ("drug class", "drug name"):
        for start, end in reading.found(kind):
            # "a mild sedative effect": the product's action is the drug's.
            action = reading.words[end : end + 1] in (["effect"], ["action"])
            if start in subject or not (
                effect or action or reading.found("with therapy")
            ):
                continue
            if reading.words[end : end + 1] == ["free"]:
                continue  # "steroid-free": without the drug, not like it
            evidence.append(Evidence(drug_rule(reading, kind), start, end))
    return evidence


def drug_rule(reading, kind):
    words = set(reading.words)
    if "contain" in words or "contains" in reading.sentence.lower():
        return "iv-B"
    if reading.found("likening"):
        return "v" if kind == "drug class" and not vi_cue(reading) else "vi"
    if reading.found("with therapy"):
        side = {"side", "caused", "deplete", "damage", "loss"} & words
        return "ix" if side or reading.found("disease") else "vii"
    return "v" if kind == "drug class" else "vi"


def vi_cue(reading):
    lowered = " " + " ".join(reading.words) + " "
    cues = (" alternative ", " instead ", " replace", " than ", " substitute")
    cues += (" ditch", " swap", " rather ", " come off ", " wean ", " in place ")
    cues += (" goodbye ", " skip ", " comparable ")
    return any(cue in lowered for cue in cues)


def name_evidence(reading, effect):
    """Product names built from a disease word ("Neuropathix", "GoutAway")."""
    vocab = vocabulary()
    evidence = []
    disease_starts = {s for s, _, kinds in reading.matches if "disease" in kinds}
    for i, token in enumerate(reading.tokens):
        if i in reading.negated or i in disease_starts:
            continue
        if not token.fused and token.word in vocab.ordinary_words:
            continue
        # "NeuroPathEase": the stem may run across the parts of a fused name.
        name = token.whole if token.fused and token.whole.startswith(token.raw) else ""
        stem = vocab.stem_of(token.raw) or vocab.stem_of(name)
        fused_stem = stem and (token.fused or len(token.raw) >= len(stem) + 2)
        if fused_stem and (token.fused or len(stem) >= 5):
            evidence.append(Evidence("iv-A", i, i + 1, certain=len(stem) >= 5))
        elif fused_disease_name(token, name, vocab) or cure_ending(token, vocab):
            evidence.append(Evidence("iv-A", i, i + 1))
    return evidence if effect or evidence else []


def fused_disease_name(token, name, vocab):
    """A camel-cased or hyphenated name that begins like a one-word disease
    name ("DiaBeat", "Rheuma-Rest"), the disease word itself left to the
    vocabulary."""
    return (
        token.fused
        and len(name) > vocab.prefix_size
        and name[: vocab.prefix_size] in vocab.name_prefixes
        and name not in vocab.ordinary_words
    )


def cure_ending(token, vocab):
    raw = token.raw
    return (
        not token.fused
        and raw.endswith(("cure", "heal"))
        and len(raw) - 4 >= 5
        and raw not in vocab.ordinary_words
    )


def caution_evidence(reading):
    """A verb that promises to act on a disease, with no disease named
    ("may prevent muscle cramps"): a caution, not a certain claim."""
    return [
        Evidence("caution", start, end, certain=False)
        for start, end in reading.found("disease verb")
        if reading.words[start] in vocabulary().strong_forms
    ]


def disease_detection(sentence, reading=None):
    reading = reading or read(sentence)
    evidence = disease_evidence(reading)
    educational = reading.subject or reading.found("education", negated_too=True)
    if not evidence and not educational:
        evidence = caution_evidence(reading)
    if not evidence:
        return None
    rule = min((e.rule for e in evidence), key=RULE_ORDER.index)
    spans = [(e.start, e.end) for e in evidence] + reading.found("disease verb")
    words = unique(reading.text(s, e).lower() for s, e in sorted(set(spans)))
    advice = vocabulary().advice
    advice = f"{advice.get(rule, advice['i'])} {advice['suggestion']}"
    return Detection(
        DISEASE,
        f"{CFR}({rule.replace('-', ')(')}) ({CRITERIA[rule]})"
        if rule != "caution"
        else f"{CFR} ({CRITERIA[rule]})",
        tuple(words),
        sentence,
        advice,
        certain=all(e.certain for e in evidence),
        rule=rule,
    )


def unique(items):
    return list(dict.fromkeys(items))


def benefit_detection(sentence, reading=None):
    reading = reading or read(sentence)
    if reading.subject or reading.found("education", negated_too=True):
        return None
    verbs = [
        span for span in reading.found("benefit verb") if not comparative(reading, span)
    ]
    spans = verbs + reading.found("benefit phrase") + opening_for(reading)
    if not spans:
        return None
    return Detection(
        BENEFIT,
        "an effect on the body's structure or function",
        tuple(unique(reading.text(s, e).lower() for s, e in sorted(spans))),
        sentence,
        "Use reviewed wording from the claims library, or cite a source.",
    )


# Words before "lower" that make it an adjective ("has lower bioavailability",
# "is lower in"), not a verb of effect.
# ("were lower in the magnesium group" reports an effect: still a benefit).
BEFORE_ADJECTIVE = {"has", "have", "had", "a", "an", "the", "much", "far"}
BEFORE_ADJECTIVE |= {"slightly", "even", "no"}


def comparative(reading, span):
    """ "has lower bioavailability", "a balanced diet", "our support team":
    the word of a benefit used as an adjective or a noun."""
    start = span[0]
    raw = reading.tokens[start].raw
    before = reading.tokens[start - 1].raw if start else ""
    after = reading.words[start + 1] if start + 1 < len(reading.words) else ""
    if raw in {"lower", "higher", "better", "faster"}:
        return before in BEFORE_ADJECTIVE
    if before in DETERMINERS and raw.endswith("ed"):
        return True  # "a balanced diet", "the improved formula"
    return raw == "support" and after in SUPPORT_NOUNS


DETERMINERS = {"a", "an", "the", "our", "this", "that", "these", "those", "every"}
SUPPORT_NOUNS = {"team", "staff", "desk", "line", "service", "ticket", "page", "hour"}


# "For the bath only", "For adults", "For example": who or how, not a use.
NOT_A_USE = {
    "the", "a", "an", "this", "that", "these", "those", "external", "use",
    "adults", "children", "people", "example", "instance", "more", "best",
    "details", "years", "months", "weeks", "days",
}  # fmt: skip


def opening_for(reading):
    """ "For hot flashes", "For healthy joints": a use, so a benefit."""
    words = reading.words
    if words[:1] == ["for"] and len(words) > 1 and words[1] not in NOT_A_USE:
        return [(0, 2)]
    # "For the occasional absentmindedness ...": an article, then a complaint
    # kept within normal life.
    after_article = words[:1] == ["for"] and len(words) > 2 and words[1] in ARTICLES
    if after_article and any(s == 2 for s, _ in reading.found("ordinary")):
        return [(0, 3)]
    return []


ARTICLES = {"the", "a", "an", "this", "that", "these", "those"}


def detect(text):
    """Every detection in ``text``, sentence by sentence, disease first."""
    return list(detections(text))


@lru_cache(maxsize=4096)
def detections(text):
    # Cached: the compliance rules ask for disease and benefit findings of
    # the same text one after the other.
    found = []
    for sentence in sentences(text):
        reading = read(sentence)
        if not reading.words or warning(reading):
            continue
        for detector in (disease_detection, benefit_detection):
            if detection := detector(sentence, reading):
                found.append(asked(detection))
    return tuple(found)


YES_NO = re.compile(
    r"^\W*(?:does|do|did|can|could|is|are|was|were|will|would|should|may|might)\b",
    re.IGNORECASE,
)


def asked(detection):
    """A yes-or-no question ("Does magnesium stop cramps?") asks about a
    benefit rather than stating one: a reviewer decides. "Why does it stop
    cramps?" takes the benefit for granted, and a question about a disease
    still implies one, as marketing questions do."""
    sentence = detection.sentence.strip()
    if detection.is_disease or not (sentence.endswith("?") and YES_NO.match(sentence)):
        return detection
    return replace(detection, certain=False)


@cache
def diseases_named(title):
    """The disease names in a cited title, sorted (no generic words: "health
    and disease" names no disease)."""
    reading = read(title)
    return tuple(
        sorted({reading.text(s, e).lower() for s, e in reading.found("disease")})
    )
