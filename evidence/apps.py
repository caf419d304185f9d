from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save, pre_save


def set_up_roles_and_workflow(sender, using="default", **kwargs):
    from evidence.roles import grant_role_permissions
    from evidence.workflows import ensure_compliance_workflow

    grant_role_permissions(sender, using=using)
    ensure_compliance_workflow()


class EvidenceConfig(AppConfig):
    name = "evidence"

    def ready(self):
        from wagtail.signals import task_submitted

        from evidence import signals
        from evidence.models import ComplianceTaskState, Source
        from evidence.notifications import review_submitted_notifier

        post_migrate.connect(set_up_roles_and_workflow, sender=self)
        pre_save.connect(signals.note_public_change, sender=Source)
        post_save.connect(signals.send_citing_claims_back_to_review, sender=Source)
        task_submitted.connect(
            review_submitted_notifier,
            sender=ComplianceTaskState,
            dispatch_uid="evidence_review_submitted_email",
        )
