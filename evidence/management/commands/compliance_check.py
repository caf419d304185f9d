import gc
import json

from django.core.management.base import BaseCommand, CommandError

from evidence import compliance


class Command(BaseCommand):
    help = (
        "Run every compliance rule over all claims and every page that has "
        "compliance findings. Exits 1 when a live item has an error."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        # Every claim is held, with its citations and sources, until the end:
        # some hundred thousand objects at 20,000 claims. The cyclic garbage
        # collector would walk them again and again while they load, to free
        # nothing; what the command leaves behind goes when it exits.
        gc.disable()
        try:
            results = list(compliance.check_everything())
        finally:
            gc.enable()
        if options["format"] == "json":
            for item in results:
                self.stdout.write(json.dumps(item.as_dict(), ensure_ascii=False))
        else:
            self.write_text(results)
        live_errors = [item for item in results if item.live and item.errors]
        if live_errors:
            raise CommandError(
                f"{len(live_errors)} live item(s) have compliance errors.", returncode=1
            )

    def write_text(self, results):
        for item in results:
            if not item.findings:
                continue
            state = "live" if item.live else "draft"
            self.stdout.write(f"{item.kind} {item.pk} ({state}): {item.label}")
            for finding in item.findings:
                self.stdout.write(
                    f"  {finding.severity} {finding.code}: {finding.message}"
                )
        checked = len(results)
        with_errors = sum(bool(item.errors) for item in results)
        self.stdout.write(f"Checked {checked} item(s); {with_errors} with errors.")
