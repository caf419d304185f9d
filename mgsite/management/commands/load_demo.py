from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles import demo as articles_demo
from evidence import demo as evidence_demo
from mgsite import demo as site_demo
from mgsite import trust_demo
from products import demo as products_demo

DEMO_MODULES = [site_demo, evidence_demo, articles_demo, products_demo, trust_demo]


class Command(BaseCommand):
    help = "Create demo users and content. Safe to run again: it changes nothing."

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "Demo users have well-known passwords; load_demo refuses to run "
                "under these settings (DEMO_CONTENT_ALLOWED is off)."
            )
        with transaction.atomic():
            for module in DEMO_MODULES:
                module.load(self.log)
        call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write("Demo logins at http://127.0.0.1:8000/admin/ :")
        for username, password, group in site_demo.DEMO_USERS:
            role = group or "Administrator"
            self.stdout.write(f"  {role:<22} {username} / {password}")

    def log(self, message):
        if self.verbosity >= 1:
            self.stdout.write(message)
