"""Characters no public output can carry: the XML 1.0 and iCalendar rule, kept in one place.

XML 1.0 forbids the C0 control characters other than tab, newline and carriage return, the
non-characters U+FFFE and U+FFFF and lone surrogates; iCalendar's TEXT forbids the same controls.
Django's feed writer stops the whole feed at the first one, so they are refused where text enters
(model fields, the importer) and stripped where text leaves (feeds, calendars), for rows stored
before this rule.
"""

import re

from django.core.exceptions import ValidationError

UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def first_unsafe_character(text):
    """The first character of ``text`` no feed can carry, as ``(position, character)``, or None."""
    found = UNSAFE_CHARACTERS.search(text or "")
    return (found.start(), found.group()) if found else None


def describe_unsafe_character(text):
    """A sentence naming the first unsafe character of ``text`` and where it is, or "" when there is none."""
    found = first_unsafe_character(text)
    if found is None:
        return ""
    position, character = found
    return f"It contains the invisible control character U+{ord(character):04X} at position {position + 1}."


def strip_unsafe_characters(text):
    """``text`` without the characters no feed can carry; for writing rows already stored."""
    return UNSAFE_CHARACTERS.sub("", text) if text else text


def validate_no_control_characters(value):
    """A model field validator: the admin shows a form error instead of storing text that breaks the feeds."""
    problem = describe_unsafe_character(str(value))
    if problem:
        raise ValidationError(
            f"{problem} Remove it (it often comes from text pasted from another program).",
            code="control_characters",
        )
