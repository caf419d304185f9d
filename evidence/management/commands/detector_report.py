from django.core.management.base import BaseCommand

from evidence import devset


class Command(BaseCommand):
    help = (
        "Score the claim-language detector on its labelled development set: "
        "disease recall and false-positive rate, overall and per 21 CFR "
        "101.93(g)(2) criterion, and benefit-statement recall."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--second",
            action="store_true",
            help="Score the second development set instead of the first.",
        )
        parser.add_argument(
            "--set",
            type=int,
            choices=sorted(devset.SETS),
            help="Score this development set (1 to 8) instead of the first.",
        )
        parser.add_argument(
            "--all",
            action="store_true",
            help="Score every development set, one after the other.",
        )
        parser.add_argument(
            "--errors", action="store_true", help="Also list what it gets wrong."
        )

    def handle(self, *args, **options):
        if options["all"]:
            paths = list(devset.SETS.values())
        elif options["set"]:
            paths = [devset.SETS[options["set"]]]
        else:
            paths = [devset.SECOND_SET if options["second"] else devset.DEVSET]
        for path in paths:
            self.report(path, options)

    def report(self, path, options):
        rows = devset.statements(path)
        scores = devset.score(rows)
        self.stdout.write(f"{path.name}: {len(rows)} statements")
        self.stdout.write(
            f"Disease recall {scores.recall:.3f}, false-positive rate "
            f"{scores.false_positive_rate:.3f} (structure/function and non-claims)"
        )
        self.stdout.write(
            f"Benefit recall {scores.benefit_recall:.3f}, false-positive rate "
            f"{scores.benefit_false_positive_rate:.3f} (statements stating no benefit)"
        )
        self.stdout.write("Recall by criterion:")
        for criterion, (found, total) in scores.by_criterion.items():
            self.stdout.write(
                f"  ({criterion:<5}) {devset.ratio(found, total):.3f}  {found}/{total}"
            )
        self.stdout.write("False-positive rate by the criterion the detector gave:")
        for rule, count in scores.false_positives_by_rule.items():
            rate = devset.ratio(count, scores.negatives)
            self.stdout.write(f"  ({rule:<5}) {rate:.3f}  {count}/{scores.negatives}")
        if options["errors"]:
            self.errors(scores)

    def errors(self, scores):
        for label, rows in (
            ("Missed disease claim", scores.missed),
            ("False positive", scores.false_positives),
            ("Missed benefit", scores.benefit_missed),
        ):
            for row in rows:
                self.stdout.write(f"{label} ({row.criterion or row.label}): {row.text}")
