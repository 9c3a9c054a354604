"""The database-free half of importing a file: read, check, clean, infer, match rules.

It runs in worker processes when there are many files, so it takes and returns
plain data only, and never touches Django's database.
"""

import signal
from dataclasses import dataclass, field

from .article_files import FileRejected, read_article_text
from .citations import citations_in
from .cleaning import CREDIT, READING_KINDS, ArticleFormatError, clean
from .front_matter import split_front_matter
from .language_detection import detect_language
from .metadata import count_words, infer_date, reading_minutes
from .outlets import outlet_named_in
from .passages import fingerprints
from .placement import Lead, matching_event_ids
from .quotes import quotes_in

# Less kept than this share of the body text earns a warning.
MIN_KEPT_SHARE = 0.6


@dataclass
class Prepared:
    """What the importer needs to save one file; `problem` set when it cannot be imported."""

    path: str
    source_name: str
    content_hash: str = ""
    problem: str = ""
    unchanged: bool = False
    fields: dict = field(default_factory=dict)
    header: dict = field(default_factory=dict)
    outlet_name: str = ""
    outlet_evidence: str = ""
    event_ids: list = field(default_factory=list)
    citations: list = field(default_factory=list)
    fingerprints: list = field(default_factory=list)
    quotes: list = field(default_factory=list)


@dataclass(frozen=True)
class Task:
    path: str
    source: str
    source_name: str
    known_hash: str | None
    within: str | None = None  # the folder the file must still be inside when read


class Preparer:
    """Prepares files against fixed placement rules and a size limit."""

    def __init__(self, rules, max_bytes, max_headline_length):
        self.rules = rules
        self.max_bytes = max_bytes
        self.max_headline_length = max_headline_length

    def __call__(self, task):
        prepared = Prepared(path=task.path, source_name=task.source_name)
        try:
            text, prepared.content_hash = read_article_text(
                task.source, self.max_bytes, task.within
            )
            if task.known_hash == prepared.content_hash:
                prepared.unchanged = True
                return prepared
            self.fill(prepared, text)
        except (FileRejected, ArticleFormatError) as exc:
            prepared.problem = str(exc)
        return prepared

    def fill(self, prepared, text):
        header, article_text = split_front_matter(text)
        cleaned = clean(article_text)
        if len(cleaned.headline) > self.max_headline_length:
            raise FileRejected(f"headline is longer than {self.max_headline_length} characters")
        reading = [block.text for block in cleaned.blocks if block.kind in READING_KINDS]
        word_count = count_words([cleaned.standfirst, *reading])
        blocks = [block.as_dict() for block in cleaned.blocks]
        day, evidence = infer_date([cleaned.standfirst, *reading])
        prepared.header = header
        prepared.outlet_name, prepared.outlet_evidence = outlet_named_in(cleaned)
        prepared.fields = {
            "raw_text": text,
            "content_hash": prepared.content_hash,
            "headline": cleaned.headline,
            "standfirst": cleaned.standfirst,
            "blocks": blocks,
            "body": "\n\n".join(
                filter(
                    None,
                    [cleaned.standfirst, *(b.text for b in cleaned.blocks if b.kind != CREDIT)],
                )
            ),
            "cleaning_report": cleaned.report(),
            "word_count": word_count,
            "reading_minutes": reading_minutes(word_count),
            "inferred_date": day,
            "date_evidence": evidence,
            "import_warnings": import_warnings(article_text, cleaned),
            "detected_language": detect_language(cleaned.headline, cleaned.standfirst, *reading),
        }
        prepared.citations = citations_in(blocks)
        prepared.fingerprints = fingerprints(blocks)
        prepared.quotes = quotes_in(blocks)
        prepared.event_ids = matching_event_ids(
            self.rules, Lead.of(cleaned.headline, cleaned.standfirst, blocks)
        )


_worker_preparer = None


def start_worker(preparer):
    """Runs once in each worker process: the preparer is sent once, not with every task.
    Ctrl-C is the main process's to handle (it stops the workers), not each worker's."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _worker_preparer
    _worker_preparer = preparer


def prepare_in_worker(task):
    return _worker_preparer(task)


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
