import functools
import json

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_noop

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


PARAGRAPH_TOOLS = """<a class="permalink" href="#{anchor}" aria-label="{link_label}" \
data-paragraph="{number}">¶{number}</a>
<div class="paragraph-tools" lang="{language}">
<a href="{page}" aria-label="{share_label}">{share}</a>
<button type="button" class="copy" data-copy="{permalink}" hidden>{copy}</button>
· {cite}
<a href="{page}cite.ris" download>RIS</a>
<a href="{page}cite.bib" download>BibTeX</a>
<a href="{page}cite.json" download>CSL-JSON</a>{annotate}
</div>"""
PARAGRAPH_LABELS = {
    "link_label": gettext_noop("Paragraph %(number)s: link and citation"),
    "share_label": gettext_noop("Share paragraph %(number)s"),
    "share": gettext_noop("Share ¶%(number)s"),
    "copy": gettext_noop("Copy link"),
    "cite": gettext_noop("Cite ¶%(number)s:"),
}


@functools.cache
def paragraph_labels(language):
    """The tools' labels in `language`, translated once per process: every paragraph of every
    article has the same ones, and translating them for each paragraph cost a tenth of a page."""
    with translation.override(language):
        return {name: gettext(message) for name, message in PARAGRAPH_LABELS.items()}


@register.simple_tag(takes_context=True)
def paragraph_tools(context, block):
    """A paragraph's ¶ link and its tools: its share page, copy link, citation files and, for
    editors, "Annotate". Built here, not in the template: it runs for every paragraph, where
    its template tags (five translated labels each) cost a tenth of an article page."""
    language = get_language()
    number = {"number": block.number}
    annotate = ""
    if context.get("may_annotate"):
        annotate = format_html(
            ' · <a href="{}&amp;paragraph={}">{}</a>',
            context["annotate_url"],
            block.number,
            gettext("Annotate ¶%(number)s") % number,
        )
    return format_html(
        PARAGRAPH_TOOLS,
        anchor=block.anchor,
        number=block.number,
        language=language,
        page=f"{context['article_url']}p{block.number}/",
        permalink=f"{context['permalink']}p{block.number}/",
        annotate=annotate,
        **{name: label % number for name, label in paragraph_labels(language).items()},
    )


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
