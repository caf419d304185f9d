from django.apps import AppConfig
from django.db.models.signals import post_migrate


def set_up_roles_and_workflow(sender, using="default", **kwargs):
    from evidence.roles import grant_role_permissions
    from evidence.workflows import ensure_compliance_workflow

    grant_role_permissions(sender, using=using)
    ensure_compliance_workflow()


class EvidenceConfig(AppConfig):
    name = "evidence"

    def ready(self):
        post_migrate.connect(set_up_roles_and_workflow, sender=self)
