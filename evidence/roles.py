"""What each role may do with sources and claims.

Granted after every ``migrate`` (a post_migrate handler, see ``apps.py``)
rather than in a data migration, because Django creates model permissions in
post_migrate too: a data migration on a fresh database would run before the
permissions exist. Granting is idempotent and only ever adds.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"  # created by Wagtail's own initial data
REVIEWERS = "Compliance reviewers"  # created by mgsite's 0002_roles migration
MEDICAL_REVIEWERS = "Medical reviewers"  # created by mgsite's 0004 migration

ROLE_PERMISSIONS = {
    # Editors write the library; they cannot publish claims (only the
    # review workflow does) and cannot delete claims, which keep the history.
    EDITORS: [
        "add_source",
        "change_source",
        "delete_source",
        "view_source",
        "add_claim",
        "change_claim",
        "view_claim",
    ],
    # Reviewers read and judge; the review task gives them the editor while a
    # claim is in review, and the claim form refuses any change they post.
    # They may change sources, which carry no claim wording, so that whoever
    # learns of a retraction can mark it at once.
    REVIEWERS: ["view_source", "change_source", "view_claim"],
}


def grant_role_permissions(app_config, using="default", roles=None):
    """Grant ``roles`` (group name: codenames of ``app_config``'s models;
    by default the evidence roles above)."""
    create_permissions(app_config, verbosity=0, using=using)
    for group_name, codenames in (roles or ROLE_PERMISSIONS).items():
        group, _ = Group.objects.using(using).get_or_create(name=group_name)
        permissions = Permission.objects.using(using).filter(
            content_type__app_label=app_config.label, codename__in=codenames
        )
        group.permissions.add(*permissions)
