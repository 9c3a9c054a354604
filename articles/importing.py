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

from .cleaning import CREDIT, READING_KINDS, ArticleFormatError, clean
from .metadata import count_words, infer_date, reading_minutes
from .models import Article, Event, Outlet, Placement
from .placement import Lead, PlacementRule, matching_event_ids
from .services import reanchor_notes

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"
RESULTS = (CREATED, UPDATED, UNCHANGED, FAILED)
BATCH_SIZE = 500
MAX_SLUG_LENGTH = 80
MAX_HEADLINE_LENGTH = Article._meta.get_field("headline").max_length


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
    base = base_slug(headline)
    taken = set(
        Article.objects.filter(Q(slug=base) | Q(slug__startswith=f"{base}-")).values_list(
            "slug", flat=True
        )
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def relax_durability():
    """Skip the wait for each file's commit to reach disk.

    A crash can lose the last few files' commits (never a half-written file);
    importing again restores them, so this trades nothing for a large speed-up.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")


class Importer:
    def __init__(self, dry_run=False):
        self.dry_run = dry_run
        self.rules = [PlacementRule.from_event(event) for event in Event.objects.all()]
        self.outlets = {}
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
        if not name:
            return None
        if name not in self.outlets:
            self.outlets[name], _ = Outlet.objects.get_or_create(
                name=name, defaults={"slug": slugify(name)[:200] or "outlet"}
            )
        return self.outlets[name]

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

        lead = Lead.of(article.headline, cleaned.standfirst, cleaned.blocks)
        event_ids = matching_event_ids(self.rules, lead)
        lost_notes = 0 if creating else reanchor_notes(article)
        article.import_warnings = import_warnings(event_ids, locked, lost_notes)
        if "status" not in locked and "events" not in locked:
            placed_by_editor = (
                not creating
                and article.placement_set.filter(source=Placement.Source.EDITOR).exists()
            )
            article.status = (
                Article.Status.PUBLISHED
                if event_ids or placed_by_editor
                else Article.Status.NEEDS_REVIEW
            )
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
        Placement.objects.bulk_create(
            Placement(article=article, event_id=event_id, source=Placement.Source.RULE)
            for event_id in event_ids
            if event_id not in existing
        )


def import_warnings(event_ids, locked, lost_notes):
    warnings = []
    if not event_ids and "events" not in locked:
        warnings.append("No event rule places this article.")
    if lost_notes:
        warnings.append(f"{lost_notes} note(s) lost their passage when the text changed.")
    return warnings


def import_paths(paths, dry_run=False, progress=None):
    return Importer(dry_run=dry_run).run(paths, progress=progress)
