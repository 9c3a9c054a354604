"""An object's history in words: "Placed in Farewells", "Headline changed from … to …".

Each historical record becomes sentences, one per visible change; records with no visible
change (a save that only touched bookkeeping) are left out. An article's history also tells
its placements and its notes, which have histories of their own.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, pgettext

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
    "original_prefix",
    "original_suffix",
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
        return gettext("an import or a command")
    return user.get_full_name().strip() or user.get_username()


def quoted(value):
    text = str(value)
    if len(text) > LONGEST_VALUE:
        text = text[: LONGEST_VALUE - 1] + "…"
    # Translators: a value quoted in an object's history ("Headline changed from “…” to “…”").
    return gettext("“%(value)s”") % {"value": text}


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
            sentences = []
            if locked:
                locked = ", ".join(locked)
                sentences.append(gettext("Locked against imports: %(fields)s") % {"fields": locked})
            if unlocked:
                unlocked = ", ".join(unlocked)
                sentences.append(gettext("Unlocked: %(fields)s") % {"fields": unlocked})
            return "; ".join(sentences)
        if name == "blocks":
            return ngettext(
                "Text changed (%(count)d paragraph)",
                "Text changed (%(count)d paragraphs)",
                len(new),
            ) % {"count": len(new)}
        if name == "raw_text":
            return gettext("The imported file changed")
        if name == "import_warnings":
            if not new:
                return gettext("Import warnings cleared")
            return gettext("Import warnings: %(warnings)s") % {"warnings": "; ".join(new)}
        if isinstance(model_field, models.JSONField):
            return gettext("%(field)s changed") % {"field": label}
        related = model_field.related_model
        if related is not None:
            old, new = (self.names.get((related, v), "—") if v else "" for v in (old, new))
        elif model_field.choices:
            labels = dict(model_field.flatchoices)
            old, new = labels.get(old, old), labels.get(new, new)
        if isinstance(model_field, models.BooleanField):
            if new:
                return gettext("%(field)s: yes") % {"field": label}
            return gettext("%(field)s: no") % {"field": label}
        if old in ("", None):
            return gettext("%(field)s set to %(new)s") % {"field": label, "new": quoted(new)}
        if new in ("", None):
            return gettext("%(field)s cleared (was %(old)s)") % {"field": label, "old": quoted(old)}
        return gettext("%(field)s changed from %(old)s to %(new)s") % {
            "field": label,
            "old": quoted(old),
            "new": quoted(new),
        }

    def sentences(self, record, changes, created=None):
        if record.history_type == "+":
            return [created or pgettext("an object's history", "Created")]
        if record.history_type == "-":
            return [pgettext("an object's history", "Deleted")]
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
        event = record.event.name if record.event else gettext("a deleted event")
        by_rule = record.source == "rule"
        if record.history_type == "+" and by_rule:
            text = gettext("Placed in %(event)s by its rules")
        elif record.history_type == "+":
            text = gettext("Placed in %(event)s")
        elif record.history_type == "-":
            text = gettext("Removed from %(event)s")
        elif by_rule:
            text = gettext("In %(event)s by its rules")
        else:
            text = gettext("In %(event)s by an editor's choice")
        text %= {"event": event}
        rows.append(Row(record.history_date, who(record), [text], reason(record)))
    return rows


def note_rows(model, records):
    """A note's changes on its article's history, each saying which note."""
    describer = Describer(model)
    rows = []
    for record, changes in describer.changes(records):
        note = f"¶{record.paragraph} {quoted(record.quote[:40])}"
        added = pgettext("a note's history", "Added")
        sentences = describer.sentences(record, changes, created=added)
        if sentences:
            changed = "; ".join(s[0].lower() + s[1:] for s in sentences)
            text = gettext("Note on %(note)s: %(changes)s") % {"note": note, "changes": changed}
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
