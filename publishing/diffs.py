"""Readable differences between two editions: changed words highlighted, rows compared as lists.

Texts are compared paragraph by paragraph, then word by word within a changed paragraph, so the work stays
proportional to what changed; a pair of paragraphs longer than ``WORD_DIFF_LIMIT`` words is shown whole.
"""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

WORD_DIFF_LIMIT = 3000
TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def _words(text):
    return TOKEN.findall(text)


def _word_diff(old, new):
    a, b = _words(old), _words(new)
    if len(a) > WORD_DIFF_LIMIT or len(b) > WORD_DIFF_LIMIT:
        return f"<del>{escape(old)}</del><ins>{escape(new)}</ins>"
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return "".join(parts)


def text_diff_html(old, new):
    """``old`` against ``new`` as HTML paragraphs, removed words in <del>, added ones in <ins>."""
    a, b = (old or "").split("\n"), (new or "").split("\n")
    lines = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            lines += [escape(line) for line in a[i1:i2]]
        elif op == "replace" and i2 - i1 == j2 - j1:
            lines += [_word_diff(x, y) for x, y in zip(a[i1:i2], b[j1:j2], strict=True)]
        else:
            lines += [f"<del>{escape(line)}</del>" for line in a[i1:i2] if line]
            lines += [f"<ins>{escape(line)}</ins>" for line in b[j1:j2] if line]
    return mark_safe("<br>".join(lines))  # every piece of text above is escaped


def change_summary(old, new, limit=3):
    """A sentence or two for a message: what words were removed, added or replaced."""
    a, b = _words(old or ""), _words(new or "")
    if len(a) > 5 * WORD_DIFF_LIMIT or len(b) > 5 * WORD_DIFF_LIMIT:
        return ["the text changed throughout"]
    pieces = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, added = _clip("".join(a[i1:i2])), _clip("".join(b[j1:j2]))
        if op == "replace":
            pieces.append(f"“{removed}” became “{added}”")
        elif op == "delete" and removed:
            pieces.append(f"removed “{removed}”")
        elif op == "insert" and added:
            pieces.append(f"added “{added}”")
    if len(pieces) > limit:
        pieces = [*pieces[:limit], f"and {len(pieces) - limit} more change(s)"]
    return pieces


def _clip(text, length=120):
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def list_diff(old_rows, new_rows):
    """Two lists of row labels compared: ``[(mark, label)]`` with mark "same", "added" or "removed",
    and whether the rows both lists share are in another order."""
    rows = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_rows, new_rows, autojunk=False).get_opcodes():
        if op == "equal":
            rows += [("same", label) for label in old_rows[i1:i2]]
            continue
        rows += [("removed", label) for label in old_rows[i1:i2]]
        rows += [("added", label) for label in new_rows[j1:j2]]
    shared = set(old_rows) & set(new_rows)
    reordered = [label for label in old_rows if label in shared] != [label for label in new_rows if label in shared]
    return rows, reordered
