"""The reader view of an article: numbered blocks with their public notes' passages marked."""

from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .anchoring import locate
from .blocks import details, numbered


@dataclass
class ReadingBlock:
    number: int
    kind: str
    html: SafeString
    meta: dict
    notes: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"p{self.number}"


def mark_passages(text, notes):
    """Escape text, wrapping each note's passage in a <mark> linked to the note."""
    spans = []
    for note in notes:
        found = locate(text, note.quote, note.prefix, note.suffix)
        if found and all(found[0] >= end or found[1] <= start for start, end, _ in spans):
            spans.append((*found, note))
    html, position = [], 0
    for start, end, note in sorted(spans, key=lambda span: span[0]):
        html.append(escape(text[position:start]))
        label = gettext("Note: %(kind)s") % {"kind": note.get_kind_display()}
        html.append(
            format_html(
                '<mark class="passage" id="passage-{0}">{1}</mark>'
                '<a class="note-ref" href="#note-{0}" aria-label="{2}">{3}</a>',
                note.pk,
                text[start:end],
                label,
                note.number,
            )
        )
        position = end
    html.append(escape(text[position:]))
    return mark_safe("".join(html))


def reading_blocks(article, notes):
    by_paragraph = {}
    for number, note in enumerate(notes, start=1):
        note.number = number
        by_paragraph.setdefault(note.paragraph, []).append(note)
    blocks = []
    for number, block in numbered(article.blocks):
        here = by_paragraph.get(number, [])
        text = mark_passages(block["text"], here)
        blocks.append(ReadingBlock(number, block["kind"], text, details(block), here))
    return blocks
