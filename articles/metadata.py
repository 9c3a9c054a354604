"""Metadata inferred from an article's reading text: date, length."""

import math
import re
from datetime import date

from .ascii_words import ascii_words, spaces_except

MONTH_NAMES = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
MONTH_NAMES_WRITTEN = [name.capitalize() for name in MONTHS]
MONTH = r"(?P<month>" + "|".join(MONTH_NAMES_WRITTEN) + r")"
FULL_DATE_PATTERNS = [
    re.compile(MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})\b"),
    re.compile(
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + MONTH + r",?\s+(?P<year>(?:19|20)\d{2})\b"
    ),
]
WORD = re.compile(r"\w+(?:['’-]\w+)*")
WORDS_PER_MINUTE = 230


def infer_date(texts):
    """The first full date (day, month and year) the text names, with the words that name it."""
    for text in texts:
        if not any(month in text for month in MONTH_NAMES_WRITTEN):
            continue  # both patterns name the month: most paragraphs are skipped unscanned
        found = []
        for pattern in FULL_DATE_PATTERNS:
            found.extend(pattern.finditer(text))
        for match in sorted(found, key=lambda m: m.start()):
            try:
                day = date(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
            except ValueError:
                continue
            return day, match.group(0)
    return None, ""


# What WORD's \w is in ASCII: letters, digits and "_".
WORD_CHARACTERS = spaces_except(lambda character: character.isalnum() or character == "_")


def count_words(texts):
    return sum(map(word_count, texts))


def word_count(text):
    """How many times WORD matches the text."""
    if text.isascii() and "'" not in text and "-" not in text:
        # Then each word is a run of \w, and split() counts them several times faster.
        return len(ascii_words(text, WORD_CHARACTERS))
    return len(WORD.findall(text))


def reading_minutes(word_count):
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))
