"""The importer checks every row as the admin does, before anything is kept, and refuses in one line per problem."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentops.bulk import BulkWriter
from contentops.sitejson import dumps, export_site
from events.models import Event
from photos.models import Photo
from sections.models import RelatedLink, Section
from tests.contentops.test_export import CONTENT_MODELS, rows
from tests.factories import make_event, make_link, make_page, make_photo, make_section, place_photo

pytestmark = pytest.mark.django_db


def small_export():
    """A page with a section, a link, a photograph (with its file) and an event, exported, then removed."""
    page = make_page("Overview", slug="overview", dated="2009-02-01", date_precision="month")
    section = make_section(page, "Security", slug="security", body="The *alliance*.")
    make_link(section, "Ministry of Defense", "https://www.mod.go.jp/e/")
    place_photo(make_photo(caption="Aegis ship"), section=section)
    make_event(section, "SM-3 test", slug="sm-3-test")
    data = export_site()
    for model in [RelatedLink, Event, Section, Photo]:
        model.objects.all().delete()
    return data


def import_json(tmp_path, data, name="site.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else dumps(data), encoding="utf-8")
    call_command("import_document", str(path), stdout=io.StringIO())


def everything():
    return {model.__name__: rows(model) for model in CONTENT_MODELS}


def refusal(tmp_path, data):
    before = everything()
    with pytest.raises(CommandError) as error:
        import_json(tmp_path, data)
    assert everything() == before, "nothing is kept of a refused import"
    return str(error.value)


def test_a_valid_export_still_imports(tmp_path):
    import_json(tmp_path, small_export())
    assert RelatedLink.objects.get().url == "https://www.mod.go.jp/e/"
    assert Section.objects.get(slug="security").page.slug == "overview"


def test_new_pages_go_in_bulk_and_are_checked_before_any_bulk_write(tmp_path, monkeypatch):
    writes, write_pages = [], BulkWriter.write_pages

    def counted(writer):
        writes.append(len(writer.sections))
        write_pages(writer)

    monkeypatch.setattr(BulkWriter, "write_pages", counted)
    data = small_export()
    data["pages"][0]["children"][0]["events"][0]["date_precision"] = "week"
    assert "section 1 (“security”), event 1: date_precision" in refusal(tmp_path, data)
    assert writes == [], "a refused entry keeps the new pages from being written at all"
    data["pages"][0]["children"][0]["events"][0]["date_precision"] = "day"
    import_json(tmp_path, data)
    assert writes == [1], "the new page and its section were collected for the bulk path"


def test_a_javascript_link_is_refused(tmp_path):
    data = small_export()
    data["pages"][0]["children"][0]["links"][0]["url"] = "javascript:alert(document.cookie)"
    message = refusal(tmp_path, data)
    assert "page 1 (“overview”), section 1 (“security”), link 1: url: Enter a valid URL." in message
    assert not Section.objects.exists()


@pytest.mark.parametrize("url", ["ftp://files.example.org/a.pdf", "data:text/html,<script>alert(1)</script>"])
def test_links_keep_to_the_schemes_the_sanitiser_lets_through(tmp_path, url):
    data = small_export()
    data["pages"][0]["children"][0]["links"][0]["url"] = url
    assert "link 1: url: Enter a valid URL." in refusal(tmp_path, data)


def test_every_invalid_value_is_named_on_its_own_line_and_nothing_is_created(tmp_path):
    data = small_export()
    data["photos"][0]["image"] = "../../settings.py"
    data["photos"][0]["status"] = "live"
    data["pages"][0]["children"][0]["events"][0]["date_precision"] = "week"
    assert refusal(tmp_path, data).splitlines() == [
        "Nothing was imported. 3 problems in the file:",
        "  photograph 'photo-1': status: Value 'live' is not a valid choice.",
        "  photograph 'photo-1': image: '../../settings.py' is not a relative name inside the media storage.",
        "  page 1 (“overview”), section 1 (“security”), event 1: date_precision: Value 'week' is not a valid choice.",
    ]


def test_a_refused_section_is_named_and_its_contents_wait_for_it(tmp_path):
    data = small_export()
    data["pages"][0]["children"][0]["status"] = "live"
    data["pages"][0]["children"][0]["events"][0]["date_precision"] = "week"
    assert refusal(tmp_path, data).splitlines()[1:] == [
        "  page 1 (“overview”), section 1: status: Value 'live' is not a valid choice."
    ]


def test_an_invalid_page_slug_is_named(tmp_path):
    data = small_export()
    data["pages"][0]["slug"] = "not a slug!"
    assert refusal(tmp_path, data).splitlines()[1:] == [
        "  page 1: slug: Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."
    ]


def test_a_page_at_an_address_the_site_uses_is_refused(tmp_path):
    data = small_export()
    data["pages"][0]["slug"] = "admin"
    assert "slug: “admin” is an address the site already uses" in refusal(tmp_path, data)


def test_renditions_and_former_slugs_that_pages_read_unchecked_are_checked(tmp_path):
    data = small_export()
    data["photos"][0]["renditions"] = [{"width": 1, "height": 1, "format": "jpg", "name": "/etc/passwd"}]
    data["pages"][0]["former_slugs"] = {"not": "a list"}
    message = refusal(tmp_path, data)
    assert "photograph 'photo-1': renditions: A rendition's file is in renditions/ of the media storage." in message
    assert "page 1: former_slugs: Must be a list of slugs." in message


def test_a_legacy_document_imported_under_an_invalid_slug_is_refused(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text("# Consular services\n\n## Visas\n\nText.\n")
    with pytest.raises(CommandError, match="page “not a slug!”: slug: Enter a valid “slug”"):
        call_command("import_document", str(path), "--page", "not a slug!", stdout=io.StringIO())
    assert not Section.objects.exists()


@pytest.mark.parametrize(
    "name, text",
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000),
        ("deep.html", "<h1>Title</h1>" + "<div>" * 20_000 + "text"),
    ],
)
def test_deeply_nested_files_are_refused_in_one_line(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(CommandError) as error:
        call_command("import_document", str(path), stdout=io.StringIO())
    assert "nests" in str(error.value) and "\n" not in str(error.value)


def test_sections_nested_deeper_than_the_tree_holds_are_refused(tmp_path):
    data = small_export()
    template = {**data["pages"][0]["children"][0], "children": [], "links": [], "events": [], "photos": []}
    node = data["pages"][0]
    for level in range(70):
        node["children"] = [{**template, "slug": f"level-{level}"}]
        node = node["children"][0]
    assert "sections nest at most 63 levels deep" in refusal(tmp_path, data)


# Mutated exports: whatever the damage, the import either succeeds or refuses with a CommandError,
# and a refusal leaves every row and every media file as it was.


def media_files(root):
    return {str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def flip_bits(text, positions):
    data = bytearray(text.encode())
    for position in positions:
        data[position % len(data)] ^= 1 << (position % 8)
    return bytes(data).decode("utf-8", errors="replace")


def replace_somewhere(data, path_choices, value):
    """Put ``value`` at one place inside ``data``, chosen by ``path_choices``."""
    node = data
    for choice in path_choices:
        children = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
        children = [(key, child) for key, child in children if isinstance(child, dict | list)] or children
        if not children:
            break
        key, child = children[choice % len(children)]
        if not isinstance(child, dict | list) or choice % 3 == 0:
            node[key] = value
            return data
        node = child
    return data


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)
MUTATIONS = st.one_of(
    st.tuples(st.just("flip"), st.lists(st.integers(0, 10**6), min_size=1, max_size=4)),
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("nest"), st.integers(1, 5000)),
    st.tuples(st.just("replace"), st.tuples(st.lists(st.integers(0, 50), min_size=1, max_size=6), JSON_VALUES)),
)


def mutated(data, mutation):
    kind, argument = mutation
    text = dumps(data)
    if kind == "flip":
        return flip_bits(text, argument)
    if kind == "truncate":
        return text[: int(len(text) * argument)]
    if kind == "nest":
        return text.replace('"children": []', '"children": ' + "[" * argument + "]" * argument, 1)
    path_choices, value = argument
    return dumps(replace_somewhere(json.loads(text), path_choices, value))


def test_mutated_exports_import_whole_or_not_at_all(tmp_path, isolated_media):
    data = small_export()
    files_before = media_files(isolated_media)

    @settings(
        max_examples=60, derandomize=True, deadline=None, database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )  # fmt: skip
    @given(MUTATIONS)
    def check(mutation):
        with transaction.atomic():
            before = everything()
            try:
                import_json(tmp_path, mutated(data, mutation))
            except CommandError as error:
                assert str(error).startswith("Nothing was imported")
                assert "Traceback" not in str(error)
                assert everything() == before
                assert media_files(isolated_media) == files_before
            transaction.set_rollback(True)  # the next example starts from the same database

    check()
