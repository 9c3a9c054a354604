import sys

from django.core.management.base import BaseCommand

from articles.importing import FAILED, SKIPPED, UNCHANGED, import_paths
from articles.progress import TerminalProgress


class Command(BaseCommand):
    help = "Import article text files, or folders of them, into the reading room."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help=".txt files or folders")
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change; write nothing"
        )
        parser.add_argument(
            "--verbose",
            action="store_true",
            help="list every file, and the notes each import moved or flagged (as -v 2)",
        )

    def handle(self, *args, paths, dry_run, verbose, verbosity, **options):
        verbosity = 2 if verbose else verbosity

        def tell(outcome):
            if outcome.result in (FAILED, SKIPPED):
                self.stderr.write(f"{outcome.path}: {outcome.message}")
            elif dry_run and outcome.result != UNCHANGED:
                self.stdout.write(f"would be {outcome.result}: {outcome.path}")
            elif verbosity >= 2:
                self.stdout.write(f"{outcome.result}: {outcome.path}")
            for line in outcome.details if verbosity >= 2 else ():
                self.stdout.write(f"  {line}")

        progress = TerminalProgress.for_stream(self.stderr)
        summary = import_paths(paths, dry_run=dry_run, progress=progress, on_outcome=tell)
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        self.stdout.write(summary.line())
        if summary.failed:
            sys.exit(1)
