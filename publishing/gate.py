"""The publish gate: what must be true before anything reaches the public.

Drafts may be incomplete; published content may not. Each check returns a
list of problems in words an editor can act on. The admin forms run them on
what is being submitted; each Publishable model's ``publish_problems()``
runs them on what is stored, for the publish service (:mod:`publishing.services`).
"""

import re

from django.conf import settings
from django.utils.translation import get_language_info

from markup.markdown import MarkdownRefused, render_markdown

HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def heading_problems(body, heading_level):
    """Headings inside a body must sit below the section's own heading (``heading_level``) and skip no level."""
    try:
        html = render_markdown(body)
    except MarkdownRefused:
        return []  # the body's validator says why it cannot be shown
    problems = []
    previous = heading_level
    for match in HEADING.finditer(html):
        level = int(match.group(1))
        text = TAG.sub("", match.group(2)).strip()
        if level <= heading_level:
            problems.append(
                f"The heading “{text}” is level {level}, which is not below this section's own heading "
                f"(level {heading_level}): use level {heading_level + 1} or lower."
            )
        elif level > previous + 1:
            problems.append(
                f"The heading “{text}” jumps from level {previous} to level {level}: use level {previous + 1}."
            )
        previous = max(level, heading_level)
    return problems


def photo_problems(photo):
    problems = []
    label = f"The photograph “{photo}”"
    if not photo.alt_text.strip():
        problems.append(f"{label} has no alt text.")
    if not photo.credit.strip():
        problems.append(f"{label} has no credit line.")
    if not photo.image:
        problems.append(f"{label} has no image file.")
    # A translated caption needs alt text in the same language: the English alt text is never used for a Japanese
    # figure. Such a photograph also counts as untranslated on the Japanese page (sitewide.languages), which then
    # shows the English figure marked lang="en" when the site setting is "english", or leaves it out ("hide").
    for code, _name in settings.LANGUAGES[1:]:
        name = get_language_info(code)["name"]  # in English, for staff: "Japanese"
        if (getattr(photo, f"caption_{code}", "") or "").strip() and not (
            getattr(photo, f"alt_text_{code}", "") or ""
        ).strip():
            problems.append(f"{label} has a {name} caption but no {name} alt text.")
    return problems


def link_problems(link):
    if not link.title.strip():
        return [f"The related link to {link.url} has no title."]
    return []


def placement_problems(item):
    """Problems with the photographs placed in ``item`` (a section or an event), as stored."""
    problems = []
    for placement in item.photo_placements.select_related("photo"):
        problems += photo_problems(placement.photo)
    return problems
