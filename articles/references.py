"""How to cite an article, or one of its paragraphs: APA, MLA and Chicago for reading, BibTeX,
RIS and CSL-JSON for reference managers.

Each cites the original publication (its outlet and address when known) and the Reading Room
copy, with the paragraph's permalink when the citation is of one paragraph.
"""

import json
import re
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext_lazy

ARCHIVE = "Reading Room"
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
# MLA abbreviates months of more than four letters.
MLA_MONTHS = [m if len(m) <= 4 else f"{m[:3]}." for m in MONTHS]
MLA_MONTHS[8] = "Sept."
BYLINE_PREFIX = re.compile(r"^\s*(?:by|written by)\s+", re.IGNORECASE)
NAME_SEPARATOR = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bі\b|\bи\b)\s*", re.IGNORECASE)
PERSON_NAME = re.compile(r"^(?:[^\W\d_][\w'’.-]*)(?:\s+[^\W\d_][\w'’.-]*){1,3}$")
# Words that make a byline an organisation or a role, not a person.
NOT_A_PERSON = re.compile(
    r"\b(?:staff|desk|team|editors?|reporters?|correspondents?|news|agency|agencies|wire|"
    r"press|newsroom|reuters|bbc|cnn|afp|ap|associated)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Author:
    given: str = ""
    family: str = ""
    literal: str = ""

    @classmethod
    def parse(cls, name):
        if not PERSON_NAME.match(name) or NOT_A_PERSON.search(name):
            return cls(literal=name)
        *given, family = name.split()
        # A lowercase particle belongs to the family name: "van Dyke", "de la Cruz".
        while len(given) > 1 and given[-1].islower():
            family = f"{given.pop()} {family}"
        return cls(given=" ".join(given), family=family)

    @property
    def inverted(self):
        """Doe, Jane"""
        return self.literal or f"{self.family}, {self.given}"

    @property
    def natural(self):
        """Jane Doe"""
        return self.literal or f"{self.given} {self.family}"

    @property
    def initialled(self):
        """Doe, J. (APA)"""
        if self.literal:
            return self.literal
        initials = " ".join(
            "-".join(f"{part[0]}." for part in word.split("-") if part)
            for word in self.given.split()
        )
        return f"{self.family}, {initials}"


def authors_of(byline):
    byline = BYLINE_PREFIX.sub("", byline or "").strip()
    if not byline:
        return []
    names = [name for name in NAME_SEPARATOR.split(byline) if name]
    if any(len(name.split()) > 4 for name in names):
        return [Author(literal=byline)]
    return [Author.parse(name) for name in names]


@dataclass(frozen=True)
class Reference:
    """What a citation says of an article: the original's details and the archived copy."""

    title: str
    authors: tuple
    outlet: str
    published: date | None
    original_url: str
    archived_url: str
    accessed: date
    language: str = ""
    paragraph: int | None = None
    key: str = ""

    @classmethod
    def of(cls, article, permalink, accessed, paragraph=None):
        # A paragraph's own page (…/p12/): it opens the article at the paragraph, and unlike
        # a #p12 fragment it survives reference managers and LaTeX.
        archived = f"{permalink}p{paragraph}/" if paragraph else permalink
        return cls(
            title=article.headline,
            authors=tuple(authors_of(article.byline)),
            outlet=article.outlet.name if article.outlet else "",
            published=article.published_on,
            original_url=article.source_url,
            archived_url=archived,
            accessed=accessed,
            language=article.language,
            paragraph=paragraph,
            key=bibtex_key(article, paragraph),
        )

    @property
    def where_in_archive(self):
        """The archived copy, and the paragraph cited."""
        place = f", para. {self.paragraph}" if self.paragraph else ""
        return f"{ARCHIVE} copy{place}"


def bibtex_key(article, paragraph):
    words = re.findall(r"[^\W_]+", article.headline.lower(), re.ASCII)
    year = article.published_on.year if article.published_on else "nd"
    key = f"{(words or ['article'])[0]}{year}-{article.pk}"
    return f"{key}-p{paragraph}" if paragraph else key


def sentence(text):
    """Text ending in exactly one full stop (titles may end in ? or !)."""
    text = text.strip()
    return text if text.endswith((".", "?", "!", "…")) else f"{text}."


def joined(names):
    """Names in a list, the first inverted ("Doe, Jane"), so even two take a comma."""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", and " + names[-1]


def styled(parts):
    """HTML from (text, italic) parts, every text escaped."""
    html = [format_html("<i>{}</i>", text) if italic else escape(text) for text, italic in parts]
    return mark_safe("".join(html))


def apa(ref):
    parts = []
    when = (
        f"{ref.published.year}, {MONTHS[ref.published.month - 1]} {ref.published.day}"
        if ref.published
        else "n.d."
    )
    names = [author.initialled for author in ref.authors]
    if names:
        # APA keeps the comma before "&" even between two authors.
        names = ", ".join(names[:-1]) + ", & " + names[-1] if len(names) > 1 else names[0]
        parts.append((sentence(names) + f" ({when}). {sentence(ref.title)} ", False))
    else:
        parts.append((f"{sentence(ref.title)} ({when}). ", False))
    if ref.outlet:
        parts += [(ref.outlet, True), (". ", False)]
    if ref.original_url:
        parts.append((f"{ref.original_url} ", False))
    parts.append((f"({ref.where_in_archive}: {ref.archived_url})", False))
    return parts


def mla_date(day):
    return f"{day.day} {MLA_MONTHS[day.month - 1]} {day.year}"


def mla(ref):
    parts = []
    if ref.authors:
        first, *others = ref.authors
        if len(others) == 1:
            names = f"{first.inverted}, and {others[0].natural}"
        else:
            names = first.inverted + (", et al" if others else "")
        parts.append((sentence(names) + " ", False))
    parts.append((f"“{sentence(ref.title)}” ", False))
    details = []
    if ref.published:
        details.append(mla_date(ref.published))
    if ref.original_url:
        details.append(ref.original_url.removeprefix("https://").removeprefix("http://"))
    if ref.outlet:
        parts.append((ref.outlet, True))
        parts.append(("".join(f", {detail}" for detail in details) + ". ", False))
    elif details:
        parts.append((", ".join(details) + ". ", False))
    archived = ref.archived_url.removeprefix("https://").removeprefix("http://")
    place = f", par. {ref.paragraph}" if ref.paragraph else ""
    parts += [
        (ARCHIVE, True),
        (f", {archived}{place}. Accessed {mla_date(ref.accessed)}.", False),
    ]
    return parts


def chicago(ref):
    parts = []
    names = [author.inverted if i == 0 else author.natural for i, author in enumerate(ref.authors)]
    if names:
        parts.append((sentence(joined(names)) + " ", False))
    parts.append((f"“{sentence(ref.title)}” ", False))
    if ref.outlet:
        parts.append((ref.outlet, True))
    day, when = ref.published, ""
    if day is None:
        day, when = ref.accessed, "Accessed "
    when += f"{MONTHS[day.month - 1]} {day.day}, {day.year}. "
    if ref.outlet:
        when = f", {when}" if ref.published else f". {when}"
    parts.append((when, False))
    if ref.original_url:
        parts.append((f"{ref.original_url}. ", False))
    parts.append((f"Archived in {ref.where_in_archive}, {ref.archived_url}.", False))
    return parts


# The styles' names are the page's labels; the citations themselves stay as each style writes
# them, in English.
STYLES = {
    "apa": (pgettext_lazy("citation style", "APA"), apa),
    "mla": (pgettext_lazy("citation style", "MLA"), mla),
    "chicago": (pgettext_lazy("citation style", "Chicago"), chicago),
}


def formatted(ref):
    """[(style name, HTML, plain text)] for the styles shown on the page."""
    shown = []
    for name, style in STYLES.values():
        parts = style(ref)
        shown.append((str(name), styled(parts), "".join(text for text, _ in parts)))
    return shown


BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    **{char: f"\\{char}" for char in "&%$#_{}"},
}
BIBTEX_SPECIAL = re.compile(r"[\\~^&%$#_{}]")
# biblatex's langid takes babel's language names, not ISO codes.
BABEL_LANGUAGES = {
    "en": "english",
    "uk": "ukrainian",
    "ru": "russian",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pl": "polish",
}


def bibtex_escape(text):
    """Text safe in a BibTeX field: each special character escaped once, in one pass."""
    return BIBTEX_SPECIAL.sub(lambda match: BIBTEX_ESCAPES[match[0]], text)


def bibtex(ref):
    fields = {
        "entrysubtype": "newspaper",
        "title": ref.title,
        "author": " and ".join(
            f"{{{a.literal}}}" if a.literal else f"{a.family}, {a.given}" for a in ref.authors
        ),
        "journaltitle": ref.outlet,
        "date": ref.published.isoformat() if ref.published else "",
        "url": ref.original_url or ref.archived_url,
        "urldate": ref.accessed.isoformat(),
        "langid": BABEL_LANGUAGES.get(ref.language.split("-")[0].lower(), ""),
        "addendum": f"{ref.where_in_archive}: \\url{{{ref.archived_url}}}",
    }
    lines = [f"@article{{{ref.key},"]
    for name, value in fields.items():
        if not value:
            continue
        if name not in ("url", "addendum", "author"):
            value = bibtex_escape(value)
        elif name == "author":
            value = bibtex_escape(value).replace(r"\{", "{").replace(r"\}", "}")
        lines.append(f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def ris(ref):
    tags = [("TY", "NEWS"), ("TI", ref.title)]
    tags += [("AU", author.inverted) for author in ref.authors]
    if ref.outlet:
        tags.append(("T2", ref.outlet))
    if ref.published:
        tags += [("PY", str(ref.published.year)), ("DA", ref.published.strftime("%Y/%m/%d"))]
    if ref.original_url:
        tags.append(("UR", ref.original_url))
    tags.append(("UR", ref.archived_url))
    tags += [("DB", ARCHIVE), ("N1", f"{ref.where_in_archive}: {ref.archived_url}")]
    tags.append(("Y2", ref.accessed.strftime("%Y/%m/%d")))
    if ref.language:
        tags.append(("LA", ref.language))
    tags.append(("ER", ""))
    # RIS is one tag per line: a newline in a value would start a bogus record.
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in tags)


def date_parts(day):
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_json(ref):
    item = {
        "id": ref.key,
        "type": "article-newspaper",
        "title": ref.title,
        "author": [
            {"literal": a.literal} if a.literal else {"family": a.family, "given": a.given}
            for a in ref.authors
        ],
        "container-title": ref.outlet,
        "URL": ref.original_url or ref.archived_url,
        "archive": ARCHIVE,
        "archive_location": ref.archived_url,
        "accessed": date_parts(ref.accessed),
        "language": ref.language,
    }
    if ref.published:
        item["issued"] = date_parts(ref.published)
    if ref.paragraph:
        item["note"] = f"Cited: paragraph {ref.paragraph}"
    item = {name: value for name, value in item.items() if value}
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


# Downloads: file extension → (media type, writer).
DOWNLOADS = {
    "bib": ("application/x-bibtex; charset=utf-8", bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", ris),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", csl_json),
}
