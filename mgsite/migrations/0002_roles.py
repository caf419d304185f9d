"""The site's roles as groups with Wagtail admin access.

Wagtail's own initial data creates "Editors" (add and edit pages, no
publish); this adds "Compliance reviewers". Model permissions are granted by
the apps that own the models.
"""

from django.db import migrations

ROLES = ["Editors", "Compliance reviewers"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)


def remove_reviewers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Compliance reviewers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("mgsite", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_roles, remove_reviewers)]
