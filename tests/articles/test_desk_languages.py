"""The editors' desk in the browser's language: the reading room's own names and labels too,
not only the words Django's admin brings."""

import re

import pytest

pytestmark = pytest.mark.django_db

# What the desk's index calls each part of the reading room, by the model's address.
INDEX_NAMES = {
    "uk": {
        "article": "Статті",
        "annotation": "Примітки",
        "event": "Події",
        "clip": "Відео",
        "outlet": "Видання",
        "quotegroup": "Групи цитат",
        "tag": "Теги",
    },
    "ru": {
        "article": "Статьи",
        "annotation": "Примечания",
        "event": "События",
        "clip": "Видео",
        "outlet": "Издания",
        "quotegroup": "Группы цитат",
        "tag": "Теги",
    },
}
APP_NAMES = {"uk": "Читальна зала", "ru": "Читальный зал"}
# Labels of the article's page, and the English each replaces.
ARTICLE_LABELS = {
    "uk": {"Headline": "Заголовок", "Published on": "Дата публікації", "Status": "Статус"},
    "ru": {"Headline": "Заголовок", "Published on": "Дата публикации", "Status": "Статус"},
}
ENGLISH_INDEX_NAMES = ["Articles", "Annotations", "Events", "Clips", "Outlets", "Quote groups"]


def page(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def model_link_names(text):
    """Each model's name as the index links it: {"article": "Articles", …}. The name comes
    first; a "Change" link to the same address follows it."""
    names = {}
    for model, name in re.findall(r'<a href="/admin/articles/(\w+)/"[^>]*>([^<]+)</a>', text):
        names.setdefault(model, name.strip())
    return names


@pytest.mark.parametrize("code", ["uk", "ru"])
def test_the_desks_index_names_the_reading_room_and_its_models_in_the_browsers_language(
    editor_client, code
):
    text = page(editor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE=code))

    assert f'<html lang="{code}"' in text
    assert APP_NAMES[code] in text
    assert "Reading room" not in text
    names = model_link_names(text)
    assert {model: names.get(model) for model in INDEX_NAMES[code]} == INDEX_NAMES[code]
    assert not set(ENGLISH_INDEX_NAMES) & set(names.values())


@pytest.mark.parametrize("code", ["uk", "ru"])
def test_an_articles_page_labels_its_fields_in_the_browsers_language(seeds, editor_client, code):
    article = seeds["003"]
    url = f"/admin/articles/article/{article.pk}/change/"
    text = page(editor_client.get(url, HTTP_ACCEPT_LANGUAGE=code))

    labels = set(re.findall(r"<label[^>]*>([^<]+?):?</label>", text))
    for english, translated in ARTICLE_LABELS[code].items():
        assert translated in labels, english
        assert english not in labels, english
    assert "Provenance" not in text
    assert "Published on" not in text
