"""The search backend: Wagtail's database backend, with one change on
SQLite.

SQLite's full-text engine (FTS5) reads quotes, brackets and upper-case
AND/OR/NOT in a query as its own syntax, and refuses a lone quote with an
error. On SQLite a query is searched as its plain words.
"""

import re

from django.db import connection
from wagtail.search.backends import database


def search_terms(query):
    """Plain lower-case words, which no full-text engine reads as syntax."""
    return " ".join(re.findall(r"\w+", query.lower()))


class PlainWordsSearchMixin:
    def search(self, query, *args, **kwargs):
        if isinstance(query, str):
            query = search_terms(query)
        return super().search(query, *args, **kwargs)


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    backend = database.SearchBackend(params)
    if connection.vendor != "sqlite":
        return backend

    class PlainWordsSearchBackend(PlainWordsSearchMixin, type(backend)):
        pass  # defined here: SQLite's backend module needs SQLite's tables

    return PlainWordsSearchBackend(params)
