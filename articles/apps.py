from django.apps import AppConfig
from django.db.models.signals import post_migrate


# Editors add and edit the public profiles of authors and medical reviewers
# (a reviewer's profile is linked to their account; their signed review puts
# it in the byline).
def set_up_roles_and_workflow(sender, using="default", **kwargs):
    from articles.workflows import ensure_article_workflow
    from evidence.roles import EDITORS, MEDICAL_REVIEWERS, grant_role_permissions

    role_permissions = {
        EDITORS: ["add_person", "change_person", "view_person"],
        MEDICAL_REVIEWERS: ["view_person"],
    }
    grant_role_permissions(sender, using=using, roles=role_permissions)
    ensure_article_workflow()


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from django.db.models.signals import pre_delete
        from wagtail.signals import task_submitted

        from articles.models import MedicalReviewTaskState
        from articles.protection import refuse_deleting_cited_sources
        from evidence.models import Source
        from evidence.notifications import review_submitted_notifier

        pre_delete.connect(
            refuse_deleting_cited_sources,
            sender=Source,
            dispatch_uid="articles_refuse_deleting_cited_sources",
        )
        post_migrate.connect(set_up_roles_and_workflow, sender=self)
        task_submitted.connect(
            review_submitted_notifier,
            sender=MedicalReviewTaskState,
            dispatch_uid="articles_medical_review_submitted_email",
        )
