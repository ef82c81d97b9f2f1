"""Small builders for test data: real rows in the test database, with real image files."""

import io
import itertools

from django.core.files.base import ContentFile
from PIL import Image

from events.models import Event
from photos.models import Photo, PhotoPlacement
from publishing.models import Status
from sections.models import RelatedLink, Section

_counter = itertools.count(1)


def make_page(title="A page", slug=None, status=Status.PUBLISHED, **fields):
    slug = slug or f"page-{next(_counter)}"
    return Section.objects.add_root(instance=Section(title=title, slug=slug, status=status, **fields))


def make_section(parent, title=None, slug=None, status=Status.PUBLISHED, **fields):
    number = next(_counter)
    section = Section(title=title or f"Section {number}", slug=slug or f"section-{number}", status=status, **fields)
    return Section.objects.add_child(parent, instance=section)


def jpeg_bytes(size=(64, 48), colour=(200, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def make_photo(
    caption="A photograph",
    credit="Photo: Test Agency",
    alt_text="Two people shaking hands",
    status=None,
    **fields,
):
    if status is None:
        # Only a photograph with its credit and alt text can be published (a database rule).
        status = Status.PUBLISHED if credit and alt_text else Status.DRAFT
    photo = Photo(caption=caption, credit=credit, alt_text=alt_text, status=status, **fields)
    photo.image.save("test.jpg", ContentFile(jpeg_bytes()), save=False)
    photo.save()
    return photo


def place_photo(photo, section=None, event=None, position=0):
    return PhotoPlacement.objects.create(photo=photo, section=section, event=event, position=position)


def make_link(section, title="A related page", url="https://www.example.org/", position=0):
    return RelatedLink.objects.create(section=section, title=title, url=url, position=position)


def make_event(section=None, title=None, starts_on=None, status=Status.PUBLISHED, **fields):
    import datetime

    number = next(_counter)
    return Event.objects.create(
        section=section,
        title=title or f"Event {number}",
        slug=fields.pop("slug", f"event-{number}"),
        starts_on=starts_on or datetime.date(2009, 2, 24),
        status=status,
        **fields,
    )
