"""Notes: anchored to passages, sanitized, re-anchored on re-import, never lost or leaked."""

import pytest

from articles.importing import import_paths
from articles.models import Annotation, Article
from articles.services import PassageNotFound, annotate_passage

pytestmark = pytest.mark.django_db

PARAGRAPH_7 = "who she calls Natasha and promises that her son is safe"


@pytest.fixture
def article(seeds):
    return seeds["004"]


def reimport_with(article, write_article, old, new):
    assert old in article.raw_text
    path = write_article(article.source_name, article.raw_text.replace(old, new))
    assert import_paths([path]).line() == "0 created, 1 updated, 0 unchanged, 0 failed"
    article.refresh_from_db()


def test_a_note_is_anchored_with_context(article, editor):
    note = annotate_passage(article, 7, "who she calls Natasha", "Her name.", author=editor)
    assert note.prefix == "addresses the soldier’s mother, "
    assert note.suffix.startswith(" and promises that her son")
    assert note.author == editor


def test_a_quote_not_in_its_paragraph_is_refused(article):
    with pytest.raises(PassageNotFound, match="does not contain this exact quote"):
        annotate_passage(article, 2, "who she calls Natasha", "Wrong paragraph.")
    with pytest.raises(PassageNotFound, match="paragraphs 1 to"):
        annotate_passage(article, 99, "who she calls Natasha", "No such paragraph.")
    assert not Annotation.objects.exists()


def test_a_note_reanchors_after_its_paragraph_is_edited(article, write_article):
    note = annotate_passage(article, 7, PARAGRAPH_7, "Context.")
    reimport_with(
        article, write_article, "promises that her son is safe", "promises her son is safe"
    )
    note.refresh_from_db()
    assert not note.anchor_lost
    assert note.paragraph == 7
    assert note.quote == "who she calls Natasha and promises her son is safe"


def test_a_note_follows_its_paragraph_when_paragraphs_are_inserted(article, write_article):
    note = annotate_passage(article, 7, PARAGRAPH_7, "Context.")
    first_paragraph = "God knows we are viciously against the war"
    reimport_with(article, write_article, first_paragraph, "A new paragraph.\n\n" + first_paragraph)
    note.refresh_from_db()
    assert (note.paragraph, note.quote, note.anchor_lost) == (8, PARAGRAPH_7, False)


def test_a_note_whose_passage_is_deleted_is_flagged_not_lost(article, write_article, client):
    note = annotate_passage(article, 7, PARAGRAPH_7, "Orphan to be.")
    paragraph = next(b["text"] for b in article.blocks if PARAGRAPH_7 in b["text"])
    reimport_with(article, write_article, paragraph, "The rest of the video was not translated.")
    note.refresh_from_db()
    assert note.anchor_lost
    assert Annotation.objects.filter(pk=note.pk).exists()
    assert Article.objects.needing_review().filter(pk=article.pk).exists()
    assert "Orphan to be." not in client.get(article.get_absolute_url()).content.decode()


def test_internal_notes_appear_on_no_public_page_feed_or_export(seeds, client):
    secret = "INTERNAL-ONLY check with the translator"
    for article in seeds.values():
        annotate_passage(
            article,
            1,
            article.blocks[0]["text"][:20],
            secret,
            visibility=Annotation.Visibility.INTERNAL,
        )
    urls = ["/", "/articles/", "/articles/?q=Natasha", "/events/farewells/", "/feed/"]
    urls += ["/events/captured-soldier-calls/feed/", "/articles.json", "/sitemap.xml"]
    urls += [article.get_absolute_url() for article in seeds.values()]
    for url in [*urls, "/articles.csv"]:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200
        assert secret.encode() not in body, url


def test_has_notes_filter_counts_only_public_notes(seeds, client):
    annotate_passage(seeds["000"], 1, "The moving video", "Public.")
    annotate_passage(
        seeds["001"], 1, "Powerful images", "Internal.", visibility=Annotation.Visibility.INTERNAL
    )
    with_notes = client.get("/articles.json?has_notes=true").json()
    assert [row["source"][:3] for row in with_notes["results"]] == ["000"]
    assert client.get("/articles.json?has_notes=false").json()["count"] == 4


def test_hostile_markdown_in_a_public_note_is_neutralised(article, client):
    annotate_passage(
        article,
        7,
        "who she calls Natasha",
        "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> "
        "[source](https://example.org/report)",
    )
    page = client.get(article.get_absolute_url()).content.decode()
    note = page.split('class="note-body"')[1].split("</aside>")[0]
    assert "<script" not in note and "<img" not in note and 'href="javascript' not in note
    assert "&lt;script&gt;" in note
    assert '<a href="https://example.org/report" rel="nofollow noopener noreferrer">' in note


def test_status_changes_survive_reimport(article, write_article):
    from articles.services import set_status

    set_status([article], Article.Status.HIDDEN)
    reimport_with(article, write_article, "642 points", "643 points")
    assert article.status == Article.Status.HIDDEN


def test_a_hundred_reimports_never_wear_the_quote_down(article, write_article):
    quote = "promises that her son is safe"
    note = annotate_passage(article, 7, quote, "Her words, as translated.")
    text = article.raw_text
    for round_ in range(100):
        # Every other import rewords the end of the quote; the next puts it back.
        edited = text.replace("her son is safe", "her son is sound") if round_ % 2 else text
        path = write_article(article.source_name, f"{edited}\n\nRevision {round_}.")
        assert not import_paths([path]).failed
    note.refresh_from_db()
    assert note.original_quote == quote
    assert note.quote == "promises that her son is sound"
    assert not note.anchor_lost


def test_verbose_import_lists_the_notes_moved_and_flagged(article, write_article):
    from .test_importing import run_command

    kept = annotate_passage(article, 7, "who she calls Natasha", "Her name.")
    lost = annotate_passage(article, 2, article.blocks[1]["text"][:40], "Gone soon.")
    text = article.raw_text.replace(article.blocks[1]["text"], "A wholly new paragraph.")
    headline, body = text.split("\n\n", 1)
    path = write_article(article.source_name, f"{headline}\n\nA new opening paragraph.\n\n{body}")
    code, out, _ = run_command("--verbose", path)
    assert code == 0
    kept.refresh_from_db()
    assert kept.paragraph == 8
    assert f"  note {kept.pk} moved: ¶7 → ¶8, “who she calls Natasha”" in out
    assert any(line.startswith(f"  note {lost.pk} flagged:") for line in out)


def test_a_near_miss_is_refused_with_the_closest_words_or_the_right_paragraph(article):
    with pytest.raises(PassageNotFound, match="The closest words there are: “who she calls"):
        annotate_passage(article, 7, "who she called Natasha", "Typo.")
    with pytest.raises(PassageNotFound, match="It is in paragraph 7"):
        annotate_passage(article, 6, "who she calls Natasha", "Wrong paragraph.")
    assert not Annotation.objects.exists()


def test_straight_quotes_anchor_to_the_curly_ones_as_printed(article):
    note = annotate_passage(article, 7, "the soldier's mother", "Typed with a straight quote.")
    assert note.quote == "the soldier’s mother"


SOLDIER_1 = "The soldier said he was tired of the war and wanted to go home to his family."
SOLDIER_5 = "Later the soldier said he was tired and hungry after the long march."


@pytest.fixture
def soldier_article(write_article):
    body = "\n\n".join([SOLDIER_1, "Second.", "Third.", "Fourth.", SOLDIER_5])
    text = f"The soldier's words\n\n{body}\n"
    path = write_article("soldier.txt", text)
    assert not import_paths([path]).failed
    article = Article.objects.get(source_name="soldier.txt")
    article.test_text = text
    return article


def reimport_soldier(article, write_article, old, new):
    path = write_article("soldier.txt", article.test_text.replace(old, new))
    assert not import_paths([path]).failed
    article.refresh_from_db()


def test_a_note_on_lightly_edited_words_stays_in_its_paragraph(soldier_article, write_article):
    note_a = annotate_passage(soldier_article, 1, "he was tired", "About the war.")
    note_b = annotate_passage(soldier_article, 5, "he was tired", "About the march.")
    reimport_soldier(soldier_article, write_article, "he was tired of", "he was really tired of")
    note_a.refresh_from_db()
    note_b.refresh_from_db()
    assert (note_a.paragraph, note_a.quote, note_a.anchor_lost) == (1, "he was really tired", False)
    assert (note_a.original_prefix, note_a.original_suffix) == (note_a.prefix, note_a.suffix)
    assert (note_b.paragraph, note_b.quote) == (5, "he was tired")


def test_a_note_moved_by_mistake_comes_back_with_its_text(soldier_article, write_article):
    note = annotate_passage(soldier_article, 1, "he was tired", "About the war.")
    prefix, suffix = note.prefix, note.suffix
    # As a wrong re-anchoring left it: on paragraph 5's words, with paragraph 5's context.
    Annotation.objects.filter(pk=note.pk).update(
        paragraph=5, prefix="Later the soldier said ", suffix=" and hungry after the long march."
    )
    reimport_soldier(soldier_article, write_article, "Second.", "Second, edited.")
    note.refresh_from_db()
    assert (note.paragraph, note.quote, note.prefix, note.suffix) == (
        1,
        "he was tired",
        *[prefix, suffix],
    )


def test_a_fuzzy_reanchor_keeps_every_word_of_the_edited_passage(article, write_article):
    text = article.blocks[6]["text"]
    assert PARAGRAPH_7 in text
    note = annotate_passage(article, 7, "who she calls Natasha and", "Her name.")
    reimport_with(article, write_article, "calls Natasha and", "calls Natasha Ivanivna and")
    note.refresh_from_db()
    assert note.quote == "who she calls Natasha Ivanivna and"
    assert note.original_quote == "who she calls Natasha and"


def test_verbose_import_tells_a_re_anchoring_in_place_and_a_note_found_again(
    article, write_article
):
    from .test_importing import run_command

    edited = annotate_passage(article, 7, "promises that her son is safe", "Edited.")
    lost = annotate_passage(article, 7, "who she calls Natasha", "Lost, then back.")
    Annotation.objects.filter(pk=lost.pk).update(anchor_lost=True)
    text = article.raw_text.replace("her son is safe", "her son is sound")
    code, out, _ = run_command("--verbose", write_article(article.source_name, text))
    assert code == 0
    assert f"  note {edited.pk} re-anchored in ¶7, “promises that her son is sound”" in out
    assert f"  note {lost.pk} found again in ¶7, “who she calls Natasha”" in out
