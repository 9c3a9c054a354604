"""Source metadata: a front-matter header in the import file, or the text naming its outlet."""

import datetime

import pytest

from articles.article_files import FileRejected
from articles.cleaning import clean
from articles.front_matter import MAX_LANGUAGE_LENGTH, split_front_matter
from articles.importing import import_paths
from articles.models import Article, Outlet
from articles.outlets import outlet_named_in

from .test_importing import run_command

pytestmark = pytest.mark.django_db

HEADER = """---
url: https://metro.co.uk/2022/03/03/ukraine-war-russian-soldier-16207575/
outlet: Metro
byline: "Jane Smith"
published: 2022-03-03
language: en
---
Russian soldier surrenders to Ukrainian public who feed him

A moving video shows a captured Russian soldier on a video call to his mother.
"""


def test_a_header_sets_source_metadata_marked_as_from_the_header(write_article):
    import_paths([write_article("metro.txt", HEADER)])
    article = Article.objects.get()
    assert article.headline == "Russian soldier surrenders to Ukrainian public who feed him"
    assert article.source_url.startswith("https://metro.co.uk/2022/03/03/")
    assert (article.outlet.name, article.outlet_source) == ("Metro", "header")
    assert article.byline == "Jane Smith"
    assert article.published_on == datetime.date(2022, 3, 3)
    assert (article.date_source, article.date_evidence) == ("header", "published: 2022-03-03")
    assert article.language == "en"
    assert article.raw_text == HEADER  # stored verbatim, header and all
    assert "url:" not in article.body


def test_an_outlet_named_in_another_case_is_the_same_outlet(write_article):
    def article(name, outlet):
        return write_article(name, f"---\noutlet: {outlet}\n---\nHeadline {name}\n\nBody.\n")

    import_paths([article("a.txt", "Metro"), article("b.txt", "metro")])
    import_paths([article("c.txt", "METRO")])  # a later run finds it in the database
    assert list(Outlet.objects.values_list("name", "slug")) == [("Metro", "metro")]
    assert Article.objects.filter(outlet__name="Metro").count() == 3


def test_an_editors_values_beat_the_header_on_reimport(write_article):
    path = write_article("metro.txt", HEADER)
    import_paths([path])
    Article.objects.update(byline="J. Smith", editor_fields=["byline"])
    import_paths([write_article("metro.txt", HEADER + "\nA new paragraph.\n")])
    article = Article.objects.get()
    assert article.byline == "J. Smith"
    assert article.source_url.startswith("https://metro.co.uk/")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("---\nurl: javascript:alert(1)\n---\n", "'url' must be an http or https address"),
        ("---\npublished: March 3\n---\n", "'published' must be a date as YYYY-MM-DD"),
        ("---\nlanguage: english please\n---\n", "'language' must be a language code"),
        ("---\ncolour: blue\n---\n", "header line 2: unknown field 'colour'; expected one of"),
        ("---\nnot a field\n---\n", "header line 2: no 'name: value'; expected one of"),
        ("---\nbyline: [Jane, John]\n---\n", "'byline' must be plain text on its line"),
        ("---\noutlet: >\n  Metro\n---\n", "'outlet' must be plain text on its line"),
        ("---\npublished: 20220303\n---\n", "'published' must be a date as YYYY-MM-DD"),
        ("---\npublished: 0001-01-01\n---\n", "'published' must be between 1900-01-01 and"),
        ("---\npublished: 2999-01-01\n---\n", "'published' must be between 1900-01-01 and"),
        ("---\nlanguage: en-abcdefgh-ijklmnop\n---\n", "'language' must be a language code"),
        ("---\noutlet: A\noutlet: B\n---\n", "header line 3: 'outlet' is given twice"),
        ("---\noutlet: Metro\n", "has no closing '---'"),
        ("---\nbyline:\n---\n", "'byline' is empty"),
    ],
)
def test_a_malformed_header_fails_the_file_with_a_reason(write_article, header, message):
    path = write_article("bad.txt", header + "Headline\n\nBody.\n")
    code, _, err = run_command(path)
    assert code == 1
    assert message in err[0]
    assert not Article.objects.exists()


def test_the_header_allows_the_language_codes_the_article_can_store():
    assert Article._meta.get_field("language").max_length == MAX_LANGUAGE_LENGTH


def test_blank_lines_may_separate_the_header_from_the_headline():
    header, rest = split_front_matter("---\noutlet: Metro\n---\n\n\nHeadline\n\nBody.")
    assert (header, rest) == ({"outlet": "Metro"}, "Headline\n\nBody.")


def test_a_comment_ends_an_unquoted_value_as_in_yaml():
    header, _ = split_front_matter(
        "---\noutlet: Metro # the UK paper\nbyline: '#1 reporter'\n---\nHeadline\n\nBody."
    )
    assert header == {"outlet": "Metro", "byline": "#1 reporter"}


def test_a_header_with_nothing_after_it_says_so():
    with pytest.raises(FileRejected, match="nothing follows the header"):
        split_front_matter("---\noutlet: Metro\n---\n\n")


def test_a_header_with_old_mac_line_endings_is_read():
    text = "---\routlet: Metro\r---\rHeadline\r\rBody.\r"
    assert split_front_matter(text) == ({"outlet": "Metro"}, "Headline\n\nBody.\n")


def test_a_file_without_a_header_is_read_as_before():
    assert split_front_matter("Headline\n\nBody.") == ({}, "Headline\n\nBody.")
    with pytest.raises(FileRejected):
        split_front_matter("---\nnot a field\n---\nHeadline\n\nBody.")


@pytest.mark.parametrize(
    ("closing", "outlet"),
    [
        ("MailOnline has contacted the Russian embassy for comment.", "Daily Mail"),
        ("© 2022 Metro.co.uk", "Metro.co.uk"),
        ("© 2022 Metro.co.uk All Rights Reserved", "Metro.co.uk"),
        ("Copyright © 2022 Metro.co.uk", "Metro.co.uk"),
        ("© 2022 Newsweek Digital LLC. Terms of Service", "Newsweek Digital LLC"),
        ("© Daily Mail", "Daily Mail"),
        ("Sign up to Metro's newsletter", "Metro"),
        ("Copyright 2022 Newsweek. All rights reserved.", "Newsweek"),
        ("Sign up to The Independent's free newsletter", "The Independent"),
    ],
)
def test_the_outlet_is_recognised_where_the_text_names_itself(closing, outlet):
    cleaned = clean(f"Headline\n\nA soldier called his mother.\n\n{closing}")
    assert outlet_named_in(cleaned)[0] == outlet


def test_an_outlet_only_cited_as_a_source_is_not_taken_for_the_publisher():
    text = "Headline\n\nAccording to The New York Times, soldiers surrendered. Reuters reported it."
    assert outlet_named_in(clean(text)) == ("", "")


@pytest.mark.parametrize(
    "paragraph",
    [
        "Photo: © Getty Images",
        "Under point (c) Ukraine agreed to let the mothers travel to Kyiv.",
        "(c) Ukraine agreed to let the mothers travel to Kyiv.",
        "The video was taken down under the Digital Millennium Copyright Act.",
        "'Nobody has contacted us. The Red Cross have contacted the army for comment…'",
        "The footage, © Ukraine Ministry of Defence, was shared on Telegram.",
        "Can't get enough of this story? Follow us for more.",
    ],
)
def test_a_name_that_is_no_self_reference_is_not_taken_for_the_outlet(paragraph):
    cleaned = clean(f"Headline\n\nA soldier called his mother.\n\n{paragraph}")
    assert outlet_named_in(cleaned) == ("", "")


def test_a_self_reference_is_found_in_its_own_sentence():
    text = "Nobody has contacted us. MailOnline has contacted the Kremlin for comment."
    assert outlet_named_in(clean(f"Headline\n\n{text}")) == (
        "Daily Mail",
        "MailOnline has contacted the Kremlin for comment",
    )


def test_the_reader_view_shows_the_source_and_leaves_out_what_is_unknown(client, write_article):
    import_paths([write_article("metro.txt", HEADER)])
    import_paths([write_article("bare.txt", "Bare headline\n\nA body with nothing known.")])
    Article.objects.filter(source_name="bare.txt").update(status=Article.Status.PUBLISHED)
    page = client.get(Article.objects.get(source_name="metro.txt").get_absolute_url())
    facts = page.content.decode().split('<dl class="facts">')[1].split("</dl>")[0]
    assert "<dt>By</dt><dd>Jane Smith</dd>" in facts
    assert '<a href="https://metro.co.uk/2022/03/03/ukraine-war-russian-soldier-16207575/"' in facts
    assert '<div class="reading-text" lang="en">' in page.content.decode()
    bare = client.get(Article.objects.get(source_name="bare.txt").get_absolute_url())
    facts = bare.content.decode().split('<dl class="facts">')[1].split("</dl>")[0]
    assert "Outlet" not in facts and "Date" not in facts and "Unknown" not in facts
