"""The publishing rules find their models from the models themselves, and the roles follow."""

from django.contrib.auth.models import Group

from closures.models import Closure
from events.models import Event
from notices.models import Notice, NoticePage
from photos.models import Photo, PhotoPlacement
from publishing.models import ChangeNote
from publishing.registry import public_content_models, publishable_models
from publishing.roles import EDITOR, PUBLISHER, role_permissions
from sections.models import RelatedLink, Section, ShareLink
from sitewide.models import FooterLink, PhoneLine, SiteSettings


def test_every_publishable_model_is_found_in_installed_order():
    assert publishable_models() == [Section, Event, Photo, Closure, Notice]


def test_everything_shown_on_public_pages_retires_the_cache_when_changed():
    found = set(public_content_models())
    assert {
        SiteSettings,
        PhoneLine,
        FooterLink,
        RelatedLink,
        ChangeNote,
        PhotoPlacement,
        Section,
        Event,
        Photo,
        Closure,
        Notice,
        NoticePage,
    } == found
    assert ShareLink not in found  # a staff tool, never shown on a public page


def test_editors_prepare_content_and_publishers_decide_what_the_public_sees():
    roles = role_permissions()
    editor, publisher = roles[EDITOR], roles[PUBLISHER]
    assert {"sections.change_section", "events.add_event", "photos.delete_photoplacement"} <= editor
    assert not {label for label in editor if ".publish_" in label}
    assert {"sections.publish_section", "events.publish_event", "photos.publish_photo"} <= publisher
    # Site settings: editors draft changes, publishers publish them. The public history: editors only look.
    assert "sitewide.change_sitesettings" in editor and "sitewide.publish_sitesettings" not in editor
    assert {"sitewide.change_sitesettings", "sitewide.publish_sitesettings"} <= publisher
    assert "publishing.view_changenote" in editor and "publishing.add_changenote" not in editor
    assert editor < publisher


def test_the_groups_hold_the_roles_permissions_after_migrate(db):
    for name, labels in role_permissions().items():
        group = Group.objects.get(name=name)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert held == labels
