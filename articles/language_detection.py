"""A small guess at an article's language when its header names none: Ukrainian, Russian,
English, or '' (unknown). No dependencies, as it runs in the import's worker processes.

Cyrillic text is Ukrainian or Russian by the letters only one of them writes (і ї є ґ;
ы э ё); a longer text with neither, and without the letters of other Cyrillic alphabets
(Bulgarian's frequent ъ, Belarusian ў, Serbian ј љ њ …), is Russian. Latin text is English
when its commonest short words are English ones. Anything less clear is '' rather than a
wrong guess: search then uses the language-neutral configuration, which still finds the
exact words.
"""

import re

# What is read: enough for the letter counts to settle, little enough to be cheap.
SAMPLE_CHARS = 5_000
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W\d_]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
UKRAINIAN_LETTERS = frozenset("іїєґ")
RUSSIAN_LETTERS = frozenset("ыэё")
OTHER_CYRILLIC_LETTERS = frozenset("ўјљњђћџѓќѕ")
# Ukrainian writes і in nearly every sentence: this many Cyrillic letters without it or
# any other telltale letter are Russian.
MIN_LETTERS_WITHOUT_TELLTALES = 200
# The winner must have at least twice the other's telltale letters.
TELLTALE_MARGIN = 2
ENGLISH_WORDS = frozenset(
    "the and of to in a is that for was with on as by it his her he she at from has have "
    "are were be this an or had not but they their who said".split()
)
# In English prose these words are about a quarter of all words; other languages that
# share a few of them (a, in, on) stay far below this.
MIN_ENGLISH_SHARE = 0.12
MIN_WORDS_FOR_ENGLISH = 8
# More than a little (ä, é, ñ …) and it is some other Latin-script language.
MAX_NON_ASCII_SHARE = 0.02


def detect_language(*texts):
    """'uk', 'ru', 'en' or '' for the texts taken together (headline, standfirst, body …)."""
    sample = " ".join(texts)[:SAMPLE_CHARS].lower()
    letters = LETTER.findall(sample)
    if not letters:
        return ""
    cyrillic = sum(1 for letter in letters if CYRILLIC.match(letter))
    if cyrillic * 2 > len(letters):
        return cyrillic_language(letters)
    latin = sum(1 for letter in letters if LATIN.match(letter))
    if latin * 2 > len(letters) and looks_english(sample, letters):
        return "en"
    return ""


def cyrillic_language(letters):
    ukrainian = sum(1 for letter in letters if letter in UKRAINIAN_LETTERS)
    russian = sum(1 for letter in letters if letter in RUSSIAN_LETTERS)
    if OTHER_CYRILLIC_LETTERS.intersection(letters):
        return ""
    if not ukrainian and not russian:
        bulgarian_looking = letters.count("ъ") * 100 > len(letters)
        enough = len(letters) >= MIN_LETTERS_WITHOUT_TELLTALES
        return "ru" if enough and not bulgarian_looking else ""
    if ukrainian >= max(1, russian * TELLTALE_MARGIN):
        return "uk"
    if russian >= max(1, ukrainian * TELLTALE_MARGIN):
        return "ru"
    return ""


def looks_english(sample, letters):
    words = WORD.findall(sample)
    if len(words) < MIN_WORDS_FOR_ENGLISH:
        return False
    non_ascii = sum(1 for letter in letters if not letter.isascii())
    if non_ascii > len(letters) * MAX_NON_ASCII_SHARE:
        return False
    common = sum(1 for word in words if word in ENGLISH_WORDS)
    return common >= len(words) * MIN_ENGLISH_SHARE
