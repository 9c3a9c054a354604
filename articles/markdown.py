"""Render editors' Markdown annotations to HTML that is safe on a public page.

Two tools are used on purpose, because neither is enough alone:

* markdown-it-py turns CommonMark (plus tables and ~~strikethrough~~) into HTML.
  Raw HTML in the source is switched off, so ``<b>`` is shown as the text
  ``&lt;b&gt;``, and its link validation already refuses ``javascript:`` and
  similar URLs. But a renderer is not a security boundary: its output is only
  as safe as every rule and plugin that ever touches it.
* nh3 (ammonia) then parses that output as HTML and keeps only an explicit
  allow-list of tags, attributes and URL schemes. Whatever the renderer lets
  through by mistake, the page only ever gets what is listed below.

Two choices keep annotations subordinate to the article they sit in:

* Headings are shifted down two levels (``#`` becomes h3, ``##`` and deeper
  become h4), because the article page already has its own h1 and h2.
* Images are not parsed, so nothing is fetched from a third party when a page
  is read: ``![alt](url)`` comes out as "!" followed by an ordinary link.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer"

TOP_HEADING_LEVEL = 3
LOWEST_HEADING_LEVEL = 4


def _retag(state: StateCore) -> None:
    """Shift headings (``#`` is h3, ``##`` or deeper is h4); write ~~x~~ as <del>."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = int(token.tag[1]) + TOP_HEADING_LEVEL - 1
            token.tag = f"h{min(level, LOWEST_HEADING_LEVEL)}"
        for child in token.children or ():
            if child.tag == "s":  # markdown-it's strikethrough tag
                child.tag = "del"


_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": False})
    .enable(["table", "strikethrough"])
    .disable("image")
)
_markdown.core.ruler.push("retag", _retag)


def render_markdown(text: str) -> SafeString:
    """Return the annotation ``text`` as sanitized HTML, ready for a template."""
    if not text or not text.strip():
        return mark_safe("")
    html = nh3.clean(
        _markdown.render(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        url_relative="deny",  # also refuses scheme-relative "//host" links
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return mark_safe(html)  # nh3 has just sanitized it
