"""The events list in the admin."""

import datetime

import pytest
from django.urls import reverse

from markup.dates import DatePrecision
from tests.factories import make_event, make_page, make_section
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def test_dates_show_as_much_as_is_known(staff_client):
    make_event(title="Ground Self-Defense Force to Samawah", starts_on=datetime.date(2004, 1, 1),
               date_precision=DatePrecision.YEAR)  # fmt: skip
    make_event(title="Basic Plan", starts_on=datetime.date(2003, 12, 1), date_precision=DatePrecision.MONTH)
    make_event(title="Summit", starts_on=datetime.date(2009, 2, 24))
    html = parse(staff_client.get(reverse("admin:events_event_changelist")))
    dates = [text_of(cell) for cell in html.select("#result_list td.field-when")]
    assert dates == ["February 24, 2009", "2004", "December 2003"]


def test_the_section_cell_may_wrap(staff_client):
    section = make_section(
        make_page(), title="Meeting between Foreign Minister Nakasone and Secretary of State Clinton"
    )
    make_event(section=section)
    cell = parse(staff_client.get(reverse("admin:events_event_changelist"))).select_one(
        "#result_list .field-in_section"
    )
    assert "nowrap" not in cell.get("class", [])
    assert text_of(cell) == section.title
