"""Import sources from BibTeX or RIS, as reference managers export them.

Each entry is created in its own savepoint after ``full_clean()``, so valid
entries are kept when others fail and no entry is ever half-created.

Study type: reference managers do not record it reliably, so an entry's type
is taken from its title and keywords when they say it plainly ("meta-analysis",
"randomised", "rats"...) and otherwise from the study type the editor chose on
the import form for the whole paste.
"""

import logging
import re
from dataclasses import dataclass

import bibtexparser
import rispy
from django.core.exceptions import ValidationError
from django.db import transaction

from evidence.models import Source, StudyType, normalise_doi

CREATED, DUPLICATE, INVALID = "created", "duplicate", "invalid"

STUDY_TYPE_CUES = [
    (StudyType.SYSTEMATIC_REVIEW, r"meta-?analys|systematic review|cochrane"),
    (StudyType.RCT, r"randomi[sz]ed|controlled trial"),
    (StudyType.ANIMAL, r"\b(?:rats?|mice|mouse|murine|rodents?|animal model)\b"),
    (StudyType.IN_VITRO, r"in vitro|cell culture"),
    (StudyType.CASE_REPORT, r"case report"),
    (StudyType.OBSERVATIONAL, r"cohort|cross-sectional|case-control|nhanes"),
]


@dataclass
class EntryResult:
    label: str
    outcome: str
    message: str = ""
    source: Source | None = None


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


def _clean(value):
    return " ".join(str(value or "").replace("{", "").replace("}", "").split())


def _pages(first, last):
    return f"{first}-{last}" if first and last else first or ""


def bibtex_entries(text):
    """(fields, problem) pairs: Source fields, or why the block was unreadable."""
    bibtex_logger = logging.getLogger("bibtexparser")
    bibtex_logger.disabled = True  # failed blocks are reported, not logged
    try:
        library = bibtexparser.parse_string(text)
    finally:
        bibtex_logger.disabled = False
    for entry in library.entries:
        f = {k.lower(): _clean(v.value) for k, v in entry.fields_dict.items()}
        authors = [a for a in re.split(r"\s+and\s+", f.get("author", "")) if a]
        yield (
            entry.key,
            {
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
                "keywords": f"{entry.entry_type} {f.get('keywords', '')}",
            },
        )
    for block in library.failed_blocks:
        yield (f"block at line {block.start_line + 1}", None)


def ris_entries(text):
    for number, entry in enumerate(rispy.loads(text), start=1):
        title = entry.get("title") or entry.get("primary_title", "")
        yield (
            f"entry {number}",
            {
                "doi": entry.get("doi", ""),
                "pmid": "",
                "url": (entry.get("urls") or [""])[0],
                "authors": "\n".join(ama_name(a) for a in entry.get("authors", [])),
                "title": _clean(title),
                "container": _clean(
                    entry.get("journal_name")
                    or entry.get("secondary_title")
                    or entry.get("publisher", "")
                ),
                "year": (entry.get("year") or entry.get("publication_year", ""))[:4],
                "volume": entry.get("volume", ""),
                "issue": entry.get("number", ""),
                "pages": _pages(entry.get("start_page"), entry.get("end_page")),
                "keywords": " ".join(entry.get("keywords", [])),
            },
        )


def detect_format(text):
    return "ris" if re.search(r"^TY  - ", text, re.MULTILINE) else "bibtex"


def import_references(text, default_study_type):
    """Create a Source for every valid entry; return one EntryResult per entry."""
    fmt = detect_format(text)
    entries = ris_entries(text) if fmt == "ris" else bibtex_entries(text)
    results = [
        _import_entry(label, fields, default_study_type) for label, fields in entries
    ]
    if not results:
        kind = "RIS" if fmt == "ris" else "BibTeX"
        results.append(EntryResult("paste", INVALID, f"No {kind} entries found."))
    return results


def _import_entry(label, fields, default_study_type):
    if fields is None:
        return EntryResult(
            label, INVALID, "Not readable BibTeX: check braces and commas."
        )
    label = fields["title"] or label
    if existing := _existing_source(fields):
        return EntryResult(
            label, DUPLICATE, f"Already in the library as “{existing}”.", existing
        )
    keywords = fields.pop("keywords")
    fields["year"] = int(fields["year"]) if fields["year"].isdigit() else None
    source = Source(
        **fields,
        study_type=guess_study_type(
            f"{fields['title']} {keywords}", default_study_type
        ),
    )
    try:
        with transaction.atomic():
            source.full_clean()
            source.save()
    except ValidationError as error:
        problems = "; ".join(
            f"{field}: {' '.join(messages)}"
            for field, messages in error.message_dict.items()
        )
        return EntryResult(label, INVALID, problems)
    return EntryResult(label, CREATED, "", source)


def _existing_source(fields):
    doi, pmid = normalise_doi(fields["doi"]), fields["pmid"].strip()
    if doi and (found := Source.objects.filter(doi=doi).first()):
        return found
    if pmid and (found := Source.objects.filter(pmid=pmid).first()):
        return found
    return None
