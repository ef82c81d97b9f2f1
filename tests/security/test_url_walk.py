"""Every URL of the project, anonymous: GET and POST change nothing, and every non-public URL refuses.

The URLconf is walked recursively (the admin, third-party views, our own), each path converter and
regex group filled with sample values, and every address requested as a visitor without an account
would: GET, POST without a CSRF token, and POST with a valid token and a file. Before and after, the
number of rows of every model and every file in MEDIA_ROOT are compared.
"""

import re

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from events.models import Event
from sections.models import Section
from tests import visibility
from tests.factories import jpeg_bytes
from tests.urlconf import is_public, public_url_names, walk

pytestmark = pytest.mark.django_db

# Admin addresses anonymous visitors may reach: signing in and out, and treebeard's catalogue of the
# admin's translated interface strings (read-only, the same for everyone).
# Pages of the sign-in itself, open before it: the passkey script's catalogue holds its messages only.
SIGN_IN_PAGES = {"admin:login", "admin:logout", "admin:javascript-catalog", "otp_webauthn:js-i18n-catalog"}
REFUSED = {302, 403, 404, 405}
# Exempt from CSRF by design: RFC 8058's one-click unsubscribe is a mail program's POST, without cookies. Without a
# token it answers as with any forged link: 404.
CSRF_EXEMPT = {"alerts:unsubscribe"}


def sample_values(kind, name, samples):
    if name.endswith("id"):
        return samples["ints"]
    if kind in ("slug", "str"):
        return samples["slugs"]
    if kind == "int":
        return samples["ints"]
    return ["anything/at/all"]


def expand(route, samples):
    """All concrete paths for a route with (?P<name>regex) groups and <converter:name> parts filled in."""
    group = re.search(r"\(\?P<(\w+)>((?:[^()]|\([^()]*\))*)\)", route)
    converter = None if group else re.search(r"<(?:(\w+):)?(\w+)>", route)
    if group:
        body = group.group(2)
        alternatives = body.split("|") if re.fullmatch(r"[\w|]+", body) else None
        values = alternatives or sample_values("int" if body == r"\d+" else "path", group.group(1), samples)
        start, end = group.span()
    elif converter:
        values = sample_values(converter.group(1) or "str", converter.group(2), samples)
        start, end = converter.span()
    else:
        return ["/" + re.sub(r"\\(.)", r"\1", route)]
    return [path for value in values for path in expand(route[:start] + str(value) + route[end:], samples)]


def state(media_root):
    rows = {model._meta.label: model._default_manager.count() for model in apps.get_models()}
    files = {str(path.relative_to(media_root)): path.stat().st_size for path in media_root.rglob("*") if path.is_file()}
    return rows, files


def concrete_urls():
    """Every URL of the project as ``(path, name, callback)``, filled in with the demo site's slugs and ids."""
    samples = {
        "slugs": [Section.objects.pages().first().slug, Event.objects.first().slug, "no-such-slug"],
        "ints": [Section.objects.first().pk, 999999],
    }
    return [(path, name, callback) for route, name, callback in walk() for path in expand(route, samples)]


@pytest.fixture
def every_url(demo_site):
    return concrete_urls()


def test_the_walk_covers_admin_editor_and_public_urls(every_url):
    names = {name for _path, name, _callback in every_url}
    assert {"admin:sections_section_change", "admin:photos_photo_add", "markdownx_upload", "events:detail"} <= names
    assert len(every_url) > 60


def test_markdownx_own_unprotected_views_are_not_mounted(every_url):
    for path, _name, callback in every_url:
        module = getattr(callback, "view_class", callback).__module__
        assert not module.startswith("markdownx."), f"{path} is served by {module}"


def test_anonymous_get_and_post_change_nothing_and_non_public_urls_refuse(every_url, isolated_media):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/admin/login/")
    token = visitor.cookies["csrftoken"].value
    before = state(isolated_media)
    problems = []
    for path, name, _callback in every_url:
        public = is_public(name)
        sign_in = name in SIGN_IN_PAGES
        upload = SimpleUploadedFile("x.jpg", jpeg_bytes(), content_type="image/jpeg")
        form = {"content": "<b>x</b>", "title": "Defaced", "slug": "defaced", "image": upload, "_save": "Save"}
        responses = {
            "GET": visitor.get(path),
            "POST without token": visitor.post(path, {"title": "Defaced"}),
            "POST with token": visitor.post(path, {**form, "csrfmiddlewaretoken": token}),
        }
        for how, response in responses.items():
            status = response.status_code
            if status >= 500:
                problems.append(f"{how} {path}: {status}")
            elif how == "POST without token" and status != 403 and not (name in CSRF_EXEMPT and status == 404):
                problems.append(f"{how} {path}: {status}, expected 403")
            elif not public and not (sign_in and status == 200) and status not in REFUSED:
                problems.append(f"{how} {path} ({name}): {status}, expected a refusal")
            elif status == 302 and not public:
                location = response["Location"]
                if not location.startswith("/admin/login/") and not (sign_in and location == "/admin/"):
                    problems.append(f"{how} {path}: redirected to {location}, not to the login")
        assert state(isolated_media) == before, f"{path} changed something"
    assert not problems, "\n".join(problems)


def test_head_answers_every_public_url_as_get_does(every_url):
    visitor = Client()
    problems = []
    for path, name, _callback in every_url:
        if is_public(name):
            # HEAD first: after a GET, the page cache could answer it in the view's place.
            head, get = visitor.head(path).status_code, visitor.get(path).status_code
            if head != get:
                problems.append(f"HEAD {path}: {head}, GET: {get}")
    assert not problems, "\n".join(problems)


def test_every_public_url_is_checked_by_the_visibility_tests_or_says_why_not():
    """A new public address cannot be forgotten by the tests that prove drafts stay hidden."""
    public = public_url_names()
    checked, exempt = visibility.CHECKED, set(visibility.NOT_CONTENT)
    assert not checked & exempt, checked & exempt
    assert public - checked - exempt == set(), "public URLs tests/visibility.py neither checks nor exempts"
    assert (checked | exempt) - public == set(), "tests/visibility.py names URLs that are not public (or gone)"
