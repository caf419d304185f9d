"""How fast ``manage.py lint_claims`` checks a large file of wordings.

    .venv/bin/python bench/lint_speed.py            # 10,000 statements
    .venv/bin/python bench/lint_speed.py --count 50000

The statements are the claim detector's development set repeated, each with
a number so that no cache can help. The time is the whole command, from
process start (Django setup and loading the vocabulary once) to the last line
written; the goal is under 5 seconds for 10,000 statements.
"""

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "evidence" / "data" / "claim_devset.csv"


def statements(count):
    with open(DEVSET, encoding="utf-8", newline="") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    return [f"{text} #{n}" for n, text in enumerate(islice(cycle(texts), count))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "mgsite.settings.test"}
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as f:
        f.write("\n".join(statements(args.count)) + "\n")
        f.flush()
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "manage.py", "lint_claims", f.name],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    lines = result.stdout.count("\n")
    print(
        f"lint_claims: {lines} statements in {seconds:.2f} s wall, {cpu:.2f} s CPU "
        "(goal: under 5 s; on a busy machine the CPU time is the fairer figure)"
    )


if __name__ == "__main__":
    main()
