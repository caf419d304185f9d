import json
import sys

from django.core.management.base import BaseCommand

from evidence import compliance


class Command(BaseCommand):
    help = (
        "Check claim wordings, one per line (from FILE, or stdin), against the "
        "text rules; print one JSON object per line with the text and its findings."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="A text file; stdin when omitted.")

    def handle(self, *args, **options):
        if options["file"]:
            with open(options["file"], encoding="utf-8") as lines:
                self.lint(lines)
        else:
            self.lint(sys.stdin)

    def lint(self, lines):
        for line in lines:
            text = line.strip()
            if not text:
                continue
            findings = compliance.check_text(text)
            record = {"text": text, "findings": [f.as_dict() for f in findings]}
            self.stdout.write(json.dumps(record, ensure_ascii=False))
