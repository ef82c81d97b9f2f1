"""The publish gate: what must be true before anything reaches the public.

Drafts may be incomplete; published content may not. Each check returns a
list of problems in words an editor can act on. The admin forms run them on
what is being submitted; each Publishable model's ``publish_problems()``
runs them on what is stored, for the publish service (:mod:`publishing.services`).
"""

import re

from markup.markdown import render_markdown

HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def heading_problems(body, heading_level):
    """Headings inside a body must sit below the section's own heading (``heading_level``) and skip no level."""
    problems = []
    previous = heading_level
    for match in HEADING.finditer(render_markdown(body)):
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


def placement_problems(item):
    """Problems with the photographs placed in ``item`` (a section or an event), as stored."""
    problems = []
    for placement in item.photo_placements.select_related("photo"):
        problems += photo_problems(placement.photo)
    return problems
