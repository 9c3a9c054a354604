import re
from html.parser import HTMLParser

import pytest
from django.utils.safestring import SafeString

from articles.markdown import render_markdown

FORBIDDEN_TAGS = ("script", "img", "iframe", "svg", "style", "form", "object", "embed")
FORBIDDEN_SCHEMES = ("javascript", "vbscript", "data")

HOSTILE = {
    "script tag": "<script>alert(1)</script>",
    "script block on its own lines": "<script>\nalert(1)\n</script>",
    "split script tag": "<scr<script>ipt>alert(1)</script>",
    "unclosed script tag": "hello <script src=https://evil.example/x.js",
    "img onerror": "<img src=x onerror=alert(1)>",
    "svg onload": "<svg onload=alert(1)>",
    "iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "anchor with onclick": '<a href="https://ok.example" onclick="alert(1)">x</a>',
    "style attribute with expression()": '<p style="width:expression(alert(1))">x</p>',
    "style element": "<style>body { background: url(javascript:alert(1)) }</style>",
    "form": '<form action="https://evil.example"><input name=p></form>',
    "object and embed": '<object data="x.swf"></object><embed src="x.swf">',
    "nested unclosed tags": "<div><b><i><script>alert(1)",
    "html comment": "<!-- <script>alert(1)</script> -->",
    "javascript link": "[x](javascript:alert(1))",
    "mixed-case javascript link": "[x](JaVaScRiPt:alert(1))",
    "javascript link after spaces": "[x](  javascript:alert(1))",
    "javascript link in angle brackets": "[x](<javascript:alert(1)>)",
    "decimal entity javascript link": "[x](&#106;avascript:alert(1))",
    "hex entity javascript link": "[x](&#x6A;avascript:alert(1))",
    "tab entity inside scheme": "[x](java&#x09;script:alert(1))",
    "newline inside scheme": "[x](java\nscript:alert(1))",
    "zero-width space inside scheme": "[x](java\u200bscript:alert(1))",
    "nul before scheme": "[x](\u0000javascript:alert(1))",
    "fullwidth scheme": "[x](ｊａｖａｓｃｒｉｐｔ:alert(1))",
    "vbscript link": "[x](vbscript:msgbox(1))",
    "data text/html link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data link with markup": "[x](data:text/html,<script>alert(1)</script>)",
    "javascript autolink": "<javascript:alert(1)>",
    "javascript reference link": "[x][r]\n\n[r]: javascript:alert(1)",
    "javascript reference link in angle brackets": "[x][r]\n\n[r]: <javascript:alert(1)>",
    "javascript image": "![x](javascript:alert(1))",
    "remote image": "![x](https://tracker.example/pixel.gif)",
    "data image": "![x](data:image/png;base64,iVBORw0KGgo=)",
    "reference image": "![x][r]\n\n[r]: https://tracker.example/pixel.gif",
    "handler smuggled in a link title": '[x](https://ok.example "t" onclick=alert(1))',
    "quote smuggled in a link address": '[x](https://ok.example/"onmouseover="alert(1))',
}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def parsed_tags(html):
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.tags


def href_scheme(href):
    """The scheme a browser would see: control, space and zero-width characters dropped."""
    squeezed = re.sub(r"[\x00-\x20\u200b-\u200d\ufeff]", "", href).lower()
    return squeezed.split(":", 1)[0] if ":" in squeezed else ""


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_renders_without_dangerous_tags(source):
    html = str(render_markdown(source)).lower()
    assert [f"<{tag}" for tag in FORBIDDEN_TAGS if f"<{tag}" in html] == []


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_renders_without_event_handler_attributes(source):
    tags = parsed_tags(str(render_markdown(source)))
    assert [(tag, name) for tag, attrs in tags for name, _ in attrs if name.startswith("on")] == []


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_renders_only_link_attributes(source):
    tags = parsed_tags(str(render_markdown(source)))
    assert {name for _, attrs in tags for name, _ in attrs} <= {"href", "title", "rel"}


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_renders_without_script_or_data_links(source):
    hrefs = [
        value or ""
        for _, attrs in parsed_tags(str(render_markdown(source)))
        for name, value in attrs
        if name == "href"
    ]
    assert [href for href in hrefs if href_scheme(href) in FORBIDDEN_SCHEMES] == []


def test_emphasis_and_strong_render():
    assert str(render_markdown("*soft* and **loud**")) == (
        "<p><em>soft</em> and <strong>loud</strong></p>\n"
    )


def test_strikethrough_renders_as_del():
    assert "<del>retracted</del>" in render_markdown("~~retracted~~")


def test_bulleted_and_numbered_lists_render():
    html = render_markdown("- one\n- two\n\n1. first\n2. second")
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in html


def test_blockquote_renders():
    assert str(render_markdown("> quoted")) == "<blockquote>\n<p>quoted</p>\n</blockquote>\n"


def test_inline_code_and_code_blocks_render_with_their_markup_escaped():
    html = render_markdown("Use `<b>`.\n\n```\n<script>x</script>\n```")
    assert "<code>&lt;b&gt;</code>" in html
    assert "<pre><code>&lt;script&gt;x&lt;/script&gt;\n</code></pre>" in html


def test_a_table_renders_without_its_alignment_styles():
    html = render_markdown("| a | b |\n|--:|---|\n| 1 | 2 |")
    assert "<table>" in html
    assert "<th>a</th>" in html
    assert "<td>1</td>" in html
    assert "style" not in html


def test_an_https_link_keeps_its_address_and_gets_a_nofollow_noopener_rel():
    tags = parsed_tags(str(render_markdown("[source](https://news.example/story?id=1)")))
    (attrs,) = [dict(attrs) for tag, attrs in tags if tag == "a"]
    assert attrs["href"] == "https://news.example/story?id=1"
    assert {"nofollow", "noopener", "noreferrer"} <= set(attrs["rel"].split())


def test_links_do_not_get_a_target():
    assert "target" not in render_markdown("[source](https://news.example/)")


def test_a_mailto_link_keeps_its_address():
    assert 'href="mailto:desk@news.example"' in render_markdown("[desk](mailto:desk@news.example)")


def test_a_scheme_relative_link_loses_its_address():
    html = render_markdown("[x](//evil.example/path)")
    assert "evil.example" not in html
    assert "href" not in html


def test_a_top_level_heading_renders_as_h3():
    assert str(render_markdown("# Title")) == "<h3>Title</h3>\n"


def test_a_second_level_heading_renders_as_h4():
    assert str(render_markdown("## Section")) == "<h4>Section</h4>\n"


def test_deeper_headings_stay_at_h4():
    assert str(render_markdown("#### Deep\n\n###### Deeper")) == "<h4>Deep</h4>\n<h4>Deeper</h4>\n"


def test_an_image_becomes_a_plain_link_to_its_address():
    html = render_markdown("![chart](https://news.example/chart.png)")
    assert "<img" not in html
    assert '<a href="https://news.example/chart.png"' in html


def test_raw_html_in_plain_text_is_shown_as_escaped_text():
    assert str(render_markdown("Use <b>bold</b> here")) == (
        "<p>Use &lt;b&gt;bold&lt;/b&gt; here</p>\n"
    )


def test_the_result_is_marked_safe_for_templates():
    assert isinstance(render_markdown("*x*"), SafeString)


@pytest.mark.parametrize("source", ["", "   ", "\n\t \n"])
def test_empty_or_blank_input_gives_an_empty_safe_string(source):
    html = render_markdown(source)
    assert html == ""
    assert isinstance(html, SafeString)
