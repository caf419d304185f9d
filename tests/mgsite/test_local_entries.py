"""The per-process copy of the shared cache (``mgsite.cache.LocalEntries``)."""

from mgsite import cache as page_cache
from mgsite.cache import LocalEntries


def test_entries_belong_to_one_version():
    entries = LocalEntries()
    entries.put("v1", "nav", ["Back pain"], 60)

    assert entries.get("v1", "nav") == ["Back pain"]
    assert entries.get("v2", "nav") is None
    entries.put("v2", "nav", ["Nerve pain"], 60)
    assert entries.get("v1", "nav") is None


def test_each_reader_gets_its_own_copy():
    entries = LocalEntries()
    entries.put("v1", "nav", ["Back pain"], 60)

    entries.get("v1", "nav").append("changed by one request")

    assert entries.get("v1", "nav") == ["Back pain"]


def test_expired_entries_are_not_served():
    entries = LocalEntries()
    entries.put("v1", "page", "<html>", 0)

    assert entries.get("v1", "page") is None


def test_the_oldest_entries_go_first_when_the_budget_is_spent(monkeypatch):
    monkeypatch.setattr(page_cache, "LOCAL_BYTES", 4000)
    entries = LocalEntries()
    for n in range(10):
        entries.put("v1", f"page-{n}", "x" * 900, 60)

    kept = [n for n in range(10) if entries.get("v1", f"page-{n}") is not None]

    assert kept == [6, 7, 8, 9]
    assert entries.size <= 4000
