import json
import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from articles.importing import import_paths
from articles.models import Annotation, Article, Clip, Event, Outlet, SlugRedirect

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


def test_home_shows_events_with_counts_and_recent_articles(client, seeds):
    page = html(client.get("/"))
    assert re.search(r"Farewells</a></h3>\s*<p class=\"count\">2 articles", page)
    assert re.search(r"Captured-soldier calls</a></h3>\s*<p class=\"count\">3 articles", page)
    assert escape(seeds["002"].headline) in page
    assert 'role="search"' in page
    assert page.index(">Farewells</a>") < page.index(">Captured-soldier calls</a>")


def test_event_page_shows_its_summary_and_only_its_articles(client, seeds):
    page = html(client.get("/events/farewells/"))
    assert "2 articles" in page
    assert escape(seeds["000"].headline) in page and escape(seeds["001"].headline) in page
    assert escape(seeds["003"].headline) not in page
    assert 'name="event"' not in page


def test_unknown_event_is_404(client, seeds):
    assert client.get("/events/no-such-event/").status_code == 404


def test_list_filters_by_event_and_shows_a_remove_link(client, seeds):
    page = html(client.get("/articles/?event=captured-soldier-calls"))
    assert "3 articles" in page
    assert 'href="?" aria-label="Remove filter Event: Captured-soldier calls"' in page


def test_search_ranks_and_highlights_matches(client, seeds):
    page = html(client.get("/articles/?q=Natasha"))
    assert "2 articles" in page
    assert "<mark>Natasha</mark>" in page
    assert "sorted by relevance" in page


def test_search_with_no_match_says_how_to_search_better(client, seeds):
    page = html(client.get("/articles/?q=zzzqqq"))
    assert "Nothing matches" in page
    assert "Put a phrase in quotes" in page


def test_an_invalid_filter_is_reported_and_ignored(client, seeds):
    response = client.get("/articles/?date_after=2022-13-45&event=farewells")
    assert response.status_code == 200
    page = html(response)
    assert "Enter a valid date. This filter was ignored." in page
    assert "2 articles" in page


def test_an_unknown_event_slug_is_reported_next_to_the_filter(client, seeds):
    page = html(client.get("/articles/?event=nope"))
    assert "Select a valid choice" in page
    assert "5 articles" in page


def test_pagination_keeps_filters_and_clamps_the_page(client, seeds, settings):
    from articles import views

    views.PAGE_SIZE, original = 2, views.PAGE_SIZE
    try:
        page = html(client.get("/articles/?event=captured-soldier-calls&page=999"))
        assert "page 2 of 2" in page
        assert 'href="?event=captured-soldier-calls&amp;page=1"' in page
    finally:
        views.PAGE_SIZE = original


def test_hidden_articles_are_not_listed(client, seeds):
    Article.objects.filter(pk=seeds["000"].pk).update(status=Article.Status.HIDDEN)
    assert seeds["000"].headline not in html(client.get("/articles/"))
    assert client.get(seeds["000"].get_absolute_url()).status_code == 404


def test_sort_by_headline(client, seeds):
    results = client.get("/articles.json?sort=headline").json()["results"]
    headlines = [row["headline"] for row in results]
    assert headlines == sorted(headlines)


# The reader view


def test_article_paragraphs_are_anchored_with_permalinks(client, seeds):
    page = html(client.get(seeds["000"].get_absolute_url()))
    article = seeds["000"]
    assert 'id="p1"' in page and 'href="#p3"' in page
    assert 'aria-label="Paragraph 3: link and citation"' in page
    tools = page.split('id="p3"')[1].split('class="block ')[0]
    share = f'href="{article.get_absolute_url()}p3/" aria-label="Share paragraph 3">Share ¶3</a>'
    assert share in tools
    assert f'data-copy="http://testserver{article.get_absolute_url()}p3/"' in tools
    assert f'href="{article.get_absolute_url()}p3/cite.ris" download' in tools


def test_article_shows_tweet_as_a_quotation_and_the_inferred_date(client, seeds):
    page = html(client.get(seeds["002"].get_absolute_url()))
    assert '<blockquote cite="https://pic.twitter.com/KtbHad8XLm">' in page
    assert "— Christopher Miller (@ChristopherJM), March 2, 2022" in page
    assert '<time datetime="2022-03-03">3 March 2022</time>' in page
    assert "(inferred from the text)" in page


def test_article_shows_captions_and_credits_as_such(client, seeds):
    page = html(client.get(seeds["003"].get_absolute_url()))
    assert (
        page.count('<figure class="caption">') == 5
    )  # three captions repeated a paragraph and are dropped
    credit = html(client.get(seeds["000"].get_absolute_url()))
    assert '<p class="credit"><small>Photo: Spencer Platt/Getty Images</small></p>' in credit


def test_article_shows_related_coverage_of_its_events(client, seeds):
    page = html(client.get(seeds["002"].get_absolute_url()))
    related = page.split('id="related-heading"')[1]
    assert escape(seeds["003"].headline) in related and escape(seeds["004"].headline) in related
    assert escape(seeds["000"].headline) not in related


def test_original_text_marks_what_cleaning_removed(client, seeds):
    page = html(client.get(seeds["003"].get_absolute_url()))
    original = page.split('class="original-text"')[1]
    assert "<del>Powered by Blogger.</del>" in original
    assert "[removed: an image caption printed twice]" in original
    raw = client.get(reverse("articles:original", args=[seeds["003"].slug]))
    assert raw["Content-Type"] == "text/plain; charset=utf-8"
    assert raw.content.decode() == seeds["003"].raw_text


def test_original_text_shows_a_header_line_by_line_and_the_headline_apart(client, write_article):
    text = (
        "---\r\noutlet: Metro\r\nbyline: Jane Smith\r\n---\r\n\r\nA headline\r\n\r\nThe body.\r\n"
    )
    import_paths([write_article("with-header.txt", text)])
    Article.objects.update(status=Article.Status.PUBLISHED)  # unplaced, it waits for review
    page = html(client.get(Article.objects.get().get_absolute_url()))
    original = page.split('class="original-text"')[1].split("</div>")[0]
    paragraphs = re.findall(r"<p>(.*?)</p>", original, re.S)
    assert paragraphs == [
        "---",
        "outlet: Metro",
        "byline: Jane Smith",
        "---",
        "A headline",
        "The body.",
    ]


def test_cite_this_has_permalink_and_access_date(client, seeds):
    page = html(client.get(seeds["004"].get_absolute_url()))
    assert re.search(
        r"“Heart-Breaking Video.*” <i>Political Tribune</i>\. Accessed \w+ \d+, \d{4}\. "
        r"Archived in Reading Room copy, http://testserver/articles/heart-breaking-video[\w-]+/\.",
        page,
    )


def test_an_old_slug_answers_301_to_the_current_one(client, seeds):
    article = seeds["001"]
    SlugRedirect.objects.create(old_slug="an-old-address", article=article)
    response = client.get("/articles/an-old-address/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_article_page_carries_sharing_metadata(client, seeds):
    article = seeds["002"]
    page = html(client.get(article.get_absolute_url()))
    permalink = f"http://testserver{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{permalink}">' in page
    assert '<meta property="og:type" content="article">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert f"<title>{article.headline} · Reading Room</title>" in page
    schema = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert schema["@type"] == "NewsArticle"
    assert schema["datePublished"] == "2022-03-03"
    assert schema["about"] == ["Captured-soldier calls"]
    assert schema["inLanguage"] == article.language == "en"


def test_json_ld_cannot_be_broken_out_of(client, write_article):
    import_paths(
        [write_article("x.txt", "Video: soldier </script><script>alert(1)</script>\n\nBody.")]
    )
    article = Article.objects.get()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    page = html(client.get(article.get_absolute_url()))
    assert "<script>alert(1)" not in page
    assert "\\u003C/script\\u003E" in page


def test_public_notes_show_beside_their_passage_and_internal_ones_never(client, seeds):
    article = seeds["004"]
    public = Annotation.objects.create(
        article=article, paragraph=7, quote="who she calls Natasha", body="Her name is *Natasha*."
    )
    Annotation.objects.create(
        article=article,
        paragraph=7,
        quote="The woman holding up the phone",
        body="Internal: check translation",
        visibility=Annotation.Visibility.INTERNAL,
    )
    page = html(client.get(article.get_absolute_url()))
    assert f'<mark class="passage" id="passage-{public.pk}">who she calls Natasha</mark>' in page
    assert f'id="note-{public.pk}"' in page and "<em>Natasha</em>" in page
    assert "Internal: check translation" not in page


# Machines


def test_json_lists_the_same_articles_as_the_page(client, seeds):
    data = client.get("/articles.json?q=Natasha").json()
    assert data["count"] == 2
    assert sorted(row["source"][:3] for row in data["results"]) == ["003", "004"]
    row = data["results"][0]
    assert set(row) >= {"id", "slug", "url", "headline", "events", "outlet", "date"}
    assert row["url"].startswith("http://testserver/articles/")
    assert row["events"] == ["captured-soldier-calls"]


@pytest.mark.parametrize(("event", "count"), [("farewells", 2), ("captured-soldier-calls", 3)])
def test_json_counts_per_event(client, seeds, event, count):
    assert client.get(f"/articles.json?event={event}").json()["count"] == count


def test_json_pages_link_to_each_other(client, seeds):
    data = client.get("/articles.json?page_size=2&event=captured-soldier-calls").json()
    assert data["previous"] is None
    assert data["next"] == (
        "http://testserver/articles.json?page_size=2&event=captured-soldier-calls&page=2"
    )
    last = client.get(data["next"].removeprefix("http://testserver")).json()
    assert len(last["results"]) == 1 and last["next"] is None


@pytest.mark.parametrize("size", ["0", "101", "abc", "-1", "1.5"])
def test_json_refuses_bad_page_sizes(client, seeds, size):
    response = client.get(f"/articles.json?page_size={size}")
    assert response.status_code == 400
    assert "page_size must be a whole number from 1 to 100" in response.json()["error"]


def test_json_refuses_invalid_filters(client, seeds):
    response = client.get("/articles.json?date_after=yesterday")
    assert response.status_code == 400
    assert "date" in response.json()["fields"]


def test_json_page_past_the_end_is_404(client, seeds):
    response = client.get("/articles.json?page=9")
    assert response.status_code == 404
    assert "past the last page" in response.json()["error"]


def test_csv_has_every_matching_article_in_list_order(client, seeds):
    response = client.get("/articles.csv?event=captured-soldier-calls&sort=headline")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "id,slug,url,headline,events,outlet,date,word_count,source"
    assert len(lines) == 4
    headlines = client.get("/articles.json?event=captured-soldier-calls&sort=headline").json()
    assert [line.split(",")[1] for line in lines[1:]] == [r["slug"] for r in headlines["results"]]


def test_atom_feeds(client, seeds):
    feed = html(client.get("/feed/"))
    assert feed.startswith('<?xml version="1.0" encoding="utf-8"?>\n<feed')
    assert feed.count("<entry>") == 5
    event_feed = html(client.get("/events/farewells/feed/"))
    assert event_feed.count("<entry>") == 2
    assert client.get("/events/nope/feed/").status_code == 404


def test_sitemap_and_robots(client, seeds):
    sitemap = html(client.get("/sitemap.xml"))
    assert f"http://testserver{seeds['003'].get_absolute_url()}" in sitemap
    assert "http://testserver/events/farewells/" in sitemap
    robots = html(client.get("/robots.txt"))
    assert "Disallow: /admin/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_search_address_leads_to_the_list(client, seeds):
    response = client.get("/search/?q=tea")
    assert response.status_code == 302
    assert response["Location"] == "/articles/?q=tea"


def test_pages_send_a_content_security_policy(client, seeds):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-inline" not in policy


def test_favicon_ico_points_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/img/favicon.svg")


def test_event_page_exports_link_to_the_event(client, seeds):
    page = html(client.get("/events/farewells/"))
    assert 'href="/articles.json?event=farewells"' in page


def test_csv_cells_never_run_as_spreadsheet_formulas(client, write_article):
    import_paths([write_article("f.txt", '=HYPERLINK("http://x")\n\nBody.')])
    Article.objects.update(status=Article.Status.PUBLISHED)
    csv_text = b"".join(client.get("/articles.csv").streaming_content).decode()
    assert ",'=HYPERLINK(" in csv_text.replace('"', "")


def test_original_text_file_name_is_a_safe_header(client, write_article):
    import_paths([write_article('quo"te.txt', "Title\n\nBody.")])
    Article.objects.update(status=Article.Status.PUBLISHED)
    article = Article.objects.get()
    response = client.get(reverse("articles:original", args=[article.slug]))
    assert response["Content-Disposition"] == 'inline; filename="quo\\"te.txt"'


def test_a_snippet_is_whole_sentences_of_the_matching_paragraph_linked_to_it(client, seeds):
    page = html(client.get("/articles/?q=pastries"))
    snippets = re.findall(r'<p class="snippet">(.*?)</p>', page, re.S)
    assert snippets
    for snippet in snippets:
        text = re.sub(r"<[^>]+>", "", snippet.split('<a class="snippet-source"')[0]).strip()
        assert "<mark>" in snippet
        assert text.startswith(("… ", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ“\"‘'"))
        assert text.endswith((".", "!", "?", "”", "’", '"', "…"))
    number = int(re.search(r'href="[^"]+#p(\d+)" aria-label="Read this in paragraph', page)[1])
    (article,) = [a for a in seeds.values() if "pastries" in a.blocks[number - 1]["text"]][:1]
    assert f'href="{article.get_absolute_url()}#p{number}"' in page


def test_home_cards_give_the_whole_summary_outlets_dates_and_clip(client, seeds):
    farewells = Event.objects.get(slug="farewells")
    farewells.summary = "A father says goodbye to his daughter. " * 8
    farewells.save()
    clip = Clip.objects.create(event=farewells, slug="father", title="The father", description="-")
    clip.postings.create(platform="Telegram", posted_on="2022-02-25")
    Article.objects.filter(pk=seeds["000"].pk).update(
        outlet=Outlet.objects.create(name="Metro", slug="metro"), published_on="2022-03-03"
    )
    page = html(client.get("/"))
    card = page.split('href="/events/farewells/">Farewells</a>')[1].split("</li>")[0]
    assert escape(farewells.summary.strip()) in card
    assert '2 articles from 1 outlet, published <time datetime="2022-03-03">' in card
    assert 'The father: first posted on Telegram, <time datetime="2022-02-25">' in card
    assert page.count('role="search"') == 1


def test_cards_on_an_event_page_do_not_repeat_its_name(client, seeds):
    page = html(client.get("/events/farewells/"))
    results = page.split('aria-label="Results"')[1]
    assert 'class="tag" href="/events/farewells/"' not in results
    listing = html(client.get("/articles/"))
    assert 'class="tag" href="/events/farewells/"' in listing


def test_an_error_page_renders_even_without_a_request():
    from django.template.loader import get_template

    assert "Reading Room" in get_template("500.html").render({})


def test_an_unexpected_error_gets_the_sites_500_page(rf):
    from articles.faults import server_error

    response = server_error(rf.get("/articles/"))
    assert response.status_code == 500
    assert 'property="og:image"' in response.content.decode()


def test_a_paragraph_pages_og_url_is_its_own(client, seeds):
    article = seeds["004"]
    page = html(client.get(f"{article.get_absolute_url()}p3/"))
    assert (
        f'<meta property="og:url" content="http://testserver{article.get_absolute_url()}p3/">'
        in page
    )
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in page


def test_the_sitemap_lists_each_page_in_every_language_with_its_alternates(client, seeds):
    sitemap = html(client.get("/sitemap.xml"))
    path = seeds["003"].get_absolute_url()
    for prefix in ("", "/uk", "/ru"):
        assert f"<loc>http://testserver{prefix}{path}</loc>" in sitemap
    assert f'hreflang="uk" href="http://testserver/uk{path}"' in sitemap
    assert f'hreflang="x-default" href="http://testserver{path}"' in sitemap


def test_sitemap_pages_split_article_and_language_pairs_without_gaps(seeds):
    from articles.models import Article
    from articles.sitemaps import InEachLanguage

    articles = list(Article.objects.published().order_by("pk"))
    pairs = InEachLanguage(Article.objects.published().order_by("pk"), ["en-gb", "uk", "ru"])
    expected = [(article, code) for article in articles for code in ("en-gb", "uk", "ru")]
    assert len(pairs) == len(expected)
    for size in (1, 2, 4, 5):
        pages = [pairs[start : start + size] for start in range(0, len(expected), size)]
        assert [pair for page in pages for pair in page] == expected
