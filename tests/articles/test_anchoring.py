from articles.anchoring import Anchor, anchor_at, locate, reanchor

TEXTS = [
    "The soldier calls his mother. The soldier cries.",
    "A woman holds up the phone and tells his mother, Natasha, that he is safe.",
]


def test_locate_picks_the_occurrence_that_fits_its_context():
    text = TEXTS[0]
    first = locate(text, "The soldier", prefix="", suffix=" calls")
    second = locate(text, "The soldier", prefix="mother. ", suffix=" cries")
    assert first == (0, 11)
    assert second == (30, 41)


def test_anchor_keeps_a_little_context_either_side():
    text = TEXTS[1]
    start = text.index("tells")
    anchor = anchor_at(TEXTS, 2, start, start + len("tells his mother"))
    assert anchor.quote == "tells his mother"
    assert anchor.prefix == "A woman holds up the phone and "
    assert anchor.suffix == ", Natasha, that he is safe."


def test_reanchor_follows_a_passage_to_another_paragraph():
    anchor = Anchor(2, "tells his mother, Natasha", "holds up the phone and ", ", that")
    moved = ["A new opening paragraph.", *TEXTS]
    found = reanchor(moved, anchor)
    assert (found.paragraph, found.quote) == (3, "tells his mother, Natasha")


def test_reanchor_finds_a_lightly_edited_passage():
    anchor = Anchor(2, "tells his mother, Natasha, that he is safe", "the phone and ", ".")
    edited = [TEXTS[0], "A woman holds the phone and tells his mother Natasha that he is safe."]
    found = reanchor(edited, anchor)
    assert found.paragraph == 2
    assert found.quote == "tells his mother Natasha that he is safe"


def test_reanchor_gives_up_when_the_passage_is_gone():
    anchor = Anchor(2, "tells his mother, Natasha, that he is safe", "", "")
    assert reanchor([TEXTS[0], "Something else entirely happened on Friday."], anchor) is None


def test_between_equal_matches_the_nearest_paragraph_wins():
    quote = "He is alive and healthy"
    texts = ["Intro.", f"{quote}.", "Middle.", "More.", f"{quote}."]
    shifted = ["New opening.", *texts]
    found = reanchor(shifted, Anchor(2, quote, "", "."))
    assert found.paragraph == 3


def test_a_lightly_edited_passage_in_its_context_beats_an_exact_copy_elsewhere():
    anchor = Anchor(2, "he is alive and healthy", "Natasha, God be with you: ", ". We will call")
    texts = [
        "Elsewhere a man shouts that he is alive and healthy, to nobody in particular.",
        "Natasha, God be with you: he's alive and healthy. We will call you later.",
    ]
    found = reanchor(texts, anchor)
    assert (found.paragraph, found.quote) == (2, "he's alive and healthy")


def test_an_exact_copy_among_strangers_loses_to_the_edited_original_in_its_paragraph():
    anchor = Anchor(2, "he is alive and healthy", "Natasha, God be with you: ", ". We will call")
    texts = ["A man shouts that he is alive and healthy.", "Rewritten: he's alive and healthy!"]
    found = reanchor(texts, anchor)
    assert (found.paragraph, found.quote) == (2, "he's alive and healthy")


def test_an_editors_straight_quotes_dashes_and_spaces_find_the_printed_passage():
    from articles.anchoring import locate_loosely

    text = "She said: “Natasha — he’s alive”…  and  cried."
    start, end = locate_loosely(text, '"Natasha - he\'s alive"...', "", "")
    assert text[start:end] == "“Natasha — he’s alive”…"
    start, end = locate_loosely(text, "and cried", "", "")
    assert text[start:end] == "and  cried"
    assert locate_loosely(text, "Natasha, he is alive") is None


def test_a_near_miss_names_the_closest_words():
    from articles.anchoring import nearest_passage

    text = "The woman directly addresses the soldier’s mother, who she calls Natasha, and smiles."
    assert nearest_passage(text, "who she called Natasha") == "who she calls Natasha"
    assert nearest_passage(text, "completely unrelated sentence about tanks") is None


SOLDIER_TEXTS = [
    "The soldier said he was tired of the war and wanted to go home to his family.",
    "Paragraph two.",
    "Paragraph three.",
    "Paragraph four.",
    "Later the soldier said he was tired and hungry after the long march.",
]


def anchor_on(texts, paragraph, quote):
    start = texts[paragraph - 1].index(quote)
    return anchor_at(texts, paragraph, start, start + len(quote))


def test_a_short_quote_lightly_edited_in_place_beats_an_exact_copy_elsewhere():
    anchor = anchor_on(SOLDIER_TEXTS, 1, "he was tired")
    edited = [SOLDIER_TEXTS[0].replace("he was tired", "he was really tired"), *SOLDIER_TEXTS[1:]]
    found = reanchor(edited, anchor)
    assert (found.paragraph, found.quote) == (1, "he was really tired")
    assert found.prefix == anchor.prefix and found.suffix == anchor.suffix


def test_a_fuzzy_match_takes_in_every_word_of_the_edited_passage():
    text = "A woman gave him tea and a phone so that he could call his mother."
    anchor = anchor_on([text], 1, "gave him tea and a phone")
    edited = text.replace("a phone", "a mobile phone")
    assert reanchor([edited], anchor).quote == "gave him tea and a mobile phone"


def test_a_short_quote_found_only_among_strangers_elsewhere_is_not_moved():
    anchor = anchor_on(SOLDIER_TEXTS, 1, "he was tired")
    rewritten = ["The soldier spoke of his family.", *SOLDIER_TEXTS[1:4]]
    rewritten.append("Nobody asked if he was tired, everyone was.")
    assert reanchor(rewritten, anchor) is None


def test_a_long_quote_copied_exactly_elsewhere_still_follows_its_words():
    quote = "he wanted to go home to his family before winter"
    anchor = Anchor(1, quote, "The soldier said ", ".")
    texts = ["The soldier spoke briefly.", f"Asked why, the medic added that {quote}!"]
    assert reanchor(texts, anchor).paragraph == 2


def test_paragraphs_that_share_no_word_with_the_quote_are_not_searched(monkeypatch):
    import articles.anchoring as anchoring

    searched = []
    real = anchoring.fuzzy_windows
    monkeypatch.setattr(
        anchoring,
        "fuzzy_windows",
        lambda text, *args, **kwargs: searched.append(text) or real(text, *args, **kwargs),
    )
    texts = ["Nothing alike here at all.", "The soldier was tierd and hungry."]
    assert reanchor(texts, Anchor(1, "was tired and hungry", "x", "y")).paragraph == 2
    assert searched == [texts[1]]
