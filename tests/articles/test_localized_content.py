"""Editors' texts in the reader's language: an event's name and summary, a clip's description
and a note's body in Ukrainian or Russian where the editors wrote one, else the English marked
as English (`lang="en"` and an "in English" label)."""

import re

import pytest
from django.test import Client
from django.utils import translation

from articles.localized import TRANSLATED_LANGUAGES, Localized, localized, translations
from articles.models import Annotation, Clip, Event
from articles.services import annotate_passage

pytestmark = pytest.mark.django_db

MARKER = 'class="in-english"'
UKRAINIAN_NAME = "Прощання"
UKRAINIAN_SUMMARY = "Відео прощань на вокзалах."


@pytest.fixture
def farewells(seeds):
    """The farewells event without the translations it ships with, as a new event is."""
    untranslated = {field: "" for field in ("name_uk", "name_ru", "summary_uk", "summary_ru")}
    Event.objects.filter(slug="farewells").update(**untranslated)
    return Event.objects.get(slug="farewells")


def test_the_shipped_events_come_translated(seeds, client):
    page = client.get("/uk/").content.decode()
    assert ">Прощання</a>" in page and ">Дзвінки полонених солдатів</a>" in page
    assert MARKER not in element(page, "ul", ' class="events"')
    page = client.get("/ru/events/captured-soldier-calls/").content.decode()
    assert element(page, "h1") == "Звонки пленных солдат"


@pytest.fixture
def clip(farewells):
    return Clip.objects.create(
        event=farewells, slug="station", title="At the station", description="A man waves."
    )


def article_path(note, prefix=""):
    return f"{prefix}/articles/{note.article.slug}/"


@pytest.fixture
def note(seeds):
    return annotate_passage(
        seeds["004"], 7, "who she calls Natasha", "Her *name*.", visibility="public"
    )


def element(page, tag, attributes=""):
    """The content of the first <tag attributes…> in the page."""
    match = re.search(rf"<{tag}{attributes}[^>]*>(.*?)</{tag}>", page, re.S)
    assert match, f"no <{tag}{attributes}> in the page"
    return match.group(1)


def test_the_translated_languages_are_the_interface_languages_but_english():
    assert TRANSLATED_LANGUAGES == ("uk", "ru")


def test_a_missing_version_falls_back_to_the_english_marked(farewells):
    with translation.override("uk"):
        assert localized(farewells, "name") == Localized("Farewells", "en", fallback=True)
    farewells.name_uk = UKRAINIAN_NAME
    farewells.name_ru = "  "  # only spaces: no version
    with translation.override("uk"):
        assert localized(farewells, "name") == Localized(UKRAINIAN_NAME, "uk")
    with translation.override("ru"):
        assert localized(farewells, "name").fallback
    with translation.override("en-gb"):
        assert localized(farewells, "name") == Localized("Farewells", "en")


def test_an_empty_english_text_is_no_fallback(farewells):
    farewells.summary = ""
    with translation.override("uk"):
        assert localized(farewells, "summary") == Localized("", "en", fallback=False)


def test_a_ukrainian_page_marks_the_english_fallback(farewells, client):
    page = client.get("/uk/events/farewells/").content.decode()
    heading = element(page, "h1")
    assert '<span lang="en">Farewells</span>' in heading
    assert MARKER in heading
    assert MARKER in element(page, "p", ' class="lede"')
    assert "<title>Farewells · Читальна зала</title>" in page  # no label in a title


def test_a_ukrainian_page_shows_the_ukrainian_version_unmarked(farewells, client):
    farewells.name_uk, farewells.summary_uk = UKRAINIAN_NAME, UKRAINIAN_SUMMARY
    farewells.save()
    page = client.get("/uk/events/farewells/").content.decode()
    assert element(page, "h1").strip() == UKRAINIAN_NAME
    assert element(page, "p", ' class="lede"').strip() == UKRAINIAN_SUMMARY
    assert f"<title>{UKRAINIAN_NAME} · Читальна зала</title>" in page
    assert f'<meta property="og:title" content="{UKRAINIAN_NAME}">' in page
    assert f'<meta name="description" content="{UKRAINIAN_SUMMARY}">' in page
    # The Russian page has no Russian version: the English, marked.
    russian = client.get("/ru/events/farewells/").content.decode()
    assert MARKER in element(russian, "h1") and UKRAINIAN_NAME not in russian


def test_the_home_page_and_the_story_use_the_versions(farewells, clip, client):
    farewells.name_uk = UKRAINIAN_NAME
    farewells.save()
    clip.description_uk = "Чоловік махає рукою."
    clip.save()
    home = client.get("/uk/").content.decode()
    assert f'<a href="/uk/events/farewells/">{UKRAINIAN_NAME}</a>' in home
    story = client.get("/uk/events/farewells/story/").content.decode()
    assert f'<a href="/uk/events/farewells/">{UKRAINIAN_NAME}</a>' in story  # breadcrumb
    assert "<p>Чоловік махає рукою.</p>" in element(story, "article", ' class="clip"')
    russian = client.get("/ru/events/farewells/story/").content.decode()
    described = element(russian, "article", ' class="clip"')
    assert '<span lang="en">A man waves.</span>' in described and MARKER in described


def test_facets_and_active_filters_name_events_in_the_pages_language(farewells, client):
    farewells.name_uk = UKRAINIAN_NAME
    farewells.save()
    Event.objects.filter(slug="captured-soldier-calls").update(name_uk="")
    page = client.get("/uk/articles/?event=farewells").content.decode()
    assert f"<strong>{UKRAINIAN_NAME}</strong>" in element(page, "div", ' class="active-filters"')
    facet = element(page, "section", ' class="facet" aria-labelledby="facet-event"')
    assert UKRAINIAN_NAME in facet
    assert MARKER in facet  # the other event, untranslated, marked
    labels = {
        option["value"]: option["label"]
        for option in client.get("/uk/articles.json").json()["facets"]["event"]["options"]
    }
    assert labels["farewells"] == UKRAINIAN_NAME


def test_english_pages_never_show_the_marker(farewells, clip, note, client):
    paths = [
        "/",
        "/articles/",
        "/articles/?event=farewells",
        "/events/farewells/",
        "/events/farewells/story/",
        "/notes/",
        article_path(note),
    ]
    for path in paths:
        page = client.get(path).content.decode()
        assert MARKER not in page, path
    assert MARKER in client.get(article_path(note, "/uk")).content.decode()


def test_a_notes_translation_is_markdown_sanitised_like_the_english(note, client):
    note.body_uk = "<script>alert(1)</script> Її *ім'я*. [x](javascript:alert(1))"
    note.save()
    for path in ("/uk/notes/", article_path(note, "/uk")):
        page = client.get(path).content.decode()
        body = element(page, "div", ' class="note-body"')
        assert "<script" not in body and 'href="javascript' not in body
        assert "&lt;script&gt;" in body
        assert "<em>ім'я</em>" in body or "<em>ім&#x27;я</em>" in body
        assert MARKER not in body


def test_a_notes_english_fallback_is_marked_on_its_article_and_the_list(note, client):
    for path in ("/uk/notes/", article_path(note, "/uk")):
        body = element(client.get(path).content.decode(), "div", ' class="note-body"')
        assert MARKER in body
        assert '<div lang="en"><p>Her <em>name</em>.</p>' in body


def test_the_notes_feed_in_russian_uses_the_russian_body(note, client):
    note.body_ru = "Её **имя**."
    note.save()
    feed = client.get("/ru/notes/feed/").content.decode()
    assert "Её &lt;strong&gt;имя&lt;/strong&gt;." in feed
    ukrainian = client.get("/uk/notes/feed/").content.decode()
    assert '&lt;div lang="en"&gt;&lt;p&gt;Her &lt;em&gt;name' in ukrainian
    assert "Her &lt;em&gt;name" in client.get("/notes/feed/").content.decode()


def test_the_event_feed_is_titled_in_the_pages_language(farewells, client):
    farewells.name_uk, farewells.summary_uk = UKRAINIAN_NAME, UKRAINIAN_SUMMARY
    farewells.save()
    feed = client.get("/uk/events/farewells/feed/").content.decode()
    assert f"<title>Читальна зала: {UKRAINIAN_NAME}</title>" in feed
    assert f"<subtitle>{UKRAINIAN_SUMMARY}</subtitle>" in feed
    assert (
        "<title>Reading Room: Farewells</title>"
        in client.get("/events/farewells/feed/").content.decode()
    )


def test_story_json_keeps_its_keys_and_adds_the_translations(clip, client):
    clip.description_ru = "Мужчина машет рукой."
    clip.save()
    (data,) = client.get("/uk/events/farewells/story.json").json()["clips"]
    assert data["description"] == "A man waves."
    assert data["translations"] == {"ru": {"description": "Мужчина машет рукой."}}
    assert translations(clip, "description") == data["translations"]


EVENT_FORM = {
    "slug": "farewells",
    "order": 0,
    "sentence_terms": "",
    "lead_terms": "",
    "exclude_terms": "",
    "lead_paragraphs": 3,
    "sentence_window": 1,
}


def test_the_event_form_has_a_collapsible_fieldset_per_language(farewells, editor_client):
    form = editor_client.get(f"/admin/articles/event/{farewells.pk}/change/").content.decode()
    for heading, code in (("Українська", "uk"), ("Русский", "ru")):
        assert heading in form
        assert f'name="name_{code}"' in form and f'name="summary_{code}"' in form
        assert f'lang="{code}"' in form
    assert form.index('name="summary"') < form.index('name="name_uk"')
    assert form.count("collapse") >= 2
    assert "the English text, marked as English" in form


def test_the_desk_saves_translations_and_their_history(farewells, editor_client, editor):
    farewells.save()  # a first record to compare with: the migration that made it left none
    data = {
        **EVENT_FORM,
        "name": "Farewells",
        "summary": farewells.summary,
        "name_uk": UKRAINIAN_NAME,
        "summary_uk": UKRAINIAN_SUMMARY,
        "name_ru": "Прощания",
        "summary_ru": "",
    }
    response = editor_client.post(f"/admin/articles/event/{farewells.pk}/change/", data)
    assert response.status_code == 302
    farewells.refresh_from_db()
    assert (farewells.name_uk, farewells.summary_uk, farewells.name_ru) == (
        UKRAINIAN_NAME,
        UKRAINIAN_SUMMARY,
        "Прощания",
    )
    record = farewells.history.latest()
    assert (record.name_uk, record.history_user) == (UKRAINIAN_NAME, editor)
    history = editor_client.get(f"/admin/articles/event/{farewells.pk}/history/")
    assert f"Name in Ukrainian set to “{UKRAINIAN_NAME}”" in history.content.decode()


def test_the_desk_saves_a_clips_and_a_notes_translations(clip, note, editor_client):
    form = editor_client.get(f"/admin/articles/clip/{clip.pk}/change/").content.decode()
    assert 'name="description_uk"' in form and 'name="description_ru"' in form
    data = {
        "event": clip.event_id,
        "title": clip.title,
        "slug": clip.slug,
        "order": 0,
        "description": clip.description,
        "description_uk": "Чоловік махає рукою.",
        "description_ru": "",
        "verification": clip.verification,
        "postings-TOTAL_FORMS": "0",
        "postings-INITIAL_FORMS": "0",
    }
    assert editor_client.post(f"/admin/articles/clip/{clip.pk}/change/", data).status_code == 302
    clip.refresh_from_db()
    assert clip.description_uk == "Чоловік махає рукою."

    note_data = {
        "article": note.article_id,
        "paragraph": note.paragraph,
        "quote": note.quote,
        "prefix": note.prefix,
        "suffix": note.suffix,
        "kind": note.kind,
        "visibility": note.visibility,
        "body": note.body,
        "body_uk": "Її *ім'я*.",
        "body_ru": "Её *имя*.",
    }
    url = f"/admin/articles/annotation/{note.pk}/change/"
    assert editor_client.post(url, note_data).status_code == 302
    note.refresh_from_db()
    assert (note.body_uk, note.body_ru) == ("Її *ім'я*.", "Её *имя*.")


def test_the_notes_preview_shows_each_translation(note, editor_client):
    data = {
        "article": note.article_id,
        "paragraph": note.paragraph,
        "quote": note.quote,
        "kind": note.kind,
        "visibility": note.visibility,
        "body": "Her *name*.",
        "body_uk": "Її <script>x</script> *ім'я*.",
        "body_ru": "",
    }
    page = editor_client.post("/admin/articles/annotation/preview/", data).content.decode()
    ukrainian = element(page, "div", ' class="note-body" lang="uk"')
    assert "<em>ім" in ukrainian and "<script" not in ukrainian
    assert "Русский" in page


@pytest.mark.django_db(transaction=True)
def test_a_ukrainian_name_shows_on_the_ukrainian_page_right_after_an_edit(committed_seeds):
    reader = Client()
    url = "/uk/events/farewells/"
    reader.get(url)
    assert reader.get(url)["Cache-Status"] == "ReadingRoom; hit"

    event = Event.objects.get(slug="farewells")
    event.name_uk = UKRAINIAN_NAME
    event.save()

    assert element(reader.get(url).content.decode(), "h1").strip() == UKRAINIAN_NAME


def test_a_notes_translation_does_not_mark_it_updated(note):
    note.body_uk = "Її ім'я."
    note.save()
    assert Annotation.objects.get(pk=note.pk).revised_at is None
