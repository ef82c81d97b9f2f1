"""The Markdown renderer's output, parsed as a browser parses it, never holds anything that can run.

A corpus of known cross-site-scripting vectors, and hypothesis building new ones from their pieces.
"""

import re

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from markup.markdown import ALLOWED_TAGS, render_markdown, sanitise_html

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "background", "poster", "srcset", "data"}
C0_CONTROLS_AND_SPACE = "".join(map(chr, range(0x21)))
# What html5lib adds around a fragment.
DOCUMENT_TAGS = {"html", "head", "body"}

CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<script type="text/plain">alert(1)</script>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<div style="background-image:url(javascript:alert(1))">x</div>',
    '<p style="behavior:url(x.htc)">x</p>',
    "<img src=x onerror=alert(1)>",
    '<img src="/media/a.jpg" onerror="alert(1)">',
    '<img src="/media/a.jpg"/onerror=alert(1)>',
    "<img src=`x`onerror=alert(1)>",
    '<img """><script>alert(1)</script>">',
    "<body onload=alert(1)>",
    '<a href="#" onclick="alert(1)">x</a>',
    '<a href="#" ONMOUSEOVER="alert(1)">x</a>',
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
    "[x](javascript&colon;alert(1))",
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](javascript:alert(1))",
    "![x](https://tracker.example/pixel.gif)",
    "![x](//tracker.example/pixel.gif)",
    '<img src="/media/../admin/" srcset="javascript:alert(1) 1x">',
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>#x"/></svg>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<template><script>alert(1)</script></template>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<<script>alert(1)//<</script>",
    "<a href='javascript:alert(1)'>x",
    "<img src=x onerror=alert(1)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "`<script>alert(1)</script>`",
    "    <script>alert(1)</script>",
    "```html\n<script>alert(1)</script>\n```",
    '<p id="main" class="site-header">x</p>',
    "[x](https://example.org/){: onclick=alert(1) }",
    "# x {: onclick=alert(1) }",
    '<div markdown="1">[x](javascript:alert(1))</div>',
    "<abbr title=\"x\" onmouseover='alert(1)'>x</abbr>",
    "<table><td background=javascript:alert(1)>x</td></table>",
    "<video poster=javascript:alert(1)></video>",
    "<isindex action=javascript:alert(1) type=image>",
    "<x onclick=alert(1)>x</x>",
    "\x00<script>alert(1)</script>",
]

FRAGMENTS = [
    "<", ">", "</", "/>", '"', "'", "`", "=", " ", "\n", "\n\n", "\t", "\x00", "&", "#", ";", ":", "(", ")", "[", "]",
    "![", "](", "*", "_", "|", "-", "```", "    ", "{: ", "}", "<!--", "-->", "<![CDATA[", "]]>",
    "script", "style", "img", "svg", "math", "iframe", "object", "embed", "a", "p", "div", "table", "td", "form",
    "base", "meta", "link", "template", "noscript", "details", "animate", "use", "mi", "mglyph",
    "src", "href", "xlink:href", "srcdoc", "srcset", "action", "formaction", "poster", "background", "style",
    "onerror", "onload", "onclick", "ONMOUSEOVER", "ontoggle", "onbegin", "id", "class", "title", "rel",
    "javascript:", "JaVaScRiPt:", "java\tscript:", "vbscript:", "data:", "data:text/html,", "&#106;", "&#x6A;",
    "&colon;", "&#58;", "alert(1)", "/media/x.jpg", "https://evil.example/", "//evil.example/", "#x",
    "expression(alert(1))", "url(javascript:alert(1))", "main", "site-header", "fn:1", "footnote",
]  # fmt: skip


def url_scheme(value):
    """The scheme a browser's URL parser (WHATWG) finds: it trims C0 controls and spaces at both ends and
    drops tabs and newlines anywhere, so "java&#9;script:" is still javascript:."""
    cleaned = re.sub(r"[\t\n\r]", "", value.strip(C0_CONTROLS_AND_SPACE)).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else None


def assert_nothing_executable(html):
    soup = BeautifulSoup(html, "html5lib")
    for element in soup.find_all(True):
        assert element.name in ALLOWED_TAGS | DOCUMENT_TAGS, f"<{element.name}> in {html!r}"
        for attribute, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            assert not attribute.lower().startswith("on"), f"{attribute} in {html!r}"
            assert attribute.lower() not in {"style", "srcdoc", "formaction", "srcset"}, f"{attribute} in {html!r}"
            if attribute.lower() in URL_ATTRIBUTES:
                scheme = url_scheme(value)
                assert scheme is None or scheme in SAFE_SCHEMES, f"{attribute}={value!r} in {html!r}"
            if attribute == "id":
                assert value.startswith(("fn:", "fnref:")), f"id={value!r} could clobber the page's ids"
            if attribute == "class":
                assert set(value.split()) <= {"footnote", "footnote-ref", "footnote-backref"}, value
        if element.name == "img":
            src = element.get("src", "")
            assert src == "" or (src.startswith("/media/") and "//" not in src), f"img src={src!r}"
        if element.name == "a" and url_scheme(element.get("href", "")) in ("http", "https"):
            assert {"noopener", "noreferrer"} <= set(element.get("rel", [])), f"external link without rel: {html!r}"


@pytest.mark.parametrize("source", CORPUS)
def test_known_vectors_leave_nothing_executable(source):
    html = render_markdown(source)
    assert_nothing_executable(html)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(CORPUS), st.text(max_size=4)), max_size=40))
def test_any_mix_of_the_pieces_leaves_nothing_executable(pieces):
    source = "".join(pieces)
    html = render_markdown(source)
    assert_nothing_executable(html)
    # The output is a fixed point: sanitising it again changes nothing, so there is no hidden markup
    # that another parse (the browser's) could turn into something else.
    assert sanitise_html(html) == html


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_at_all_renders_without_error_and_safely(text):
    assert_nothing_executable(render_markdown(text))


def test_ordinary_markdown_still_renders():
    source = "\n".join(
        [
            "## Security cooperation",
            "",
            "The alliance is *the cornerstone*; see the [Ministry](https://www.mofa.go.jp/) and "
            "[our events](/events/) or [write to us](mailto:info@embassy.example).",
            "",
            "1. First",
            "2. Second",
            "",
            "- one",
            "- two",
            "",
            "| Year | Share |",
            "|------|-------|",
            "| 2007 | 33% |",
            "",
            "> A quotation.",
            "",
            "![Leaders at the summit](/media/photos/2009/02/summit.jpg)",
            "",
            "`code` and a footnote[^1].",
            "",
            "[^1]: The source.",
        ]
    )
    soup = BeautifulSoup(render_markdown(source), "html5lib")
    assert soup.h2.get_text() == "Security cooperation"
    assert soup.em.get_text() == "the cornerstone"
    external = soup.find("a", href="https://www.mofa.go.jp/")
    assert set(external["rel"]) == {"noopener", "noreferrer"}
    assert soup.find("a", href="/events/") and soup.find("a", href="mailto:info@embassy.example")
    assert [li.get_text() for li in soup.ol.find_all("li", recursive=False)] == ["First", "Second"]
    assert [li.get_text() for li in soup.ul.find_all("li")] == ["one", "two"]
    assert [td.get_text() for td in soup.table.find_all("td")] == ["2007", "33%"]
    assert soup.blockquote.get_text(strip=True) == "A quotation."
    image = soup.find("img")
    assert image["src"] == "/media/photos/2009/02/summit.jpg" and image["alt"] == "Leaders at the summit"
    assert soup.code.get_text() == "code"
    assert soup.find("a", class_="footnote-ref")
    assert_nothing_executable(str(soup))
