"""The photograph library in the admin: thumbnails, search, filters, where each is used, safe deletion."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from photos.models import Photo
from tests.factories import jpeg_bytes, make_event, make_page, make_photo, make_section, place_photo
from tests.html import parse, text_of

from .files import sized_jpeg

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:photos_photo_changelist")


def listed_captions(response):
    return sorted(text_of(cell) for cell in parse(response).select("td.field-caption, th.field-caption"))


def test_library_thumbnails_are_small_renditions_not_originals(staff_client):
    photo = make_photo()
    img = parse(staff_client.get(CHANGELIST)).select_one(".field-list_thumbnail img")
    assert img["src"] == photo.picture.thumbnail_url and img["src"] != photo.image.url
    assert img["src"].endswith(".webp")


def test_library_search_by_caption_and_credit(staff_client):
    make_photo(caption="Aso and Obama", credit="Photo: Cabinet Public Relations Office")
    make_photo(caption="Signing", credit="Bettmann/CORBIS")
    assert listed_captions(staff_client.get(CHANGELIST, {"q": "obama"})) == ["Aso and Obama"]
    assert listed_captions(staff_client.get(CHANGELIST, {"q": "corbis"})) == ["Signing"]


def test_library_filters(staff_client):
    today = timezone.localdate()
    make_photo(caption="No alt", alt_text="", status="draft")
    make_photo(caption="Expired", rights_expire_on=today - datetime.timedelta(days=1))
    make_photo(caption="Expiring", rights_expire_on=today + datetime.timedelta(days=30))
    make_photo(caption="Later", rights_expire_on=today + datetime.timedelta(days=31))
    place_photo(make_photo(caption="Used"), section=make_section(make_page()))
    assert listed_captions(staff_client.get(CHANGELIST, {"alt": "missing"})) == ["No alt"]
    assert listed_captions(staff_client.get(CHANGELIST, {"rights": "expired"})) == ["Expired"]
    assert listed_captions(staff_client.get(CHANGELIST, {"rights": "expiring"})) == ["Expiring"]
    assert listed_captions(staff_client.get(CHANGELIST, {"use": "used"})) == ["Used"]
    assert listed_captions(staff_client.get(CHANGELIST, {"use": "unused"})) == [
        "Expired", "Expiring", "Later", "No alt",
    ]  # fmt: skip


def test_library_warns_about_expiring_and_expired_rights(staff_client):
    today = timezone.localdate()
    make_photo(caption="Expired", rights_expire_on=today)
    make_photo(caption="Expiring 1", rights_expire_on=today + datetime.timedelta(days=3))
    make_photo(caption="Expiring 2", rights_expire_on=today + datetime.timedelta(days=20))
    soup = parse(staff_client.get(CHANGELIST))
    notice = soup.select_one(".photo-notice")
    assert "1 photograph whose rights have expired is hidden from the public." in text_of(notice)
    assert "2 photographs will be hidden within 30 days" in text_of(notice)
    for link in notice.select("a"):
        assert staff_client.get(CHANGELIST + link["href"]).status_code == 200
    assert [text_of(cell).split()[0] for cell in soup.select(".rights-expired")] == ["Expired"]
    assert len(soup.select(".rights-expiring")) == 2


def test_photo_page_lists_every_place_it_is_used(staff_client):
    page = make_page(title="Overview")
    section = make_section(page, title="Ballistic Missile Defense")
    event = make_event(title="Summit Meeting")
    photo = make_photo()
    place_photo(photo, section=section)
    place_photo(photo, event=event)
    soup = parse(staff_client.get(reverse("admin:photos_photo_change", args=[photo.pk])))
    places = [(text_of(a), a["href"]) for a in soup.select(".field-used_in a")]
    assert places == [
        (
            "The section “Ballistic Missile Defense” of the page “Overview”",
            reverse("admin:sections_section_change", args=[section.pk]),
        ),
        ("The event “Summit Meeting”", reverse("admin:events_event_change", args=[event.pk])),
    ]
    assert listed_captions(staff_client.get(CHANGELIST)) == ["A photograph"]
    assert text_of(parse(staff_client.get(CHANGELIST)).select_one("td.field-use_count")) == "2 places"


def test_deleting_a_photograph_in_use_asks_first_and_names_the_places(staff_client):
    page = make_page(title="Overview")
    photo = make_photo(caption="Leaders")
    place_photo(photo, section=make_section(page, title="Summit Meetings"))
    place_photo(photo, event=make_event(title="Signing ceremony"))
    place_photo(photo, section=page)
    url = reverse("admin:photos_photo_delete", args=[photo.pk])
    soup = parse(staff_client.get(url))
    notice = text_of(soup.select_one(".photo-notice"))
    assert "This photograph is shown in 3 places." in notice
    assert "The section “Summit Meetings” of the page “Overview”" in notice
    assert "The event “Signing ceremony”" in notice
    assert "The page “Overview”" in notice
    # Django's own list of what goes with it names the places too.
    related = text_of(soup.select_one("#deleted-objects"))
    assert "“Leaders” in the section “Summit Meetings”" in related
    assert "“Leaders” in the event “Signing ceremony”" in related
    assert Photo.objects.filter(pk=photo.pk).exists()  # nothing deleted until confirmed


def test_find_orphan_media_lists_and_deletes_only_files_nothing_points_to(isolated_media, capsys):
    photo = make_photo()
    (isolated_media / "photos" / "2009").mkdir(parents=True)
    stray = isolated_media / "photos" / "2009" / "left-behind.jpg"
    stray.write_bytes(sized_jpeg((10, 10)))
    stray_rendition = isolated_media / "renditions" / "old-320w.webp"
    stray_rendition.write_bytes(b"x")
    (isolated_media / ".gitkeep").write_bytes(b"")
    call_command("find_orphan_media", "--min-age", "0")
    out, err = capsys.readouterr()
    assert sorted(out.split()) == ["photos/2009/left-behind.jpg", "renditions/old-320w.webp"]
    assert "Found 2 files no record points to." in err
    assert stray.exists()

    call_command("find_orphan_media", "--delete", "--min-age", "0")
    assert not stray.exists() and not stray_rendition.exists()
    assert all((isolated_media / name).exists() for name in photo.file_names())
    assert (isolated_media / ".gitkeep").exists()


def test_find_orphan_media_leaves_fresh_files_alone(isolated_media, capsys):
    (isolated_media / "photos").mkdir()
    (isolated_media / "photos" / "uploading.jpg").write_bytes(b"x")
    call_command("find_orphan_media", "--delete")
    assert (isolated_media / "photos" / "uploading.jpg").exists()
    assert "Deleted 0 files" in capsys.readouterr().err


def test_section_editor_says_when_a_placed_photograph_is_hidden_from_the_public(staff_client):
    page = make_page()
    place_photo(make_photo(caption="Draft one", status="draft"), section=page, position=1)
    place_photo(make_photo(caption="Expired one", rights_expire_on=timezone.localdate()), section=page, position=2)
    place_photo(make_photo(caption="Shown"), section=page, position=3)
    soup = parse(staff_client.get(reverse("admin:sections_section_change", args=[page.pk])))
    previews = [text_of(cell) for cell in soup.select("#photo_placements-group td.field-preview")]
    assert previews[:3] == ["Hidden: not published", "Hidden: rights expired", ""]


def test_staff_upload_a_photograph(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    image = SimpleUploadedFile("summit.jpg", jpeg_bytes((320, 200)), content_type="image/jpeg")
    response = staff_client.post(
        reverse("admin:photos_photo_add"),
        {
            "image": image,
            "caption": "At the summit",
            "credit": "Photo: Cabinet Public Relations Office",
            "alt_text": "Two leaders",
            "status": "draft",
        },
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height, photo.original_filename) == (320, 200, "summit.jpg")
    assert "summit" not in photo.image.name and photo.image.name.startswith("photos/")
