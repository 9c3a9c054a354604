import re
import sys

from django.core.management.base import BaseCommand, CommandError

from articles.importing import FAILED, SKIPPED, UNCHANGED, import_paths
from articles.progress import TerminalProgress

# Characters that would break "one line per file" or drive the terminal (a newline or an
# escape sequence in a file name), shown escaped.
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text):
    """Text safe on one terminal line: undecodable bytes of a file name as \\xNN, control
    characters as \\n, \\x1b and so on."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return UNPRINTABLE.sub(lambda match: repr(match.group())[1:-1], text)


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
        if not all(path.strip() for path in paths):
            # "" would be read as the current folder: most likely an unset shell variable.
            raise CommandError("a PATH is empty; give the files or folders to import")
        verbosity = 2 if verbose else verbosity
        progress = TerminalProgress.for_stream(self.stderr)

        def tell(outcome):
            if outcome.result in (FAILED, SKIPPED):
                line = printable(f"{outcome.path}: {outcome.message}")
                if progress:
                    progress.above(lambda: self.stderr.write(line))
                else:
                    self.stderr.write(line)
            elif dry_run and outcome.result != UNCHANGED:
                self.stdout.write(printable(f"would be {outcome.result}: {outcome.path}"))
            elif verbosity >= 2:
                self.stdout.write(printable(f"{outcome.result}: {outcome.path}"))
            for line in outcome.details if verbosity >= 2 else ():
                self.stdout.write(f"  {printable(line)}")

        try:
            summary = import_paths(paths, dry_run=dry_run, progress=progress, on_outcome=tell)
        except KeyboardInterrupt:
            if progress:
                progress.finish()
            self.stderr.write(
                "Interrupted: the batches saved so far are kept, the one being saved is not. "
                "Run the same import again to finish it."
            )
            sys.exit(130)
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        self.stdout.write(summary.line())
        if summary.failed:
            sys.exit(1)
