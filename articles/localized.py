"""Editors' texts in the reader's language: an event's name and summary, a clip's description
and a note's body may have a version per interface language, in fields beside the English one
(`name_uk`, `name_ru` …). A page shows the version in its language where there is one, else
the English text, marked as a fallback so that it can say so and carry `lang="en"`.
"""

from dataclasses import dataclass, replace

from django.conf import settings
from django.utils import translation

# The language the editors write in first: the site's default, as a lang attribute gives it.
SOURCE_LANGUAGE = settings.LANGUAGE_CODE.split("-")[0]
# The other interface languages, each with fields of its own (uk, ru).
TRANSLATED_LANGUAGES = tuple(
    code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE
)
# Each language by its own name (Українська), as the language switcher shows it.
LANGUAGE_NAMES = dict(settings.LANGUAGES)


@dataclass(frozen=True)
class Localized:
    """A text as shown in one interface language: `language` is the language the text is
    in; `fallback` is true when it is the English text standing in for a missing version."""

    text: str
    language: str
    fallback: bool = False

    def __str__(self):
        return self.text

    def lower(self):
        """The same in lower case (`{{ name.lower }}` in a template), still marked."""
        return replace(self, text=self.text.lower())


def field_name(field, language):
    """The field holding `field` in `language`: name_uk; the English field itself for English."""
    if language not in TRANSLATED_LANGUAGES:
        return field
    return f"{field}_{language.replace('-', '_')}"


def translated_field_names(field):
    return [field_name(field, language) for language in TRANSLATED_LANGUAGES]


def localized_from(get, field, language=None):
    """`field` in `language` (the active one by default), reading values with `get(name)`."""
    language = language or translation.get_language()
    english = get(field) or ""
    if language in TRANSLATED_LANGUAGES:
        translated = get(field_name(field, language)) or ""
        if translated.strip():
            return Localized(translated, language)
        return Localized(english, SOURCE_LANGUAGE, fallback=bool(english.strip()))
    return Localized(english, SOURCE_LANGUAGE)


def localized(instance, field, language=None):
    """The instance's `field` in the active language, or English marked as a fallback."""
    return localized_from(lambda name: getattr(instance, name), field, language)


def localized_row(row, field, language=None):
    """The same for a row of `.values()`: `field` names its key (`event__name`)."""
    return localized_from(row.get, field, language)


def translations(instance, *fields):
    """{language: {field: text}} of the versions that exist, for JSON exports."""
    versions = {}
    for language in TRANSLATED_LANGUAGES:
        for field in fields:
            text = getattr(instance, field_name(field, language))
            if text.strip():
                versions.setdefault(language, {})[field] = text
    return versions
