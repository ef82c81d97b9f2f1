import pytest

from markup.markdown import render_markdown


def test_ordinary_markdown_renders():
    html = render_markdown("Some *emphasis* and a [link](https://www.mofa.go.jp/).\n\n- one\n- two")
    assert "<em>emphasis</em>" in html
    assert '<a href="https://www.mofa.go.jp/" rel="noopener noreferrer">link</a>' in html
    assert "<ul>" in html and "<li>one</li>" in html


def test_tables_and_footnotes_render():
    html = render_markdown("| Year | Share |\n|---|---|\n| 2007 | 33% |\n\nA claim[^1].\n\n[^1]: The source.")
    assert "<table>" in html and "<td>33%</td>" in html
    assert 'class="footnote-ref"' in html and 'id="fn:1"' in html


def test_parenthesised_roman_lists_keep_their_labels():
    html = render_markdown("- (i) stabilising\n- (ii) advancing")
    assert "<li>(i) stabilising</li>" in html and "<li>(ii) advancing</li>" in html


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        '<img src="/media/x.png" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<svg onload="alert(1)"></svg>',
        '<iframe src="https://evil.example"></iframe>',
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_nothing_executable_survives(source):
    html = render_markdown(source).lower()
    assert "<script" not in html
    assert "onerror" not in html and "onload" not in html
    assert "javascript:" not in html and "data:" not in html
    assert "<svg" not in html and "<iframe" not in html and "style=" not in html


def test_images_only_from_the_sites_media():
    assert 'src="/media/photos/a.jpg"' in render_markdown("![A](/media/photos/a.jpg)")
    assert "tracker.example" not in render_markdown("![A](https://tracker.example/pixel.gif)")


def test_author_ids_cannot_clobber_page_ids():
    html = render_markdown('<p id="main" class="site-header">x</p>')
    assert 'id="main"' not in html and "site-header" not in html


# Each of these is, to a browser (WHATWG URL parsing) or to the server behind it, an address outside
# /media/ or on another host: none may be kept as an image's address.
TRAVERSALS = [
    "/media/../admin/",
    "/media/./../admin/",
    "/media/photos/../../admin/",
    "/media/%2e%2e/admin/",
    "/media/%2E%2E/admin/",
    "/media/.%2e/admin/",
    "/media/%2e./admin/",
    "/media/%252e%252e/admin/",
    "/media/%25252e%25252e/admin/",
    "/media/..%2fadmin/",
    "/media/..%2Fadmin/",
    "/media/%2e%2e%2fadmin/",
    "/media/photos%2f..%2f..%2fadmin/",
    "/media/..%5cadmin/",
    "/media/..%5Cadmin/",
    "/media/..\\admin/",
    "/media\\..\\admin/",
    "/media/\t../admin/",
    "/media/.\n./admin/",
    "/media/photos/a.jpg/../../../admin/",
    "//evil.example/media/x.jpg",
    "/\\evil.example/media/x.jpg",
    "\\\\evil.example/media/x.jpg",
    "/%5cevil.example/media/x.jpg",
    "/%2fevil.example/media/x.jpg",
    "https://evil.example/media/x.jpg",
    "/photos/1/image/../../../admin/",
    "/photos/1/image/%2e%2e/%2e%2e/%2e%2e/admin/",
]


def image_addresses(source):
    from bs4 import BeautifulSoup

    return [img.get("src") for img in BeautifulSoup(render_markdown(source), "html.parser").find_all("img")]


@pytest.mark.parametrize("address", TRAVERSALS)
def test_image_addresses_leaving_the_media_are_dropped_however_spelt(address):
    # As raw HTML the address reaches the sanitiser as typed; Markdown turns a tab into spaces, which no
    # browser drops, so tabs and newlines are tried in HTML only.
    html_address = address.replace("\t", "&#9;").replace("\n", "&#10;")
    assert image_addresses(f'<img alt="x" src="{html_address}">') == [None]
    if html_address == address:
        assert image_addresses(f"![x](<{address}>)") == [None]


@pytest.mark.parametrize(
    ("address", "kept"),
    [
        ("/media/photos/a.jpg", "/media/photos/a.jpg"),
        ("/media/photos/my%20photo.jpg", "/media/photos/my%20photo.jpg"),
        ("/media/photos/old/../a.jpg", "/media/photos/a.jpg"),
        ("/photos/12/image/", "/photos/12/image/"),
    ],
)
def test_media_and_inline_photo_addresses_are_kept_normalised(address, kept):
    assert image_addresses(f"![x]({address})") == [kept]


@pytest.mark.parametrize(
    ("source", "href"),
    [
        # Backslashes are slashes to a browser: this link would leave the site, looking like one of its own.
        ('<a href="/\\evil.example/x">x</a>', "https://evil.example/x"),
        ('<a href="\\\\evil.example/x">x</a>', "https://evil.example/x"),
        ('<a href="//www.mofa.go.jp/">x</a>', "https://www.mofa.go.jp/"),
        ('<a href="java&#9;script:alert(1)">x</a>', None),
        ('<a href="jav&#10;ascript:alert(1)">x</a>', None),
        ("[x](/events/)", "/events/"),
        ("[x](#fn:1)", "#fn:1"),
        ("[x](mailto:info@example.org)", "mailto:info@example.org"),
    ],
)
def test_links_are_read_as_a_browser_reads_them(source, href):
    from bs4 import BeautifulSoup

    link = BeautifulSoup(render_markdown(source), "html.parser").a
    assert link.get("href") == href
