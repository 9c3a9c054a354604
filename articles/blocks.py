"""The stored form of an article's reading text (`Article.blocks`), and its one reader.

A list of dicts, each with its `kind` and `text`; a tweet's also with its `author`, `handle`,
`date` and `link`. Paragraph N (`#pN`, a note's or a citation's paragraph) is the Nth block,
counted from 1, whatever its kind.
"""

PARAGRAPH = "paragraph"
CAPTION = "caption"
CREDIT = "credit"
TWEET = "tweet"
# What the outlet wrote or quoted itself, as against captions and credits.
READING_KINDS = (PARAGRAPH, TWEET)


def numbered(blocks):
    """(number, block) for each block, numbered as the #pN anchors are."""
    return enumerate(blocks, start=1)


def texts(blocks):
    """Every block's text: paragraph N's is at index N - 1."""
    return [block["text"] for block in blocks]


def text_of(blocks, number):
    """The text of paragraph `number`, or None when there is no such paragraph."""
    if 1 <= number <= len(blocks):
        return blocks[number - 1]["text"]
    return None


def body_paragraphs(blocks):
    """The texts of the body paragraphs: no captions, credits or embedded posts."""
    return [block["text"] for block in blocks if block["kind"] == PARAGRAPH]


def is_reading(block):
    return block["kind"] in READING_KINDS


def details(block):
    """What a block keeps besides its kind and text (a tweet's author, handle, date, link)."""
    return {key: value for key, value in block.items() if key not in ("kind", "text")}
