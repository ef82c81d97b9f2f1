"""Photographs placed inside a text: an image dropped into the editor, shown as the site's figure.

The editor's drop inserts ``![](/photos/<pk>/image/)``, the photograph's inline address (photos.views.inline_image).
The stored HTML keeps only that address; caption, credit and alt text are the photograph's and may change after the
text was saved, so they are read when the page is drawn: :func:`body_parts` splits a rendered body into its HTML
and the photographs to draw as figures between it. The same addresses tell the publish gate which photographs a
text shows (:func:`inline_photos`), so that such a photograph needs alt text and a credit, and publication, like
one placed under the text.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.html import escape

from markup.markdown import MarkdownRefused, render_markdown
from publishing.gate import photo_problems

from .models import Photo

# The HTML is the sanitiser's (markup.markdown): attributes in double quotes, "&" and quotes escaped, one
# serialisation; these patterns read nothing else.
LONE_IMAGE = re.compile(r"<p>\s*(<img\b[^>]*>)\s*</p>")
IMAGE = re.compile(r"<img\b[^>]*>")
SRC = re.compile(r'\ssrc="([^"]*)"')
ALT = re.compile(r'\salt="[^"]*"')


@dataclass(frozen=True)
class BodyPart:
    """A run of a body's HTML, or a photograph to draw as a figure in its place."""

    html: str = ""
    photo: Photo | None = None


def inline_photo_id(address):
    """The pk of the photograph whose inline address ``address`` is, or None."""
    path = urlsplit(address).path
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return int(match.kwargs["pk"]) if match.view_name == "photos:inline_image" else None


def _image_photo_id(tag):
    src = SRC.search(tag)
    return inline_photo_id(src.group(1)) if src else None


def inline_photo_ids(html):
    """The photographs an HTML body shows by their inline address, in order of first appearance."""
    ids = (_image_photo_id(tag) for tag in IMAGE.findall(html or ""))
    return list(dict.fromkeys(pk for pk in ids if pk is not None))


def body_parts(html, photos_by_id):
    """``html`` as :class:`BodyPart` runs, each image alone in its paragraph replaced by its photograph's figure.

    ``photos_by_id`` holds the photographs that may be shown here (public ones, or drafts too in previews); an
    image of any other photograph is left out, as a placed one would be, rather than drawn broken. An image in
    the middle of a sentence cannot become a figure: it keeps its place with the photograph's alt text.
    """
    if not html:
        return []

    def inline(match):
        photo = photos_by_id.get(_image_photo_id(match.group()))
        if _image_photo_id(match.group()) is None:
            return match.group()
        if photo is None:
            return ""
        return ALT.sub("", match.group()).replace("<img", f'<img alt="{escape(photo.alt_text)}"', 1)

    parts, position = [], 0
    for match in LONE_IMAGE.finditer(html):
        pk = _image_photo_id(match.group(1))
        if pk is None:
            continue
        parts.append(BodyPart(html=html[position : match.start()]))
        if pk in photos_by_id:
            parts.append(BodyPart(photo=photos_by_id[pk]))
        position = match.end()
    parts.append(BodyPart(html=html[position:]))
    return [
        BodyPart(html=IMAGE.sub(inline, part.html)) if part.photo is None else part
        for part in parts
        if part.photo is not None or part.html.strip()
    ]


def shown_photos(ids, *, at=None, include_drafts=False):
    """The photographs among ``ids`` that may be drawn (with an image, and public at ``at`` unless previewing)."""
    if not ids:
        return {}
    photos = Photo.objects.filter(pk__in=ids).exclude(image="")
    return {photo.pk: photo for photo in photos if include_drafts or photo.is_shown_to_public(at)}


def inline_photos(*bodies):
    """The photographs Markdown ``bodies`` (a text in each language) show by their inline address, in order."""
    ids = []
    for body in bodies:
        try:
            ids += inline_photo_ids(render_markdown(body or ""))
        except MarkdownRefused:
            continue  # the body's validator says why it cannot be shown
    ids = list(dict.fromkeys(ids))
    photos = Photo.objects.in_bulk(ids) if ids else {}
    return [photos[pk] for pk in ids if pk in photos]


def language_bodies(values):
    """Each language's body from a model instance or a form's cleaned data (django-modeltranslation's columns)."""
    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name, "")
    # The admin's form names the default language's column plainly ("body"), the model "body_en" too.
    return [
        get(f"body_{code}") or (get("body") if code == settings.LANGUAGE_CODE else "") or ""
        for code, _name in settings.LANGUAGES
    ]


def inline_photo_problems(values):
    """The publish gate's problems with the photographs shown inside the bodies of ``values`` (see photo_problems)."""
    problems = []
    for photo in inline_photos(*language_bodies(values)):
        problems += photo_problems(photo)
    return problems
