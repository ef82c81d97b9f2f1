"""The publish gate: what must be true before anything reaches the public.

Drafts may be incomplete; published content may not. Each check returns a
list of problems in words an editor can act on. The admin forms run them on
what is being submitted, and :func:`publish_problems` runs them on what is
stored, for actions that publish without a form.
"""

import re

from .markdown import MarkdownRefused, render_markdown

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
    return problems


def link_problems(link):
    if not link.title.strip():
        return [f"The related link to {link.url} has no title."]
    return []


def publish_problems(item):
    """Everything that stops ``item`` (a section, event or photograph) as stored from being published."""
    from events.models import Event
    from photos.models import Photo
    from sections.models import Section

    if isinstance(item, Photo):
        return photo_problems(item)
    problems = []
    if isinstance(item, Section):
        problems += heading_problems(item.body, item.heading_level)
        for link in item.related_links.all():
            problems += link_problems(link)
    elif isinstance(item, Event):
        problems += heading_problems(item.body, 1)
    for placement in item.photo_placements.select_related("photo"):
        problems += photo_problems(placement.photo)
    return problems
