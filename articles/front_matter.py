"""An article file's optional header: `key: value` lines between two `---` lines.

    ---
    url: https://metro.co.uk/2022/03/03/…
    outlet: Metro
    byline: Jane Smith
    published: 2022-03-03
    language: en
    ---
    Headline

    Body…

The same form as Jekyll's or Hugo's front matter, limited to flat text values.
"""

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

from .article_files import FileRejected

DELIMITER = "---"
MAX_HEADER_LINES = 20
FIELD_ALIASES = {
    "url": "url",
    "source": "url",
    "outlet": "outlet",
    "byline": "byline",
    "author": "byline",
    "published": "published",
    "date": "published",
    "language": "language",
    "lang": "language",
}
MAX_LENGTHS = {"url": 2000, "outlet": 200, "byline": 300}
COMMENT = re.compile(r"\s+#.*$")
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$", re.IGNORECASE)
MAX_LANGUAGE_LENGTH = 16  # Article.language's length
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # fromisoformat also takes 20220303
EARLIEST_DATE = date(1900, 1, 1)


def split_front_matter(text):
    """(header fields, the rest of the text); FileRejected when the header is malformed."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[0].strip() != DELIMITER:
        return {}, text
    end = next(
        (
            n
            for n, line in enumerate(lines[1 : MAX_HEADER_LINES + 2], start=1)
            if line.strip() == DELIMITER
        ),
        None,
    )
    if end is None:
        raise FileRejected(
            f"the header opened by '---' has no closing '---' within {MAX_HEADER_LINES} lines"
        )
    header = {}
    for number, line in enumerate(lines[1:end], start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, value = parse_line(line, number)
        if name in header:
            raise FileRejected(f"header line {number}: '{name}' is given twice")
        header[name] = value
    rest = lines[end + 1 :]
    while rest and not rest[0].strip():  # a blank line after the header, as Jekyll's files have
        rest.pop(0)
    if not rest:
        raise FileRejected("nothing follows the header: the headline goes after its closing '---'")
    return header, "\n".join(rest)


def parse_line(line, number):
    key, colon, value = line.partition(":")
    name = FIELD_ALIASES.get(key.strip().lower())
    if not colon or name is None:
        known = ", ".join(sorted(set(FIELD_ALIASES.values())))
        found = f"unknown field {key.strip()[:40]!r}" if colon else "no 'name: value'"
        raise FileRejected(f"header line {number}: {found}; expected one of {known}")
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1].strip()
    else:
        value = COMMENT.sub("", value)  # as in YAML: " # …" ends an unquoted value
        if value.startswith(("[", "{", ">", "|", "&", "*", "!")):
            raise FileRejected(
                f"header line {number}: '{name}' must be plain text on its line "
                "(YAML lists, maps and multi-line values are not read); quote it if meant"
            )
    try:
        return name, VALIDATORS[name](value)
    except ValueError as exc:
        raise FileRejected(f"header line {number}: {exc}") from exc


def text_value(name):
    def validate(value):
        if not value:
            raise ValueError(f"'{name}' is empty")
        if len(value) > MAX_LENGTHS[name]:
            raise ValueError(f"'{name}' is longer than {MAX_LENGTHS[name]} characters")
        return value

    return validate


def url_value(value):
    text_value("url")(value)
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise ValueError(f"'url' must be an http or https address, not {value[:80]!r}")
    return value


def date_value(value):
    try:
        day = date.fromisoformat(value) if ISO_DATE.match(value) else None
    except ValueError:
        day = None
    if day is None:
        raise ValueError(f"'published' must be a date as YYYY-MM-DD, not {value[:40]!r}")
    if not EARLIEST_DATE <= day <= date.today() + timedelta(days=1):
        raise ValueError(f"'published' must be between {EARLIEST_DATE} and today, not {day}")
    return day


def language_value(value):
    if not LANGUAGE_TAG.match(value) or len(value) > MAX_LANGUAGE_LENGTH:
        raise ValueError(f"'language' must be a language code such as en or uk, not {value[:40]!r}")
    return value.lower()


VALIDATORS = {
    "url": url_value,
    "outlet": text_value("outlet"),
    "byline": text_value("byline"),
    "published": date_value,
    "language": language_value,
}
