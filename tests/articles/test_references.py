"""Citing an article or a paragraph: APA, MLA, Chicago on the page; BibTeX, RIS, CSL-JSON files."""

import datetime
import json

import pytest
from django.utils.html import escape

from articles import references, sharing
from articles.importing import import_paths
from articles.models import Article, SlugRedirect

pytestmark = pytest.mark.django_db

ACCESSED = datetime.date(2026, 11, 23)
HEADER = """---
url: https://metro.co.uk/2022/03/03/ukraine-war-russian-soldier-16207575/
outlet: Metro
byline: "By Jane Smith and Oleksandr Kovalenko-Bilyi"
published: 2022-03-03
language: en
---
Russian soldier surrenders & is fed {tea} by 100% Ukrainian strangers

A moving video shows a captured Russian soldier on a video call to his mother.

“Mum, they gave me tea and pastries,” he says.
"""


@pytest.fixture
def metro(write_article):
    import_paths([write_article("metro.txt", HEADER)])
    return Article.objects.get()


def reference(article, paragraph=None):
    permalink = f"http://testserver{article.get_absolute_url()}"
    return references.Reference.of(article, permalink, ACCESSED, paragraph)


def styles(article, paragraph=None):
    return {name: text for name, _, text in references.formatted(reference(article, paragraph))}


def test_bylines_become_authors_people_inverted_organisations_kept_whole():
    assert [a.inverted for a in references.authors_of("By Jane Smith and Ann Lee")] == [
        "Smith, Jane",
        "Lee, Ann",
    ]
    assert [a.initialled for a in references.authors_of("Mary-Jo van Dyke")] == ["van Dyke, M.-J."]
    assert [a.literal for a in references.authors_of("Reuters staff")] == ["Reuters staff"]
    assert [a.literal for a in references.authors_of("Daily Mail Reporter")] == [
        "Daily Mail Reporter"
    ]
    assert references.authors_of("") == []


def test_the_three_styles_cite_the_original_and_the_archived_copy(metro):
    permalink = f"http://testserver{metro.get_absolute_url()}"
    cited = styles(metro)
    assert cited["APA"].startswith(
        "Smith, J., & Kovalenko-Bilyi, O. (2022, March 3). Russian soldier surrenders"
    )
    assert "Metro. https://metro.co.uk/2022/03/03/" in cited["APA"]
    assert cited["MLA"].startswith("Smith, Jane, and Oleksandr Kovalenko-Bilyi. “Russian")
    assert "Metro, 3 Mar. 2022, metro.co.uk/2022/03/03/" in cited["MLA"]
    assert cited["MLA"].endswith("Accessed 23 Nov. 2026.")
    assert cited["Chicago"].startswith("Smith, Jane, and Oleksandr Kovalenko-Bilyi. “Russian")
    assert "Metro, March 3, 2022. https://metro.co.uk/" in cited["Chicago"]
    for text in cited.values():
        assert permalink.removeprefix("http://") in text and "para" not in text


def test_a_paragraph_citation_names_the_paragraph_and_links_to_it(metro):
    permalink = f"http://testserver{metro.get_absolute_url()}p2/"
    cited = styles(metro, paragraph=2)
    assert f"(Reading Room copy, para. 2: {permalink})" in cited["APA"]
    assert f"{permalink.removeprefix('http://')}, par. 2." in cited["MLA"]
    assert f"Archived in Reading Room copy, para. 2, {permalink}." in cited["Chicago"]


def test_an_article_with_nothing_known_still_cites_properly(seeds):
    cited = styles(seeds["004"])
    assert cited["APA"].startswith("Heart-Breaking Video")
    assert "(n.d.)" in cited["APA"] and "Political Tribune" in cited["APA"]
    assert "Unknown" not in " ".join(cited.values())
    assert "Accessed November 23, 2026" in cited["Chicago"]


def test_bibtex_escapes_its_special_characters_and_carries_both_addresses(metro):
    bib = references.bibtex(reference(metro, paragraph=3))
    assert bib.startswith(f"@article{{russian2022-{metro.pk}-p3,")
    assert r"surrenders \& is fed \{tea\} by 100\% Ukrainian" in bib
    assert "author = {Smith, Jane and Kovalenko-Bilyi, Oleksandr}" in bib
    assert "url = {https://metro.co.uk/2022/03/03/ukraine-war-russian-soldier-16207575/}" in bib
    assert f"\\url{{http://testserver{metro.get_absolute_url()}p3/}}" in bib
    assert "date = {2022-03-03}" in bib and "journaltitle = {Metro}" in bib


def test_ris_is_one_tag_per_line_and_ends_its_record(metro):
    ris = references.ris(reference(metro))
    lines = ris.split("\r\n")
    assert lines[0] == "TY  - NEWS" and lines[-2] == "ER  - " and lines[-1] == ""
    assert "AU  - Smith, Jane" in lines and "T2  - Metro" in lines
    assert "DA  - 2022/03/03" in lines
    assert all(len(line) == 0 or line[2:6] == "  - " for line in lines)


def test_download_views_answer_files_for_the_article_and_a_paragraph(client, metro):
    original = "https://metro.co.uk/2022/03/03/ukraine-war-russian-soldier-16207575/"
    paragraph_link = f"http://testserver{metro.get_absolute_url()}p2/"
    ris = client.get(f"{metro.get_absolute_url()}p2/cite.ris")
    assert ris.status_code == 200
    assert ris["Content-Type"].startswith("application/x-research-info-systems")
    assert f'filename="{metro.slug}-p2.ris"' in ris["Content-Disposition"]
    assert f"UR  - {original}" in ris.content.decode()
    assert f"UR  - {paragraph_link}" in ris.content.decode()
    bib = client.get(f"{metro.get_absolute_url()}p2/cite.bib").content.decode()
    assert original in bib and paragraph_link in bib
    (item,) = json.loads(client.get(f"{metro.get_absolute_url()}cite.json").content)
    assert item["type"] == "article-newspaper" and item["URL"] == original
    assert item["archive_location"] == f"http://testserver{metro.get_absolute_url()}"
    assert item["issued"] == {"date-parts": [[2022, 3, 3]]}
    assert item["author"][0] == {"family": "Smith", "given": "Jane"}


@pytest.mark.parametrize("path", ["p0/cite.ris", "p99/cite.bib", "cite.pdf", "p-1/cite.ris"])
def test_bad_citation_addresses_are_404(client, metro, path):
    assert client.get(f"{metro.get_absolute_url()}{path}").status_code == 404


def test_a_hidden_article_has_no_citation_and_an_old_slug_redirects(client, metro):
    SlugRedirect.objects.create(old_slug="old-metro", article=metro)
    response = client.get("/articles/old-metro/p2/cite.ris")
    assert response.status_code == 301
    assert response["Location"] == f"{metro.get_absolute_url()}p2/cite.ris"
    metro.status = Article.Status.HIDDEN
    metro.save()
    assert client.get(f"{metro.get_absolute_url()}cite.ris").status_code == 404


def test_the_article_page_shows_the_styles_and_the_downloads(client, metro):
    page = client.get(metro.get_absolute_url()).content.decode()
    for style in ("APA", "MLA", "Chicago"):
        assert f"<dt>{style}</dt>" in page
    assert "<i>Metro</i>" in page
    assert escape("Russian soldier surrenders & is fed") in page
    for extension in ("bib", "ris", "json"):
        assert f'href="{metro.get_absolute_url()}cite.{extension}" download' in page


def test_an_editors_share_description_wins_over_the_opening(client, metro):
    assert sharing.description(metro).startswith("A moving video shows a captured Russian")
    metro.description = "A prisoner's call home, filmed by the strangers who fed him."
    metro.save()
    page = client.get(metro.get_absolute_url()).content.decode()
    assert 'og:description" content="A prisoner&#x27;s call home, filmed by' in page


def test_a_long_opening_is_described_in_whole_sentences():
    opening = "God knows we are against the war. " * 5 + "And " + "very " * 80 + "long."
    described = sharing.shortened(opening, 300)
    assert described.endswith("against the war. …") and len(described) <= 300
    unbroken = "word " * 100
    assert sharing.shortened(unbroken, 50) == ("word " * 10).strip() + "…"


def test_a_paragraph_page_cites_that_paragraph(client, metro):
    page = client.get(f"{metro.get_absolute_url()}p2/").content.decode()
    assert "Cite paragraph 2 of this article" in page
    assert f"(Reading Room copy, para. 2: http://testserver{metro.get_absolute_url()}p2/)" in page
    assert f'href="{metro.get_absolute_url()}p2/cite.ris" download>RIS</a> (Zotero' in page


def test_bibtex_escapes_each_special_character_once():
    assert references.bibtex_escape(r"a\b ~ c ^ d {e} 50% #1") == (
        r"a\textbackslash{}b \textasciitilde{} c \textasciicircum{} d \{e\} 50\% \#1"
    )


def test_bibtex_names_the_language_as_biblatex_does(metro):
    assert "langid = {english}" in references.bibtex(reference(metro))
    metro.language = "xx"
    assert "langid" not in references.bibtex(reference(metro))
