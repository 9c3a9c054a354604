"""axe-core on every page type, light and dark: zero violations, no rule disabled."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Axe()

# name: (address, or the seed article's prefix; expected status; text the page must show, so
# that a wrong page cannot pass the audit)
PAGES = {
    "home": ("/", 200, "Recently added"),
    "list": ("/articles/", 200, "5 articles"),
    "search": ("/articles/?q=Natasha", 200, "2 articles"),
    "search-no-results": ("/articles/?q=zzzzqqq", 200, "Nothing matches"),
    "invalid-filter": ("/articles/?date_after=2022-13-01", 200, "This filter was ignored."),
    "event": ("/events/farewells/", 200, "2 articles"),
    "story": ("/events/captured-soldier-calls/story/", 200, "Sources cited"),
    "article-with-tweet": ("002", 200, "on Twitter"),
    "article-with-captions": ("003", 200, "Caption"),
    "not-found": ("/articles/no-such-article/", 404, "Page not found"),
    "notes": ("/notes/", 200, "Editors’ notes and corrections"),
    "bad-notes-kind": ("/notes/?kind=nonsense", 400, "No such kind of note"),
    # No Ukrainian name or summary yet: the English ones, labelled "in English".
    "event-ukrainian": ("/uk/events/farewells/", 200, "Прощання"),
}
DARK = [
    "home",
    "search",
    "event",
    "story",
    "article-with-tweet",
    "article-with-captions",
    "not-found",
    "notes",
    "event-ukrainian",
]
CASES = [(name, "light") for name in PAGES] + [(name, "dark") for name in DARK]
DARK_BACKGROUND = "rgb(22, 22, 20)"  # --bg in the dark scheme


def audit(page):
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.mark.parametrize(("name", "scheme"), CASES, ids=[f"{n}-{s}" for n, s in CASES])
def test_page_has_no_axe_violations(site, article_url, new_page, name, scheme):
    address, status, text = PAGES[name]
    url = article_url(address) if address.isdigit() else site + address
    page = new_page(color_scheme=scheme)

    response = page.goto(url)

    assert response.status == status
    expect(page.locator("main")).to_contain_text(text)
    if scheme == "dark":
        expect(page.locator("body")).to_have_css("background-color", DARK_BACKGROUND)
    if name.startswith("article"):
        # Audit the original text, with its marked changes, too.
        page.get_by_text("Show the original text with cleaning marked").click()
        expect(page.locator(".original-text")).to_be_visible()
    audit(page)


def test_focused_skip_link_has_no_axe_violations(site, page):
    """The skip link is off-screen until focused: audit its contrast once it is on screen."""
    page.goto(site + "/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_in_viewport()
    audit(page)
