from django.core.management.base import BaseCommand, CommandError

from evidence.models import RetractionNotice
from evidence.retractions import FeedError, import_notices


class Command(BaseCommand):
    help = (
        "Import retraction and correction notices from a Retraction Watch CSV "
        "file (the layout Crossref distributes), matched to sources by DOI and "
        "PMID. A retraction takes every claim citing the source off public view "
        "and sends it, and the pages citing the source, back to review; a "
        "correction or expression of concern sends them to review. Notices "
        "imported before are skipped, so the command is safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV file.")

    def handle(self, *args, path, **options):
        try:
            with open(path, newline="", encoding="utf-8-sig") as lines:
                report = import_notices(lines)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        except (FeedError, UnicodeDecodeError, ValueError) as error:
            raise CommandError(f"{path}: {error}") from error
        natures = dict(RetractionNotice.NATURES)
        for applied in report.applied:
            notice, source = applied.notice, applied.source
            hidden = (
                " taken off public view;"
                if notice.nature == RetractionNotice.RETRACTION
                else ";"
            )
            started = (
                "reviews queued"
                if applied.reviews_started is None
                else f"{applied.reviews_started} reviews started"
            )
            matched = "DOI" if notice.doi and notice.doi == source.doi else "PMID"
            self.stdout.write(
                f"{natures[notice.nature]}: “{source}” (matched by {matched}): "
                f"{len(applied.claims)} citing claims{hidden} "
                f"{len(applied.pages)} citing pages; "
                f"{started}."
            )
        for line, why in report.skipped:
            self.stdout.write(f"Line {line} skipped: {why}.")
        self.stdout.write(
            f"{len(report.applied)} notices applied, {report.already} imported "
            f"before, {report.unmatched} about works not in the library, "
            f"{len(report.skipped)} unreadable."
        )
