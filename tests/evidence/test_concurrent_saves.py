"""On the SQLite default, an editor's save and the editor's autosave of the
same claim, arriving at once, both succeed: the second waits for the
first's write lock instead of failing with "database is locked".

The test database is in memory; the two requests need a file, so the
migrated test database is copied to one and each request's thread uses it
through its own connection, with the site's own database settings."""

import sqlite3
import threading

import pytest
from django.db import connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import Client

from evidence.factories import ClaimFactory, SourceFactory
from evidence.models import Claim
from mgsite.settings.base import SQLITE_OPTIONS, database_config
from tests.evidence.conftest import claim_url, edit_post, make_user

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="SQLite's locking is what is tested"
    ),
]

WAIT = 60  # seconds; generous, as the machine may be busy


def test_the_sqlite_default_begins_writes_at_once_and_waits_for_the_lock():
    config = database_config("sqlite:///db.sqlite3")

    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] == SQLITE_OPTIONS["timeout"] >= 10
    assert connections.settings["default"]["OPTIONS"] == config["OPTIONS"]


def copy_test_database(path):
    connection.ensure_connection()
    with sqlite3.connect(path) as target:
        connection.connection.backup(target)
    target.close()


class Rendezvous:
    """The save holds its write transaction open until the autosave has
    begun its own, so that the two overlap every time."""

    def __init__(self):
        self.autosave_began = threading.Event()
        self.save_in_transaction = threading.Event()

    def save_waits(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        in_transaction = context["connection"].in_atomic_block
        if in_transaction and is_write(sql) and not self.save_in_transaction.is_set():
            self.save_in_transaction.set()
            self.autosave_began.wait(WAIT)
        return result

    def autosave_signals(self, execute, sql, params, many, context):
        # An immediate transaction asks for the lock at its BEGIN (and waits
        # there); a deferred one holds a lock once its first statement ran.
        if sql.upper().startswith(IMMEDIATE_BEGINS):
            self.autosave_began.set()
        result = execute(sql, params, many, context)
        if context["connection"].in_atomic_block:
            self.autosave_began.set()
        return result


IMMEDIATE_BEGINS = ("BEGIN IMMEDIATE", "BEGIN EXCLUSIVE")


def is_write(sql):
    return sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))


def request_in_thread(settings_dict, user, send, wrapper, results, name, logged_in):
    def run():
        db = DatabaseWrapper(settings_dict, "default")
        connections["default"] = db  # this thread's connection only
        try:
            client = Client()
            client.force_login(user)  # writes a session: before either request
            logged_in.wait(WAIT)
            with db.execute_wrapper(wrapper):
                results[name] = send(client)
        except Exception as error:  # reported by the test, not lost in a thread
            results[name] = error
        finally:
            db.close()

    return threading.Thread(target=run, name=name)


def test_a_save_and_an_autosave_at_once_both_succeed_on_a_sqlite_file(tmp_path):
    editor = make_user("concurrent-editor", "Editors")
    # A live claim: its edit reads in its transaction before it writes.
    claim = ClaimFactory(sources=[SourceFactory()])
    path = tmp_path / "site.sqlite3"
    copy_test_database(path)
    settings_dict = {**connections.settings["default"], "NAME": str(path)}
    url = claim_url("edit", claim)
    meet, results = Rendezvous(), {}
    # Neither request starts before both are logged in: a login waiting for
    # the save's write lock would otherwise fail the autosave before it began.
    logged_in = threading.Barrier(2)

    def save(client):
        return client.post(url, edit_post(claim, "Saved by the editor."))

    def autosave(client):
        meet.save_in_transaction.wait(WAIT)
        return client.post(
            url,
            edit_post(claim, "Saved by autosave."),
            headers={"accept": "application/json"},
        )

    threads = [
        request_in_thread(
            settings_dict, editor, save, meet.save_waits, results, "save", logged_in
        ),
        request_in_thread(
            settings_dict,
            editor,
            autosave,
            meet.autosave_signals,
            results,
            "autosave",
            logged_in,
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(2 * WAIT)

    assert meet.save_in_transaction.is_set() and meet.autosave_began.is_set()
    for name in ("save", "autosave"):  # "database is locked" without the settings
        assert not isinstance(results[name], Exception), results[name]
    assert results["save"].status_code == 302, results["save"]
    assert results["autosave"].status_code == 200, results["autosave"]
    assert results["autosave"].json()["success"] is True
    copied = sqlite3.connect(path)
    try:
        revisions = copied.execute(
            "SELECT count(*) FROM wagtailcore_revision WHERE object_id = ?",
            [str(claim.pk)],
        ).fetchone()[0]
    finally:
        copied.close()
    # The draft made beforehand, then one revision for each request.
    assert revisions == Claim.objects.get(pk=claim.pk).revisions.count() + 2
