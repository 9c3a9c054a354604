import pytest

from articles.cleaning import (
    CAPTION,
    CREDIT,
    PARAGRAPH,
    TWEET,
    ArticleFormatError,
    clean,
    split_raw_text,
)
from articles.outlets import outlet_named_in


def texts(cleaned, kind=PARAGRAPH):
    return [block.text for block in cleaned.blocks if block.kind == kind]


def rules(cleaned):
    return {change.rule for change in cleaned.changes}


def test_headline_is_the_first_line_and_paragraphs_follow_blank_lines():
    headline, paragraphs = split_raw_text("Title  \n\nFirst  para.\n\n\n\nSecond\u00a0para. \n")
    assert headline == "Title"
    assert paragraphs == ["First para.", "Second para."]


def test_a_headline_with_no_body_is_refused():
    with pytest.raises(ArticleFormatError, match="no body"):
        clean("Only a headline\n\n   \n")


def test_an_empty_first_line_is_refused():
    with pytest.raises(ArticleFormatError, match="headline"):
        clean("\n\nBody without a headline.")


def test_captions_printed_twice_are_kept_once_as_captions(seed_text):
    cleaned = clean(seed_text("003"))
    captions = texts(cleaned, CAPTION)
    assert len(captions) == len(set(captions)) == 5
    assert any(c.startswith("Debris are seen after the shelling") for c in captions)
    assert all(not p.startswith("Debris are seen") for p in texts(cleaned))
    assert "repeated-caption" in rules(cleaned)


def test_a_caption_repeating_a_paragraph_is_dropped_and_reported(seed_text):
    cleaned = clean(seed_text("003"))
    dropped = [c.text for c in cleaned.changes if c.rule == "caption-repeats-paragraph"]
    assert [text[:30] for text in dropped] == [
        "He says: 'Life has been peacef",
        "It was reported last Saturday ",
        "Photos of the attack were shar",
    ]
    everything = [block.text for block in cleaned.blocks]
    assert sum(text.startswith("He says: 'Life has been") for text in everything) == 1


def test_a_caption_repeating_a_paragraph_ignores_punctuation_and_spacing():
    text = (
        "H\n\nThe soldier said: ‘I love you, Mum.’ He cried.\n\n"
        "The soldier said  'I love you Mum'  he cried\n\n"
        "The soldier said  'I love you Mum'  he cried"
    )
    cleaned = clean(text)
    assert [block.kind for block in cleaned.blocks] == [PARAGRAPH]
    assert "caption-repeats-paragraph" in rules(cleaned)


BORROWED_PHONE = "He called his mother on a borrowed phone and wept."


@pytest.mark.parametrize(
    "repeats",
    [
        ["He called his mother on a borrowed phone and wept"],
        ["He called his mother on a borrowed phone and wept"] * 2,
        ["He called his mother, on a borrowed phone and wept"],
        ["he called his mother on a borrowed phone and WEPT."],
    ],
)
def test_a_caption_right_after_the_paragraph_it_repeats_is_dropped(repeats):
    body = "\n\n".join([BORROWED_PHONE, *repeats, "Then the line went dead."])
    cleaned = clean(f"H\n\n{body}")
    assert [(block.kind, block.text) for block in cleaned.blocks] == [
        (PARAGRAPH, BORROWED_PHONE),
        (PARAGRAPH, "Then the line went dead."),
    ]
    assert [c.rule for c in cleaned.changes][-1] == "caption-repeats-paragraph"


def test_paragraphs_without_words_are_not_taken_for_repeats():
    cleaned = clean("H\n\n***\n\n…\n\nText.")
    assert texts(cleaned) == ["***", "…", "Text."]


def test_a_caption_that_only_resembles_a_paragraph_is_kept():
    text = "H\n\nThe soldier cried on the phone.\n\nThe soldier cried.\n\nThe soldier cried."
    assert texts(clean(text), CAPTION) == ["The soldier cried."]


def test_captions_differing_only_in_a_final_full_stop_are_one_caption():
    cleaned = clean("H\n\nBody text here.\n\nA caption about a photo\n\nA caption about a photo.")
    assert texts(cleaned, CAPTION) == ["A caption about a photo"]
    assert texts(cleaned) == ["Body text here."]


def test_a_caption_glued_to_the_next_paragraph_is_split_off(seed_text):
    cleaned = clean(seed_text("003"))
    glued = "they all die'Ukraine on Wednesday"
    assert all(glued not in block.text for block in cleaned.blocks)
    assert any(
        p.startswith("Ukraine on Wednesday invited the worried mothers") for p in texts(cleaned)
    )
    assert "'They don't even pick up the corpses, there are no funerals'Footage" not in (
        " ".join(block.text for block in cleaned.blocks)
    )
    assert [c.rule for c in cleaned.changes].count("glued-caption") == 2


def test_blog_trailer_is_removed(seed_text):
    cleaned = clean(seed_text("003"))
    body = " ".join(block.text for block in cleaned.blocks)
    assert "No comments" not in body
    assert "Powered by Blogger" not in body
    assert texts(cleaned)[-1].startswith("Russian troops attacked the Zaporizhzhia plant")


def test_read_more_list_is_removed(seed_text):
    cleaned = clean(seed_text("000"))
    body = " ".join(block.text for block in cleaned.blocks)
    assert "Read more" not in body
    assert "CNN reporter interrupts" not in body
    assert texts(cleaned)[-1].startswith("Thus, declared that the government")


def test_photo_credit_is_kept_apart_from_the_body(seed_text):
    cleaned = clean(seed_text("000"))
    assert texts(cleaned, CREDIT) == ["Photo: Spencer Platt/Getty Images"]
    assert all("Getty" not in p for p in texts(cleaned))


def test_site_plugs_and_social_counters_are_removed_and_name_the_outlet(seed_text):
    cleaned = clean(seed_text("004"))
    body = " ".join(texts(cleaned))
    for plug in ("642 points", "Follow us on Twitter", "Subscribe to our channel"):
        assert plug not in body
    assert texts(cleaned, CREDIT) == ["Featured image via screen capture"]
    assert outlet_named_in(cleaned) == (
        "Political Tribune",
        "Can’t get enough Political Tribune? Follow",
    )
    assert {"social-counter", "site-plug"} <= rules(cleaned)


def test_embedded_tweet_becomes_a_quotation_with_author_and_date(seed_text):
    cleaned = clean(seed_text("002"))
    (tweet,) = [block for block in cleaned.blocks if block.kind == TWEET]
    assert tweet.text.startswith("Remarkable video circulating on Telegram.")
    assert tweet.text.endswith("Putin’s brutality.")
    assert tweet.meta == {
        "author": "Christopher Miller",
        "handle": "ChristopherJM",
        "date": "March 2, 2022",
        "link": "https://pic.twitter.com/KtbHad8XLm",
    }


def test_a_subtitle_repeated_in_the_body_becomes_the_standfirst(seed_text):
    cleaned = clean(seed_text("001"))
    subtitle = "All Ukrainian men between the ages of 18 and 60 have been banned"
    assert cleaned.standfirst.startswith(subtitle)
    assert not texts(cleaned)[0].startswith(subtitle)
    assert "repeated-subtitle" in rules(cleaned)


def test_source_typos_and_curly_quotes_are_kept_as_published(seed_text):
    body = " ".join(texts(clean(seed_text("000"))))
    assert "livesas a soldier" in body
    assert "andhe young soldier" in body
    assert "it’s our turn to leave. Mom, Dad, I love you”" in body


def test_every_change_names_its_rule_and_reason(seed_text):
    for prefix in ("000", "001", "002", "003", "004"):
        for change in clean(seed_text(prefix)).changes:
            assert change.rule and change.reason and change.text


def test_a_file_of_nothing_but_boilerplate_is_refused():
    with pytest.raises(ArticleFormatError, match="nothing is left"):
        clean("Headline\n\nNo comments:\n\nPowered by Blogger.")


def test_a_caption_repeated_with_a_full_stop_leaves_no_stray_punctuation():
    cleaned = clean(
        "H\n\nBody text.\n\n"
        "A caption about a photo taken in Kyiv\n\nA caption about a photo taken in Kyiv."
    )
    assert [b.text for b in cleaned.blocks] == [
        "Body text.",
        "A caption about a photo taken in Kyiv",
    ]


def test_read_more_links_in_paragraphs_of_their_own_are_removed_too():
    cleaned = clean(
        "H\n\nThe story ends here.\n\nRead more:\n\nAnother headline about the war\n\n"
        "A second linked headline\n\nA real closing paragraph, after the list."
    )
    assert texts(cleaned) == ["The story ends here.", "A real closing paragraph, after the list."]
    assert [c.rule for c in cleaned.changes].count("read-more") == 3


def test_a_short_dateline_is_not_taken_for_a_subtitle():
    cleaned = clean("H\n\nKyiv\n\nIn Kyiv, the sirens sounded at dawn.")
    assert cleaned.standfirst == ""
    assert texts(cleaned)[0] == "Kyiv"


FOUND_IN_REAL_COVERAGE = [
    # Metro, 3 March 2022: a label and a live-blog plug between paragraphs.
    ("Up Next", "page-furniture"),
    ("For the latest updates on the Russia-Ukraine war, visit our live blog", "site-plug"),
    # Play Crazy Game, 3 March 2022: a widget label and the site's footer.
    ("Check Also", "page-furniture"),
    ("© 2022 Play Crazy Game, All Rights Reserved", "copyright-line"),
    ("Advertisement", "page-furniture"),
    # Global Village Space: an embedded YouTube video, flattened to its address.
    ("https://youtu.be/C-HV2oUq8BM", "bare-link"),
    # Metro: the footer names the site by its domain; a newsletter plug of its own.
    ("© 2022 Metro.co.uk All Rights Reserved", "copyright-line"),
    ("Sign up to Metro's newsletter", "site-plug"),
]


@pytest.mark.parametrize(("debris", "rule"), FOUND_IN_REAL_COVERAGE)
def test_debris_found_in_real_coverage_is_removed_by_its_rule(debris, rule):
    cleaned = clean(f"Headline\n\nThe soldier called his mother.\n\n{debris}\n\nHe cried.")
    assert texts(cleaned) == ["The soldier called his mother.", "He cried."]
    assert [(change.rule, change.text) for change in cleaned.changes] == [(rule, debris)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Up next, the soldier asked to speak to his father.",
        "Copyright lawyers say the footage can be shared.",
        "Check also the translation by the Redditor, which differs.",
        "https://youtu.be/C-HV2oUq8BM shows the whole exchange, in which he cries.",
        "Sign up to Metro's newsletter, his mother was told, and she would hear of him.",
    ],
)
def test_body_sentences_that_start_like_debris_are_kept(sentence):
    cleaned = clean(f"Headline\n\n{sentence}\n\nMore text.")
    assert texts(cleaned)[0] == sentence


def test_the_outlet_is_named_by_its_copyright_footer():
    cleaned = clean("Headline\n\nBody.\n\n© 2022 Play Crazy Game, All Rights Reserved")
    assert outlet_named_in(cleaned)[0] == "Play Crazy Game"
