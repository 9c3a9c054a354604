"""Import article files: find them safely, prepare them in parallel, save them in batches.

A batch of files is saved in one transaction; if the batch fails, its files are
saved one by one, so a bad file writes nothing and the others still land.
Values an editor has set are never overwritten. Saves hold a transaction-level
advisory lock, so concurrent imports of the same files agree on what is new.
"""

import multiprocessing
import os
from collections import Counter, deque
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import batched
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, reset_queries, transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from readingroom.pagecache import invalidate

from .article_files import FileRejected, content_hash, find_article_files
from .bulk_insert import copy_new, copy_rows, record_creation
from .models import Article, Citation, Event, Outlet, Placement, Quote, SlugRedirect
from .placement import Lead, PlacementRule, matching_event_ids
from .preparing import Preparer, Task, prepare_in_worker, start_worker
from .quote_ledger import regroup, replace_quotes
from .services import place_by_rules, reanchor_notes
from .shared_passages import record_shared_passages
from .transliteration import transliterate

CREATED, UPDATED, UNCHANGED, FAILED, SKIPPED = (
    "created",
    "updated",
    "unchanged",
    "failed",
    "skipped",
)
RESULTS = (CREATED, UPDATED, UNCHANGED, FAILED)
BATCH_SIZE = 500
# So many files to clean in one batch start worker processes (starting costs ~0.3 s);
# fewer are cleaned in this process.
PARALLEL_FROM = 200
MAX_WORKERS = 4
# Batches the workers prepare while one is saved: with one, they sat idle whenever they
# finished it before the save did.
BATCHES_AHEAD = 2
MAX_SLUG_LENGTH = 80
MAX_HEADLINE_LENGTH = Article._meta.get_field("headline").max_length
IMPORT_LOCK = 0x5252_494D  # pg_advisory_xact_lock key: "RRIM"


@dataclass
class FileOutcome:
    path: Path
    result: str
    message: str = ""
    details: list = field(default_factory=list)  # notes moved or flagged


@dataclass
class ImportSummary:
    """Counts of results; only the outcomes a person must read (failures, skips) are kept."""

    counts: Counter = field(default_factory=Counter)
    failed: list = field(default_factory=list)
    skipped: list = field(default_factory=list)

    def add(self, outcome):
        self.counts[outcome.result] += 1
        if outcome.result == FAILED:
            self.failed.append(outcome)
        elif outcome.result == SKIPPED:
            self.skipped.append(outcome)

    def count(self, result):
        return self.counts[result]

    def line(self):
        line = ", ".join(f"{self.count(result)} {result}" for result in RESULTS)
        return line + (f", {self.count(SKIPPED)} skipped" if self.count(SKIPPED) else "")


def base_slug(headline, language=""):
    """The headline as a slug; a Cyrillic one transliterated by its language's table."""
    slug = slugify(transliterate(headline, language))[:MAX_SLUG_LENGTH]
    if len(slug) == MAX_SLUG_LENGTH and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug.strip("-") or "article"


# The highest number among the slugs `base` and `base-N`, of articles and of old slugs;
# one row back however many articles share the base (slugs are ASCII, safe in a pattern).
HIGHEST_SLUG_NUMBER = """
    SELECT max(CASE WHEN slug = %(base)s THEN 1 ELSE substring(slug FROM '-([0-9]+)$')::bigint END)
    FROM (
        SELECT slug FROM articles_article WHERE slug = %(base)s OR slug ~ %(pattern)s
        UNION ALL
        SELECT old_slug FROM articles_slugredirect
        WHERE old_slug = %(base)s OR old_slug ~ %(pattern)s
    ) AS taken
"""


def highest_slug_number(base):
    """The highest n among the slugs `base` (1) and `base-n`, of articles and old slugs."""
    with connection.cursor() as cursor:
        cursor.execute(HIGHEST_SLUG_NUMBER, {"base": base, "pattern": f"^{base}-[0-9]+$"})
        return cursor.fetchone()[0] or 0


def slugs_for(headlines, languages=None):
    """Slugs no article has, nor ever had (old slugs redirect forever), for new articles'
    headlines: each headline's slug, else that slug numbered past the highest number taken.
    One query when (as usual) the slugs are free, and one more per slug shared."""
    languages = languages or [""] * len(headlines)
    bases = [
        base_slug(headline, language)
        for headline, language in zip(headlines, languages, strict=True)
    ]
    taken = set(Article.objects.filter(slug__in=bases).values_list("slug", flat=True))
    taken |= set(SlugRedirect.objects.filter(old_slug__in=bases).values_list("old_slug", flat=True))
    highest = {}  # base -> the highest number taken, once looked up (the base alone is 1)
    slugs = []
    for base in bases:
        if base not in taken and base not in highest:
            highest[base] = None  # given as it is; numbered ones not looked up yet
            slugs.append(base)
            continue
        if highest.get(base) is None:
            highest[base] = max(1, highest_slug_number(base))
        highest[base] += 1
        slugs.append(f"{base}-{highest[base]}")
    return slugs


def begin_import_transaction():
    """Take the import lock (one import writes at a time), and skip the wait for the
    transaction's commit to reach disk.

    A crash of the database server can lose the last batches' commits, though the
    summary counted them (never a half-written file); importing the same files again
    restores them. That is the trade for a large speed-up.

    Long texts are compressed with lz4 where the server has it: the default (pglz) takes
    a tenth of the database's time for an article. Reading either back is the same.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute(
            "SELECT set_config(name, 'lz4', true) FROM pg_settings"
            " WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


def cited(article, citation):
    """The Citation row for a citation the importer found."""
    return Citation(
        article=article,
        paragraph=citation.paragraph,
        kind=citation.kind,
        name=citation.name[:200],
        handle=citation.handle[:100],
        date=citation.date or None,
        url=citation.url[:2000],
        evidence=citation.evidence[:300],
        source=Citation.Source.IMPORT,
    )


class Importer:
    def __init__(self, dry_run=False, on_outcome=None):
        self.dry_run = dry_run
        self.on_outcome = on_outcome
        self.rules = [PlacementRule.from_event(event) for event in Event.objects.all()]
        # File name -> the folder it was first seen in, one string per folder (not per file:
        # a run may see a million files).
        self.first_seen_in = {}
        self.folders = {}
        self.preparer = Preparer(self.rules, settings.IMPORT_MAX_BYTES, MAX_HEADLINE_LENGTH)
        self.pool = None
        self.outlets = {}
        self.touched_events = set()  # events with articles created or updated: quotes regroup

    def run(self, paths, progress=None):
        self.summary, self.progress = ImportSummary(), progress
        if progress:
            progress.start(sum(1 for _ in find_article_files(paths)))
        try:
            in_flight = deque()  # batches handed to the workers, oldest first
            for batch in batched(find_article_files(paths), BATCH_SIZE):
                tasks = self.tasks_for(batch)
                parallel = self.pool is not None or len(tasks) >= PARALLEL_FROM
                in_flight.append(self.prepare(tasks, parallel))
                if len(in_flight) > BATCHES_AHEAD:
                    self.save_batch(in_flight.popleft()())
            while in_flight:
                self.save_batch(in_flight.popleft()())
        finally:
            if self.pool:
                self.pool.shutdown(cancel_futures=True)
        if progress:
            progress.finish()
        if self.touched_events:
            with transaction.atomic():
                begin_import_transaction()
                for event in Event.objects.filter(pk__in=self.touched_events):
                    regroup(event)
        if not self.dry_run and (self.summary.count(CREATED) or self.summary.count(UPDATED)):
            invalidate()  # placements are bulk-created, with no signal of their own
        return self.summary

    def report(self, outcome):
        self.summary.add(outcome)
        if self.on_outcome:
            self.on_outcome(outcome)
        if self.progress:
            self.progress.advance()

    def tasks_for(self, batch):
        """Tasks for the readable files; the others are reported at once."""
        readable = []
        for found in batch:
            if found.problem:
                result = SKIPPED if found.skipped else FAILED
                self.report(FileOutcome(found.path, result, found.problem))
                continue
            folder = os.path.dirname(found.path)
            folder = self.folders.setdefault(folder, folder)
            first = self.first_seen_in.setdefault(found.path.name, folder)
            if first != folder:
                message = (
                    f"has the same file name as {Path(first) / found.path.name}, "
                    "imported in this run"
                )
                self.report(FileOutcome(found.path, FAILED, message))
                continue
            readable.append(found)
        known = dict(
            Article.objects.filter(
                source_name__in={found.path.name for found in readable}
            ).values_list("source_name", "content_hash")
        )
        tasks = []
        for found in readable:
            known_hash = known.get(found.path.name)
            if known_hash and self.is_unchanged(found, known_hash):
                continue
            within = str(found.within) if found.within else None
            task = Task(str(found.path), str(found.source), found.path.name, known_hash, within)
            tasks.append(task)
        return tasks

    def is_unchanged(self, found, known_hash):
        """Whether a known file is unchanged: hashed here, as that is cheaper than a
        worker's round trip. A file that cannot be read is reported."""
        try:
            if content_hash(found.source, settings.IMPORT_MAX_BYTES, found.within) != known_hash:
                return False
        except FileRejected as exc:
            self.report(FileOutcome(found.path, FAILED, str(exc)))
            return True
        self.report(FileOutcome(found.path, UNCHANGED))
        return True

    def prepare(self, tasks, parallel):
        """Start preparing the tasks; calling the result waits for them."""
        if not parallel or self.pool is False:
            prepared = [self.preparer(task) for task in tasks]
            return lambda: prepared
        if self.pool is None:
            workers = max(1, min(len(os.sched_getaffinity(0)), MAX_WORKERS))
            self.pool = ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=start_worker,
                initargs=(self.preparer,),
            )
        results = self.pool.map(prepare_in_worker, tasks, chunksize=25)

        def wait():
            try:
                return list(results)
            except (BrokenProcessPool, CancelledError):  # a worker died: go on in this process
                if self.pool:
                    self.pool.shutdown(cancel_futures=True)
                self.pool = False
                return [self.preparer(task) for task in tasks]

        return wait

    def save_batch(self, prepared):
        # With DEBUG on, Django logs every query's SQL, and a batch's run to megabytes (the
        # thousands of fingerprints it looks up): let go of the last batch's, so memory
        # stays flat however many files are imported (unless a test is counting them).
        if not connection.force_debug_cursor:
            reset_queries()
        ready = []
        for item in prepared:
            if item.problem:
                self.report(FileOutcome(Path(item.path), FAILED, item.problem))
            elif item.unchanged:
                self.report(FileOutcome(Path(item.path), UNCHANGED))
            else:
                ready.append(item)
        if self.dry_run:
            known = set(
                Article.objects.filter(
                    source_name__in=[item.source_name for item in ready]
                ).values_list("source_name", flat=True)
            )
            for item in ready:
                result = UPDATED if item.source_name in known else CREATED
                self.report(FileOutcome(Path(item.path), result))
            return
        try:
            results = self.save_together(ready)
        except DatabaseError:
            results = [self.save_alone(item) for item in ready]
        for outcome in results:
            self.report(outcome)

    def save_alone(self, item):
        try:
            return self.save_together([item])[0]
        except DatabaseError as exc:
            self.outlets.clear()  # an outlet created in the failed transaction is gone
            return FileOutcome(Path(item.path), FAILED, f"not saved: {exc}".strip())

    def save_together(self, items):
        """Save the items in one transaction; the outcomes, or DatabaseError for all."""
        if not items:
            return []
        outlets_before = dict(self.outlets)
        try:
            with transaction.atomic():
                begin_import_transaction()
                return self.save_locked(items)
        except DatabaseError:
            self.outlets = outlets_before
            raise

    def save_locked(self, items):
        existing = {
            article.source_name: article
            for article in Article.objects.select_for_update().filter(
                source_name__in=[item.source_name for item in items]
            )
        }
        outcomes, new, updated = [], [], []
        for item in items:
            article = existing.get(item.source_name)
            if article is None:
                new.append(item)
            elif article.content_hash == item.content_hash:  # another import was first
                outcomes.append(FileOutcome(Path(item.path), UNCHANGED))
            else:
                details = self.update(article, item)
                outcomes.append(FileOutcome(Path(item.path), UPDATED, details=details))
                updated.append((article, item))
        created = zip(self.create(new), new, strict=True)
        outcomes.extend(FileOutcome(Path(item.path), CREATED) for item in new)
        record_shared_passages(
            [
                (article, item.fingerprints, item.fields["blocks"])
                for article, item in [*updated, *created]
            ],
            replacing=[article.pk for article, _ in updated],
        )
        return outcomes

    def create(self, items):
        slugs = slugs_for(
            [item.fields["headline"] for item in items],
            [item.header.get("language") or item.fields["detected_language"] for item in items],
        )
        articles = []
        for item, slug in zip(items, slugs, strict=True):
            article = Article(source_name=item.source_name, slug=slug)
            self.apply(article, item, event_ids=item.event_ids)
            articles.append(article)
        record_creation(Article, copy_new(Article, articles), reason="Imported")
        placements = [
            Placement(article=article, event_id=event_id, source=Placement.Source.RULE)
            for article, item in zip(articles, items, strict=True)
            for event_id in item.event_ids
        ]
        record_creation(Placement, copy_new(Placement, placements))
        citations = [
            cited(article, citation)
            for article, item in zip(articles, items, strict=True)
            for citation in item.citations
        ]
        record_creation(Citation, copy_new(Citation, citations))
        copy_rows(
            Quote,
            ["article_id", "paragraph", "text", "speaker", "verified"],
            (
                (article.pk, quote.paragraph, quote.text, quote.speaker[:200], False)
                for article, item in zip(articles, items, strict=True)
                for quote in item.quotes
            ),
        )
        self.touched_events.update(event_id for item in items for event_id in item.event_ids)
        return articles

    def update(self, article, item):
        event_ids = item.event_ids
        if article.is_locked("headline") and article.headline != item.fields["headline"]:
            lead = Lead.of(article.headline, item.fields["standfirst"], item.fields["blocks"])
            event_ids = matching_event_ids(self.rules, lead)
        self.apply(article, item, event_ids)
        details = reanchor_notes(article)
        article._change_reason = "Re-imported"
        article.save()
        # Its events before and after: both have quotes to regroup.
        self.touched_events.update(article.placement_set.values_list("event_id", flat=True))
        if not article.is_locked("events"):
            place_by_rules(article, event_ids)
        self.recite(article, item.citations)
        replace_quotes(article, item.quotes)
        self.touched_events.update(article.placement_set.values_list("event_id", flat=True))
        return details

    def recite(self, article, found):
        """Replace the citations the last import found; an editor's rulings stay and win."""
        article.citations.filter(source=Citation.Source.IMPORT).delete()
        ruled = {(c.kind, c.name.lower()) for c in article.citations.all()}
        bulk_create_with_history(
            [cited(article, c) for c in found if (c.kind, c.name.lower()) not in ruled],
            Citation,
        )

    def apply(self, article, item, event_ids):
        """Set the prepared values, except those an editor has set."""
        fields, header = item.fields, item.header
        for name in ("raw_text", "content_hash", "standfirst", "blocks", "body"):
            setattr(article, name, fields[name])
        for name in ("cleaning_report", "word_count", "reading_minutes", "import_warnings"):
            setattr(article, name, fields[name])
        if not article.is_locked("headline"):
            article.headline = fields["headline"]
        if not article.is_locked("outlet"):
            self.apply_outlet(article, item)
        if not article.is_locked("published_on"):
            self.apply_date(article, item)
        for name, key in (("source_url", "url"), ("byline", "byline")):
            if not article.is_locked(name):
                setattr(article, name, header.get(key, ""))
        if not article.is_locked("language"):
            self.apply_language(article, item)
        article.settle_status(placed=bool(event_ids))

    def apply_outlet(self, article, item):
        if "outlet" in item.header:
            name, source, evidence = item.header["outlet"], Article.ValueSource.HEADER, ""
        elif item.outlet_name:
            name, source, evidence = (
                item.outlet_name,
                Article.ValueSource.TEXT,
                item.outlet_evidence,
            )
        else:
            name, source, evidence = "", "", ""
        article.outlet = self.outlet(name)
        article.outlet_source, article.outlet_evidence = source, evidence[:200]

    def apply_language(self, article, item):
        if "language" in item.header:
            language, source = item.header["language"], Article.ValueSource.HEADER
        else:
            language = item.fields["detected_language"]
            source = Article.ValueSource.TEXT if language else ""
        article.language, article.language_source = language, source

    def apply_date(self, article, item):
        if "published" in item.header:
            day, source = item.header["published"], Article.ValueSource.HEADER
            evidence = f"published: {day.isoformat()}"
        else:
            day, evidence = item.fields["inferred_date"], item.fields["date_evidence"]
            source = Article.ValueSource.TEXT if day else ""
        article.published_on, article.date_source, article.date_evidence = day, source, evidence

    def outlet(self, name):
        """The outlet of this name in any case (Metro, METRO), created if new."""
        if not name:
            return None
        key = name.casefold()
        if key not in self.outlets:
            outlet = Outlet.objects.filter(name__iexact=name).order_by("pk").first()
            if outlet is None:
                base = slugify(name)[:190] or "outlet"
                slug, number = base, 2
                while Outlet.objects.filter(slug=slug).exists():
                    slug, number = f"{base}-{number}", number + 1
                outlet = Outlet.objects.create(name=name, slug=slug)
            self.outlets[key] = outlet
        return self.outlets[key]


def import_paths(paths, dry_run=False, progress=None, on_outcome=None):
    return Importer(dry_run=dry_run, on_outcome=on_outcome).run(paths, progress=progress)
