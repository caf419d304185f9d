"""Import sources from BibTeX or RIS, as reference managers export them.

All or nothing: the whole paste is read and checked first, and only a paste
without a bad entry is saved, in one transaction with bulk writes. Every bad
entry is reported with its line, so the editor fixes them and pastes again.
Entries already in the library (by DOI or PMID, however written) are
reported and skipped, as are entries another import saved in the meantime.

Study type: reference managers do not record it reliably, so an entry's type
is taken from its title and keywords when they say it plainly ("meta-analysis",
"randomised", "rats"...) and otherwise from the study type the editor chose on
the import form for the whole paste.
"""

import logging
import re
import unicodedata
from dataclasses import dataclass

import bibtexparser
import rispy
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from wagtail.search.backends import get_search_backends

from evidence.models import Source, StudyType, normalise_doi, normalise_pmid
from mgsite.cache import content_changed

CREATED, DUPLICATE, INVALID = "created", "duplicate", "invalid"
NOT_SAVED = "not saved"  # valid, held back because other entries are not

STUDY_TYPE_CUES = [
    (StudyType.SYSTEMATIC_REVIEW, r"meta-?analys|systematic review|cochrane"),
    (StudyType.RCT, r"randomi[sz]ed|controlled trial"),
    (StudyType.ANIMAL, r"\b(?:rats?|mice|mouse|murine|rodents?|animal model)\b"),
    (StudyType.IN_VITRO, r"in vitro|cell culture"),
    (StudyType.CASE_REPORT, r"case report"),
    (StudyType.OBSERVATIONAL, r"cohort|cross-sectional|case-control|nhanes"),
]
YEAR_RE = re.compile(r"[0-9]{4}")
# Each attempt finds what concurrent imports saved before it.
SAVE_ATTEMPTS = 3


@dataclass
class EntryResult:
    label: str
    outcome: str
    message: str = ""
    source: Source | None = None
    line: int | None = None


@dataclass
class Entry:
    """One entry of the paste: where it starts and the Source fields read."""

    label: str
    line: int
    fields: dict | None  # None: the block could not be read
    keywords: str = ""


def guess_study_type(text, default):
    for study_type, pattern in STUDY_TYPE_CUES:
        if re.search(pattern, text, re.IGNORECASE):
            return study_type
    return default


def ama_name(name):
    """ "Shin, Hyun-Jung" or "Hyun-Jung Shin" -> "Shin HJ"."""
    name = " ".join(name.replace("{", "").replace("}", "").split())
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
    else:
        *given_parts, family = name.split(" ") or [""]
        given = " ".join(given_parts)
    initials = "".join(p[0].upper() for p in re.split(r"[\s.\-]+", given) if p)
    return f"{family} {initials}".strip()


def printable(value):
    """Text without control characters (a spreadsheet export or the database
    would refuse them); line breaks and tabs become spaces."""
    text = str(value or "")
    return "".join(
        " " if ch in "\t\n\r" else ch
        for ch in text
        if ch in "\t\n\r" or unicodedata.category(ch) != "Cc"
    )


def _clean(value):
    return " ".join(printable(value).replace("{", "").replace("}", "").split())


def _pages(first, last):
    return f"{first}-{last}" if first and last else first or ""


def bibtex_entries(text):
    bibtex_logger = logging.getLogger("bibtexparser")
    bibtex_logger.disabled = True  # failed blocks are reported, not logged
    try:
        library = bibtexparser.parse_string(text)
    finally:
        bibtex_logger.disabled = False
    for entry in library.entries:
        f = {k.lower(): _clean(v.value) for k, v in entry.fields_dict.items()}
        authors = [a for a in re.split(r"\s+and\s+", f.get("author", "")) if a]
        yield Entry(
            label=_clean(entry.key),
            line=entry.start_line + 1,
            keywords=f"{entry.entry_type} {f.get('keywords', '')}",
            fields={
                "doi": f.get("doi", ""),
                "pmid": f.get("pmid", ""),
                "url": f.get("url", ""),
                "authors": "\n".join(ama_name(a) for a in authors),
                "title": f.get("title", ""),
                "container": f.get("journal") or f.get("publisher", ""),
                "year": f.get("year", ""),
                "volume": f.get("volume", ""),
                "issue": f.get("number", ""),
                "pages": f.get("pages", "").replace("--", "-"),
            },
        )
    for block in library.failed_blocks:
        yield Entry(f"block at line {block.start_line + 1}", block.start_line + 1, None)


def ris_start_lines(text):
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.startswith("TY  - ")
    ]


def ris_entries(text):
    lines = ris_start_lines(text)
    for number, entry in enumerate(rispy.loads(text), start=1):
        title = entry.get("title") or entry.get("primary_title", "")
        year = str(entry.get("year") or entry.get("publication_year", ""))
        yield Entry(
            label=f"entry {number}",
            line=lines[number - 1] if number <= len(lines) else 1,
            keywords=_clean(" ".join(entry.get("keywords", []))),
            fields={
                "doi": _clean(entry.get("doi", "")),
                "pmid": "",
                "url": _clean((entry.get("urls") or [""])[0]),
                "authors": "\n".join(
                    ama_name(_clean(a)) for a in entry.get("authors", [])
                ),
                "title": _clean(title),
                "container": _clean(
                    entry.get("journal_name")
                    or entry.get("secondary_title")
                    or entry.get("publisher", "")
                ),
                # RIS dates are "2013/05/01/" or "2013///".
                "year": _clean(year.split("/")[0]),
                "volume": _clean(entry.get("volume", "")),
                "issue": _clean(entry.get("number", "")),
                "pages": _pages(
                    _clean(entry.get("start_page")), _clean(entry.get("end_page"))
                ),
            },
        )


def detect_format(text):
    return "ris" if re.search(r"^TY  - ", text, re.MULTILINE) else "bibtex"


def parse_year(text):
    """The year as a number; a year that is not four plain digits (2020a,
    superscript digits) is refused rather than guessed."""
    if not text:
        return None
    if not YEAR_RE.fullmatch(text):
        raise ValidationError(
            {"year": f"“{text}” is not a year: give four digits, as in 2020."}
        )
    return int(text)


def normalise_identifiers(entries):
    for entry in entries:
        if entry.fields is not None:
            entry.fields["doi"] = normalise_doi(entry.fields["doi"])
            entry.fields["pmid"] = normalise_pmid(entry.fields["pmid"])


def build_source(entry, default_study_type):
    """An unsaved, checked Source for the entry; ValidationError otherwise."""
    fields = {**entry.fields, "year": parse_year(entry.fields["year"])}
    source = Source(
        **fields,
        study_type=guess_study_type(
            f"{fields['title']} {entry.keywords}", default_study_type
        ),
    )
    source.full_clean(validate_unique=False, validate_constraints=False)
    return source


def problems(error):
    return "; ".join(
        f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
    )


def identifiers(item):
    """(field, value) pairs of a Source or of an entry's fields."""
    values = item if isinstance(item, dict) else vars(item)
    return [(name, value) for name in ("doi", "pmid") if (value := values.get(name))]


def existing_sources(items):
    """(field, value) -> Source already in the library, in one query."""
    wanted = [key for item in items for key in identifiers(item)]
    dois = [value for name, value in wanted if name == "doi"]
    pmids = [value for name, value in wanted if name == "pmid"]
    found = {}
    for source in Source.objects.filter(Q(doi__in=dois) | Q(pmid__in=pmids)):
        for key in identifiers(source):
            found[key] = source
    return found


def first_match(mapping, item):
    return next((mapping[key] for key in identifiers(item) if key in mapping), None)


def check_entry(entry, existing, seen, default_study_type):
    """(result, source to create or None) for one entry."""
    fields = entry.fields
    label = (fields or {}).get("title") or entry.label
    if fields is None:
        message = "Not readable BibTeX: check braces and commas."
        return EntryResult(label, INVALID, message, line=entry.line), None
    if found := first_match(existing, fields):
        message = f"Already in the library as “{found}”."
        return EntryResult(label, DUPLICATE, message, found, entry.line), None
    if twin := first_match(seen, fields):
        message = f"Appears twice in this paste (first at line {twin})."
        return EntryResult(label, DUPLICATE, message, line=entry.line), None
    try:
        source = build_source(entry, default_study_type)
    except ValidationError as error:
        return EntryResult(label, INVALID, problems(error), line=entry.line), None
    seen.update(dict.fromkeys(identifiers(fields), entry.line))
    return EntryResult(label, CREATED, line=entry.line), source


def check_entries(entries, default_study_type):
    """(result, source) per entry; source is None unless it is to be created."""
    normalise_identifiers(entries)
    existing = existing_sources([e.fields for e in entries if e.fields is not None])
    seen = {}
    return [check_entry(e, existing, seen, default_study_type) for e in entries]


def mark_existing(checked):
    existing = existing_sources([source for _, source in checked if source])
    for index, (result, source) in enumerate(checked):
        if source is None:
            continue
        if found := first_match(existing, source):
            result.outcome, result.source = DUPLICATE, found
            result.message = f"Already in the library as “{found}”."
            checked[index] = (result, None)


def save(checked):
    """Create the checked sources in one transaction and return them. When
    another import created some of them meanwhile, the database refuses the
    insert; those are then looked up again, reported as already in the
    library, and the rest saved."""
    for attempt in range(SAVE_ATTEMPTS):
        mark_existing(checked)
        sources = [source for _, source in checked if source]
        try:
            with transaction.atomic():
                return Source.objects.bulk_create(sources)
        except IntegrityError:
            if attempt == SAVE_ATTEMPTS - 1:
                raise
    return []


def index_and_announce(created):
    """What ``save()`` on each source would have triggered: the admin search
    index and the page cache."""
    for backend in get_search_backends():
        backend.add_bulk(Source, created)
    content_changed()


def import_references(text, default_study_type):
    """Check every entry; create them all if none is invalid, else none.
    Returns one EntryResult per entry, in the order of the paste."""
    fmt = detect_format(text)
    entries = list(ris_entries(text) if fmt == "ris" else bibtex_entries(text))
    entries.sort(key=lambda entry: entry.line)
    if not entries:
        kind = "RIS" if fmt == "ris" else "BibTeX"
        return [EntryResult("paste", INVALID, f"No {kind} entries found.", line=1)]
    checked = check_entries(entries, default_study_type)
    if any(result.outcome == INVALID for result, _ in checked):
        for result, source in checked:
            if source is not None:
                result.message = "Valid; not saved while other entries are invalid."
                result.outcome = NOT_SAVED
        return [result for result, _ in checked]
    created = save(checked)
    for result, source in checked:
        if source is not None:
            result.source = source
    if created:
        index_and_announce(created)
    return [result for result, _ in checked]
