"""PostgreSQL's pg_trgm extension, for search that forgives a typo: page
titles are matched by trigram similarity when a search finds nothing.
Django's operation does nothing on other databases."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("mgsite", "0005_brand_setting_trust_pages_profiles_and_home_showcase")]

    operations = [TrigramExtension()]
