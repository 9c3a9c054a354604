"""Cyrillic headlines in Latin letters, for readable slugs.

Ukrainian follows the national transliteration of 2010 (Cabinet of Ministers resolution
No. 55): є ї й ю я are written ye yi y yu ya at the start of a word and ie i i iu ia
elsewhere, «зг» is zgh, the soft sign and the apostrophe are dropped.
  а a  б b  в v  г h  ґ g  д d  е e  є ie  ж zh  з z  и y  і i  ї i  й i  к k  л l  м m
  н n  о o  п p  р r  с s  т t  у u  ф f  х kh  ц ts  ч ch  ш sh  щ shch  ю iu  я ia
Russian follows ICAO Doc 9303 (the scheme of Russian passports since 2013):
  а a  б b  в v  г g  д d  е e  ё e  ж zh  з z  и i  й i  к k  л l  м m  н n  о o  п p
  р r  с s  т t  у u  ф f  х kh  ц ts  ч ch  ш sh  щ shch  ъ ie  ы y  ь -  э e  ю iu  я ia
So «Російський солдат плаче» is rosiiskyi soldat plache, «Российский солдат плачет»
rossiiskii soldat plachet. Text in another language is left as it is.
"""

import re

COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ж": "zh", "з": "z", "й": "i",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
}  # fmt: skip
UKRAINIAN = COMMON | {
    "г": "h", "ґ": "g", "є": "ie", "и": "y", "і": "i", "ї": "i", "'": "", "’": "", "ʼ": "",
}  # fmt: skip
UKRAINIAN_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
RUSSIAN = COMMON | {"г": "g", "ё": "e", "и": "i", "ъ": "ie", "ы": "y", "э": "e"}
UKRAINIAN_LETTERS = frozenset("іїєґ")
# An apostrophe only between letters is part of a Ukrainian word (пам'ять).
WORD_APOSTROPHE = re.compile(r"(?<=\w)['’ʼ](?=\w)")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def transliterate(text, language=""):
    """The text with its Ukrainian or Russian letters in Latin ones; `language` ('uk', 'ru',
    or a tag such as 'ru-RU') chooses the table, else the letters do."""
    if not CYRILLIC.search(text):
        return text
    code = language.lower().split("-")[0]
    if code not in ("uk", "ru"):
        code = "uk" if UKRAINIAN_LETTERS & set(text.lower()) else "ru"
    if code == "uk":
        return ukrainian(text)
    return "".join(in_case(letter, RUSSIAN.get(letter.lower())) for letter in text)


def ukrainian(text):
    text = WORD_APOSTROPHE.sub("", text)
    out = []
    for index, letter in enumerate(text):
        lower = letter.lower()
        at_word_start = index == 0 or not text[index - 1].isalpha()
        if lower == "г" and index > 0 and text[index - 1].lower() == "з":
            latin = "gh"
        elif at_word_start and lower in UKRAINIAN_WORD_START:
            latin = UKRAINIAN_WORD_START[lower]
        else:
            latin = UKRAINIAN.get(lower)
        out.append(in_case(letter, latin))
    return "".join(out)


def in_case(letter, latin):
    if latin is None:
        return letter
    return latin.capitalize() if letter.isupper() else latin
