"""Sources cited: found at import, anchored to their paragraphs, corrected by editors."""

import datetime

import pytest

from articles.citations import citations_in
from articles.cleaning import clean
from articles.importing import import_paths
from articles.models import Article, Citation

from .test_admin import CHANGE, article_form

pytestmark = pytest.mark.django_db


def found(text):
    blocks = [block.as_dict() for block in clean(text).blocks]
    return [(c.paragraph, c.kind, c.name) for c in citations_in(blocks)]


def test_the_embedded_tweet_of_002_is_a_source_with_its_handle_and_date(seeds):
    tweet = seeds["002"].citations.get(kind=Citation.Kind.POST)
    assert (tweet.name, tweet.handle) == ("Christopher Miller", "ChristopherJM")
    assert tweet.date == datetime.date(2022, 3, 2)
    assert tweet.url.startswith("https://")
    assert seeds["002"].blocks[tweet.paragraph - 1]["kind"] == "tweet"


def test_the_seeds_name_their_sources(seeds):
    def cited(number):
        return {(c.kind, c.name) for c in seeds[number].citations.all()}

    assert ("platform", "Telegram") in cited("002")
    assert ("outlet", "The New York Times") in cited("002")
    assert ("platform", "Reddit") in cited("004")
    assert ("person", "Viktor Lyashko") in cited("000")
    assert ("organisation", "State Border Guard Service of Ukraine") in cited("001")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The clip, first shared on TikTok, was seen millions of times.", ("platform", "TikTok")),
        ("A Twitter user posted the footage on Wednesday.", ("platform", "Twitter")),
        ("Russian troops surrendered, Reuters reported.", ("outlet", "Reuters")),
        ("KYIV (AFP) - A soldier called his mother.", ("outlet", "AFP")),
        ("The soldier told the BBC he was afraid.", ("outlet", "The BBC")),
        (
            "According to the Ministry of Defence, mothers may come to Kyiv.",
            ("organisation", "Ministry of Defence"),
        ),
        ("Anton Gerashchenko reported that the video was real.", ("person", "Anton Gerashchenko")),
    ],
)
def test_sources_are_found_in_any_outlets_words(sentence, expected):
    assert expected in [(kind, name) for _, kind, name in found(f"Headline\n\n{sentence}")]


@pytest.mark.parametrize(
    "sentence",
    [
        "According to this alleged translation, he said he was sorry.",
        "He told his mother he was safe.",
        "The soldier spoke on the phone to his family on Telegram Street.",
    ],
)
def test_no_one_in_particular_is_not_a_source(sentence):
    assert [kind for _, kind, _ in found(f"Headline\n\n{sentence}")] in ([], ["platform"])
    assert ("person", "Telegram Street") not in found(f"Headline\n\n{sentence}")


def test_sources_are_anchored_to_their_paragraph():
    text = "Headline\n\nFirst paragraph.\n\nThe video was posted on Reddit."
    assert found(text) == [(2, "platform", "Reddit")]


def test_an_editors_rulings_survive_reimport(seeds, editor_client, write_article):
    article = seeds["002"]
    wrong = article.citations.get(name="Telegram")
    data = article_form(
        article,
        **{
            "citations-TOTAL_FORMS": "1",
            "citations-INITIAL_FORMS": "1",
            "citations-0-id": wrong.pk,
            "citations-0-article": article.pk,
            "citations-0-paragraph": wrong.paragraph,
            "citations-0-kind": wrong.kind,
            "citations-0-name": wrong.name,
            "citations-0-rejected": "on",
        },
    )
    response = editor_client.post(CHANGE.format(article.pk), data)
    assert response.status_code == 302
    import_paths([write_article(article.source_name, article.raw_text + "\n\nA late paragraph.")])
    telegram = Article.objects.get(pk=article.pk).citations.filter(name="Telegram")
    assert [(c.source, c.rejected) for c in telegram] == [("editor", True)]
    page = editor_client.get(article.get_absolute_url()).content.decode()
    sources = page.split('id="sources-heading"')[1].split("</section>")[0]
    assert "Telegram" not in sources and "ChristopherJM" in sources


def test_a_platform_written_with_letters_case_blind_matching_takes_for_its_own():
    # re.IGNORECASE matches İ and ı to i, and ſ to s; lower() does not map them back.
    assert found("Headline\n\nThe clip was posted by a TİkTok user and shared on Inſtagram.") == [
        (1, "platform", "Instagram"),
        (1, "platform", "TikTok"),
    ]
