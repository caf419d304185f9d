"""The retraction feed: a Retraction Watch file (in the layout Crossref
distributes) matched to the library by DOI and PMID."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry, PageLogEntry, WorkflowState

from articles.factories import ArticlePageFactory
from evidence import compliance
from evidence.factories import SourceFactory, approved_claim
from evidence.models import Claim, RetractionNotice, Source
from evidence.retractions import NOTICE_APPLIED
from evidence.review import REREVIEW_STARTED
from mgsite.cache import VERSION_KEY

pytestmark = pytest.mark.django_db

FEED = Path(__file__).parent / "data" / "retraction_watch_sample.csv"


@pytest.fixture
def library(hubs, django_capture_on_commit_callbacks):
    """Four cited sources the feed names (two retracted, one corrected, one
    under an expression of concern), a claim citing each, an article citing
    the first, and a source the feed does not name."""
    sources = {
        "retracted_by_doi": SourceFactory(doi="10.5555/retract.0001"),
        "retracted_by_pmid": SourceFactory(doi="", pmid="39000002"),
        "corrected": SourceFactory(doi="10.5555/correct.0003"),
        "concern": SourceFactory(doi="", pmid="39000004"),
        "untouched": SourceFactory(),
    }
    claims = {key: approved_claim(sources=[source]) for key, source in sources.items()}
    citation = sources["retracted_by_doi"].pk
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticlePageFactory(
            parent=hubs[0],
            body=[
                {
                    "type": "paragraph",
                    "value": f'<p><a linktype="citation" id="{citation}">a trial</a>'
                    "</p>",
                }
            ],
        )
    return sources, claims, article


def run(django_capture_on_commit_callbacks, path=FEED):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_retractions", str(path), stdout=out)
    return out.getvalue()


def shown(claims):
    return {c.pk for c in compliance.public_claims(Claim.objects.with_sources())} & {
        c.pk for c in claims
    }


def in_review(obj):
    obj.refresh_from_db()
    state = obj.current_workflow_state
    return state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_retraction_hides_citing_claims_and_sends_them_and_articles_to_review(
    library, django_capture_on_commit_callbacks
):
    sources, claims, article = library
    version = cache.get(VERSION_KEY)

    report = run(django_capture_on_commit_callbacks)

    retracted = Source.objects.get(pk=sources["retracted_by_doi"].pk)
    assert retracted.retracted
    assert retracted.retracted_on == datetime.date(2024, 3, 14)
    assert "10.5555/notice.900001" in retracted.retraction_note
    assert Source.objects.get(pk=sources["retracted_by_pmid"].pk).retracted
    assert not Source.objects.get(pk=sources["corrected"].pk).retracted
    assert not Source.objects.get(pk=sources["concern"].pk).retracted
    # Off public view at once: retracted; corrections hide nothing.
    assert shown(claims.values()) == {
        claims["corrected"].pk,
        claims["concern"].pk,
        claims["untouched"].pk,
    }
    # Re-review started for every claim a notice touched, and the article.
    for key in ("retracted_by_doi", "retracted_by_pmid", "corrected", "concern"):
        assert in_review(claims[key]), key
    assert not in_review(claims["untouched"])
    assert in_review(article)
    assert PageLogEntry.objects.filter(page=article, action=REREVIEW_STARTED).exists()
    # The audit log records each notice on its source.
    entry = ModelLogEntry.objects.for_instance(retracted).get(action=NOTICE_APPLIED)
    assert entry.data["nature"] == "retraction"
    assert entry.data["claims"] == [claims["retracted_by_doi"].pk]
    assert entry.data["pages"] == [article.pk]
    # Cached pages were dropped.
    assert cache.get(VERSION_KEY) != version
    # What was matched, and how.
    assert "(matched by DOI)" in report
    assert "(matched by PMID)" in report
    assert "Expression of concern" in report
    assert (
        "4 notices applied, 0 imported before, 1 about works not in the library, "
        "1 unreadable." in report
    )


def test_importing_the_same_file_again_changes_nothing(
    library, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks)
    counts = (
        RetractionNotice.objects.count(),
        WorkflowState.objects.count(),
        ModelLogEntry.objects.count(),
        PageLogEntry.objects.count(),
    )

    report = run(django_capture_on_commit_callbacks)

    assert "0 notices applied, 4 imported before" in report
    assert counts == (
        RetractionNotice.objects.count(),
        WorkflowState.objects.count(),
        ModelLogEntry.objects.count(),
        PageLogEntry.objects.count(),
    )


def test_a_file_that_is_not_a_retraction_feed_is_refused(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("doi,title\n10.1/x,Something\n")

    with pytest.raises(CommandError, match="missing columns"):
        call_command("import_retractions", str(bad))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_retractions", str(tmp_path / "absent.csv"))
    assert not RetractionNotice.objects.exists()


# The worker commits and closes its connection as in production, so the
# test's data must be committed too.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_database_worker_starts_the_queued_reviews(
    library, settings, django_capture_on_commit_callbacks
):
    """In production the cascade is a row in the task table, written with
    the import; the claims are hidden at once, and the worker starts their
    reviews."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    sources, claims, article = library

    report = run(django_capture_on_commit_callbacks)

    assert "reviews queued" in report
    assert claims["retracted_by_doi"].pk not in shown(claims.values())
    assert not in_review(claims["retracted_by_doi"])
    queued = DBTaskResult.objects.filter(task_path="evidence.tasks.start_rereviews")
    assert queued.count() == 4

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())

    assert set(queued.values_list("status", flat=True)) == {"SUCCESSFUL"}
    for key in ("retracted_by_doi", "retracted_by_pmid", "corrected", "concern"):
        assert in_review(claims[key]), key
    assert not in_review(claims["untouched"])
    assert in_review(article)
