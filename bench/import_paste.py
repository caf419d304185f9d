"""How long the reference import takes for a large paste.

    .venv/bin/python bench/import_paste.py [--entries 2000]

Posts a BibTeX paste of ``--entries`` entries to the admin import view, as
an editor would, in a throwaway test database (``test_<name>`` of
DATABASE_URL, or SQLite in memory), and reports the time to the rendered
report and the number of sources created. The goal: 2,000 entries in under
10 s. Run it again with the same paste to time a paste of duplicates.
"""

import argparse
import os
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 10


def paste(entries):
    return "".join(
        f"@article{{bench{n},\n"
        f"  author = {{Shin, Hyun-Jung and Na, Hyo-Seok and Do, Sang-Hwan}},\n"
        f"  title = {{Oral magnesium and chronic pain: randomised trial {n}}},\n"
        f"  journal = {{Nutrients}}, year = {{2020}}, volume = {{12}},\n"
        f"  pages = {{2184--2190}}, doi = {{10.5555/bench.{n}}},\n"
        f"  pmid = {{{40000000 + n}}}\n}}\n"
        for n in range(entries)
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=2000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mgsite.settings.test")
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from evidence.models import Source
    from tests.evidence.conftest import make_user

    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0)
    try:
        client = Client()
        client.force_login(make_user("bench", is_superuser=True))
        url = reverse("wagtailsnippets_evidence_source:import")
        text = paste(args.entries)
        for label in ("first paste", "same paste again (all duplicates)"):
            started = time.perf_counter()
            response = client.post(url, {"references": text, "study_type": "rct"})
            seconds = time.perf_counter() - started
            print(
                f"{label}: {args.entries} entries, {len(text):,} characters, "
                f"HTTP {response.status_code}, {seconds:.2f} s, "
                f"{Source.objects.count()} sources in the library"
            )
            if label == "first paste":
                verdict = "met" if seconds < GOAL_SECONDS else "MISSED"
                print(f"goal (< {GOAL_SECONDS} s for 2,000 entries): {verdict}")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
