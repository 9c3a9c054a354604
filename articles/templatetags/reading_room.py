import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.markdown import render_markdown

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
