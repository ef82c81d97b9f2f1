"""The admin's home page and menu as editors see them: content first, user management for superusers only."""

import pytest
from django.urls import reverse

from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def app_names(response):
    return [text_of(caption) for caption in parse(response).select("#content-main .module caption")]


def test_content_comes_first_then_the_tools(editor_client):
    names = app_names(editor_client.get(reverse("admin:index")))
    assert names[:3] == ["Pages and sections", "Events", "Photographs"]
    assert names[-1] == "Site"


def test_an_editor_sees_no_sign_in_records_or_user_management(editor_client, editor):
    from django.contrib.auth.models import Permission

    # Even given by hand, the permission to look at throttled logins and users does not put them on the menu.
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["view_accessattempt", "view_user"]))
    names = app_names(editor_client.get(reverse("admin:index")))
    assert not {"Axes", "Authentication and Authorization", "Staff accounts and sign-in"} & set(names)


def test_a_superuser_still_finds_them_after_the_content(staff_client):
    names = app_names(staff_client.get(reverse("admin:index")))
    assert names[:3] == ["Pages and sections", "Events", "Photographs"]
    assert {"Axes", "Authentication and Authorization"} <= set(names)
    assert names.index("Site") < names.index("Axes")


def test_the_sections_models_list_the_tree_first(editor_client):
    rows = parse(editor_client.get(reverse("admin:index"))).select(".app-sections th[scope=row]")
    assert text_of(rows[0]) == "Sections"
