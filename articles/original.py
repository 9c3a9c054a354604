"""The original text as imported, with what cleaning removed or moved marked."""

from dataclasses import dataclass

from django.utils.translation import gettext, pgettext_lazy

from .cleaning import split_raw_text

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
    """The headline and each paragraph of the raw text, as segments with their changes."""
    headline, paragraphs = split_raw_text(raw_text)
    marked = [[Segment(headline)]]
    previous = None
    for paragraph in paragraphs:
        marked.append(segments_of(paragraph, previous, changes))
        previous = paragraph
    return marked
