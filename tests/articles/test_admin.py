"""The editors' desk in the Django admin."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from articles.importing import import_paths
from articles.models import Annotation, Article, Event, Placement, SlugRedirect

pytestmark = pytest.mark.django_db

CHANGE = "/admin/articles/article/{}/change/"


def article_form(article, **changes):
    """The article change form's POST data, as the admin would send it."""
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "status": article.status,
        "outlet": article.outlet_id or "",
        "published_on": article.published_on or "",
        "standfirst": article.standfirst,
        "placement_set-TOTAL_FORMS": "0",
        "placement_set-INITIAL_FORMS": "0",
        "annotations-TOTAL_FORMS": "0",
        "annotations-INITIAL_FORMS": "0",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_an_editors_headline_and_date_survive_reimport(seeds, editor_client, write_article):
    article = seeds["003"]
    response = editor_client.post(
        CHANGE.format(article.pk),
        article_form(
            article, headline="Captured soldier sobs on a call home", published_on="2022-03-02"
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert set(article.editor_fields) == {"headline", "published_on"}
    assert article.date_source == Article.ValueSource.EDITOR

    import_paths([write_article(article.source_name, article.raw_text + "\n\nAn update.")])
    article.refresh_from_db()
    assert article.headline == "Captured soldier sobs on a call home"
    assert str(article.published_on) == "2022-03-02"


def test_changing_the_slug_keeps_the_old_link_working(seeds, editor_client, client):
    article = seeds["000"]
    old_url = article.get_absolute_url()
    editor_client.post(
        CHANGE.format(article.pk), article_form(article, slug="soldier-says-goodbye")
    )
    article.refresh_from_db()
    assert article.slug == "soldier-says-goodbye"
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (301, "/articles/soldier-says-goodbye/")


def test_a_slug_in_use_by_another_article_is_refused(seeds, editor_client):
    article, other = seeds["000"], seeds["001"]
    response = editor_client.post(CHANGE.format(article.pk), article_form(article, slug=other.slug))
    assert response.status_code == 200
    assert "Another article has (or had) this slug." in response.content.decode()
    assert not SlugRedirect.objects.exists()


def test_editing_a_headline_never_changes_the_slug(seeds, editor_client):
    article = seeds["001"]
    editor_client.post(CHANGE.format(article.pk), article_form(article, headline="New words"))
    article.refresh_from_db()
    assert article.headline == "New words" and article.slug == seeds["001"].slug


def test_placing_an_article_by_hand_wins_over_the_rules(seeds, editor_client, write_article):
    article = seeds["000"]
    calls = Event.objects.get(slug="captured-soldier-calls")
    placement = article.placement_set.get()
    data = article_form(
        article,
        **{
            "placement_set-TOTAL_FORMS": "2",
            "placement_set-INITIAL_FORMS": "1",
            "placement_set-0-id": placement.pk,
            "placement_set-0-article": article.pk,
            "placement_set-0-event": placement.event_id,
            "placement_set-0-DELETE": "on",
            "placement_set-1-article": article.pk,
            "placement_set-1-event": calls.pk,
        },
    )
    assert editor_client.post(CHANGE.format(article.pk), data).status_code == 302
    assert list(article.placement_set.values_list("event__slug", "source")) == [
        ("captured-soldier-calls", "editor")
    ]
    import_paths([write_article(article.source_name, article.raw_text + "\n\nMore.")])
    assert list(article.events.values_list("slug", flat=True)) == ["captured-soldier-calls"]


def test_bulk_actions_move_publish_and_hide(seeds, editor_client, write_article):
    import_paths([write_article("other.txt", "Markets fall\n\nShares fell on Monday.")])
    unplaced = Article.objects.get(source_name="other.txt")
    farewells = Event.objects.get(slug="farewells")
    changelist = "/admin/articles/article/"

    editor_client.post(
        changelist,
        {"action": "move_to_event", "_selected_action": [unplaced.pk], "event": farewells.pk},
    )
    unplaced.refresh_from_db()
    assert unplaced.status == Article.Status.PUBLISHED
    assert list(unplaced.placement_set.values_list("event__slug", "source")) == [
        ("farewells", "editor")
    ]

    ids = [seeds["000"].pk, seeds["001"].pk]
    editor_client.post(changelist, {"action": "hide", "_selected_action": ids})
    assert set(Article.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"hidden"}
    editor_client.post(changelist, {"action": "publish", "_selected_action": ids})
    assert set(Article.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"published"}


def test_move_without_an_event_says_so_and_changes_nothing(seeds, editor_client):
    response = editor_client.post(
        "/admin/articles/article/",
        {"action": "move_to_event", "_selected_action": [seeds["000"].pk], "event": ""},
        follow=True,
    )
    assert "Choose an event to move to." in response.content.decode()
    assert seeds["000"].events.get().slug == "farewells"


def test_admin_search_uses_full_text(seeds, editor_client):
    page = editor_client.get("/admin/articles/article/?q=Natasha").content.decode()
    assert "2 results" in page


def test_review_queue_lists_what_needs_a_person(seeds, editor_client, write_article):
    import_paths([write_article("other.txt", "Markets fall\n\nShares fell on Monday.")])
    page = editor_client.get("/admin/articles/article/?review=any").content.decode()
    assert "Markets fall" in page
    assert "Natasha" not in page
    index = editor_client.get("/admin/").content.decode()
    assert "1 article needs a decision" in index


def test_event_rule_preview_saves_nothing(seeds, editor_client):
    event = Event.objects.get(slug="farewells")
    data = {
        "event_id": event.pk,
        "slug": event.slug,
        "name": event.name,
        "order": event.order,
        "summary": event.summary,
        "sentence_terms": "russian*\nhis mother",
        "lead_terms": "",
        "exclude_terms": "",
        "lead_paragraphs": 3,
        "sentence_window": 1,
    }
    page = editor_client.post("/admin/articles/event/preview/", data).content.decode()
    assert "Would be added (2)" in page
    assert "Placed now, no longer matched (2)" in page
    event.refresh_from_db()
    assert "russian" not in event.sentence_terms
    assert event.articles.count() == 2


def test_reapplying_rules_respects_editor_placements(seeds, editor_client):
    event = Event.objects.get(slug="farewells")
    Placement.objects.filter(event=event).delete()
    editor_client.post(
        "/admin/articles/event/", {"action": "reapply_rules", "_selected_action": [event.pk]}
    )
    assert event.articles.count() == 2


def test_annotating_through_the_admin(seeds, editor_client, editor):
    article = seeds["004"]
    query = f"article={article.pk}&paragraph=7&quote=who+she+calls+Natasha"
    form = editor_client.get(f"/admin/articles/annotation/add/?{query}").content.decode()
    assert escape(article.blocks[6]["text"]) in form  # the paragraph, to choose words from
    assert ">\nwho she calls Natasha</textarea>" in form
    assert '<option value="internal" selected>Draft: editors only</option>' in form
    assert 'name="prefix"' in form and 'type="hidden"' in form
    assert "Anchor lost" not in form
    data = {
        "article": article.pk,
        "paragraph": 7,
        "quote": "who she calls Natasha",
        "kind": "verification",
        "visibility": "public",
        "body": "Confirmed by **two** sources.",
    }
    assert editor_client.post("/admin/articles/annotation/add/", data).status_code == 302
    note = Annotation.objects.get()
    assert (note.author, note.kind, note.suffix[:12]) == (editor, "verification", " and promise")


def test_annotation_with_a_quote_not_in_the_paragraph_is_refused(seeds, editor_client):
    data = {
        "article": seeds["004"].pk,
        "paragraph": 2,
        "quote": "who she calls Natasha",
        "kind": "context",
        "visibility": "public",
        "body": "x",
    }
    response = editor_client.post("/admin/articles/annotation/add/", data)
    assert response.status_code == 200
    assert "Paragraph 2 does not contain this exact quote." in response.content.decode()
    assert not Annotation.objects.exists()


def test_history_records_who_changed_which_field(seeds, editor_client):
    article = seeds["002"]
    editor_client.post(CHANGE.format(article.pk), article_form(article, headline="Fixed headline"))
    latest = article.history.latest()
    assert latest.history_user.username == "edith"
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "headline"] == [
        ("headline", seeds["002"].headline, "Fixed headline")
    ]
    page = editor_client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    assert "Fixed headline" in page and "edith" in page


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/articles/article/", 10),
        ("/admin/articles/article/?q=soldier", 10),
        ("/admin/articles/article/?review=any", 11),  # and the events, for suggestions
        ("/admin/articles/annotation/", 6),
        ("CHANGE", 17),  # and its clips (the field, its options), the sources it cites
    ],
)
def test_admin_pages_run_a_fixed_number_of_queries(editor_client, corpus, url, expected):
    address = CHANGE.format(corpus.pk) if url == "CHANGE" else url
    editor_client.get(address)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(address)
    assert response.status_code == 200
    assert len(queries) == expected, "\n".join(q["sql"][:150] for q in queries)


def test_article_text_in_the_annotate_hint_is_escaped(editor_client, write_article):
    import_paths([write_article("x.txt", "Video\n\nSoldier <b onmouseover=alert(1)>bold</b>.")])
    article = Article.objects.get()
    page = editor_client.get(
        f"/admin/articles/annotation/add/?article={article.pk}&paragraph=1"
    ).content.decode()
    assert "Soldier &lt;b onmouseover=alert(1)&gt;bold&lt;/b&gt;." in page
    assert "<b onmouseover" not in page


def test_a_slug_is_normalised_before_it_is_checked(seeds, editor_client):
    article = seeds["000"]
    editor_client.post(CHANGE.format(article.pk), article_form(article, slug="Soldier-Says-Bye"))
    article.refresh_from_db()
    assert article.slug == "soldier-says-bye"


def test_placing_an_unplaced_article_by_hand_publishes_it(editor_client, write_article):
    import_paths([write_article("other.txt", "Markets fall\n\nShares fell on Monday.")])
    article = Article.objects.get()
    farewells = Event.objects.get(slug="farewells")
    data = article_form(
        article,
        **{
            "placement_set-TOTAL_FORMS": "1",
            "placement_set-0-article": article.pk,
            "placement_set-0-event": farewells.pk,
        },
    )
    editor_client.post(CHANGE.format(article.pk), data)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert "events" in article.editor_fields


def test_staff_who_may_only_view_cannot_run_actions(seeds, client):
    from django.contrib.auth.models import Permission, User

    viewer = User.objects.create_user("vic", password="x" * 20, is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    client.post(
        "/admin/articles/article/", {"action": "hide", "_selected_action": [seeds["000"].pk]}
    )
    seeds["000"].refresh_from_db()
    assert seeds["000"].status == Article.Status.PUBLISHED


def test_a_rule_preview_with_bad_input_says_so_and_saves_nothing(seeds, editor_client):
    data = {"event_id": "abc", "name": "", "slug": "farewells", "lead_paragraphs": "many"}
    response = editor_client.post("/admin/articles/event/preview/", data)
    assert response.status_code == 200
    assert "The rules could not be read" in response.content.decode()
    assert Event.objects.get(slug="farewells").name == "Farewells"


@pytest.mark.parametrize("query", ["article=abc&paragraph=1", "article=1&paragraph=-3", "x=%00"])
def test_the_annotate_form_shrugs_off_bad_parameters(seeds, editor_client, query):
    assert editor_client.get(f"/admin/articles/annotation/add/?{query}").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/slugredirect/add/?article=abc",
        "/admin/articles/slugredirect/add/?article=1;2",
    ],
)
def test_add_forms_ignore_prefills_that_are_not_ids(seeds, admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_articles_are_not_added_by_hand(admin_client):
    assert admin_client.get("/admin/articles/article/add/").status_code == 403


NEAR_MISS = (
    "Video: young Russian fighter weeps on the phone to his mother\n\n"
    "The clip shows the young man, held by villagers, crying as he speaks to her."
)


def test_the_review_queue_suggests_an_event_with_its_evidence(seeds, editor_client, write_article):
    import_paths([write_article("near.txt", NEAR_MISS)])
    import_paths([write_article("other.txt", "Markets fall\n\nShares fell on Monday.")])
    page = editor_client.get("/admin/articles/article/?review=unplaced").content.decode()
    near = Article.objects.get(source_name="near.txt")
    calls = Event.objects.get(slug="captured-soldier-calls")
    assert (
        f'formaction="/admin/articles/article/{near.pk}/place/" formmethod="post" '
        f'name="event" value="{calls.pk}">Place in Captured-soldier calls</button>'
    ) in page
    assert "terms found: russian, mother, phone, video (1 group(s) not matched)" in page
    assert "None: no event&#x27;s terms come near." in page
    change = editor_client.get(CHANGE.format(near.pk)).content.decode()
    assert "similar placed articles are in it" in change
    assert f'similar: <a href="/admin/articles/article/{seeds["003"].pk}/change/">' in change


def test_accepting_a_suggestion_places_the_article_in_one_click(
    seeds, editor_client, write_article
):
    import_paths([write_article("near.txt", NEAR_MISS)])
    near = Article.objects.get(source_name="near.txt")
    calls = Event.objects.get(slug="captured-soldier-calls")
    response = editor_client.post(f"/admin/articles/article/{near.pk}/place/", {"event": calls.pk})
    assert response.status_code == 302
    assert response["Location"] == "/admin/articles/article/?review=any"
    near.refresh_from_db()
    assert near.status == Article.Status.PUBLISHED
    assert near.placement_set.get().source == Placement.Source.EDITOR
    assert "events" in near.editor_fields


def test_placing_refuses_a_get_and_a_bad_event(seeds, editor_client, write_article):
    import_paths([write_article("near.txt", NEAR_MISS)])
    near = Article.objects.get(source_name="near.txt")
    assert editor_client.get(f"/admin/articles/article/{near.pk}/place/").status_code == 403
    response = editor_client.post(f"/admin/articles/article/{near.pk}/place/", {"event": "x1"})
    assert response.status_code == 302
    assert not near.placement_set.exists()
    assert editor_client.post("/admin/articles/article/99999/place/").status_code == 404


def test_editors_set_source_metadata_and_imports_keep_it(seeds, editor_client, write_article):
    article = seeds["001"]
    changes = {"source_url": "https://example.com/story", "byline": "Ann Lee", "language": "en"}
    response = editor_client.post(CHANGE.format(article.pk), article_form(article, **changes))
    assert response.status_code == 302
    import_paths([write_article(article.source_name, article.raw_text + "\n\nA late edit.")])
    article.refresh_from_db()
    assert (article.source_url, article.byline) == ("https://example.com/story", "Ann Lee")
    assert {"source_url", "byline", "language"} <= set(article.editor_fields)


def test_the_desk_menu_leaves_out_plumbing_and_an_empty_queue(seeds, editor_client):
    Article.objects.update(status=Article.Status.PUBLISHED, import_warnings=[])
    index = editor_client.get("/admin/").content.decode()
    assert "Slug redirects" not in index
    assert "nothing waits for a decision" in index and "0 articles need" not in index
    assert "css/desk.css" in index and 'id="nav-sidebar"' not in index
