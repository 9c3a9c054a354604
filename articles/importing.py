"""Import article files: validate, clean, place in events, save atomically.

Each file is its own transaction: a bad file changes nothing and the others
still import. Values an editor has set are never overwritten.
"""

import hashlib
from dataclasses import dataclass, field
from itertools import batched
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from readingroom.pagecache import invalidate

from .cleaning import CREDIT, READING_KINDS, ArticleFormatError, clean
from .metadata import count_words, infer_date, reading_minutes
from .models import Article, Event, Outlet, Placement, SlugRedirect
from .placement import Lead, PlacementRule, matching_event_ids
from .services import reanchor_notes

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"
RESULTS = (CREATED, UPDATED, UNCHANGED, FAILED)
BATCH_SIZE = 500
MAX_SLUG_LENGTH = 80
MAX_HEADLINE_LENGTH = Article._meta.get_field("headline").max_length
# Less kept than this share of the body text earns a warning.
MIN_KEPT_SHARE = 0.6


class FileRejected(ValueError):
    """The file cannot be imported; the message says why, for a person to act on."""


@dataclass
class FileOutcome:
    path: Path
    result: str
    message: str = ""


@dataclass
class ImportSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)

    def count(self, result):
        return sum(1 for outcome in self.outcomes if outcome.result == result)

    @property
    def failed(self):
        return [outcome for outcome in self.outcomes if outcome.result == FAILED]

    def line(self):
        return ", ".join(f"{self.count(result)} {result}" for result in RESULTS)


def find_article_files(paths):
    """Expand folders (recursively) into their .txt files; reject anything else by name."""
    found, rejected = [], []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        elif not path.exists():
            rejected.append(FileOutcome(path, FAILED, "no such file or folder"))
        elif path.suffix.lower() != ".txt":
            rejected.append(FileOutcome(path, FAILED, "not a .txt file"))
        else:
            found.append(path)
    return found, rejected


def read_article_text(path, max_bytes=None):
    """Return (text, sha256) of a valid article file, or raise FileRejected."""
    max_bytes = max_bytes or settings.IMPORT_MAX_BYTES
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileRejected(f"file is {size:,} bytes; the limit is {max_bytes:,}")
        data = path.read_bytes()
    except OSError as exc:
        raise FileRejected(f"cannot be read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise FileRejected("file is empty")
    if b"\x00" in data:
        raise FileRejected("binary content (NUL bytes), not a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileRejected(f"not valid UTF-8 (byte {exc.start}: {exc.reason})") from exc
    return text, hashlib.sha256(data).hexdigest()


def base_slug(headline):
    slug = slugify(headline)[:MAX_SLUG_LENGTH]
    if len(slug) == MAX_SLUG_LENGTH and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug.strip("-") or "article"


def unique_slug(headline):
    """A slug no article has, nor ever had (old slugs redirect forever)."""
    base = base_slug(headline)
    taken = set(
        Article.objects.filter(Q(slug=base) | Q(slug__startswith=f"{base}-")).values_list(
            "slug", flat=True
        )
    ) | set(
        SlugRedirect.objects.filter(
            Q(old_slug=base) | Q(old_slug__startswith=f"{base}-")
        ).values_list("old_slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def relax_durability():
    """Skip the wait for each file's commit to reach disk.

    A crash of the database server can lose the last few files' commits, though the
    summary counted them (never a half-written file); importing the same files again
    restores them. That is the trade for a large speed-up.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")


class Importer:
    def __init__(self, dry_run=False):
        self.dry_run = dry_run
        self.rules = [PlacementRule.from_event(event) for event in Event.objects.all()]
        self.names_seen = {}

    def run(self, paths, progress=None):
        files, rejected = find_article_files(paths)
        summary = ImportSummary(outcomes=list(rejected))
        if progress:
            progress.start(len(files))
        for chunk in batched(files, BATCH_SIZE):
            known = dict(
                Article.objects.filter(source_name__in={path.name for path in chunk}).values_list(
                    "source_name", "content_hash"
                )
            )
            for path in chunk:
                summary.outcomes.append(self.import_file(path, known))
                if progress:
                    progress.advance()
        if progress:
            progress.finish()
        if not self.dry_run and (summary.count(CREATED) or summary.count(UPDATED)):
            invalidate()  # placements are bulk-created, with no signal of their own
        return summary

    def import_file(self, path, known_hashes):
        try:
            self.claim_name(path)
            text, content_hash = read_article_text(path)
            if known_hashes.get(path.name) == content_hash:
                return FileOutcome(path, UNCHANGED)
            cleaned = clean(text)
            if len(cleaned.headline) > MAX_HEADLINE_LENGTH:
                raise FileRejected(f"headline is longer than {MAX_HEADLINE_LENGTH} characters")
        except (FileRejected, ArticleFormatError) as exc:
            return FileOutcome(path, FAILED, str(exc))
        result = UPDATED if path.name in known_hashes else CREATED
        if self.dry_run:
            return FileOutcome(path, result)
        try:
            with transaction.atomic():
                relax_durability()
                self.save(path.name, text, content_hash, cleaned, creating=result == CREATED)
        except DatabaseError as exc:
            return FileOutcome(path, FAILED, f"not saved: {exc}".strip())
        return FileOutcome(path, result)

    def claim_name(self, path):
        """Articles are known by file name, so two files of one name cannot both import."""
        first = self.names_seen.setdefault(path.name, path)
        if first != path:
            raise FileRejected(f"has the same file name as {first}, imported in this run")

    def outlet(self, name):
        """The outlet of this name, created if new (no cache: a failed file rolls it back)."""
        if not name:
            return None
        outlet = Outlet.objects.filter(name=name).first()
        if outlet is None:
            base = slugify(name)[:190] or "outlet"
            slug, number = base, 2
            while Outlet.objects.filter(slug=slug).exists():
                slug, number = f"{base}-{number}", number + 1
            outlet = Outlet.objects.create(name=name, slug=slug)
        return outlet

    def save(self, source_name, text, content_hash, cleaned, creating):
        if creating:
            article = Article(source_name=source_name, slug=unique_slug(cleaned.headline))
        else:
            article = Article.objects.select_for_update().get(source_name=source_name)
        locked = set(article.editor_fields)

        reading = [block.text for block in cleaned.blocks if block.kind in READING_KINDS]
        article.raw_text = text
        article.content_hash = content_hash
        article.standfirst = cleaned.standfirst
        article.blocks = [block.as_dict() for block in cleaned.blocks]
        article.body = "\n\n".join(
            filter(
                None, [cleaned.standfirst, *(b.text for b in cleaned.blocks if b.kind != CREDIT)]
            )
        )
        article.cleaning_report = cleaned.report()
        article.word_count = count_words([cleaned.standfirst, *reading])
        article.reading_minutes = reading_minutes(article.word_count)
        if "headline" not in locked:
            article.headline = cleaned.headline
        if "outlet" not in locked:
            article.outlet = self.outlet(cleaned.outlet_name)
        if "published_on" not in locked:
            day, evidence = infer_date([cleaned.standfirst, *reading])
            article.published_on = day
            article.date_source = Article.DateSource.TEXT if day else ""
            article.date_evidence = evidence

        lead = Lead.of(article.headline, article.standfirst, article.blocks)
        event_ids = matching_event_ids(self.rules, lead)
        if not creating:
            reanchor_notes(article)
        article.import_warnings = import_warnings(text, cleaned)
        if "status" not in locked and "events" not in locked:
            article.status = Article.Status.PUBLISHED if event_ids else Article.Status.NEEDS_REVIEW
        article.save()
        if "events" not in locked:
            self.place(article, event_ids, creating)
        return article

    def place(self, article, event_ids, creating):
        """Set the article's rule placements; an editor's placements stay as they are."""
        if not creating:
            article.placement_set.filter(source=Placement.Source.RULE).exclude(
                event_id__in=event_ids
            ).delete()
        existing = (
            set() if creating else set(article.placement_set.values_list("event_id", flat=True))
        )
        bulk_create_with_history(
            [
                Placement(article=article, event_id=event_id, source=Placement.Source.RULE)
                for event_id in event_ids
                if event_id not in existing
            ],
            Placement,
        )


def import_warnings(raw_text, cleaned):
    """What a person should check (unplaced articles and lost notes are queued anyway)."""
    kept = sum(len(block.text) for block in cleaned.blocks) + len(cleaned.standfirst)
    body = len(raw_text) - len(cleaned.headline)
    if body > 0 and kept < body * MIN_KEPT_SHARE:
        return [
            f"Cleaning removed {100 - 100 * kept // body}% of the text: "
            "check the original for body text taken for debris."
        ]
    return []


def import_paths(paths, dry_run=False, progress=None):
    return Importer(dry_run=dry_run).run(paths, progress=progress)
