"""Translations stay complete: every interface string in a template is marked for translation,
and the committed catalogues are what makemessages and compilemessages would make now."""

import gettext
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

TEMPLATES_DIR = settings.BASE_DIR / "templates"
LOCALE_DIR = settings.BASE_DIR / "locale"
TRANSLATED = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
MARK = "\x00"
# Blocks whose content is not text: CSS classes, for instance.
NOT_TEXT_BLOCKS = {"bodyclass"}
# Names of file formats and programs, the same in every language.
UNTRANSLATED_WORDS = {"JSON", "CSV", "RIS", "BibTeX", "CSL"}
TEXT_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "value", "content"}
WORD = re.compile(r"[^\W\d_]{2,}")


def require_gettext():
    """GNU gettext makes the catalogues: CI must have it; a workstation without it skips."""
    if shutil.which("xgettext") and shutil.which("msgfmt"):
        return
    reason = "GNU gettext is not installed (apt-get install gettext)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the catalogue checks must run)", pytrace=False)
    pytest.skip(reason)


def marked_out(source):
    """The template with every tag, variable and translated block replaced by a marker, so
    that only the words a template writes outright are left."""
    pieces, skipping = [], None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0]
            if skipping:
                if name == skipping:
                    skipping = None
                continue
            if name in ("blocktranslate", "blocktrans", "comment", "verbatim"):
                skipping = "end" + name
            elif name == "block" and token.contents.split()[1] in NOT_TEXT_BLOCKS:
                skipping = "endblock"
            # A tag may sit inside an HTML tag (an optional attribute): leave it well formed.
            pieces.append(" ")
        elif skipping:
            continue
        elif token.token_type == TokenType.TEXT:
            pieces.append(token.contents)
        elif token.token_type == TokenType.VAR:
            pieces.append(MARK)
    return "".join(pieces)


class UnmarkedWords(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.inside = [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.inside.append(tag)
        if tag == "meta":
            return
        shown_value = tag == "input" and dict(attrs).get("type") in ("submit", "button", "reset")
        for name, value in attrs:
            if name == "value" and not shown_value:
                continue
            if name in TEXT_ATTRIBUTES and value:
                self.check(value, f"{tag}[{name}]")

    def handle_endtag(self, tag):
        if self.inside and self.inside[-1] == tag:
            self.inside.pop()

    def handle_data(self, data):
        if not self.inside:
            self.check(data, "text")

    def check(self, text, where):
        words = [
            word for word in WORD.findall(text.replace(MARK, " ")) if word not in UNTRANSLATED_WORDS
        ]
        if words:
            self.found.append(f"{where}: {' '.join(words)!r} in {text.strip()[:80]!r}")


def unmarked_words(source):
    parser = UnmarkedWords()
    parser.feed(marked_out(source))
    parser.close()
    return parser.found


def templates():
    return sorted(TEMPLATES_DIR.rglob("*.html"))


@pytest.mark.parametrize("path", templates(), ids=lambda path: str(path.relative_to(TEMPLATES_DIR)))
def test_every_word_a_template_writes_is_marked_for_translation(path):
    assert unmarked_words(path.read_text()) == []


def test_the_check_finds_unmarked_words_in_text_and_attributes():
    source = (
        '{% load i18n %}<p title="Plain title">{% translate "Marked" %} unmarked words</p>'
        "{% blocktranslate %}Also <b>marked</b>{% endblocktranslate %}"
        '<input type="submit" value="{{ verb }}: confirm"><script>const x = "code";</script>'
        "{# a comment #}{% comment %}Not shown{% endcomment %}<p>BibTeX · ¶{{ n }}</p>"
    )
    found = unmarked_words(source)
    assert len(found) == 3, found
    assert "Plain title" in found[0]
    assert "unmarked words" in found[1]
    assert "confirm" in found[2]


@pytest.fixture(scope="module")
def remade_locale(tmp_path_factory):
    """The catalogues as makemessages and compilemessages make them from the code now, in a
    copy of the project (they write into the project's locale folder)."""
    require_gettext()
    copy = tmp_path_factory.mktemp("project")
    for name in ("manage.py", "readingroom", "articles", "templates", "locale"):
        source = settings.BASE_DIR / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    for command in (
        ["makemessages", *[f"--locale={code}" for code in TRANSLATED], *MAKEMESSAGES_OPTIONS],
        ["compilemessages", "--ignore=.venv"],
    ):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=copy, check=True, capture_output=True
        )
    return copy / "locale"


# The options the README gives for makemessages.
MAKEMESSAGES_OPTIONS = [
    "--no-location",
    "--no-obsolete",
    "--ignore=var",
    "--ignore=tests",
    "--ignore=static",
]


def without_creation_date(path):
    return re.sub(r'"POT-Creation-Date: [^"]*"\n', "", path.read_text())


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_catalogues_are_up_to_date_with_the_code(remade_locale, code):
    committed = LOCALE_DIR / code / "LC_MESSAGES" / "django.po"
    remade = remade_locale / code / "LC_MESSAGES" / "django.po"
    assert without_creation_date(remade) == without_creation_date(committed), (
        f"{committed} is out of date: run makemessages as the README says, translate, and "
        "compilemessages"
    )


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalogues_match_their_sources(remade_locale, code):
    def messages(path):
        with path.open("rb") as file:
            return gettext.GNUTranslations(file)._catalog

    committed = LOCALE_DIR / code / "LC_MESSAGES" / "django.mo"
    remade = remade_locale / code / "LC_MESSAGES" / "django.mo"
    assert messages(committed) == messages(remade), f"{committed} is stale: compilemessages"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_is_translated(code):
    require_gettext()
    catalogue = LOCALE_DIR / code / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalogue)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_translation_adds_a_straight_double_quote(code):
    """A translated string may sit in an HTML attribute, where a " would end it early: the
    translations quote with « » or „ “ instead."""
    with (LOCALE_DIR / code / "LC_MESSAGES" / "django.mo").open("rb") as file:
        catalogue = gettext.GNUTranslations(file)._catalog
    added = [
        translated
        for source, translated in catalogue.items()
        if '"' in translated and '"' not in (source[0] if isinstance(source, tuple) else source)
    ]
    assert added == []


def test_the_catalogue_folder_is_the_one_settings_name():
    assert Path(settings.LOCALE_PATHS[0]) == LOCALE_DIR
