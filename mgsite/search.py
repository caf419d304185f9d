"""The search backend: Wagtail's database backend, with one change on
PostgreSQL.

Wagtail's PostgreSQL backend matches each index entry's ``title || body``
against the query, and also selects that concatenation with every matching
row. Nothing reads it back; building it again for each of a few thousand
matches (every article names magnesium) costs about a quarter of a search.
Here the match stays in the WHERE clause and leaves the SELECT list.
"""

from django.db import connection
from wagtail.search.backends import database
from wagtail.search.backends.database.postgres import postgres

MATCHED_VECTOR = "_vector_"  # the annotation Wagtail's compiler filters on


class PostgresSearchQueryCompiler(postgres.PostgresSearchQueryCompiler):
    def search(self, *args, **kwargs):
        queryset = super().search(*args, **kwargs)
        query = queryset.query
        if MATCHED_VECTOR in query.annotation_select:
            query.set_annotation_mask(set(query.annotation_select) - {MATCHED_VECTOR})
        return queryset


class PostgresSearchBackend(postgres.PostgresSearchBackend):
    query_compiler_class = PostgresSearchQueryCompiler


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return PostgresSearchBackend(params)
    return database.SearchBackend(params)
