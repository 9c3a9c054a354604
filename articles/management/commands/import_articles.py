import sys

from django.core.management.base import BaseCommand

from articles.importing import FAILED, import_paths
from articles.progress import TerminalProgress


class Command(BaseCommand):
    help = "Import article text files, or folders of them, into the reading room."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help=".txt files or folders")
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change; write nothing"
        )

    def handle(self, *args, paths, dry_run, verbosity, **options):
        summary = import_paths(
            paths, dry_run=dry_run, progress=TerminalProgress.for_stream(self.stderr)
        )
        for outcome in summary.outcomes:
            if outcome.result == FAILED:
                self.stderr.write(f"{outcome.path}: {outcome.message}")
            elif dry_run and outcome.result != "unchanged":
                self.stdout.write(f"would be {outcome.result}: {outcome.path}")
            elif verbosity >= 2:
                self.stdout.write(f"{outcome.result}: {outcome.path}")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        self.stdout.write(summary.line())
        if summary.failed:
            sys.exit(1)
