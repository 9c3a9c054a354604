import json

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles.markdown import render_markdown
from articles.passages import word_diff
from articles.sharing import shortened

register = template.Library()

JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def markdown(text):
    return render_markdown(text)


@register.filter
def ld_json(data):
    """A schema.org JSON-LD block, escaped so no text in it can close the script."""
    payload = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag
def wording_diff(first, other):
    """Another outlet's wording of a quote, the words differing from the first marked."""
    return format_html_join(
        " ",
        "{}",
        (
            (format_html("<mark>{}</mark>", text) if changed else text,)
            for text, changed in word_diff(first, other)
        ),
    )


@register.simple_tag
def passage_diff(article, passage):
    """The other article's wording of a shared paragraph, its differences marked."""
    return wording_diff(article.blocks[passage.paragraph - 1]["text"], passage.other_text)


@register.filter(name="shortened")
def shortened_filter(text, limit):
    """At most `limit` characters, cut at a sentence or word boundary with "…"."""
    return shortened(str(text), int(limit))
