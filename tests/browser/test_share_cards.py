"""A shared paragraph's page in a real Chromium: it opens at the paragraph, on a phone, with
the site's own fonts and nothing from elsewhere, and axe finds nothing on it."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import DARK_BACKGROUND, audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
PANEL = {"light": "rgb(243, 240, 232)", "dark": "rgb(34, 33, 30)"}  # --panel


@pytest.fixture
def paragraph_url(article_url):
    return article_url("003") + "p3/"


def test_a_paragraph_page_opens_at_its_paragraph_on_a_phone(paragraph_url, new_page):
    page = new_page(viewport=PHONE)
    requests, failed = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))

    page.goto(paragraph_url)

    expect(page).to_have_url(paragraph_url + "#p3")
    paragraph = page.locator("#p3")
    expect(paragraph).to_be_in_viewport()
    expect(page.locator("#p1")).not_to_be_in_viewport()
    expect(paragraph.locator("> p")).to_have_css("background-color", PANEL["light"])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px \"Source Serif 4\"')")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert {"Source Serif 4", "Source Sans 3"} <= set(loaded), loaded
    site = paragraph_url.split("/articles/")[0]
    assert [url for url in requests if not url.startswith(site)] == []
    assert any("/static/fonts/source-serif-4-latin-400-normal" in url for url in requests)
    assert failed == []


def test_without_javascript_the_paragraph_is_marked_and_a_link_jumps_to_it(paragraph_url, new_page):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(paragraph_url)
    paragraph = page.locator("#p3")
    expect(paragraph.locator("> p")).to_have_css("background-color", PANEL["light"])

    page.get_by_role("link", name="jump to it").click()

    expect(page).to_have_url(paragraph_url + "#p3")
    expect(paragraph).to_be_in_viewport()


def test_a_paragraph_share_link_opens_its_page(article_url, page):
    page.goto(article_url("003"))

    page.get_by_role("link", name="Paragraph 3: link and citation").click()
    page.get_by_role("link", name="Share paragraph 3", exact=True).click()

    expect(page).to_have_url(article_url("003") + "p3/#p3")
    expect(page.locator("#p3")).to_be_in_viewport()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_paragraph_page_has_no_axe_violations(paragraph_url, new_page, scheme):
    page = new_page(color_scheme=scheme)

    response = page.goto(paragraph_url)

    assert response.status == 200
    expect(page.locator(".shared-paragraph-notice")).to_contain_text("paragraph 3")
    expect(page.locator("#p3 > p")).to_have_css("background-color", PANEL[scheme])
    if scheme == "dark":
        expect(page.locator("body")).to_have_css("background-color", DARK_BACKGROUND)
    audit(page)
