"""Photographs dropped into a text: drawn as the site's figures, and held to the publish gate like placed ones."""

import pytest
from bs4 import BeautifulSoup

from photos.inline import body_parts, inline_photo_ids
from publishing import services
from publishing.models import Status
from sections.models import Section
from tests.factories import make_event, make_page, make_photo, make_section
from tests.html import parse, text_of
from tests.sections.test_admin_workflow import ADD, errors_of, new_section_data

pytestmark = pytest.mark.django_db


def parse_fragment(html):
    return BeautifulSoup(html, "html.parser")


def dropped(photo):
    """What the editor's drop inserts."""
    return f"![](/photos/{photo.pk}/image/)"


def test_a_dropped_photograph_is_drawn_as_a_figure_with_its_caption_credit_and_alt_text(client):
    photo = make_photo(caption="The leaders at the summit", credit="Photo: Kyodo", alt_text="Two leaders shake hands")
    page = make_page(slug="overview")
    make_section(page, "Summit", slug="summit", body=f"The leaders met.\n\n{dropped(photo)}\n\nThey spoke.")
    prose = parse(client.get("/overview/")).select_one("#summit .prose")
    figure = prose.select_one("figure")
    assert figure is not None
    assert figure.img["alt"] == "Two leaders shake hands"
    assert figure.img["src"] == photo.picture.src
    assert "The leaders at the summit" in text_of(figure.figcaption)
    assert "Photo: Kyodo" in text_of(figure.figcaption)
    # In its place: between the two paragraphs, and no bare image left behind.
    assert [child.name for child in prose.find_all(recursive=False)] == ["p", "figure", "p"]
    assert len(prose.select("img")) == 1


def test_a_dropped_photograph_that_is_not_public_is_left_out_for_readers_and_shown_in_previews(client, staff_client):
    photo = make_photo(caption="Not yet", status=Status.DRAFT)
    page = make_page(slug="overview")
    section = make_section(page, "Summit", slug="summit", body=f"Text.\n\n{dropped(photo)}")
    assert parse(client.get("/overview/")).select("#summit img") == []
    preview = parse(staff_client.get(f"/preview/section/{section.pk}/"))
    assert "Not yet" in text_of(preview.select_one("#summit .prose figure figcaption"))


def test_an_image_in_the_middle_of_a_sentence_takes_the_photographs_alt_text():
    photo = make_photo(alt_text="The embassy's front door")
    html = f'<p>Here <img alt="" src="/photos/{photo.pk}/image/"> it is.</p>'
    (part,) = body_parts(html, {photo.pk: photo})
    assert part.photo is None
    assert parse_fragment(part.html).img["alt"] == "The embassy's front door"


def test_alt_text_from_the_record_is_escaped():
    photo = make_photo(alt_text='"><script>alert(1)</script>')
    html = f'<p>Here <img alt="" src="/photos/{photo.pk}/image/"> it is.</p>'
    (part,) = body_parts(html, {photo.pk: photo})
    image = parse_fragment(part.html).img
    assert image["alt"] == '"><script>alert(1)</script>' and parse_fragment(part.html).script is None


def test_only_the_photographs_inline_address_counts():
    assert inline_photo_ids('<p><img alt="" src="/media/photos/a.jpg"></p><p><img src="/photos/7/image/"></p>') == [7]


def test_the_gate_refuses_a_text_showing_a_photograph_without_alt_text_or_credit():
    photo = make_photo(caption="Unlabelled", alt_text="", credit="")
    section = make_section(make_page(), status=Status.DRAFT, body=f"Text.\n\n{dropped(photo)}")
    with pytest.raises(services.NotReadyToPublish) as refusal:
        services.publish(section)
    messages = " ".join(refusal.value.messages)
    assert "“Unlabelled” has no alt text" in messages
    assert "“Unlabelled” has no credit line" in messages
    section.refresh_from_db()
    assert section.status == Status.DRAFT


def test_a_text_showing_a_draft_photograph_asks_to_publish_it_too():
    photo = make_photo(caption="Draft one", status=Status.DRAFT)
    section = make_section(make_page(), status=Status.DRAFT, body=f"Text.\n\n{dropped(photo)}")
    with pytest.raises(services.NotReadyToPublish, match="Draft one"):
        services.publish(section)
    services.publish(section, with_companions=True)
    photo.refresh_from_db()
    assert photo.status == Status.PUBLISHED


def test_an_event_text_showing_a_photograph_without_credit_is_refused():
    photo = make_photo(caption="Uncredited", credit="")
    event = make_event(status=Status.DRAFT, body=dropped(photo))
    with pytest.raises(services.NotReadyToPublish, match="“Uncredited” has no credit line"):
        services.publish(event)


def test_the_section_form_refuses_to_publish_a_dropped_photograph_without_alt_text(publisher_client):
    page = make_page(slug="overview")
    photo = make_photo(caption="Unlabelled", alt_text="")
    response = publisher_client.post(ADD, new_section_data(page, body=dropped(photo), status="published"))
    assert "“Unlabelled” has no alt text" in errors_of(response)
    assert not Section.objects.filter(slug="new-subsection").exists()


def test_a_dropped_photograph_on_an_event_page_is_a_figure(client):
    photo = make_photo(caption="At the residence", credit="Photo: Embassy")
    event = make_event(body=f"Before.\n\n{dropped(photo)}")
    figure = parse(client.get(event.get_absolute_url())).select_one(".prose figure")
    assert figure is not None and "At the residence" in text_of(figure)
