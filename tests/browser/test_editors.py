"""An editor annotates a passage in the real admin; readers see the note beside it."""

import pytest
from django.contrib.auth.models import Group, Permission, User

from articles.editors import ensure_editors_group
from articles.models import Annotation, Article

pytestmark = pytest.mark.browser

PASSWORD = "a-long-editor-password"


@pytest.fixture
def editor(site):
    user = User.objects.create_user("edith", password=PASSWORD, is_staff=True)
    user.groups.add(ensure_editors_group(Group, Permission))
    return user


def sign_in(page, site):
    page.goto(f"{site}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("edith")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{site}/admin/")


def test_an_editor_annotates_a_passage_and_readers_see_it(page, site, editor):
    article = Article.objects.get(source_name__startswith="004_")
    sign_in(page, site)

    page.goto(f"{site}/admin/articles/article/{article.pk}/change/")
    page.locator("ol.rr-paragraphs li").nth(6).get_by_role("link", name="Annotate").click()
    page.locator(".field-paragraph_text").get_by_text("who she calls Natasha").wait_for()
    page.get_by_label("Quote").fill("who she calls Natasha")
    page.get_by_label("Kind").select_option("verification")
    page.get_by_label("Visibility").select_option("public")
    page.get_by_label("Body:", exact=True).fill("Her name is confirmed by **two** sources.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{site}/admin/articles/annotation/")

    note = Annotation.objects.get()
    assert (note.paragraph, note.author, note.kind) == (7, editor, "verification")

    page.goto(site + article.get_absolute_url())
    passage = page.locator(f"#p7 mark#passage-{note.pk}")
    assert passage.inner_text() == "who she calls Natasha"
    aside = page.locator(f"#p7 #note-{note.pk}")
    assert "Verification" in aside.inner_text()
    assert aside.locator("strong").inner_text() == "two"

    page.locator(f'#p7 a.note-ref[href="#note-{note.pk}"]').click()
    page.wait_for_url(f"**#note-{note.pk}")
    assert page.evaluate(f"document.querySelector('#note-{note.pk}').matches(':target')")
    assert aside.is_visible()

    page.goto(f"{site}{article.get_absolute_url()}#note-{note.pk}")
    assert aside.is_visible()


def select_words(page, paragraph, words):
    """Select `words` inside the paragraph's text, as a mouse would."""
    page.evaluate(
        """([selector, words]) => {
            const paragraph = document.querySelector(selector);
            const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const start = walker.currentNode.data.indexOf(words);
                if (start === -1) continue;
                const range = document.createRange();
                range.setStart(walker.currentNode, start);
                range.setEnd(walker.currentNode, start + words.length);
                getSelection().removeAllRanges();
                getSelection().addRange(range);
                return;
            }
            throw new Error("words not found");
        }""",
        [f"#{paragraph} > p", words],
    )


def test_an_editor_selects_words_previews_the_draft_and_publishes_it(new_page, site, editor):
    article = Article.objects.get(source_name__startswith="004_")
    page = new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, site)
    page.goto(site + article.get_absolute_url())

    select_words(page, "p7", "who she calls Natasha")
    annotate = page.get_by_role("link", name="Annotate this passage")
    annotate.click()

    page.wait_for_url("**/admin/articles/annotation/add/**")
    assert page.get_by_label("Quote").input_value().strip() == "who she calls Natasha"
    assert page.get_by_label("Visibility").input_value() == "internal"  # a draft
    page.get_by_label("Body:", exact=True).fill("Her name, *as the woman says it*.")
    with page.context.expect_page() as preview_opened:
        page.get_by_role("button", name="Preview as readers will see it").click()
    preview = preview_opened.value
    preview.wait_for_load_state()
    assert "Preview: nothing is saved." in preview.locator(".notice-preview").inner_text()
    assert preview.locator("mark.passage").inner_text() == "who she calls Natasha"
    assert preview.locator(".note-body em").inner_text() == "as the woman says it"
    assert not Annotation.objects.exists()

    page.get_by_label("Visibility").select_option("public")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{site}/admin/articles/annotation/")
    note = Annotation.objects.get()
    assert (note.paragraph, note.quote, note.author) == (7, "who she calls Natasha", editor)

    reader = new_page()
    reader.goto(site + article.get_absolute_url())
    signed = reader.locator(f"#note-{note.pk} .note-signed").inner_text()
    assert signed.startswith("The editors · added ")  # edith gave no name


def test_an_editor_previews_a_hidden_article_readers_get_404(new_page, site, editor):
    article = Article.objects.get(source_name__startswith="004_")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.HIDDEN)
    reader = new_page()
    assert reader.goto(site + article.get_absolute_url()).status == 404

    page = new_page()
    sign_in(page, site)
    response = page.goto(site + article.get_absolute_url())
    assert response.status == 200
    assert "no-cache" in response.headers["cache-control"]
    assert response.headers["x-robots-tag"] == "noindex"
    assert "Not public: hidden." in page.locator(".notice-preview").inner_text()
