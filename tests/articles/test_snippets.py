"""Search snippets cut to whole sentences around the first match, marks kept whole."""

from articles.search import START, STOP, excerpt, highlighted


def marked(word):
    return f"{START}{word}{STOP}"


def test_the_sentence_with_the_match_and_its_neighbours_up_to_the_limit():
    text = (
        "The war began. Soldiers were captured near Kharkiv in the first week. "
        f"One of them called his {marked('mother')} from a stranger's phone. "
        "She cried. The call lasted four minutes and was filmed by the people who fed him, "
        "and then it was posted on Telegram where millions saw it within a day or two."
    )
    snippet = excerpt(text, limit=120)
    assert snippet.startswith("… Soldiers were captured") or snippet.startswith("… One of them")
    assert f"his {marked('mother')} from a stranger's phone. She cried." in snippet
    assert snippet.endswith(" …")
    assert "The war began." not in snippet


def test_a_whole_short_paragraph_has_no_ellipsis():
    text = f"He asked for his {marked('mother')}. She answered."
    assert excerpt(text) == text


def test_a_match_deep_in_a_very_long_sentence_gets_a_window_of_whole_words():
    words = " ".join(f"word{n}" for n in range(200))
    text = f"{words} {marked('Natasha')} {words}."
    snippet = excerpt(text, limit=120)
    assert marked("Natasha") in snippet
    assert snippet.startswith("… word") and snippet.endswith(" …")
    assert len(snippet) < 200
    inner = snippet.removeprefix("… ").removesuffix(" …")
    assert all(part.startswith("word") or part == marked("Natasha") for part in inner.split())


def test_a_cut_never_leaves_a_mark_open_or_a_stray_end():
    text = f"{'x' * 10} {START}{'long ' * 80}{STOP} end."
    html = str(highlighted(excerpt(text, limit=60)))
    assert html.count("<mark>") == html.count("</mark>") == 1
    assert html.index("<mark>") < html.index("</mark>")
