"""Section numbers, derived from position: 1. → (1) → (i) → (a), as in the embassy's documents.

The same in the Japanese edition: the numbering is the document's, shared by both editions, so that a reference
such as "section 3 (2)" points to the same place in either language; a section left untranslated and hidden
keeps its number, and the next section's does not change.
"""

ROMAN_NUMERALS = [
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
]  # fmt: skip


def to_roman(number):
    parts = []
    for value, numeral in ROMAN_NUMERALS:
        count, number = divmod(number, value)
        parts.append(numeral * count)
    return "".join(parts)


def to_letters(number):
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def section_number(level, position):
    """The label of the ``position``-th (1-based) section at ``level`` (1 = a page's sections)."""
    if level == 1:
        return f"{position}."
    if level == 2:
        return f"({position})"
    if level == 3:
        return f"({to_roman(position)})"
    if level == 4:
        return f"({to_letters(position)})"
    return f"{position}."


def full_numbers(paths, steplen):
    """Map each path of a tree (given in tree order) to its full label, e.g. "2.(3)"; pages get ""."""
    labels = {}
    counts = {}
    for path in paths:
        parent = path[:-steplen]
        counts[parent] = counts.get(parent, 0) + 1
        level = len(path) // steplen - 1
        if level == 0:
            labels[path] = ""
        else:
            labels[path] = labels.get(parent, "") + section_number(level, counts[parent])
    return labels
