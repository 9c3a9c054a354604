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

from .ascii_words import ascii_words, spaces_except

# What is read: enough for the letter counts to settle, little enough to be cheap.
SAMPLE_CHARS = 2_000
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W\d_]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[a-z\u00c0-\u024f]")
ASCII_LETTER = re.compile(r"[a-z]")
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


LETTERS = spaces_except(str.isalpha)  # an ASCII sample's words, as WORD finds them


def detect_language(*texts):
    """'uk', 'ru', 'en' or '' for the texts taken together (headline, standfirst, body …)."""
    sample = " ".join(texts)[:SAMPLE_CHARS].lower()
    if sample.isascii():  # the same answer as below, without scanning letter by letter
        words = ascii_words(sample, LETTERS)
        return "en" if is_english(words) else ""
    letters = len(LETTER.findall(sample))
    if not letters:
        return ""
    if len(CYRILLIC.findall(sample)) * 2 > letters:
        return cyrillic_language(sample, letters)
    if len(LATIN.findall(sample)) * 2 > letters and looks_english(sample, letters):
        return "en"
    return ""


def count(sample, characters):
    return sum(map(sample.count, characters))


def cyrillic_language(sample, letters):
    """For a sample mostly in Cyrillic of `letters` letters."""
    ukrainian = count(sample, UKRAINIAN_LETTERS)
    russian = count(sample, RUSSIAN_LETTERS)
    if count(sample, OTHER_CYRILLIC_LETTERS):
        return ""
    if not ukrainian and not russian:
        bulgarian_looking = sample.count("ъ") * 100 > letters
        enough = letters >= MIN_LETTERS_WITHOUT_TELLTALES
        return "ru" if enough and not bulgarian_looking else ""
    if ukrainian >= max(1, russian * TELLTALE_MARGIN):
        return "uk"
    if russian >= max(1, ukrainian * TELLTALE_MARGIN):
        return "ru"
    return ""


def looks_english(sample, letters):
    words = WORD.findall(sample)
    non_ascii = letters - len(ASCII_LETTER.findall(sample))
    if non_ascii > letters * MAX_NON_ASCII_SHARE:
        return False
    return is_english(words)


def is_english(words):
    """Whether enough of the (lower-case) words are common English ones."""
    if len(words) < MIN_WORDS_FOR_ENGLISH:
        return False
    common = sum(map(ENGLISH_WORDS.__contains__, words))
    return common >= len(words) * MIN_ENGLISH_SHARE
