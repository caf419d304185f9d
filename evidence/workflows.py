"""The "Compliance review" workflow, created on demand and idempotently.

``ensure_compliance_workflow()`` runs after every ``migrate`` (see
``evidence.apps``) and in the demo loader. Other apps call it to assign the
same workflow to their pages, for example::

    workflow = ensure_compliance_workflow()
    WorkflowPage.objects.get_or_create(page=catalogue, defaults={"workflow": workflow})
"""

from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from evidence.roles import REVIEWERS

WORKFLOW_NAME = "Compliance review"
TASK_NAME = "Compliance review"
STOCK_WORKFLOW = "Moderators approval"  # Wagtail's default, by its name


def ensure_compliance_workflow():
    """The workflow with its one task for the Compliance reviewers group,
    assigned to claims, the reviewed snippets and every page. Creates what
    is missing; changes nothing else."""
    from evidence.models import ComplianceReviewTask

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task, _ = ComplianceReviewTask.objects.get_or_create(name=TASK_NAME)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    task.groups.add(reviewers)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    for model in reviewed_snippet_models():
        WorkflowContentType.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(model),
            defaults={"workflow": workflow},
        )
    review_every_page(workflow)
    return workflow


def reviewed_snippet_models():
    """Claims, and every snippet whose words a shopper reads
    (``ReviewedSnippet``): each goes live only through compliance review."""
    from evidence.models import Claim, ReviewedSnippet

    return [Claim] + [
        model for model in apps.get_models() if issubclass(model, ReviewedSnippet)
    ]


def review_every_page(workflow):
    """Every page, of every type, goes through compliance review: the
    workflow is assigned at the tree's root (which Wagtail's own
    "Moderators approval" had), that stock workflow is switched off, and no
    group may publish pages directly; a reviewer's approval publishes."""
    for root in Page.get_root_nodes():
        WorkflowPage.objects.update_or_create(
            page=root, defaults={"workflow": workflow}
        )
    Workflow.objects.filter(name=STOCK_WORKFLOW).update(active=False)
    GroupPagePermission.objects.filter(permission__codename="publish_page").delete()
