"""The "Medical reviewers" role: people who sign an article's medical review
in its workflow (the byline's "medically reviewed by" comes from that
signature). Model permissions are granted by the apps that own the models."""

from django.db import migrations

ROLE = "Medical reviewers"


def create_role(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    group, _ = Group.objects.get_or_create(name=ROLE)
    group.permissions.add(access_admin)


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ROLE).delete()


class Migration(migrations.Migration):
    dependencies = [("mgsite", "0003_search_entry_title_body_index")]

    operations = [migrations.RunPython(create_role, remove_role)]
