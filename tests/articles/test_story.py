"""The story of an event: clips, timeline, sources cited, passages shared between outlets."""

import datetime

import pytest

from articles.importing import import_paths
from articles.models import Article, Clip, Event, SharedPassage
from articles.passages import fingerprints, similarity, word_diff

pytestmark = pytest.mark.django_db

WIRE = (
    "Ukraine's defence ministry said on Wednesday that mothers of captured Russian soldiers "
    "could travel to Kyiv to collect their sons, and published a hotline number."
)
STORY = "Video: captured Russian soldier calls his mother\n\nThe footage shows him crying.\n\n{}\n"


def test_the_repeated_captions_of_003_are_not_shared_passages(seeds):
    assert not SharedPassage.objects.filter(article=seeds["003"]).exists()


def test_a_paragraph_in_two_outlets_is_found_whatever_the_order_of_import(write_article, seeds):
    import_paths([write_article("wire_a.txt", STORY.format(WIRE))])
    edited = WIRE.replace("Wednesday", "Thursday")
    import_paths([write_article("wire_b.txt", STORY.format(edited) + "\nMore of our own.\n")])
    a, b = (
        Article.objects.get(source_name="wire_a.txt"),
        Article.objects.get(source_name="wire_b.txt"),
    )
    (shared,) = SharedPassage.objects.filter(article=a)
    assert (shared.other, shared.paragraph, shared.other_paragraph) == (b, 2, 2)
    assert 0.9 < shared.similarity < 1
    assert SharedPassage.objects.filter(article=b, other=a).count() == 1


def test_a_paragraph_in_two_articles_of_one_import_is_found(tmp_path, seeds):
    for name in ("wire_a.txt", "wire_b.txt"):
        (tmp_path / name).write_text(STORY.format(WIRE), encoding="utf-8")
    import_paths([tmp_path])
    (shared,) = SharedPassage.objects.filter(article__source_name="wire_a.txt")
    assert shared.other.source_name == "wire_b.txt"
    assert SharedPassage.objects.filter(article=shared.other, other=shared.article).count() == 1


def test_reimporting_an_article_replaces_its_shared_passages(write_article, seeds):
    import_paths([write_article("wire_a.txt", STORY.format(WIRE))])
    import_paths([write_article("wire_b.txt", STORY.format(WIRE))])
    assert SharedPassage.objects.count() == 2
    import_paths([write_article("wire_b.txt", STORY.format("Something else entirely happened."))])
    assert not SharedPassage.objects.exists()


def test_the_article_page_shows_where_a_paragraph_also_appears(client, write_article, seeds):
    import_paths([write_article("wire_a.txt", STORY.format(WIRE))])
    import_paths([write_article("wire_b.txt", STORY.format(WIRE.replace("Wednesday", "Thursday")))])
    a = Article.objects.get(source_name="wire_a.txt")
    b = Article.objects.get(source_name="wire_b.txt")
    page = client.get(a.get_absolute_url()).content.decode()
    section = page.split('id="shared-heading"')[1].split("</section>")[0]
    assert f'href="{b.get_absolute_url()}#p2"' in section
    assert "<mark>Thursday</mark>" in section


def test_word_diff_marks_only_the_changed_words():
    assert word_diff("He is alive and well.", "He is alive and healthy.") == [
        ("He is alive and", False),
        ("healthy.", True),
    ]
    assert similarity("He is alive and well", "he is ALIVE and well!") == 1.0


def test_short_paragraphs_and_captions_have_no_fingerprint():
    blocks = [
        {"kind": "paragraph", "text": "Too short to count."},
        {"kind": "caption", "text": WIRE},
        {"kind": "paragraph", "text": WIRE},
    ]
    assert {paragraph for paragraph, _ in fingerprints(blocks)} == {3}


@pytest.fixture
def clip(seeds):
    clip = Clip.objects.create(
        event=Event.objects.get(slug="captured-soldier-calls"),
        slug="tea-and-pastry",
        title="A captured soldier is fed and calls his mother",
        description="Ukrainian women give a young Russian soldier tea and a pastry.",
    )
    clip.postings.create(platform="Telegram", posted_on=datetime.date(2022, 3, 1))
    return clip


def test_the_story_page_puts_the_first_posting_before_the_coverage(client, clip):
    page = client.get("/events/captured-soldier-calls/story/").content.decode()
    timeline = page.split('id="timeline-heading"')[1].split("</section>")[0]
    assert timeline.index("posted on Telegram") < timeline.index("citing")
    assert "Christopher Miller (@ChristopherJM)" in timeline
    sources = page.split('id="sources-heading"')[1].split("</section>")[0]
    assert "Embedded post: " in sources and "#p5" in sources


def test_the_story_as_data(client, clip, seeds):
    data = client.get("/events/captured-soldier-calls/story.json").json()
    assert set(data) == {"clips", "sources", "quotes", "shared_passages"}
    assert data["clips"][0]["postings"][0] == {
        "platform": "Telegram",
        "account": "",
        "date": "2022-03-01",
        "url": "",
    }
    tweet = next(source for source in data["sources"] if source["kind"] == "post")
    assert tweet["handle"] == "ChristopherJM" and tweet["date"] == "2022-03-02"
    assert tweet["cited_by"] == [
        {
            "article": seeds["002"].slug,
            "paragraph": 5,
            "url": f"{seeds['002'].get_absolute_url()}#p5",
        }
    ]


def test_an_unknown_event_has_no_story(client):
    assert client.get("/events/nothing-here/story/").status_code == 404
    assert client.get("/events/nothing-here/story.json").status_code == 404


def test_a_paragraph_in_too_many_articles_is_boilerplate(write_article, seeds, monkeypatch):
    monkeypatch.setattr("articles.shared_passages.MAX_COPIES", 2)
    for name in ("a", "b", "c"):
        import_paths([write_article(f"wire_{name}.txt", STORY.format(WIRE))])
    third = Article.objects.get(source_name="wire_c.txt")
    assert SharedPassage.objects.filter(article__source_name="wire_a.txt").count() == 1
    assert not SharedPassage.objects.filter(article=third).exists()
