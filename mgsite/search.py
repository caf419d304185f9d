"""The search backend: Wagtail's database backend, with one change on
PostgreSQL and one on SQLite.

Wagtail's PostgreSQL backend matches each index entry's ``title || body``
against the query, and also selects that concatenation with every matching
row. Nothing reads it back; building it again for each of a few thousand
matches (every article names magnesium) costs about a quarter of a search.
Here the match stays in the WHERE clause and leaves the SELECT list: the
change we propose upstream (``alias()`` for ``annotate()``), made from
outside. docs/upstream-search-annotation.md has the reproduction, the issue
text and when to remove this.

SQLite's full-text engine (FTS5) reads quotes, brackets and upper-case
AND/OR/NOT in a query as its own syntax, and refuses a lone quote with an
error. On SQLite a query is searched as its plain words.
"""

import re

from django.db import connection
from wagtail.search.backends import database
from wagtail.search.backends.database.postgres import postgres

MATCHED_VECTOR = "_vector_"  # the annotation the backend's compiler filters on


class PostgresSearchQueryCompiler(postgres.PostgresSearchQueryCompiler):
    def search(self, *args, **kwargs):
        queryset = super().search(*args, **kwargs)
        query = queryset.query
        if MATCHED_VECTOR in query.annotation_select:
            query.set_annotation_mask(set(query.annotation_select) - {MATCHED_VECTOR})
        return queryset


class PostgresSearchBackend(postgres.PostgresSearchBackend):
    query_compiler_class = PostgresSearchQueryCompiler


def search_terms(query):
    """Plain lower-case words, which no full-text engine reads as syntax."""
    return " ".join(re.findall(r"\w+", query.lower()))


class PlainWordsSearchMixin:
    def search(self, query, *args, **kwargs):
        if isinstance(query, str):
            query = search_terms(query)
        return super().search(query, *args, **kwargs)


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return PostgresSearchBackend(params)
    backend = database.SearchBackend(params)
    if connection.vendor != "sqlite":
        return backend

    class PlainWordsSearchBackend(PlainWordsSearchMixin, type(backend)):
        pass  # defined here: SQLite's backend module needs SQLite's tables

    return PlainWordsSearchBackend(params)
