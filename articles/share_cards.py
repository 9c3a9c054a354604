"""Share cards: the 1200 by 630 PNG a shared link shows, drawn with Pillow.

A card is drawn from a `Card`, the few strings it shows and the interface language of its own
words. The PNG is kept in the cache under a hash of those, so a card is drawn once for what it
shows: an edit that changes nothing on it, or a new page-cache generation, does not draw it
again.
"""

import hashlib
import io
from dataclasses import astuple, dataclass, field
from functools import cache
from pathlib import Path

from django.core.cache import cache as default_cache
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageDraw, ImageFont

from .sharing import shortened

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
TEXT_WIDTH = WIDTH - 2 * MARGIN
# Bump when the drawing changes, so that cards drawn the old way are not served.
DRAWING_VERSION = 1
CACHE_SECONDS = 30 * 24 * 60 * 60
SITE_NAME = _("Reading Room")
SITE_TAGLINE = _(
    "Read, compare and cite the news coverage of the viral videos of the first weeks "
    "of the 2022 invasion of Ukraine."
)
SITE_FOOTER = _("Articles grouped by event, cleaned, with the original one click away")
FONTS = Path(__file__).parent / "fonts"
REGULAR = FONTS / "SourceSerif4-Regular.ttf"
BOLD = FONTS / "SourceSerif4-Bold.ttf"
# The light palette of static/css/site.css.
BACKGROUND = "#fdfcf9"
TEXT = "#1c1b19"
MUTED = "#55524c"
ACCENT = "#0b5cad"
RULE = "#d9d5cc"
PANEL = "#f3f0e8"
# Headline sizes, largest first: the first at which the headline fits its lines is used.
HEADLINE_SIZES = (68, 60, 54, 48, 44, 40)
QUOTE_SIZES = (44, 40, 36, 32)
QUOTE_CHARS = 400


@dataclass(frozen=True)
class Card:
    """What a card shows. Without a quote it is an article's (or the site's) card."""

    headline: str
    outlet: str = ""
    events: tuple = ()
    quote: str = ""
    paragraph: int = 0
    # The interface language the card's own words ("paragraph 3") are drawn in.
    language: str = field(default_factory=translation.get_language)

    @property
    def cache_key(self):
        drawn = repr((DRAWING_VERSION, astuple(self))).encode()
        return "cards:" + hashlib.sha256(drawn).hexdigest()


def article_card(article):
    """The card of an article annotated `with_event_names`."""
    return Card(
        headline=article.headline,
        outlet=article.outlet.name if article.outlet else "",
        events=tuple(name for name in article.event_names if name),
    )


def paragraph_card(article, number, text):
    return Card(
        headline=article.headline,
        outlet=article.outlet.name if article.outlet else "",
        quote=shortened(text, QUOTE_CHARS),
        paragraph=number,
    )


def site_card():
    return Card(headline=str(SITE_TAGLINE))


def card_png(card):
    """The card's PNG bytes, from the cache or drawn (and then cached)."""
    png = default_cache.get(card.cache_key)
    if png is None:
        png = draw(card)
        default_cache.set(card.cache_key, png, timeout=CACHE_SECONDS)
    return png


@cache
def font(path, size):
    return ImageFont.truetype(str(path), size)


def wrapped(text, face, width):
    """The text's lines, broken between words where they reach `width` pixels; a word wider
    than a line is broken between letters."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if face.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while face.getlength(line) > width:
            fits = (i for i in range(len(line) - 1, 0, -1) if face.getlength(line[:i]) <= width)
            cut = next(fits, 1)
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines


def fitted(text, path, sizes, width, max_lines):
    """The largest size at which the text fits `max_lines`, and its lines; at the smallest
    size, the lines that fit, the last one ending in "…"."""
    for size in sizes:
        face = font(path, size)
        lines = wrapped(text, face, width)
        if len(lines) <= max_lines:
            return face, lines
    return face, with_ellipsis(lines[:max_lines], face, width)


def with_ellipsis(lines, face, width):
    last = lines[-1]
    while last and face.getlength(last + " …") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return [*lines[:-1], last.rstrip(" ,;:–—-") + "…"]


def draw_lines(canvas, lines, face, top, color, leading=1.2):
    step = round(face.size * leading)
    for line in lines:
        canvas.text((MARGIN, top), line, font=face, fill=color)
        top += step
    return top


def draw(card):
    with translation.override(card.language):
        return drawn(card)


def site_line(card):
    if not card.paragraph:
        return str(SITE_NAME)
    return gettext("%(site)s · paragraph %(number)s") % {
        "site": SITE_NAME,
        "number": card.paragraph,
    }


def drawn(card):
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    canvas = ImageDraw.Draw(image)
    canvas.rectangle((0, 0, WIDTH, 14), fill=ACCENT)
    canvas.text((MARGIN, 52), site_line(card), font=font(BOLD, 30), fill=ACCENT)
    footer_top = HEIGHT - 118
    if card.quote:
        draw_quote(canvas, card, footer_top)
    else:
        face, lines = fitted(card.headline, BOLD, HEADLINE_SIZES, TEXT_WIDTH, 4)
        draw_lines(canvas, lines, face, 118, TEXT, leading=1.15)
    canvas.line((MARGIN, footer_top, WIDTH - MARGIN, footer_top), fill=RULE, width=2)
    draw_footer(canvas, card, footer_top + 26)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=False)
    return output.getvalue()


def draw_quote(canvas, card, bottom):
    canvas.rectangle((MARGIN - 28, 116, MARGIN - 20, bottom - 34), fill=PANEL)
    face, lines = fitted(f"“{card.quote}”", REGULAR, QUOTE_SIZES, TEXT_WIDTH, 6)
    draw_lines(canvas, lines, face, 116, TEXT, leading=1.3)


def one_line(text, face):
    lines = wrapped(text, face, TEXT_WIDTH)
    return lines[0] if len(lines) == 1 else with_ellipsis(lines[:1], face, TEXT_WIDTH)[0]


def draw_footer(canvas, card, top):
    """Under a quote, its headline and outlet; under a headline, its outlet and events."""
    if card.quote:
        first, second = card.headline, card.outlet
    elif card.outlet or card.events:
        first, second = card.outlet or gettext("Unknown outlet"), " · ".join(card.events)
    else:
        first, second = str(SITE_FOOTER), ""
    bold, regular = font(BOLD, 30), font(REGULAR, 26)
    canvas.text((MARGIN, top), one_line(first, bold), font=bold, fill=TEXT)
    if second:
        canvas.text((MARGIN, top + 42), one_line(second, regular), font=regular, fill=MUTED)
