import json

from django import template
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from articles import localized as localized_texts
from articles.markdown import render_markdown
from articles.passages import word_diff
from articles.sharing import shortened

register = template.Library()

JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def markdown(text):
    return render_markdown(text)


@register.simple_tag
def localized(instance, field):
    """`{% localized event "name" as name %}`: the text in the page's language, or the English
    marked as a fallback (a Localized: `name.text`, `name.fallback`)."""
    return localized_texts.localized(instance, field)


@register.simple_tag
def show_localized(value, field=None, markdown=False):
    """`{% show_localized event "name" %}`, or a Localized value: the text, and where it is the
    English standing in for a missing version, `lang="en"` and an "in English" label.
    `markdown=True` renders a note's Markdown (sanitised) and puts the label above it."""
    if field is not None:
        value = localized_texts.localized(value, field)
    if not isinstance(value, localized_texts.Localized):
        value = localized_texts.Localized(str(value), "")
    html = render_markdown(value.text) if markdown else conditional_escape(value.text)
    if not value.fallback:
        return html
    context = {"value": value, "html": html, "markdown": markdown}
    return mark_safe(render_to_string("articles/localized.html", context).strip())


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
