"""An object's history in words: "Placed in Farewells", "Headline changed from … to …".

Each historical record becomes sentences, one per visible change; records with no visible
change (a save that only touched bookkeeping) are left out. An article's history also tells
its placements and its notes, which have histories of their own.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import models
from django.utils.text import capfirst

# Bookkeeping a reader of the history has no use for.
QUIET_FIELDS = {
    "updated_at",
    "created_at",
    "content_hash",
    "word_count",
    "reading_minutes",
    "cleaning_report",
    "prefix",
    "suffix",
    "original_quote",
    "revised_at",
}
LONGEST_VALUE = 300
# Records this close together, by the same person for the same reason, read as one change.
SAME_CHANGE = timedelta(seconds=2)


@dataclass
class Row:
    date: object
    who: str
    sentences: list
    reason: str = ""
    version_url: str = ""


def who(record):
    user = record.history_user
    if user is None:
        return "an import or a command"
    return user.get_full_name().strip() or user.get_username()


def quoted(value):
    text = str(value)
    if len(text) > LONGEST_VALUE:
        text = text[: LONGEST_VALUE - 1] + "…"
    return f"“{text}”"


class Describer:
    """Sentences for the changes of one model's records; related names looked up in bulk."""

    def __init__(self, model):
        self.model = model
        self.names = {}  # (related model, pk) -> str

    def field(self, name):
        return self.model._meta.get_field(name)

    def pairs(self, records):
        """(record, the same object's record before it or None), oldest first."""
        previous = {}
        for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
            yield record, previous.get(record.id)
            previous[record.id] = record

    def changes(self, records):
        """[(record, its changes or None for a creation or deletion)], names resolved."""
        described = []
        wanted = {}
        for record, before in self.pairs(records):
            if record.history_type != "~" or before is None:
                described.append((record, None))
                continue
            delta = record.diff_against(before, excluded_fields=QUIET_FIELDS)
            for change in delta.changes:
                related = self.field(change.field).related_model
                if related is not None:
                    wanted.setdefault(related, set()).update({change.old, change.new} - {None})
            described.append((record, delta.changes))
        for related, ids in wanted.items():
            for pk, obj in related._default_manager.in_bulk(ids).items():
                self.names[related, pk] = str(obj)
        return described

    def sentence(self, name, old, new):
        model_field = self.field(name)
        label = capfirst(model_field.verbose_name)
        if name == "editor_fields":
            locked, unlocked = sorted(set(new) - set(old)), sorted(set(old) - set(new))
            return "; ".join(
                [
                    *([f"Locked against imports: {', '.join(locked)}"] if locked else []),
                    *([f"Unlocked: {', '.join(unlocked)}"] if unlocked else []),
                ]
            )
        if name == "blocks":
            return f"Text changed ({len(new)} paragraphs)"
        if name == "raw_text":
            return "The imported file changed"
        if name == "import_warnings":
            return f"Import warnings: {'; '.join(new)}" if new else "Import warnings cleared"
        if isinstance(model_field, models.JSONField):
            return f"{label} changed"
        related = model_field.related_model
        if related is not None:
            old, new = (self.names.get((related, v), "—") if v else "" for v in (old, new))
        elif model_field.choices:
            labels = dict(model_field.flatchoices)
            old, new = labels.get(old, old), labels.get(new, new)
        if isinstance(model_field, models.BooleanField):
            return f"{label}: {'yes' if new else 'no'}"
        if old in ("", None):
            return f"{label} set to {quoted(new)}"
        if new in ("", None):
            return f"{label} cleared (was {quoted(old)})"
        return f"{label} changed from {quoted(old)} to {quoted(new)}"

    def sentences(self, record, changes, created="Created"):
        if record.history_type == "+":
            return [created]
        if record.history_type == "-":
            return ["Deleted"]
        return [text for c in changes or [] if (text := self.sentence(c.field, c.old, c.new))]


def rows_of(model, records, version_url=None):
    describer = Describer(model)
    rows = []
    for record, changes in describer.changes(records):
        sentences = describer.sentences(record, changes)
        if sentences:
            url = version_url(record) if version_url else ""
            rows.append(Row(record.history_date, who(record), sentences, reason(record), url))
    return rows


def reason(record):
    return record.history_change_reason or ""


def placement_rows(records):
    """ "Placed in Farewells", "Removed from Farewells": an article's placement records."""
    rows = []
    for record in records:
        event = record.event.name if record.event else "a deleted event"
        by_rule = record.source == "rule"
        if record.history_type == "+":
            text = f"Placed in {event}" + (" by its rules" if by_rule else "")
        elif record.history_type == "-":
            text = f"Removed from {event}"
        else:
            text = f"In {event} " + ("by its rules" if by_rule else "by an editor's choice")
        rows.append(Row(record.history_date, who(record), [text], reason(record)))
    return rows


def note_rows(model, records):
    """A note's changes on its article's history, each saying which note."""
    describer = Describer(model)
    rows = []
    for record, changes in describer.changes(records):
        note = f"¶{record.paragraph} {quoted(record.quote[:40])}"
        sentences = describer.sentences(record, changes, created="Added")
        if sentences:
            text = f"Note on {note}: " + "; ".join(s[0].lower() + s[1:] for s in sentences)
            rows.append(Row(record.history_date, who(record), [text], reason(record)))
    return rows


def merged(rows):
    """Newest first; a save and the placements it made, seconds apart, as one row."""
    result = []
    for row in sorted(rows, key=lambda r: r.date):
        if result and same_change(result[-1], row):
            last = result[-1]
            last.sentences.extend(row.sentences)
            last.reason = last.reason or row.reason
            last.version_url = row.version_url or last.version_url
            last.date = row.date
        else:
            result.append(row)
    return result[::-1]


def same_change(earlier, later):
    reasons_agree = "" in (earlier.reason, later.reason) or earlier.reason == later.reason
    return earlier.who == later.who and reasons_agree and later.date - earlier.date <= SAME_CHANGE
