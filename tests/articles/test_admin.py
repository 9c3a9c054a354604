"""The editors' desk in the Django admin."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from articles.importing import import_paths
from articles.models import (
    Annotation,
    Article,
    Event,
    Placement,
    PlacementChange,
    SlugRedirect,
)

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
        "language": article.language,
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


CHANGELIST = "/admin/articles/article/"


def placements(*articles):
    return {
        (p.article_id, p.event.slug, p.source)
        for p in Placement.objects.filter(article__in=articles).select_related("event")
    }


@pytest.mark.parametrize("action", ["add_to_event", "remove_from_event", "move_to_event"])
def test_a_placement_action_asks_first_and_changes_nothing_until_confirmed(
    seeds, editor_client, action
):
    selected = [seeds["000"], seeds["003"]]
    calls = Event.objects.get(slug="captured-soldier-calls")
    before = placements(*seeds.values())
    data = {"action": action, "_selected_action": [a.pk for a in selected], "event": calls.pk}
    page = editor_client.post(CHANGELIST, data)
    assert page.status_code == 200
    html = page.content.decode()
    assert escape(selected[0].headline) in html and escape(selected[1].headline) in html
    assert seeds["001"].headline not in html
    assert 'name="confirm" value="yes"' in html
    assert "2 articles to an event?" in html or "2 articles from an event?" in html
    assert f'<option value="{calls.pk}" selected>' in html
    assert placements(*seeds.values()) == before


def test_adding_to_an_event_keeps_the_other_events_and_marks_the_editors_choice(
    seeds, editor_client
):
    article, untouched = seeds["000"], seeds["003"]
    calls = Event.objects.get(slug="captured-soldier-calls")
    before_untouched = placements(untouched)
    response = editor_client.post(
        CHANGELIST,
        {
            "action": "add_to_event",
            "_selected_action": [article.pk],
            "event": calls.pk,
            "confirm": "yes",
        },
        follow=True,
    )
    assert "1 article added to Captured-soldier calls." in response.content.decode()
    assert placements(article) == {
        (article.pk, "farewells", "rule"),
        (article.pk, "captured-soldier-calls", "editor"),
    }
    assert placements(untouched) == before_untouched
    article.refresh_from_db()
    assert "events" in article.editor_fields


def test_moving_and_removing_and_undoing(seeds, editor_client, write_article):
    import_paths([write_article("other.txt", "Markets fall\n\nShares fell on Monday.")])
    unplaced = Article.objects.get(source_name="other.txt")
    placed = seeds["000"]
    calls = Event.objects.get(slug="captured-soldier-calls")
    before = placements(unplaced, placed)
    response = editor_client.post(
        CHANGELIST,
        {
            "action": "move_to_event",
            "_selected_action": [unplaced.pk, placed.pk],
            "event": calls.pk,
            "confirm": "yes",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "2 articles moved to Captured-soldier calls." in page
    assert placements(unplaced, placed) == {
        (unplaced.pk, "captured-soldier-calls", "editor"),
        (placed.pk, "captured-soldier-calls", "editor"),
    }
    unplaced.refresh_from_db()
    assert unplaced.status == Article.Status.PUBLISHED

    change = PlacementChange.objects.get()
    undo = f"/admin/articles/article/undo/{change.pk}/"
    assert f'action="{undo}"' in page
    assert editor_client.get(undo).status_code == 403
    response = editor_client.post(undo, follow=True)
    assert "Undone: 2 articles moved" in response.content.decode()
    assert placements(unplaced, placed) == before
    unplaced.refresh_from_db()
    placed.refresh_from_db()
    assert unplaced.status == Article.Status.NEEDS_REVIEW
    assert "events" not in unplaced.editor_fields + placed.editor_fields
    again = editor_client.post(undo, follow=True).content.decode()
    assert "has already been undone" in again

    editor_client.post(
        CHANGELIST,
        {
            "action": "remove_from_event",
            "_selected_action": [placed.pk],
            "event": placed.events.get().pk,
            "confirm": "yes",
        },
    )
    assert placements(placed) == set()
    placed.refresh_from_db()
    assert "events" in placed.editor_fields  # the rules will not put it back
    import_paths([write_article(placed.source_name, placed.raw_text + "\n\nMore.")])
    assert placements(placed) == set()


def test_an_undo_is_refused_once_the_articles_changed_again(seeds, editor_client):
    article = seeds["000"]
    calls = Event.objects.get(slug="captured-soldier-calls")
    data = {"_selected_action": [article.pk], "event": calls.pk, "confirm": "yes"}
    editor_client.post(CHANGELIST, {**data, "action": "add_to_event"})
    first = PlacementChange.objects.get()
    editor_client.post(CHANGELIST, {**data, "action": "move_to_event"})
    page = editor_client.post(f"/admin/articles/article/undo/{first.pk}/", follow=True)
    assert "have changed since" in page.content.decode()
    assert placements(article) == {(article.pk, "captured-soldier-calls", "editor")}
    missing = editor_client.post("/admin/articles/article/undo/99999/", follow=True)
    assert "no such change" in missing.content.decode()


def test_publish_and_hide_say_how_many(seeds, editor_client):
    ids = [seeds["000"].pk, seeds["001"].pk]
    page = editor_client.post(
        CHANGELIST, {"action": "hide", "_selected_action": ids}, follow=True
    ).content.decode()
    assert "2 articles hidden from readers." in page
    assert set(Article.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"hidden"}
    page = editor_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": ids[:1]}, follow=True
    ).content.decode()
    assert "1 article published." in page


def test_a_confirmed_move_without_an_event_changes_nothing(seeds, editor_client):
    response = editor_client.post(
        CHANGELIST,
        {
            "action": "move_to_event",
            "_selected_action": [seeds["000"].pk],
            "event": "",
            "confirm": "yes",
        },
    )
    assert "Choose an event." in response.content.decode()
    assert seeds["000"].events.get().slug == "farewells"
    assert not PlacementChange.objects.exists()


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


def test_history_records_who_changed_which_field(seeds, editor_client, editor):
    editor.first_name, editor.last_name = "Edith", "Piaf"
    editor.save()
    article = seeds["002"]
    editor_client.post(CHANGE.format(article.pk), article_form(article, headline="Fixed headline"))
    latest = article.history.latest()
    assert latest.history_user.username == "edith"
    page = editor_client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    assert escape(f"Headline changed from “{seeds['002'].headline}” to “Fixed headline”") in page
    assert "Locked against imports: headline" in page
    assert "Edith Piaf" in page
    assert "Change reason" not in page and "None" not in page


def test_history_tells_placements_and_notes_in_words_without_empty_rows(
    seeds, editor_client, editor
):
    article = seeds["000"]
    calls = Event.objects.get(slug="captured-soldier-calls")
    editor_client.post(
        CHANGELIST,
        {
            "action": "move_to_event",
            "_selected_action": [article.pk],
            "event": calls.pk,
            "confirm": "yes",
        },
    )
    note = Annotation.objects.create(
        article=article, paragraph=1, quote="soldier", body="A note.", author=editor
    )
    note.visibility = Annotation.Visibility.INTERNAL
    note.save()
    article.refresh_from_db()
    article.save()  # a save that changes nothing a person would see
    page = editor_client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    assert "Placed in Farewells by its rules" in page
    assert "Removed from Farewells" in page
    assert "Placed in Captured-soldier calls</li>" in page
    assert "Locked against imports: events" in page
    assert "Note on ¶1 “soldier”: added" in page
    assert "Note on ¶1 “soldier”: visibility changed from “Public” to “Draft: editors only”" in page
    assert '<ul class="rr-history"></ul>' not in page
    assert "Unlocked" not in page
    history_table = page[page.index('id="change-history"') :]
    rows = history_table[history_table.index("<tbody>") : history_table.index("</tbody>")]
    assert (
        rows.count("<tr>") == 3
    )  # imported; moved; the note added and made internal (seconds apart)
    note_page = editor_client.get(f"/admin/articles/annotation/{note.pk}/history/").content.decode()
    assert "Visibility changed from “Public” to “Draft: editors only”" in note_page


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/articles/article/", 10),
        ("/admin/articles/article/?q=soldier", 10),
        ("/admin/articles/article/?review=any", 11),  # and the events, for suggestions
        ("/admin/articles/annotation/", 6),
        ("CHANGE", 16),  # and its clips (the field, its options), the sources it cites
    ],
)
def test_admin_pages_run_a_fixed_number_of_queries(editor_client, corpus, url, expected):
    address = CHANGE.format(corpus.pk) if url == "CHANGE" else url
    editor_client.get(address)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(address)
    assert response.status_code == 200
    assert len(queries) == expected, "\n".join(q["sql"][:150] for q in queries)


def test_the_confirmation_and_history_pages_run_a_fixed_number_of_queries(editor_client, corpus):
    articles = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    confirm = {"action": "move_to_event", "_selected_action": articles, "event": ""}
    history = f"/admin/articles/article/{corpus.pk}/history/"
    editor_client.get(history)  # warm the session and permission caches
    for send, expected in (
        (lambda: editor_client.post(CHANGELIST, confirm), 12),
        (lambda: editor_client.get(history), 8),
    ):
        with CaptureQueriesContext(connection) as queries:
            response = send()
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
    changes = {"source_url": "https://example.com/story", "byline": "Ann Lee", "language": "en-GB"}
    response = editor_client.post(CHANGE.format(article.pk), article_form(article, **changes))
    assert response.status_code == 302
    import_paths([write_article(article.source_name, article.raw_text + "\n\nA late edit.")])
    article.refresh_from_db()
    assert (article.source_url, article.byline) == ("https://example.com/story", "Ann Lee")
    assert (article.language, article.language_source) == ("en-GB", Article.ValueSource.EDITOR)
    assert {"source_url", "byline", "language"} <= set(article.editor_fields)


def test_the_desk_menu_leaves_out_plumbing_and_an_empty_queue(seeds, editor_client):
    Article.objects.update(status=Article.Status.PUBLISHED, import_warnings=[])
    index = editor_client.get("/admin/").content.decode()
    assert "Slug redirects" not in index
    assert "nothing waits for a decision" in index and "0 articles need" not in index
    assert "css/desk.css" in index and 'id="nav-sidebar"' not in index


def event_form(event, **changes):
    data = {
        "slug": event.slug,
        "name": event.name,
        "order": event.order,
        "summary": event.summary,
        "sentence_terms": event.sentence_terms,
        "lead_terms": event.lead_terms,
        "exclude_terms": event.exclude_terms,
        "lead_paragraphs": event.lead_paragraphs,
        "sentence_window": event.sentence_window,
    }
    return {**data, **changes}


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ('"unclosed, goodbye', "A quotation mark is not closed."),
        ("goodbye,, farewell", "Line 1: an empty alternative"),
        ("goodbye\nfarewell,", "Line 2: an empty alternative"),
        ("goodbye, *", "Line 1: “*” alone matches nothing"),
        ("goodbye, --", "Line 1: “--” has no letters or digits."),
        ("g*", "“g*” would match almost every word"),
        ("good*bye", "a * can only end a word"),
        ("word " * 20, "is longer than 80 characters."),
        (", ".join(f"term{n}" for n in range(401)), "401 terms: at most 400."),
        ("\n".join(f"term{n}" for n in range(21)), "More than 20 lines"),
    ],
)
def test_malformed_rules_are_refused_at_the_field(seeds, editor_client, terms, message):
    event = Event.objects.get(slug="farewells")
    response = editor_client.post(
        f"/admin/articles/event/{event.pk}/change/", event_form(event, lead_terms=terms)
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["lead_terms"]
    assert any(message in error for error in errors), errors
    event.refresh_from_db()
    assert event.lead_terms != terms


def test_the_seeded_rules_are_valid_and_saved_as_they_are(seeds, editor_client):
    for event in Event.objects.all():
        response = editor_client.post(
            f"/admin/articles/event/{event.pk}/change/", event_form(event, summary="Checked.")
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
    page = editor_client.get(f"/admin/articles/event/{event.pk}/change/").content.decode()
    lines = len(event.sentence_terms.splitlines())
    assert f'name="sentence_terms" cols="100" rows="{lines + 1}"' in page
    assert 'name="exclude_terms" cols="100" rows="3"' in page


def test_the_rule_preview_names_the_event_and_says_why(seeds, editor_client):
    event = Event.objects.get(slug="farewells")
    data = {"event_id": event.pk, **event_form(event, exclude_terms="bombardment")}
    page = editor_client.post("/admin/articles/event/preview/", data).content.decode()
    assert f'<a href="/admin/articles/event/{event.pk}/change/">Farewells</a>' in page
    assert "Preview of the placement rules of Farewells" in page
    assert "Placed now, no longer matched (1)" in page
    assert "Excluded: the lead has “bombardment”." in page
    assert "Already placed, would stay (1)" in page
    assert "matched: <mark>goodbye</mark>" in page or "matched: <mark>" in page
    data = {"event_id": event.pk, **event_form(event, lead_terms="kindergarten*")}
    page = editor_client.post("/admin/articles/event/preview/", data).content.decode()
    assert "No term of line 1 of the terms anywhere in the lead: kindergarten*" in page


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/admin/articles/article/abc/history/", 404),
        ("/admin/articles/article/99999/history/", 404),
        ("/admin/articles/event/EVENT/history/", 200),
        ("/admin/articles/outlet/OUTLET/history/", 200),
    ],
)
def test_every_history_page_answers(seeds, admin_client, url, status):
    from articles.models import Outlet

    event, outlet = Event.objects.first(), Outlet.objects.create(name="Daily", slug="daily")
    url = url.replace("EVENT", str(event.pk)).replace("OUTLET", str(outlet.pk))
    assert admin_client.get(url).status_code == status


def test_the_editor_wins_is_kept_on_the_article(seeds):
    article = seeds["000"]
    article.lock("headline", "events")
    assert article.is_locked("headline") and not article.is_locked("outlet")
    with pytest.raises(ValueError, match="Not fields an editor can lock"):
        article.lock("raw_text")
    assert article.settle_status(placed=False) is False  # an editor chose its events
    article.editor_fields = []
    assert article.settle_status(placed=False) is True
    assert article.status == Article.Status.NEEDS_REVIEW


def test_an_articles_page_offers_no_event_menu_for_actions_it_lacks(seeds, editor_client):
    page = editor_client.get(CHANGE.format(seeds["000"].pk)).content.decode()
    assert "Event (for adding, removing, moving)" not in page
    assert 'value="publish"' in page  # its own actions stay
    listing = editor_client.get("/admin/articles/article/").content.decode()
    assert "Event (for adding, removing, moving)" in listing


def test_the_rule_preview_keeps_the_rules_in_view_and_saves_them_from_there(seeds, editor_client):
    event = Event.objects.get(slug="farewells")
    data = {"event_id": event.pk, **event_form(event, exclude_terms="bombardment")}
    page = editor_client.post("/admin/articles/event/preview/", data).content.decode()
    assert 'name="exclude_terms"' in page and ">\nbombardment</textarea>" in page
    assert f'formaction="/admin/articles/event/{event.pk}/change/"' in page
    assert f'type="hidden" name="name" value="{event.name}"' in page
    saved = {**event_form(event, exclude_terms="bombardment"), "_save": "Save these rules"}
    response = editor_client.post(f"/admin/articles/event/{event.pk}/change/", saved)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.exclude_terms == "bombardment"


@pytest.mark.parametrize(
    "address",
    [
        "/admin/articles/annotation/add/?article=ARTICLE&paragraph=²",
        "/admin/articles/annotation/add/?article=1,2",
        "/admin/articles/article/²/history/",
        "/admin/articles/event/add/?order=١",
    ],
)
def test_crafted_admin_addresses_never_500(seeds, editor_client, address):
    address = address.replace("ARTICLE", str(seeds["004"].pk))
    assert editor_client.get(address).status_code in (200, 404)


def test_a_placement_change_is_capped(seeds, editor_client, monkeypatch):
    from articles.admin import actions

    monkeypatch.setattr(actions, "MAX_PLACEMENT_CHANGE", 2)
    event = Event.objects.get(slug="farewells")
    before = {a.pk: set(a.events.values_list("pk", flat=True)) for a in Article.objects.all()}
    response = editor_client.post(
        "/admin/articles/article/",
        {
            "action": "add_to_event",
            "_selected_action": [a.pk for a in Article.objects.all()],
            "event": event.pk,
            "confirm": "yes",
        },
        follow=True,
    )
    assert "Choose at most 2 articles for one placement change" in response.content.decode()
    after = {a.pk: set(a.events.values_list("pk", flat=True)) for a in Article.objects.all()}
    assert after == before
