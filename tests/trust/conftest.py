import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

ROLES = ["anonymous", "editor", "reviewer", "admin"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once for a module and rolled back after it.

    Each test still runs in its own savepoint, so what one test changes the
    next does not see.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)
    cache.clear()


def log_in(client, role):
    """Log the test client in as the demo user for ``role``."""
    client.logout()
    if role != "anonymous":
        client.force_login(get_user_model().objects.get(username=role))
    return client
