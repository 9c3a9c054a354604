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


def test_an_editor_annotates_a_passage_and_readers_see_it(page, site, editor):
    article = Article.objects.get(source_name__startswith="004_")

    page.goto(f"{site}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("edith")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{site}/admin/")

    page.goto(f"{site}/admin/articles/article/{article.pk}/change/")
    page.locator("ol.rr-paragraphs li").nth(6).get_by_role("link", name="Annotate").click()
    page.get_by_text("Copy the exact words from paragraph 7").wait_for()
    page.get_by_label("Quote").fill("who she calls Natasha")
    page.get_by_label("Kind").select_option("verification")
    page.get_by_label("Body").fill("Her name is confirmed by **two** sources.")
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
