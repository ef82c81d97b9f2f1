"""Share links in the admin: the whole address to send, a copy button, and messages with one pair of quotes."""

import pytest
from django.urls import reverse

from sections.models import ShareLink
from tests.factories import make_page
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def test_adding_a_share_link_shows_its_whole_address_and_a_copy_button(staff_client):
    page = make_page(title="Ambassador's greeting")
    response = staff_client.post(
        reverse("admin:sections_sharelink_add"),
        {"page": page.pk, "note": "Reviewer at MOFA", "expires_at_0": "2099-01-01", "expires_at_1": "12:00:00",
         "_continue": "1"},
        follow=True,
    )  # fmt: skip
    link = ShareLink.objects.get()
    html = parse(response)
    message = html.select_one(".messagelist li").get_text()
    assert message.startswith("The share link “Ambassador's greeting (Reviewer at MOFA)” was added")
    assert html.select_one(".share-address input")["value"] == "http://testserver" + link.get_absolute_url()
    assert text_of(html.select_one(".share-address button")) == "Copy the address"


def test_the_list_shows_whole_addresses_too(staff_client):
    link = ShareLink.objects.create(page=make_page(title="Greeting"))
    html = parse(staff_client.get(reverse("admin:sections_sharelink_changelist")))
    assert html.select_one(".field-link .share-address input")["value"] == "http://testserver" + link.get_absolute_url()
