"""A reader who follows a link shared before there were translations, then switches language."""

import pytest
from playwright.sync_api import expect

from articles.models import Event
from tests.browser.test_accessibility import audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def switch_to(page, language):
    page.locator(".language-switcher").get_by_role("link", name=language).click()


def test_a_shared_paragraph_link_opens_in_each_language_at_its_paragraph(article_url, page):
    shared = article_url("003") + "p3/"
    page.goto(shared)
    expect(page.locator(".shared-paragraph-notice")).to_contain_text("paragraph 3")

    switch_to(page, "Українська")

    expect(page).to_have_url(shared.replace("/articles/", "/uk/articles/") + "#p3")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator(".shared-paragraph-notice")).to_contain_text("абзац 3")
    expect(page.locator("#p3")).to_be_in_viewport()
    expect(page.get_by_role("navigation", name="Мова")).to_be_visible()

    switch_to(page, "Русский")

    expect(page).to_have_url(shared.replace("/articles/", "/ru/articles/") + "#p3")
    expect(page.locator(".shared-paragraph-notice")).to_contain_text("абзац 3")
    expect(page.locator("#p3")).to_be_in_viewport()

    switch_to(page, "English")

    expect(page).to_have_url(shared + "#p3")
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")


def test_a_shared_filtered_list_keeps_its_filters_in_another_language(site, page):
    page.goto(site + "/articles/?event=farewells&sort=oldest")

    switch_to(page, "Українська")

    expect(page).to_have_url(site + "/uk/articles/?event=farewells&sort=oldest")
    expect(page.locator(".result-count")).to_contain_text("2 статті")
    expect(page.locator(".result-count")).to_contain_text("відсортовано від старіших")

    page.get_by_role("link", name="Читальна зала", exact=True).click()

    expect(page).to_have_url(site + "/uk/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Читальна зала")


@pytest.mark.parametrize("address", ["/uk/", "/ru/articles/?q=Natasha", "/uk/events/farewells/"])
def test_translated_pages_have_no_axe_violations(site, page, address):
    response = page.goto(site + address)

    assert response.status == 200
    audit(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_english_fallback_is_marked_and_has_no_axe_violations(site, new_page, scheme):
    Event.objects.filter(slug="farewells").update(name_uk="", summary_uk="")
    page = new_page(color_scheme=scheme)

    page.goto(site + "/uk/events/farewells/")

    heading = page.get_by_role("heading", level=1)
    expect(heading.locator('[lang="en"]')).to_have_text("Farewells")
    expect(heading.locator(".in-english")).to_have_text("англійською")
    audit(page)
