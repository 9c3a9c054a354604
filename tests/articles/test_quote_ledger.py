"""The quote ledger: quoted speech found at import, each outlet's wording grouped by moment."""

import pytest

from articles.cleaning import clean
from articles.importing import import_paths
from articles.models import Article, Quote, QuoteGroup
from articles.quotes import group_quotes, quotes_in
from tests.placement_corpus.evaluate import CORPUS

pytestmark = pytest.mark.django_db

NATASHA = "Natasha, God be with you. We will call you later. He is alive and healthy."


def quotes_of(text):
    return [
        (q.paragraph, q.text, q.speaker)
        for q in quotes_in([b.as_dict() for b in clean(text).blocks])
    ]


def test_quoted_speech_is_found_with_its_speaker(seed_text):
    found = quotes_of(seed_text("003"))
    assert (10, NATASHA, "One of the other women") in found
    assert any(
        text.startswith("These young men") and who == "A male voice" for _, text, who in found
    )


@pytest.mark.parametrize(
    ("paragraph", "quote", "speaker"),
    [
        (
            "The soldier’s mother replies: ‘I got you, I love you so much.’",
            "I got you, I love you so much.",
            "The soldier’s mother",
        ),
        (
            "“He’s alive and well,” the woman says down the phone.",
            "He’s alive and well,",
            "the woman",
        ),
        ("He said 'don't worry about me, mum' and cried.", "don't worry about me, mum", ""),
        ("She called it «a war we did not choose at all».", "a war we did not choose at all", ""),
    ],
)
def test_quotes_in_any_quotation_marks(paragraph, quote, speaker):
    ((_, text, who),) = quotes_of(f"Headline\n\n{paragraph}")
    assert text.strip(" ,") == quote.strip(" ,")
    assert who == speaker


def test_short_scare_quotes_are_not_speech():
    assert quotes_of("Headline\n\nThey called themselves 'cannon fodder' in the video.") == []


def test_translations_of_one_moment_group_together_by_themselves(seed_text):
    """003's wording and real other outlets' (tests/placement_corpus: Metro, 003.txt)."""
    metro = (CORPUS / "articles" / "003.txt").read_text(encoding="utf-8")
    quotes = [text for _, text, _ in quotes_of(seed_text("003")) + quotes_of(metro)]
    quotes.append("Your son is absolutely safe")
    groups = [[quotes[i] for i in members] for members in group_quotes(quotes)]
    natasha = next(group for group in groups if NATASHA in group)
    assert natasha == [
        NATASHA,
        "Don’t worry Natasha, he’s alive and well. You will get a call later.",
    ]


def test_imports_group_each_events_quotes(seeds, write_article):
    metro = (CORPUS / "articles" / "003.txt").read_text(encoding="utf-8")
    import_paths([write_article("metro.txt", metro)])
    group = Quote.objects.get(text=NATASHA).group
    assert group is not None and group.event.slug == "captured-soldier-calls"
    assert {q.article.source_name for q in group.quotes.all()} == {
        seeds["003"].source_name,
        "metro.txt",
    }


def test_an_editor_merges_002s_wording_and_imports_keep_the_group(
    seeds, write_article, editor_client
):
    metro = (CORPUS / "articles" / "003.txt").read_text(encoding="utf-8")
    import_paths([write_article("metro.txt", metro)])
    natasha = Quote.objects.get(text=NATASHA).group
    safe = Quote.objects.get(text="Your son is absolutely safe")
    lone = QuoteGroup.objects.create(event=natasha.event, label="Your son is absolutely safe")
    safe.group = lone
    safe.save()
    response = editor_client.post(
        "/admin/articles/quotegroup/",
        {"action": "merge", "_selected_action": [natasha.pk, lone.pk]},
    )
    assert response.status_code == 302
    natasha.refresh_from_db()
    assert natasha.edited and natasha.quotes.count() == 3
    import_paths(
        [
            write_article(
                "later.txt", "Video: soldier calls mother\n\n“Natasha, he is alive,” she said."
            )
        ]
    )
    assert Quote.objects.get(text="Your son is absolutely safe").group == natasha


def test_the_story_shows_each_outlets_wording_side_by_side(client, seeds, write_article):
    metro = (CORPUS / "articles" / "003.txt").read_text(encoding="utf-8")
    import_paths([write_article("metro.txt", metro)])
    page = client.get("/events/captured-soldier-calls/story/").content.decode()
    ledger = page.split('id="ledger-heading"')[1].split("</section>")[0]
    assert NATASHA in ledger and "<mark>" in ledger
    data = client.get("/events/captured-soldier-calls/story.json").json()
    group = next(g for g in data["quotes"] if any(v["text"] == NATASHA for v in g["variants"]))
    assert {v["article"] for v in group["variants"]} == {
        seeds["003"].slug,
        Article.objects.get(source_name="metro.txt").slug,
    }
    assert all(v["url"].endswith(f"#p{v['paragraph']}") for v in group["variants"])


def test_reimport_keeps_a_verified_wording(seeds, write_article):
    quote = Quote.objects.get(text=NATASHA)
    Quote.objects.filter(pk=quote.pk).update(verified=True)
    article = seeds["003"]
    import_paths([write_article(article.source_name, article.raw_text + "\n\nA late paragraph.")])
    assert Quote.objects.get(text=NATASHA, article=article).verified


def test_other_outlets_wordings_group_by_moment():
    """Wordings from real coverage (tests/quote_corpus.csv, with addresses), plus 003's: the
    English translations of the woman's words meet by themselves; an Italian one and 002's
    'Your son is absolutely safe' share too few words, and wait for an editor's merge."""
    import csv

    with open(CORPUS.parent / "quote_corpus.csv", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    quotes = [NATASHA, "Your son is absolutely safe", *(row["quote"] for row in rows)]
    moments = ["the woman to the mother on the phone", "", *(row["moment"] for row in rows)]
    groups = group_quotes(quotes)
    natasha = next(group for group in groups if 0 in group)
    assert sorted(natasha) == [0, 2, 3]  # 003, Global Village Space, Metro
    men = next(group for group in groups if 6 in group)
    assert sorted(men) == [6, 7] and {moments[i] for i in men} == {"a man off camera"}
    assert [4] in groups and [1] in groups  # Italian, and "absolutely safe": alone


def test_a_name_in_quotation_marks_is_not_speech():
    text = "Headline\n\nThe “I Want to Live” project and the 'Council of Mothers and Wives' met."
    assert quotes_of(text) == []
