"""Notes readers can trust: signed and dated, counted, listed at /notes/ and in a feed."""

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from articles.models import Annotation, Article
from articles.services import annotate_passage

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(seeds):
    editor = User.objects.create_user("olena", first_name="Olena", last_name="Kovalenko")
    article = seeds["004"]
    context = annotate_passage(article, 7, "who she calls Natasha", "Her *name*.", author=editor)
    correction = annotate_passage(
        article, 7, "promises that her son is safe", "He was later exchanged.", kind="correction"
    )
    internal = annotate_passage(
        seeds["002"], 3, "Russian soldier", "Check this.", visibility="internal"
    )
    a_day_ago = timezone.now() - datetime.timedelta(days=1)
    Annotation.objects.filter(pk=context.pk).update(created_at=a_day_ago)
    return {"context": context, "correction": correction, "internal": internal}


def test_a_note_is_signed_and_dated_on_the_article(client, seeds, notes):
    page = client.get(seeds["004"].get_absolute_url()).content.decode()
    context = page.split(f'id="note-{notes["context"].pk}"')[1].split("</aside>")[0]
    assert re.search(
        r"Olena Kovalenko · added <time datetime=\"[^\"]+\">\d+ \w+ 20\d\d</time>", context
    )
    correction = page.split(f'id="note-{notes["correction"].pk}"')[1].split("</aside>")[0]
    assert "The editors · corrected <time" in correction and "updated" not in correction
    assert "2 editor’s notes</a>" in page


def test_changing_a_notes_words_dates_it_updated_but_reanchoring_does_not(notes):
    note = Annotation.objects.get(pk=notes["context"].pk)
    note.paragraph, note.prefix = 7, "moved "
    note.save(update_fields=["paragraph", "prefix", "updated_at"])
    note.refresh_from_db()
    assert note.revised_at is None
    note.body = "Her name, as the woman says it."
    note.save(update_fields=["body"])
    note.refresh_from_db()
    assert note.revised_at is not None


def test_list_rows_count_public_notes_only(client, notes):
    page = client.get("/articles/?q=Natasha").content.decode()
    assert page.count("2 editor’s notes") == 1
    page = client.get("/articles/?event=captured-soldier-calls").content.decode()
    assert "1 editor’s note" not in page  # seed 002's only note is internal


def test_the_notes_page_lists_public_notes_newest_first(client, notes, seeds):
    page = client.get("/notes/").content.decode()
    assert page.index("He was later exchanged.") < page.index("Her <em>name</em>.")
    assert "Check this." not in page
    assert f'href="{seeds["004"].get_absolute_url()}#note-{notes["correction"].pk}"' in page
    only_corrections = client.get("/notes/?kind=correction").content.decode()
    assert (
        "He was later exchanged." in only_corrections
        and "Her <em>name</em>" not in only_corrections
    )


def test_notes_of_hidden_articles_are_not_listed(client, notes, seeds):
    Article.objects.filter(pk=seeds["004"].pk).update(status=Article.Status.HIDDEN)
    page = client.get("/notes/").content.decode()
    assert "He was later exchanged." not in page and "No notes yet." in page


@pytest.mark.parametrize("query", ["?kind=nonsense", "?kind=%00", "?kind=" + "x" * 5000])
def test_an_unknown_kind_is_a_clear_400(client, notes, query):
    response = client.get(f"/notes/{query}")
    assert response.status_code == 400
    assert "No such kind of note" in response.content.decode()


def test_a_bad_page_number_shows_the_last_page(client, notes):
    for page in ("abc", "999", "-1"):
        assert client.get(f"/notes/?page={page}").status_code == 200


def test_the_notes_feed_has_the_public_notes_with_their_authors(client, notes, seeds):
    feed = client.get("/notes/feed/").content.decode()
    assert feed.count("<entry>") == 2
    assert "<name>Olena Kovalenko</name>" in feed and "<name>The editors</name>" in feed
    assert (
        f"#note-{notes['correction'].pk}</id>" in feed or f"#note-{notes['correction'].pk}" in feed
    )
    assert "Check this." not in feed
    assert "&lt;em&gt;name&lt;/em&gt;" in feed


def test_a_draft_is_dated_when_it_is_published_and_its_draft_edits_do_not_count(seeds):
    article = seeds["004"]
    note = annotate_passage(article, 7, "who she calls Natasha", "Draft.", visibility="internal")
    assert note.published_at is None
    note.body = "Reworded while still a draft."
    note.save()
    assert note.revised_at is None
    note.visibility = "public"
    note.save()
    assert note.published_at is not None and note.revised_at is None
    note.body = "Corrected once public."
    note.save()
    assert note.revised_at is not None
