from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save, pre_save


def set_up_roles_and_workflow(sender, using="default", **kwargs):
    from django.apps import apps

    from evidence.roles import REVIEWERS, grant_role_permissions
    from evidence.workflows import ensure_compliance_workflow, reviewed_snippet_models

    grant_role_permissions(sender, using=using)
    # Reviewers see every reviewed snippet (the brand, the magnesium forms)
    # in the admin, as they see claims; its authors change it.
    for model in reviewed_snippet_models():
        grant_role_permissions(
            apps.get_app_config(model._meta.app_label),
            using=using,
            roles={REVIEWERS: [f"view_{model._meta.model_name}"]},
        )
    ensure_compliance_workflow()


class EvidenceConfig(AppConfig):
    name = "evidence"

    def ready(self):
        from wagtail.models import WorkflowState
        from wagtail.signals import (
            task_submitted,
            workflow_approved,
            workflow_rejected,
            workflow_submitted,
        )

        from evidence import notifications, signals
        from evidence.models import ComplianceTaskState, Source

        post_migrate.connect(set_up_roles_and_workflow, sender=self)
        pre_save.connect(signals.note_public_change, sender=Source)
        post_save.connect(signals.send_citing_claims_back_to_review, sender=Source)
        task_submitted.connect(
            notifications.review_submitted_notifier,
            sender=ComplianceTaskState,
            dispatch_uid="evidence_review_submitted_email",
        )
        # Under Wagtail's own dispatch_uid: this app is ready before
        # wagtail.admin, whose connection with the same key is then skipped,
        # so each event sends our e-mail and not Wagtail's as well.
        for signal, notifier, uid in (
            (
                workflow_submitted,
                notifications.workflow_submitted_notifier,
                "workflow_state_submitted_email_notification",
            ),
            (
                workflow_approved,
                notifications.approved_notifier,
                "workflow_state_approved_email_notification",
            ),
            (
                workflow_rejected,
                notifications.rejected_notifier,
                "workflow_state_rejected_email_notification",
            ),
        ):
            signal.connect(notifier, sender=WorkflowState, dispatch_uid=uid)
