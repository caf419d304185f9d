"""A GIN index on the search entries' title and body together.

Wagtail's PostgreSQL search matches ``title || body`` against the query.
Without an index on that expression PostgreSQL has no statistics for it,
estimates one matching row, and joins the pages in a nested loop: seconds
for a common word on a few thousand articles. With it the match uses the
index and the join is a hash join. Other databases are left alone.
"""

from django.db import migrations

INDEX = "mgsite_search_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("mgsite", "0002_roles"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
