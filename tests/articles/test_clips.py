"""Clips: the videos themselves, curated by editors, shown on their event's page."""

import datetime
import json
import re

import pytest

from articles.models import Clip, Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def clip(seeds):
    event = Event.objects.get(slug="captured-soldier-calls")
    clip = Clip.objects.create(
        event=event,
        slug="tea-and-pastry",
        title="A captured soldier is fed and calls his mother",
        description="Ukrainian women give a young Russian soldier tea and a pastry.",
        duration_seconds=65,
        languages="uk, ru",
        archive_url="https://web.archive.org/web/2022/https://t.me/example/1",
        verification=Clip.Verification.PARTLY,
        verification_note="Location matched; date from the first posting.",
    )
    clip.postings.create(
        platform="Twitter",
        account="@ChristopherJM",
        posted_on=datetime.date(2022, 3, 2),
        url="https://twitter.com/ChristopherJM/status/1499104404489879554",
    )
    clip.postings.create(platform="Telegram", posted_on=datetime.date(2022, 3, 1))
    seeds["002"].clips.add(clip)
    return clip


def schema_of(page):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(found[1])


def test_the_event_page_shows_its_clips_first_posting_first(client, clip):
    page = client.get("/events/captured-soldier-calls/").content.decode()
    section = page.split('id="clip-tea-and-pastry"')[1].split("</article>")[0]
    first, later = section.split("Later postings")
    assert "Telegram" in first and '<time datetime="2022-03-01">1 March 2022</time>' in first
    assert "@ChristopherJM" in later
    assert "Partly verified: Location matched" in section
    assert "65 seconds" in section and "uk, ru" in section


def test_the_event_page_describes_its_clips_as_schema_org_videos(client, clip):
    page = client.get("/events/captured-soldier-calls/").content.decode()
    (video,) = schema_of(page)["@graph"]
    assert video["@type"] == "VideoObject"
    assert video["@id"] == "http://testserver/events/captured-soldier-calls/#clip-tea-and-pastry"
    assert video["uploadDate"] == "2022-03-01"
    assert video["duration"] == "PT1M5S"
    assert video["inLanguage"] == ["uk", "ru"]
    assert video["url"] == "https://twitter.com/ChristopherJM/status/1499104404489879554"
    assert video["sameAs"] == [clip.archive_url]


def test_an_event_without_clips_has_no_clip_section(client, seeds):
    page = client.get("/events/farewells/").content.decode()
    assert "clips-heading" not in page and "VideoObject" not in page


def test_an_article_links_to_the_clip_it_covers(client, clip, seeds):
    page = client.get(seeds["002"].get_absolute_url()).content.decode()
    assert (
        '<dt>Covers</dt><dd><a href="/events/captured-soldier-calls/#clip-tea-and-pastry">'
        "A captured soldier is fed and calls his mother</a>"
    ) in page


def test_clip_text_is_escaped(client, clip):
    clip.title = "</script><script>alert(1)</script>"
    clip.save()
    page = client.get("/events/captured-soldier-calls/").content.decode()
    assert "<script>alert(1)" not in page
    assert schema_of(page)["@graph"][0]["name"] == clip.title


def test_an_editor_adds_a_clip_and_the_verification_records_who(editor_client, editor, seeds):
    event = Event.objects.get(slug="farewells")
    data = {
        "event": event.pk,
        "title": "A father says goodbye to his daughter",
        "slug": "father-and-daughter",
        "order": 0,
        "description": "A father in Ukraine hugs his daughter before she leaves on a bus.",
        "languages": "uk",
        "verification": "verified",
        "verification_note": "Matched to the first posting.",
        "postings-TOTAL_FORMS": 1,
        "postings-INITIAL_FORMS": 0,
        "postings-0-platform": "TikTok",
        "postings-0-posted_on": "2022-02-24",
    }
    response = editor_client.post("/admin/articles/clip/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    clip = Clip.objects.get(slug="father-and-daughter")
    assert clip.verified_by == editor and clip.verified_at is not None
    assert clip.postings.get().platform == "TikTok"
    assert clip.history.count() == 1
