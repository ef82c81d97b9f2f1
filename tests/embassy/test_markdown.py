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
