"""Every text field staff can fill is shown as text, never as markup: on public pages, in the admin, in JSON.

Each text field of every model of ours is filled with markup that would run if it were not escaped,
and every page that shows it is parsed as a browser parses it (html5lib).
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from events.models import Event
from photos.models import Photo
from publishing import editions, services
from publishing.models import ChangeNote
from sections.models import DeletedSection, RelatedLink, Section, ShareLink
from sections.services import delete_section
from sitewide.models import FooterLink, PhoneLine, SiteSettings
from tests.factories import jpeg_bytes, make_event, make_link, make_page, make_photo, make_section, place_photo

pytestmark = pytest.mark.django_db

PAYLOAD = "\"'><svg data-pwned onload=pwned()><script>pwned()</script><img src=x onerror=pwned() data-pwned>"
OUR_APPS = ("publishing", "sitewide", "sections", "events", "photos")


# Filled by the site itself: rendered Markdown (checked by the sanitiser's tests), the tree's paths, share tokens.
DERIVED_FIELDS = {"body_html", "path", "token"}


def text_fields(model):
    """Free text: everything staff type or upload names, validated formats (slugs, URLs, choices) aside."""
    for field in model._meta.get_fields():
        if (
            isinstance(field, models.CharField | models.TextField)
            and field.name not in DERIVED_FIELDS
            and not field.choices
            and not isinstance(field, models.SlugField | models.URLField)
        ):
            yield field


def poison(instance):
    for field in text_fields(type(instance)):
        value = PAYLOAD if field.name != "body" else f"Some text {PAYLOAD}"
        setattr(instance, field.name, value[: field.max_length] if field.max_length else value)
    instance.save()
    return instance


def assert_not_injected(response, where):
    assert response.status_code == 200, where
    soup = BeautifulSoup(response.content.decode(), "html5lib")
    assert not soup.find_all(attrs={"data-pwned": True}), f"markup from a text field became an element on {where}"
    assert not soup.find_all(attrs={"onload": True}) and not soup.find_all(attrs={"onerror": True}), where
    assert not [s for s in soup.find_all("script") if "pwned" in s.get_text()], f"script injected on {where}"
    return soup


@pytest.fixture
def poisoned_site(isolated_media):
    page = poison(make_page(slug="overview", show_in_navigation=True))
    section = poison(make_section(page, slug="alliance"))
    photo = poison(make_photo())
    place_photo(photo, section=section)
    poison(make_link(section))
    event = poison(make_event(section, slug="summit"))
    place_photo(photo, event=event)
    settings = poison(SiteSettings.load())
    settings.home_page = page
    settings.save()
    poison(PhoneLine(site_settings=settings, telephone="202-238-6700", fax="202-328-2187"))
    poison(FooterLink(site_settings=settings, page=page))
    poison(ChangeNote(page=page))
    poison(ShareLink(page=page))
    doomed = poison(make_section(page, slug="doomed"))
    delete_section(doomed)
    poison(DeletedSection.objects.get())
    # A pending draft of the published section, with its note in the draft and in the section's history.
    with editions.sandbox():
        poison(section)
        states = editions.snapshot(section)
    section.refresh_from_db()
    services.save_draft(section, states, note=PAYLOAD)
    return {"page": page, "section": section, "photo": photo, "event": event}


def test_every_text_field_of_our_models_is_poisoned(poisoned_site):
    """Guards the test itself: a new model or field is covered as soon as it exists."""
    for model in apps.get_models():
        if model._meta.app_label in OUR_APPS and any(text_fields(model)):
            assert model.objects.exists(), f"{model.__name__} has text fields but no poisoned row"


@pytest.mark.parametrize(
    "path", ["/", "/overview/", "/events/", "/events/summit/", "/search/?q=pwned", "/overview/alliance/"]
)
def test_public_pages_escape_every_field(client, poisoned_site, path):
    soup = assert_not_injected(client.get(path), path)
    assert "<svg data-pwned" in soup.get_text() or "svg data-pwned" in str(soup.title)


def admin_urls(poisoned_site):
    yield reverse("admin:index")
    for model in (Section, Event, Photo, SiteSettings):
        info = model._meta.app_label, model._meta.model_name
        yield reverse("admin:{}_{}_changelist".format(*info)) + ("?page=" if model is Section else "")
        yield reverse("admin:{}_{}_change".format(*info), args=[model.objects.first().pk])
        yield reverse("admin:{}_{}_history".format(*info), args=[model.objects.first().pk])
    for model in (ChangeNote, ShareLink, DeletedSection):
        yield reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    yield reverse("admin:sections_section_change", args=[poisoned_site["section"].pk])
    yield reverse("admin:sections_section_compare", args=[poisoned_site["section"].pk])
    yield reverse("admin:sections_section_history", args=[poisoned_site["section"].pk])
    yield reverse("admin:sections_section_delete", args=[poisoned_site["page"].pk])
    yield reverse("admin:photos_photo_delete", args=[poisoned_site["photo"].pk])
    yield reverse("admin:events_event_delete", args=[poisoned_site["event"].pk])


def test_admin_pages_escape_every_field(staff_client, poisoned_site):
    for url in admin_urls(poisoned_site):
        assert_not_injected(staff_client.get(url, follow=True), url)


def test_editor_preview_and_upload_json_keep_markup_inert(staff_client, isolated_media):
    preview = staff_client.post("/markdownx/markdownify/", {"content": PAYLOAD})
    soup = BeautifulSoup(preview.content.decode(), "html5lib")
    assert not soup.find_all(["svg", "script"])
    assert all(not element.attrs for element in soup.find_all("img"))

    # Without slashes: Django keeps only the last part of an uploaded file's path.
    upload = SimpleUploadedFile("\"'><svg data-pwned onload=pwned()>.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = staff_client.post("/markdownx/upload/", {"image": upload})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    data = json.loads(response.content)
    photo = Photo.objects.get(pk=data["photo"])
    assert "<" not in data["image_code"] and photo.image.name.endswith(".jpg")
    # The uploaded name survives only as text, shown escaped in the admin.
    assert photo.original_filename.startswith("\"'><svg")
    assert_not_injected(staff_client.get(reverse("admin:photos_photo_change", args=[photo.pk])), "photo change")
    assert_not_injected(staff_client.get(reverse("admin:photos_photo_changelist")), "photo list")


def test_related_link_titles_are_escaped_in_the_admin_inline(staff_client, poisoned_site):
    link = RelatedLink.objects.get()
    assert link.title.startswith('"')
    url = reverse("admin:sections_section_change", args=[link.section_id])
    assert_not_injected(staff_client.get(url), url)
