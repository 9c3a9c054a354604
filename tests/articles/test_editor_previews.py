"""Editors preview: hidden articles as readers would see them, notes before they are saved."""

import pytest
from django.test import Client

from articles.models import Annotation, Article

pytestmark = pytest.mark.django_db

PREVIEW = "/admin/articles/annotation/preview/"


def note_form(article, **changes):
    return {
        "article": article.pk,
        "paragraph": 7,
        "quote": "who she calls Natasha",
        "prefix": "",
        "suffix": "",
        "kind": "context",
        "visibility": "internal",
        "body": "Her name, *as the woman says it*.",
        **changes,
    }


def test_a_readers_article_page_never_opens_the_session(client, seeds):
    response = client.get(seeds["004"].get_absolute_url())
    assert "Cookie" not in response.get("Vary", "")
    page = response.content.decode()
    assert "data-annotate" not in page and "annotate.js" not in page and "Annotate ¶" not in page


def test_an_editor_gets_the_annotate_tools(editor_client, seeds):
    article = seeds["004"]
    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert f'data-annotate="/admin/articles/annotation/add/?article={article.pk}"' in page
    assert f'?article={article.pk}&amp;paragraph=7">Annotate ¶7</a>' in page
    assert "js/annotate.js" in page


@pytest.mark.parametrize("status", [Article.Status.HIDDEN, Article.Status.NEEDS_REVIEW])
def test_an_editor_reads_an_unpublished_article_marked_and_never_cached(
    editor_client, seeds, status
):
    article = seeds["004"]
    Article.objects.filter(pk=article.pk).update(status=status)
    assert Client().get(article.get_absolute_url()).status_code == 404
    response = editor_client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Not public: {article.Status(status).label.lower()}." in page
    assert '<meta name="robots" content="noindex">' in page
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_note_is_previewed_beside_its_passage_and_not_saved(editor_client, seeds):
    response = editor_client.post(PREVIEW, note_form(seeds["004"], quote="who she calls Natasha"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<mark class="passage" id="passage-0">who she calls Natasha</mark>' in page
    assert "<em>as the woman says it</em>" in page
    assert "a draft: only editors see it" in page
    assert not Annotation.objects.exists()


def test_a_preview_of_a_bad_note_says_what_is_wrong(editor_client, seeds):
    page = editor_client.post(PREVIEW, note_form(seeds["004"], quote="who she called Natasha"))
    text = page.content.decode()
    assert "The note cannot be previewed yet" in text
    assert "The closest words there are: “who she calls Natasha”" in text


def test_readers_cannot_preview_notes(client, seeds):
    response = client.post(PREVIEW, note_form(seeds["004"]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_selected_passages_context_picks_the_right_copy(editor_client, seeds):
    article = seeds["004"]
    text = article.blocks[6]["text"]
    word = "the"
    second = text.index(word, text.index(word) + 1)
    prefix, suffix = text[max(0, second - 32) : second], text[second + 3 : second + 35]
    data = note_form(article, quote=word, prefix=prefix, suffix=suffix, visibility="public")
    assert editor_client.post("/admin/articles/annotation/add/", data).status_code == 302
    note = Annotation.objects.get()
    assert note.prefix == prefix and note.suffix.startswith(suffix[:10])
