"""What a reader does, in a real Chromium: browse, filter, search, cite a paragraph, on a phone,
without JavaScript, from the keyboard."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
PANEL_LIGHT = "rgb(243, 240, 232)"  # --panel: the background of the :target paragraph


def result_count(page):
    return page.locator(".result-count")


def test_browse_from_home_to_an_event_and_open_an_article(site, page):
    page.goto(site + "/")
    events = page.get_by_role("region", name="Events")
    expect(events.get_by_role("listitem").filter(has_text="Farewells")).to_contain_text(
        "2 articles"
    )

    events.get_by_role("link", name="Farewells").click()

    expect(page).to_have_url(site + "/events/farewells/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Farewells")
    expect(result_count(page)).to_contain_text("2 articles")
    cards = page.locator(".results .card-title a")
    expect(cards).to_have_count(2)
    headline = cards.first.inner_text()

    cards.first.click()

    expect(page).to_have_url(re.compile(r"/articles/[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(headline)
    expect(page.locator(".facts")).to_contain_text("Farewells")
    expect(page.locator(".reading-text p").first).to_be_visible()


def test_filter_by_event_then_remove_the_filter(site, page):
    page.goto(site + "/articles/")
    expect(result_count(page)).to_contain_text("5 articles")
    expect(page.locator(".active-filters")).to_have_count(0)

    event_facet = page.get_by_role("region", name="Event")
    event_facet.get_by_role("link", name="Captured-soldier calls").click()

    expect(page).to_have_url(site + "/articles/?event=captured-soldier-calls")
    expect(result_count(page)).to_contain_text("3 articles")
    expect(page.locator(".results .card")).to_have_count(3)
    chip = page.locator(".active-filters li")
    expect(chip).to_have_count(1)
    expect(chip).to_contain_text("Event: Captured-soldier calls")
    expect(event_facet.locator("[aria-current]")).to_contain_text("Captured-soldier calls")

    chip.get_by_role("link", name="Remove filter Event: Captured-soldier calls").click()

    expect(page).not_to_have_url(re.compile("event=captured"))
    expect(result_count(page)).to_contain_text("5 articles")
    expect(page.locator(".results .card")).to_have_count(5)
    expect(page.locator(".active-filters")).to_have_count(0)


def test_search_from_the_header_highlights_the_matches(site, page):
    page.goto(site + "/events/farewells/")

    search = page.get_by_role("banner").get_by_role("searchbox", name="Search the articles")
    search.fill("Natasha")
    search.press("Enter")

    expect(page).to_have_url(site + "/articles/?q=Natasha")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search: Natasha")
    expect(result_count(page)).to_contain_text("2 articles")  # seeds 003 and 004 name her
    snippets = page.locator(".results .card .snippet")
    expect(snippets).to_have_count(2)
    for snippet in snippets.all():
        expect(snippet.locator("mark").first).to_have_text(re.compile("^Natasha$", re.I))
    # The highlight is a visible background, not only markup.
    mark_background = snippets.locator("mark").first.evaluate(
        "mark => getComputedStyle(mark).backgroundColor"
    )
    assert mark_background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_paragraph_permalink_targets_its_paragraph(article_url, page):
    url = article_url("002")
    page.goto(url)
    paragraph = page.locator("#p3")

    paragraph.locator("a.permalink").click()

    expect(page).to_have_url(url + "#p3")
    assert page.evaluate("document.querySelector(':target')?.id") == "p3"
    expect(paragraph).to_be_in_viewport()
    expect(paragraph.locator("> p")).to_have_css("background-color", PANEL_LIGHT)


def test_opening_a_paragraph_address_scrolls_to_it(article_url, page):
    url = article_url("003") + "#p20"
    page.goto(url)

    assert page.evaluate("document.querySelector(':target')?.id") == "p20"
    expect(page.locator("#p20")).to_be_in_viewport()
    expect(page.locator("#p1")).not_to_be_in_viewport()


@pytest.mark.parametrize("width", [360, 1000, 1280])
def test_focused_permalink_is_on_screen_and_follows_with_enter(article_url, new_page, width):
    """From the keyboard the ¶ link must be seen where it is focused, at every width."""
    page = new_page(viewport={"width": width, "height": 800})
    url = article_url("002")
    page.goto(url)
    link = page.locator("#p3 a.permalink")

    link.focus()

    expect(link).to_be_focused()
    expect(link).to_be_in_viewport(ratio=1)
    expect(link).to_have_css("opacity", "1")
    page.keyboard.press("Enter")
    expect(page).to_have_url(url + "#p3")


@pytest.mark.parametrize(
    "address",
    [
        "002",
        "003",
        "/articles/",
        "/articles/?q=Natasha",
        "/articles/?event=farewells&date_after=2022-13-01",
        "/events/captured-soldier-calls/",
        "/",
        "/no-such-page/",
    ],
)
def test_pages_fit_a_360px_screen(site, article_url, new_page, address):
    page = new_page(viewport=PHONE)
    page.goto(article_url(address) if address.isdigit() else site + address)

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    headline = page.get_by_role("heading", level=1)
    expect(headline).to_be_visible()
    expect(headline).to_be_in_viewport(ratio=1)
    # A search box on the first screen: the banner's, or on the home page its own big one.
    expect(page.get_by_role("searchbox").first).to_be_in_viewport(ratio=1)
    if address.isdigit():
        # The original text is long lines of verbatim text: it must wrap too.
        page.get_by_text("Show the original text with cleaning marked").click()
        expect(page.locator(".original-text")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_without_javascript_filters_submit_and_copy_buttons_stay_hidden(
    site, article_url, new_page
):
    page = new_page(java_script_enabled=False)
    page.goto(site + "/articles/")

    page.get_by_role("region", name="Event").get_by_role("link", name="Farewells").click()
    page.get_by_role("region", name="Sort").get_by_role("link", name="Headline A–Z").click()
    page.locator(".filter-form").get_by_role("searchbox").fill("goodbye")
    page.get_by_role("button", name="Apply").click()

    # Without JavaScript the form sends its empty date fields: they are harmless.
    expect(page).to_have_url(re.compile(r"event=farewells&sort=headline&q=goodbye"))
    expect(result_count(page)).to_contain_text("2 articles")
    expect(result_count(page)).to_contain_text("sorted by headline")
    expect(page.locator(".active-filters li")).to_have_text(
        [re.compile("Search: goodbye"), re.compile("Event: Farewells")]
    )

    page.goto(article_url("002"))
    copy_buttons = page.locator("button.copy")
    assert copy_buttons.count() > 4  # the permalink's, each style's, each paragraph's
    for button in copy_buttons.all():
        expect(button).to_be_hidden()
    expect(page.locator("a.permalink-url")).to_be_visible()
    expect(page.locator(".citations")).to_be_visible()


def test_with_javascript_the_copy_buttons_copy(article_url, new_page):
    """The counterpart of the test above: copy.js runs under the CSP and shows the buttons."""
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    url = article_url("002")
    page.goto(url)
    # By selector: the button's name changes when it is used.
    button = page.locator(f'.share button.copy[data-copy="{url}"]')
    expect(button).to_have_text("Copy link")
    expect(button).to_be_visible()

    button.click()

    expect(button).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == url
    page.get_by_role("button", name="Copy the APA citation").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"(Reading Room copy: {url})") and "<i>" not in copied


@pytest.mark.parametrize("address", ["/", "002"])
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(site, article_url, page, address):
    page.goto(article_url(address) if address.isdigit() else site + address)
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).not_to_be_in_viewport()

    page.keyboard.press("Tab")

    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport(ratio=1)
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    assert page.url.endswith("#main")
