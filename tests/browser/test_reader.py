"""The reader view on a phone and a desktop: paragraph numbers, their tools, notes in place."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from articles.services import annotate_passage

from .test_accessibility import audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
LONG_NOTE = "The woman is a volunteer from Kharkiv. " * 12


@pytest.fixture
def noted(site):
    article = Article.objects.get(source_name__startswith="004_")
    note = annotate_passage(article, 7, "who she calls Natasha", LONG_NOTE)
    return article, note


def box(locator):
    return locator.bounding_box()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_paragraph_link_on_a_phone_shows_its_number_beside_it(new_page, article_url, scheme):
    page = new_page(viewport=PHONE, color_scheme=scheme)
    page.goto(article_url("004") + "#p6")
    paragraph = page.locator("#p6 > p")
    number = page.locator("#p6 > .permalink")
    expect(number).to_have_text("¶6")
    expect(number).to_be_in_viewport()
    expect(paragraph).to_be_in_viewport()
    text, label = box(paragraph), box(number)
    assert label["x"] + label["width"] <= text["x"]  # beside it, in its gutter
    assert text["y"] - 4 <= label["y"] <= text["y"] + 24  # level with its first line
    tools = page.locator("#p6 > .paragraph-tools")
    expect(tools).to_be_visible()
    ris = tools.get_by_role("link", name="RIS").get_attribute("href")
    assert ris.endswith("/p6/cite.ris")
    expect(page.locator("#p7 > .paragraph-tools")).to_be_hidden()
    audit(page)


def test_paragraph_numbers_show_without_hover_on_a_desktop(new_page, article_url):
    page = new_page(viewport=DESKTOP)
    page.goto(article_url("004"))
    number = page.locator("#p3 > .permalink")
    expect(number).to_be_visible()
    assert box(number)["x"] + box(number)["width"] <= box(page.locator("#p3 > p"))["x"]


def test_copy_link_copies_the_paragraphs_share_address(new_page, article_url):
    page = new_page(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    page.goto(article_url("004"))
    page.locator("#p5 > .permalink").click()
    page.locator("#p5").get_by_role("button", name="Copy link").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.url.split("#")[0] + "p5/"


def test_a_note_link_on_a_phone_shows_the_passage_with_its_note(new_page, site, noted):
    article, note = noted
    page = new_page(viewport=PHONE)
    page.goto(f"{site}{article.get_absolute_url()}#note-{note.pk}")
    page.wait_for_load_state("load")
    expect(page.locator(f"#passage-{note.pk}")).to_be_in_viewport()
    expect(page.locator(f"#note-{note.pk} .note-kind")).to_be_in_viewport()
    audit(page)


def test_a_margin_note_leaves_no_hole_in_the_text(new_page, site, noted):
    article, note = noted
    page = new_page(viewport=DESKTOP)
    page.goto(f"{site}{article.get_absolute_url()}")
    note_box = box(page.locator(f"#note-{note.pk}"))
    paragraph, following = box(page.locator("#p7 > p")), box(page.locator("#p8"))
    assert note_box["x"] >= paragraph["x"] + paragraph["width"]  # in the margin
    assert note_box["height"] > paragraph["height"]  # the note is the taller one …
    assert following["y"] - (paragraph["y"] + paragraph["height"]) < 40  # … and no gap opens
    audit(page)


def test_a_cited_paragraphs_files_carry_the_original_and_the_paragraph_link(
    new_page, article_url, site
):
    article = Article.objects.get(source_name__startswith="004_")
    Article.objects.filter(pk=article.pk).update(source_url="https://example.org/original-story")
    page = new_page(viewport=PHONE)
    page.goto(article_url("004") + "#p5")
    paragraph_link = f"{site}{article.get_absolute_url()}p5/"
    for name in ("RIS", "BibTeX"):
        with page.expect_download() as download:
            page.locator("#p5 .paragraph-tools").get_by_role("link", name=name).click()
        text = download.value.path().read_text(encoding="utf-8")
        assert "https://example.org/original-story" in text, name
        assert paragraph_link in text, name
