"""Background work of the evidence library, as django-tasks tasks: run at
once where ``TASKS`` names the immediate backend (development, tests), by
the database worker (``manage.py db_worker``) in production."""

from django.contrib.auth import get_user_model
from django_tasks import task
from wagtail.models import Page

from evidence.models import Claim
from evidence.review import start_rereview


@task()
def start_rereviews(claim_ids, page_ids, because, user_id=None):
    """The retraction cascade: send these claims and pages back to
    compliance review (each written in its audit log). Returns how many
    reviews were started; one already under way is left as it is."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    claims = Claim.objects.filter(pk__in=claim_ids).order_by("pk")
    pages = Page.objects.filter(pk__in=page_ids).specific().order_by("title")
    return sum(start_rereview(obj, because, user) for obj in [*claims, *pages])
