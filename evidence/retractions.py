"""Retraction and correction notices from a feed, applied to the library.

The feed is Retraction Watch's database in the CSV layout Crossref
distributes (columns ``Record ID``, ``RetractionNature``, ``RetractionDate``,
``RetractionDOI``, ``OriginalPaperDOI``, ``OriginalPaperPubMedID``,
``Reason`` among others). A notice is matched to a source by the original
paper's DOI or PMID.

- A retraction marks the source retracted (which, as the manual flag does,
  revokes the approvals of every claim citing it: they leave public view at
  once), and sends those claims and the pages citing the source to review.
- A correction, an expression of concern or a reinstatement sends them to
  review and hides nothing.

Hiding happens in the import's transaction; starting the reviews is a task
(``evidence.tasks.start_rereviews``), queued in the same transaction.

Each notice is recorded once (``RetractionNotice``), so importing the same
file again changes nothing; each applied notice is in the audit log.
"""

import csv
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from wagtail.log_actions import log
from wagtail.models import Page, ReferenceIndex

from evidence.models import (
    Claim,
    RetractionNotice,
    Source,
    normalise_doi,
    normalise_pmid,
)
from evidence.tasks import start_rereviews

NOTICE_APPLIED = "evidence.source.notice"

REQUIRED_COLUMNS = {"RetractionNature", "OriginalPaperDOI", "OriginalPaperPubMedID"}
NATURES = {
    "retraction": RetractionNotice.RETRACTION,
    "correction": RetractionNotice.CORRECTION,
    "expression of concern": RetractionNotice.CONCERN,
    "reinstatement": RetractionNotice.REINSTATEMENT,
}
NO_VALUE = {"", "0", "unavailable", "n/a", "na", "none"}
DATE_FORMATS = ("%m/%d/%Y %H:%M", "%m/%d/%Y", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S")


class FeedError(ValueError):
    """The file is not a notice feed this importer reads."""


@dataclass
class Notice:
    record_id: str
    nature: str
    doi: str
    pmid: str
    notice_doi: str
    notice_date: object
    reason: str


@dataclass
class Applied:
    notice: Notice
    source: Source
    claims: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    # None while the reviews are queued for the task worker.
    reviews_started: int | None = 0


@dataclass
class Report:
    applied: list = field(default_factory=list)
    already: int = 0
    unmatched: int = 0
    skipped: list = field(default_factory=list)  # (line, why)


def value(row, name):
    text = (row.get(name) or "").strip()
    return "" if text.lower() in NO_VALUE else text


def parse_date(text):
    text = (text or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def read_notices(lines):
    """``(notices, skipped)`` from the CSV text lines; ``skipped`` lists
    ``(line number, why)`` for rows that cannot be read as a notice."""
    reader = csv.DictReader(lines)
    missing = REQUIRED_COLUMNS - set(reader.fieldnames or ())
    if missing:
        raise FeedError(
            "This is not a Retraction Watch file: missing columns "
            + ", ".join(sorted(missing))
            + "."
        )
    notices, skipped = [], []
    for row in reader:
        line = reader.line_num
        nature = NATURES.get(value(row, "RetractionNature").lower())
        doi = normalise_doi(value(row, "OriginalPaperDOI"))
        pmid = normalise_pmid(value(row, "OriginalPaperPubMedID"))
        if nature is None:
            skipped.append((line, "unknown kind of notice"))
            continue
        if not (doi or pmid):
            skipped.append((line, "no DOI or PMID of the original paper"))
            continue
        notice_doi = normalise_doi(value(row, "RetractionDOI"))
        record_id = value(row, "Record ID") or f"{nature}:{doi or pmid}:{notice_doi}"
        notices.append(
            Notice(
                record_id=record_id[:64],
                nature=nature,
                doi=doi,
                pmid=pmid if pmid.isdigit() else "",
                notice_doi=notice_doi[:255],
                notice_date=parse_date(value(row, "RetractionDate")),
                reason=value(row, "Reason"),
            )
        )
    return notices, skipped


def citing_pages(source):
    """Pages whose content cites ``source``, as Wagtail's reference index
    records it, in their specific form."""
    references = ReferenceIndex.get_references_to(source).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    ids = {int(pk) for pk in references.values_list("object_id", flat=True)}
    return list(Page.objects.filter(pk__in=ids).specific().order_by("title"))


def apply_notice(notice, source, user=None):
    """Apply one notice to its source, in one transaction."""
    label = dict(RetractionNotice.NATURES)[notice.nature]
    because = f"{label} notice for cited source {source.pk}"
    if notice.notice_doi:
        because += f" (doi:{notice.notice_doi})"
    with transaction.atomic():
        RetractionNotice.objects.create(
            record_id=notice.record_id,
            source=source,
            nature=notice.nature,
            notice_doi=notice.notice_doi,
            notice_date=notice.notice_date,
            reason=notice.reason,
        )
        if notice.nature == RetractionNotice.RETRACTION and not source.retracted:
            source.retracted = True
            source.retracted_on = notice.notice_date
            note = f"Retracted (doi:{notice.notice_doi})" if notice.notice_doi else ""
            source.retraction_note = "; ".join(
                part for part in (note, notice.reason) if part
            )
            # Saving runs the manual flag's signal: citing claims' approvals
            # are revoked, so they leave public view now.
            source.save()
        applied = Applied(notice, source)
        applied.claims = list(
            Claim.objects.filter(cited_sources__source=source).distinct()
        )
        applied.pages = citing_pages(source)
        # Hidden above at once; the reviews start in the background.
        result = start_rereviews.enqueue(
            [claim.pk for claim in applied.claims],
            [page.pk for page in applied.pages],
            because,
            user.pk if user else None,
        )
        applied.reviews_started = result.return_value if result.is_finished else None
        log(
            instance=source,
            action=NOTICE_APPLIED,
            user=user,
            data={
                "nature": notice.nature,
                "record_id": notice.record_id,
                "notice_doi": notice.notice_doi,
                "claims": [claim.pk for claim in applied.claims],
                "pages": [page.pk for page in applied.pages],
            },
        )
    return applied


def import_notices(lines, user=None):
    """Read the feed and apply each notice not applied before, matched to a
    source by DOI or PMID. Returns a ``Report``."""
    notices, skipped = read_notices(lines)
    report = Report(skipped=skipped)
    known = set(
        RetractionNotice.objects.filter(
            record_id__in=[n.record_id for n in notices]
        ).values_list("record_id", flat=True)
    )
    dois = {n.doi for n in notices if n.doi}
    pmids = {n.pmid for n in notices if n.pmid}
    sources = list(Source.objects.filter(Q(doi__in=dois) | Q(pmid__in=pmids)))
    by_doi = {s.doi: s for s in sources if s.doi}
    by_pmid = {s.pmid: s for s in sources if s.pmid}
    for notice in notices:
        source = by_doi.get(notice.doi) or by_pmid.get(notice.pmid)
        if source is None:
            report.unmatched += 1
        elif notice.record_id in known:
            report.already += 1
        else:
            known.add(notice.record_id)
            source.refresh_from_db()
            report.applied.append(apply_notice(notice, source, user))
    return report
