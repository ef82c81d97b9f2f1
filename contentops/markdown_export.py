"""A page as one Markdown document: for reading offline, sharing, or importing into another site.

The layout is the one ``import_document`` reads back: "#" for the page, "##" for its sections (with
their numbers), images followed by a caption line and a credit line, and "Related links" and
"Events" lists under their own headings.
"""

from markup.dates import format_date

from .parsing import escape_markdown


def add_photos_waiting_for_images(tree):
    """Staff exports list the photographs imported without an image too (the page's tree leaves them out)."""
    from photos.models import PhotoPlacement

    nodes = {node.section.pk: node.photos for node in tree.walk()}
    nodes[tree.page.pk] = tree.photos
    waiting = PhotoPlacement.objects.filter(section__in=list(nodes), photo__image="").select_related("photo")
    for placement in waiting.order_by("position", "pk"):
        nodes[placement.section_id].insert(min(placement.position, len(nodes[placement.section_id])), placement.photo)
    return tree


def inline(text):
    return escape_markdown(" ".join((text or "").split()))


def link_text(text):
    return inline(text).replace("[", "\\[").replace("]", "\\]")


def page_markdown(tree, image_url=None, event_url=None):
    """Markdown for a :class:`sections.tree.PageTree`; ``image_url(photo)`` and ``event_url(event)`` make links."""
    page = tree.page
    out = [f"# {inline(page.title)}"]
    if page.publisher:
        out.append(inline(page.publisher))
    if page.dated:
        out.append(format_date(page.dated, page.date_precision))
    out += contents(page, tree.photos, tree.events, tree.links, level=0, image_url=image_url, event_url=event_url)
    for node in tree.walk():
        heading = "#" * min(node.level + 1, 6)
        out.append(f"{heading} {node.number} {inline(node.title)}")
        out += contents(node.section, node.photos, node.events, node.links, node.level, image_url, event_url)
    return "\n\n".join(part for part in out if part) + "\n"


def contents(section, photos, events, links, level, image_url, event_url):
    out = []
    if section.body.strip():
        out.append(section.body.strip())
    for photo in photos:
        url = image_url(photo) if image_url and photo.image else ""
        out.append(f"![{link_text(photo.alt_text)}]({url})")
        caption = inline(photo.caption)
        out.append(f"{caption}  \n{inline(photo.credit)}" if photo.credit else caption)
    sub_heading = "#" * min(level + 2, 6)
    if events:
        out.append(f"{sub_heading} Events")
        items = []
        for event in events:
            title = f"[{link_text(event.title)}]({event_url(event)})" if event_url else link_text(event.title)
            summary = f" — {inline(event.summary)}" if event.summary else ""
            items.append(f"* {format_date(event.starts_on, event.date_precision)}: **{title}**{summary}")
        out.append("\n".join(items))
    if links:
        out.append(f"{sub_heading} Related links")
        out.append("\n".join(f"* [{link_text(link.title)}]({link.url})" for link in links))
    return out
