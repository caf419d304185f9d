"""Articles' workflow: a signed medical review, then compliance review.

A member of "Medical reviewers" approves the article's medical content; the
approval signs the byline (``MedicalReviewTaskState.approve``) and the
article goes on to the Compliance review task, whose approval publishes it.
The medical step comes first so that the compliance reviewer approves (and
the approval's fingerprint binds) the byline as the shopper will read it.
"""

from django.contrib.auth.models import Group
from wagtail.models import Workflow, WorkflowTask

from evidence.roles import MEDICAL_REVIEWERS

ARTICLE_WORKFLOW = "Medical and compliance review"
MEDICAL_TASK = "Medical review"


def ensure_article_workflow():
    """Creates what is missing; changes nothing else."""
    from articles.models import MedicalReviewTask
    from evidence.workflows import ensure_compliance_workflow

    compliance = ensure_compliance_workflow().workflow_tasks.order_by("sort_order")
    compliance_task = compliance.first().task
    workflow, _ = Workflow.objects.get_or_create(name=ARTICLE_WORKFLOW)
    medical, _ = MedicalReviewTask.objects.get_or_create(name=MEDICAL_TASK)
    medical.groups.add(Group.objects.get_or_create(name=MEDICAL_REVIEWERS)[0])
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=medical, defaults={"sort_order": 0}
    )
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=compliance_task, defaults={"sort_order": 1}
    )
    return workflow


def article_workflow():
    return Workflow.objects.filter(name=ARTICLE_WORKFLOW, active=True).first()
