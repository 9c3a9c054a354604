"""The original text as imported, with what cleaning removed or moved marked."""

from dataclasses import dataclass

from django.utils.translation import gettext, pgettext_lazy

from .article_files import FileRejected
from .cleaning import split_raw_text
from .front_matter import split_front_matter

MARKED_ACTIONS = {"removed", "kept apart", "moved", "converted"}
# What cleaning did, in the words the marks of the original text use.
ACTION_WORDS = {
    "removed": pgettext_lazy("cleaning", "removed"),
    "kept apart": pgettext_lazy("cleaning", "kept apart"),
    "moved": pgettext_lazy("cleaning", "moved"),
    "converted": pgettext_lazy("cleaning", "converted"),
    "split": pgettext_lazy("cleaning", "split"),
}


@dataclass
class Segment:
    text: str
    change: dict | None = None

    @property
    def note(self):
        """What cleaning did to this text and why, in the page's language."""
        action = self.change["action"]
        return f"{ACTION_WORDS.get(action, action)}: {gettext(self.change['reason'])}"


def ends_with_caption(previous, caption):
    return bool(previous) and previous.rstrip(". ").endswith(caption.rstrip(". "))


def segments_of(paragraph, previous, changes):
    for change in changes:
        if change["action"] not in MARKED_ACTIONS or change["text"] != paragraph:
            continue
        # The removed copy of a caption printed twice is the one after the first copy.
        if change["rule"] == "repeated-caption" and not ends_with_caption(previous, paragraph):
            continue
        return [Segment(paragraph, change)]
    for change in changes:
        glued = change["text"]
        if change["action"] == "split" and paragraph.startswith(glued) and paragraph != glued:
            return [Segment(glued, change), Segment(paragraph[len(glued) :])]
    return [Segment(paragraph)]


def marked_original(raw_text, changes):
    """The header's lines, the headline and each paragraph of the raw text, as segments
    with their changes."""
    header_lines, text = split_header(raw_text)
    headline, paragraphs = split_raw_text(text)
    marked = [[Segment(line)] for line in header_lines]
    marked.append([Segment(headline)])
    previous = None
    for paragraph in paragraphs:
        marked.append(segments_of(paragraph, previous, changes))
        previous = paragraph
    return marked


def split_header(raw_text):
    """(the header's lines, the text after it); no lines when there is no header."""
    text = raw_text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        _, rest = split_front_matter(text)
    except FileRejected:  # not a header after all (the file was imported, so it was read so)
        return [], raw_text
    if rest == text:
        return [], raw_text
    header = text[: len(text) - len(rest)]
    return [line for line in header.split("\n") if line.strip()], rest
