"""Markdown that would keep Python-Markdown busy for minutes, or recurse until it fails, is refused in bounded time.

Where it is refused: the editor's form (a field error), the preview (a short message), the importer (one line).
"""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from markup import markdown, markdown_worker
from markup.markdown import MarkdownRefused, render_markdown

# How long any one text may take to be answered, rendered or refused, in the tests: the time limit set
# below, plus starting a worker on a busy machine.
TIME_LIMIT = 1.0
BOUND = TIME_LIMIT + 4.0

BOMBS = {
    "nested lists": "- " * 500 + "x",
    "nested numbered lists": "1. " * 500 + "x",
    "nested quotes in lists": "> - " * 300 + "x",
    "indented lists": "".join("    " * depth + "- x\n" for depth in range(40)),
    "open brackets": "[" * 8000,
    "open brackets on many lines": "\n".join(["[" * 200] * 40),
    "emphasis and brackets": "*_[" * 8000,
    "unclosed link targets": "[x](" * 8000,
    "images": "![" * 8000,
    "nested brackets": "[" * 3000 + "]" * 3000,
    "too long": "An ordinary sentence. " * 5000,
}


@pytest.fixture(autouse=True)
def short_time_limit(settings):
    settings.MARKDOWN_TIME_LIMIT = TIME_LIMIT
    markdown._converted.cache_clear()
    yield
    markdown._converted.cache_clear()


def answer(text):
    """What the renderer makes of ``text``, and how long it took; any exception but a refusal fails the test."""
    started = time.monotonic()
    try:
        outcome = render_markdown(text)
    except MarkdownRefused as refusal:
        outcome = refusal
    return outcome, time.monotonic() - started


@pytest.mark.parametrize("name", BOMBS)
def test_bombs_are_refused_at_once_with_a_reason(name):
    outcome, seconds = answer(BOMBS[name])
    assert isinstance(outcome, MarkdownRefused) and str(outcome)
    assert seconds < 0.5


def test_the_reasons_say_what_to_change():
    assert "nested 500 lists or quotes deep; at most 20" in str(answer(BOMBS["nested lists"])[0])
    assert "unclosed brackets" in str(answer(BOMBS["open brackets on many lines"])[0])
    assert "110,000 characters long; at most 100,000" in str(answer(BOMBS["too long"])[0])


def test_ordinary_long_texts_still_render():
    text = "\n\n".join(
        f"## Part {n}\n\nA paragraph with a [link](https://example.org/{n}) and *emphasis*." for n in range(800)
    )
    html, seconds = answer(text)
    assert isinstance(html, str) and html.count("<h2>") == 800 and seconds < BOUND


def test_a_text_past_the_time_limit_is_stopped_and_the_next_one_renders(monkeypatch):
    # With the bracket check lifted, the text reaches Python-Markdown, which would take over a minute on it.
    monkeypatch.setattr(markdown, "MAX_BRACKET_SCAN", 10**12)
    outcome, seconds = answer("*_[" * 12000)
    assert isinstance(outcome, MarkdownRefused) and "took too long to render (over 1 seconds)" in str(outcome)
    assert TIME_LIMIT <= seconds < BOUND
    # The same text again is refused at once; an ordinary long text renders in a worker started afresh.
    assert answer("*_[" * 12000)[1] < 0.1
    html, _ = answer("A [link](https://example.org/). " * 400)
    assert html.count("<a ") == 400


def test_short_texts_that_are_not_obviously_cheap_are_time_limited_too(monkeypatch, settings):
    # 900 characters, yet some 60 ms on this machine (and no faster than 20 ms on one three times quicker):
    # only a worker process can stop it in time.
    monkeypatch.setattr(markdown, "MAX_BRACKET_SCAN", 10**12)
    settings.MARKDOWN_TIME_LIMIT = 0.01
    outcome, seconds = answer("*_[" * 300)
    assert isinstance(outcome, MarkdownRefused) and "took too long" in str(outcome)
    assert seconds < BOUND


@pytest.fixture(scope="module", autouse=True)
def stop_workers():
    yield
    markdown_worker.stop_all()


# ---------------------------------------------------------------------------------------------------------
# Generated texts: every one is answered (rendered, or refused with a reason) within the bound.
# ---------------------------------------------------------------------------------------------------------

PIECES = ["[", "]", "(", ")", "*", "_", "![", "](", "> ", "- ", "1. ", "    ", "\n", "\n\n", "`", "<", "x", "# ", "|"]


def nesting_bomb():
    prefixes = st.lists(st.sampled_from(["> ", "- ", "* ", "1. ", "    ", "\t"]), min_size=1, max_size=6)
    return st.builds(lambda prefix, depth, tail: "".join(prefix) * depth + tail, prefixes, st.integers(1, 600),
                     st.text(max_size=20))  # fmt: skip


def bracket_bomb():
    runs = st.lists(st.sampled_from(["[", "*_[", "![", "[x](", "(", "[a", "_[", "]"]), min_size=1, max_size=3)
    return st.builds(lambda run, count, joiner: joiner.join(["".join(run)] * count), runs, st.integers(1, 6000),
                     st.sampled_from(["", " ", "\n"]))  # fmt: skip


BOUNDED = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def assert_answered_in_bound(text):
    outcome, seconds = answer(text)
    assert isinstance(outcome, (str, MarkdownRefused))
    assert seconds < BOUND, f"{seconds:.1f} s for {text[:60]!r}…"


@BOUNDED
@given(st.text(max_size=3000))
def test_any_text_is_answered_in_bounded_time(text):
    assert_answered_in_bound(text)


@BOUNDED
@given(st.lists(st.sampled_from(PIECES), max_size=3000).map("".join))
def test_any_mix_of_markup_is_answered_in_bounded_time(text):
    assert_answered_in_bound(text)


@BOUNDED
@given(st.one_of(nesting_bomb(), bracket_bomb()))
def test_generated_bombs_are_answered_in_bounded_time(text):
    assert_answered_in_bound(text)
