"""The list's facets in a real Chromium: on a phone the results first and the filters one tap
away; on a desktop a sidebar; axe-clean in light and dark at both widths."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
AXE = Axe()


def audit(page):
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("address", ["/articles/?date_after=2022-03-01", "/events/farewells/"])
def test_on_a_phone_results_come_first_and_filters_are_one_tap_away(
    site, new_page, scheme, address
):
    page = new_page(viewport=PHONE, color_scheme=scheme)
    page.goto(site + address)
    summary = page.locator("details.filters-panel > summary")
    facet_link = page.locator(".facet a").first

    expect(facet_link).to_be_hidden()
    if address.startswith("/articles/"):
        expect(summary).to_have_text("Filters (1 active)")
        first_result = page.locator(".results .card").first
        box = first_result.bounding_box()
        assert box["y"] < PHONE["height"], f"the first result starts at y={box['y']}"
    audit(page)

    summary.click()

    expect(facet_link).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    audit(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_on_a_desktop_the_facets_are_a_sidebar(site, new_page, scheme, javascript):
    page = new_page(viewport=DESKTOP, color_scheme=scheme, java_script_enabled=javascript)
    page.goto(site + "/articles/")

    expect(page.locator("details.filters-panel > summary")).to_be_hidden()
    event_facet = page.get_by_role("region", name="Event")
    expect(event_facet.get_by_role("listitem")).to_have_text(
        [re.compile(r"Captured-soldier calls\s+3"), re.compile(r"Farewells\s+2")]
    )
    sidebar = page.locator(".filters").bounding_box()
    results = page.locator(".results").bounding_box()
    assert sidebar["x"] + sidebar["width"] <= results["x"]
    if javascript:  # axe runs in the page
        audit(page)


def test_the_filter_form_leaves_empty_fields_out_of_the_address(site, page):
    page.goto(site + "/articles/?event=captured-soldier-calls&outlet=&tag=")
    page.set_viewport_size({"width": 1280, "height": 800})

    page.locator(".filter-form").get_by_role("searchbox").fill("mother")
    page.get_by_role("button", name="Apply").click()

    expect(page).to_have_url(site + "/articles/?event=captured-soldier-calls&q=mother")
    expect(page.locator(".result-count")).to_contain_text("3 articles")


def test_including_undated_articles_from_the_date_range(site, page):
    page.goto(site + "/articles/?date_after=2022-03-01")
    expect(page.locator(".result-count")).to_contain_text("1 article")

    page.get_by_role("link", name="include them").click()

    expect(page).to_have_url(site + "/articles/?date_after=2022-03-01&undated=include")
    expect(page.locator(".result-count")).to_contain_text("5 articles")
    expect(page.get_by_role("checkbox", name="Include undated articles")).to_be_checked()
