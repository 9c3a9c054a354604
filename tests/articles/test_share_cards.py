"""Share cards: the PNG a shared link shows, the paragraph pages, and what they tell crawlers."""

import io
import json
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape
from PIL import Image, ImageDraw

from articles import services, share_cards, sharing
from articles.models import Article, SlugRedirect
from articles.share_views import article_for_card

pytestmark = pytest.mark.django_db

CYRILLIC = "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯабвгґдеєжзиіїйклмнопрстуфхцчшщьюяЁёЪъЫыЭэ"
LONG_HEADLINE = (
    "Captured Russian prisoner sobs as he tells his mother Putin's forces have destroyed "
    "kindergartens and hospital wards - and begs her to spread the truth back home, in a "
    "video watched by millions"
)


def html(response):
    return response.content.decode()


def meta(page, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', page)
    assert found, f"no {name} meta tag"
    return found.group(1)


def schema_of(page):
    return json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])


def png_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    return Image.open(io.BytesIO(response.content))


@pytest.fixture
def article(seeds):
    return seeds["002"]


def card_url(article, number=None):
    if number is None:
        return reverse("articles:card", args=[article.slug])
    return reverse("articles:paragraph-card", args=[article.slug, number])


def test_the_article_card_is_a_1200_by_630_png(client, article):
    image = png_of(client.get(card_url(article)))

    assert image.format == "PNG"
    assert image.size == (1200, 630)
    assert image.mode == "RGB"


def test_a_paragraph_card_is_a_png_of_its_own(client, article):
    article_card = client.get(card_url(article)).content
    third, fourth = client.get(card_url(article, 3)), client.get(card_url(article, 4))

    assert png_of(third).size == (1200, 630)
    assert third.content != article_card
    assert third.content != fourth.content


def test_the_site_card_is_a_png(client):
    assert png_of(client.get("/card.png")).size == (1200, 630)


@pytest.mark.parametrize("number", [0, 999, 10**30])
def test_a_paragraph_the_article_does_not_have_is_not_found(client, article, number):
    assert client.get(card_url(article, number)).status_code == 404
    assert client.get(f"{article.get_absolute_url()}p{number}/").status_code == 404


@pytest.mark.parametrize("suffix", ["p/", "px/", "p-1/", "p3.5/", "p3/card.jpg", "p3/x"])
def test_a_malformed_paragraph_address_is_not_found(client, article, suffix):
    assert client.get(article.get_absolute_url() + suffix).status_code == 404


@pytest.mark.parametrize("path", ["card.png", "p3/card.png", "p3/"])
def test_a_hidden_article_has_no_card_and_no_paragraph_page(client, article, path):
    services.set_status([article], Article.Status.HIDDEN)

    assert client.get(article.get_absolute_url() + path).status_code == 404


@pytest.mark.parametrize("path", ["card.png", "p3/card.png", "p3/"])
def test_an_old_slug_redirects_to_the_same_card_or_paragraph(client, article, path):
    SlugRedirect.objects.create(old_slug="an-old-address", article=article)

    response = client.get(f"/articles/an-old-address/{path}")

    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url() + path


def test_a_card_is_drawn_once_then_served_from_the_cache(client, settings, article):
    settings.PAGE_CACHE_ENABLED = False  # the page cache would answer before the view
    key = share_cards.article_card(article_for_card(article.slug)).cache_key
    assert cache.get(key) is None

    drawn = client.get(card_url(article)).content

    assert cache.get(key) == drawn
    cache.set(key, b"the stored card")
    assert client.get(card_url(article)).content == b"the stored card"


def test_a_card_is_drawn_again_only_when_what_it_shows_changes(article):
    def key():
        return share_cards.article_card(article_for_card(article.slug)).cache_key

    before = key()
    services.set_status([article], Article.Status.PUBLISHED)
    assert key() == before
    Article.objects.filter(pk=article.pk).update(headline="Another headline")
    assert key() != before


def test_the_page_cache_keeps_a_card_and_answers_a_revalidation(client, article):
    first = client.get(card_url(article))
    second = client.get(card_url(article))
    unchanged = client.get(card_url(article), headers={"If-None-Match": first["ETag"]})

    assert "stored" in first["Cache-Status"]
    assert second["Cache-Status"] == "ReadingRoom; hit"
    assert second["Content-Type"] == "image/png"
    assert second.content == first.content
    assert "public" in second["Cache-Control"]
    assert unchanged.status_code == 304


def test_the_paragraph_page_describes_its_paragraph(client, article):
    text = article.blocks[2]["text"]
    page = html(client.get(f"{article.get_absolute_url()}p3/"))

    assert meta(page, "property", "og:description") == escape(sharing.shortened(text, 200))
    assert meta(page, "property", "og:image") == f"http://testserver{card_url(article, 3)}"
    assert meta(page, "name", "twitter:image") == f"http://testserver{card_url(article, 3)}"
    assert meta(page, "name", "twitter:card") == "summary_large_image"
    assert meta(page, "property", "og:title") == escape(f"{article.headline}, paragraph 3")
    assert "paragraph 3 of" in meta(page, "property", "og:image:alt")
    canonical = f"http://testserver{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in page


def test_the_paragraph_page_marks_its_paragraph_and_links_to_it(client, article):
    page = html(client.get(f"{article.get_absolute_url()}p3/"))

    assert 'class="block block-paragraph shared" id="p3"' in page
    assert page.count(' shared" id=') == 1
    assert 'You were sent paragraph 3 — <a href="#p3">jump to it</a>' in page
    assert "js/shared-paragraph.js" in page


def test_the_article_page_shares_its_card_without_the_site_name_in_its_title(client, article):
    page = html(client.get(article.get_absolute_url()))

    assert meta(page, "property", "og:image") == f"http://testserver{card_url(article)}"
    assert meta(page, "property", "og:image:width") == "1200"
    assert meta(page, "property", "og:image:height") == "630"
    assert meta(page, "property", "og:image:alt") == escape(
        # The seed names no outlet; the headline is shortened as schema.org's is.
        f"Card: {sharing.shortened(article.headline, 110)} — Unknown outlet"
    )
    assert meta(page, "property", "og:title") == escape(article.headline)
    assert meta(page, "name", "twitter:title") == escape(article.headline)
    assert f"<title>{escape(article.headline)} · Reading Room</title>" in page
    assert schema_of(page)["image"] == f"http://testserver{card_url(article)}"
    assert "shared-paragraph" not in page
    assert f'href="{article.get_absolute_url()}p3/"' in page


def test_a_list_page_shares_the_site_card(client, seeds):
    page = html(client.get("/articles/"))

    assert meta(page, "property", "og:image") == "http://testserver/card.png"
    assert meta(page, "property", "og:title") == "All articles"
    assert meta(page, "name", "twitter:card") == "summary_large_image"


def test_the_schema_headline_is_cut_at_a_word(client, article):
    Article.objects.filter(pk=article.pk).update(headline=LONG_HEADLINE)

    headline = schema_of(html(client.get(article.get_absolute_url())))["headline"]

    assert len(headline) <= 110
    assert headline.endswith("…")
    assert LONG_HEADLINE.startswith(headline[:-1])
    assert LONG_HEADLINE[len(headline) - 1] == " "


def test_date_modified_is_when_the_reader_visible_content_last_changed(client, settings, article):
    settings.PAGE_CACHE_ENABLED = False  # no commit here to start a new generation

    def date_modified():
        return schema_of(html(client.get(article.get_absolute_url())))["dateModified"]

    imported = date_modified()
    services.set_status([article], Article.Status.PUBLISHED)  # saved, nothing visible changed
    assert Article.objects.get(pk=article.pk).updated_at.isoformat() > imported
    assert date_modified() == imported

    article.refresh_from_db()
    article.headline = "A corrected headline"
    article.save()
    assert date_modified() > imported


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        (200, "One sentence here that is long enough. Another one that runs past the end."),
        (60, "One sentence here that is long enough. …"),
        (30, "One sentence here that is…"),
    ],
)
def test_shortened_text_ends_at_a_sentence_or_a_word(limit, expected):
    text = "One  sentence here that is long enough.\nAnother one that runs past the end."
    assert sharing.shortened(text, limit) == expected


def test_lines_are_wrapped_to_the_card_width():
    face = share_cards.font(share_cards.REGULAR, 40)
    lines = share_cards.wrapped(LONG_HEADLINE + " " + "x" * 200, face, share_cards.TEXT_WIDTH)

    assert len(lines) > 3
    assert all(face.getlength(line) <= share_cards.TEXT_WIDTH for line in lines)
    assert " ".join(lines[:3]).startswith("Captured Russian prisoner sobs")


def test_a_long_headline_is_drawn_smaller():
    def size(headline):
        face, _ = share_cards.fitted(
            headline, share_cards.BOLD, share_cards.HEADLINE_SIZES, share_cards.TEXT_WIDTH, 4
        )
        return face.size

    assert size("Soldier's farewell") > size(LONG_HEADLINE)


def test_a_headline_too_long_for_the_card_ends_in_an_ellipsis():
    face, lines = share_cards.fitted(
        LONG_HEADLINE * 4, share_cards.BOLD, share_cards.HEADLINE_SIZES, share_cards.TEXT_WIDTH, 4
    )

    assert len(lines) == 4
    assert lines[-1].endswith("…")
    assert face.size == share_cards.HEADLINE_SIZES[-1]


def test_the_card_font_draws_cyrillic():
    """Each letter has a glyph of its own: none is drawn as the missing-glyph box."""
    face = share_cards.font(share_cards.BOLD, 40)

    def drawn(letter):
        image = Image.new("L", (60, 60))
        ImageDraw.Draw(image).text((5, 5), letter, font=face, fill=255)
        return image.tobytes()

    missing = drawn("\u4e00")  # a CJK ideograph, not in the font
    for letter in CYRILLIC:
        assert drawn(letter) != missing, letter


def test_a_ukrainian_card_is_drawn():
    card = share_cards.Card("Український солдат прощається з родиною", "Українська правда")
    image = Image.open(io.BytesIO(share_cards.draw(card)))
    assert image.size == (1200, 630)
