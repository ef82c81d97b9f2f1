"""Importing legacy pages: plain text like the 2009 overview, Markdown and HTML, written here as real files."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from events.models import Event
from photos.models import Photo, PhotoPlacement
from publishing.models import Status
from sections.models import RelatedLink, Section
from tests.contentops.documents import LEGACY_HTML, LEGACY_HTML_BOLD_HEADINGS, LEGACY_MARKDOWN, LEGACY_TEXT
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db

MODELS = (Section, RelatedLink, Photo, PhotoPlacement, Event)


def run_import(path, *args):
    out = io.StringIO()
    call_command("import_document", str(path), *args, stdout=out)
    return out.getvalue()


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def tree_of(node):
    """``[(title, [children…]), …]`` of the sections below ``node``, in order."""
    return [(child.title, tree_of(child)) for child in Section.objects.get_children(Section.objects.get(pk=node.pk))]


def section(title, page):
    return Section.objects.get(page=page, title=title)


def counts():
    return [model.objects.count() for model in MODELS]


def test_plain_text_becomes_a_page_with_its_section_tree(tmp_path):
    run_import(write(tmp_path, "consular.txt", LEGACY_TEXT))

    page = Section.objects.get(depth=1)
    assert (page.title, page.slug, page.status) == ("Consular Services Overview", "consular-services-overview", "draft")
    assert page.publisher == "Embassy of Japan"
    assert (page.dated.isoformat(), page.date_precision) == ("2010-03-01", "month")
    # The contents list at the top is not imported a second time, and numbers are not part of titles.
    assert tree_of(page) == [
        ("Visas for Visitors", [("Short Stays", []), ("Working Holidays", [])]),
        ("Help for Residents", []),
    ]
    assert Section.objects.find_problems() == ([], [], [], [], [])  # treebeard's own check of paths and counts
    assert all(s.page_id == page.pk for s in Section.objects.filter(depth__gt=1))
    visas = section("Visas for Visitors", page)
    assert visas.body.startswith("Most travellers from the United States")
    assert "Short Stays" not in visas.body and "Related links" not in visas.body and "please see" not in visas.body
    residents = section("Help for Residents", page)
    assert "- (i) report the loss to the local police;" in residents.body
    assert "Massachusetts" not in residents.body and "Copyright" not in residents.body  # the old footer


def test_plain_text_links_photographs_and_suggested_events(tmp_path):
    run_import(write(tmp_path, "consular.txt", LEGACY_TEXT))
    page = Section.objects.get(depth=1)
    visas = section("Visas for Visitors", page)

    assert [(link.title, link.url) for link in visas.related_links.order_by("position")] == [
        ("Visa exemptions", "http://127.0.0.1:9/visa/exemptions.html"),
        ("Ministry of Foreign Affairs: Visas", "http://127.0.0.1:9/visa/"),
        ("Immigration Services Agency", "http://127.0.0.1:9/immigration/"),
    ]
    photos = {
        placement.section.title: (placement.photo.caption, placement.photo.credit)
        for placement in PhotoPlacement.objects.select_related("photo", "section")
    }
    assert photos == {
        "Visas for Visitors": ("The Embassy Reception Hall", "Photo: Embassy of Japan"),
        "Working Holidays": ("The Signing of the Working Holiday Agreement", "Bettmann/CORBIS/Corbis Japan"),
        "Short Stays": ("Visa applications in 2009", ""),  # a figure's title, standing alone
    }
    assert all(not photo.image and photo.status == Status.DRAFT for photo in Photo.objects.all())

    event = Event.objects.get()
    assert (event.starts_on.isoformat(), event.status, event.section.title) == ("2010-03-01", "draft", "Short Stays")
    assert event.summary == (
        "On March 1 the embassy opened a new counter for short-stay visas at the chancery in Washington."
    )
    # The dated paragraph stays in the section's text; the event is only a suggestion beside it.
    assert section("Short Stays", page).body.startswith("March 1, 2010: On March 1")


def test_imported_photographs_wait_for_their_image_in_the_admin_and_never_show_publicly(tmp_path, client, staff_client):
    run_import(write(tmp_path, "consular.txt", LEGACY_TEXT))
    page = Section.objects.get(depth=1)
    Section.objects.filter(pk=page.pk).update(status=Status.PUBLISHED)
    # By mistake; both the column the constraint checks and the English column the pages read.
    described = {
        "alt_text": "Described",
        "alt_text_en": "Described",
        "credit": "Photo: Agency",
        "credit_en": "Photo: Agency",
    }
    Photo.objects.rewrite(False).update(status=Status.PUBLISHED, **described)

    soup = parse(client.get(page.get_absolute_url()))
    assert soup.select("figure") == []
    assert "Visas for Visitors" in text_of(soup)
    listing = parse(staff_client.get(reverse("admin:photos_photo_changelist")))
    assert text_of(listing).count("image missing") == 3
    change = parse(staff_client.get(reverse("admin:photos_photo_change", args=[Photo.objects.first().pk])))
    assert "image missing" in text_of(change)


def test_importing_the_same_document_again_updates_instead_of_duplicating(tmp_path):
    path = write(tmp_path, "consular.txt", LEGACY_TEXT)
    run_import(path)
    before = counts()
    page = Section.objects.get(depth=1)
    ids = dict(Section.objects.values_list("title", "pk"))

    output = run_import(path)
    assert counts() == before
    assert dict(Section.objects.values_list("title", "pk")) == ids
    assert "sections: 0 new, 0 updated, 4 unchanged" in output

    changed = LEGACY_TEXT.replace(
        "should contact the consular section at once", "should call the consular section at once"
    ).replace("* Immigration Services Agency", "* Immigration Services Agency (new name)")
    output = run_import(write(tmp_path, "consular.txt", changed))
    assert counts() == before
    assert "call the consular section" in section("Help for Residents", page).body
    renamed = RelatedLink.objects.get(url="http://127.0.0.1:9/immigration/")
    assert renamed.title == "Immigration Services Agency (new name)"
    assert "sections: 0 new, 1 updated, 3 unchanged" in output


def test_reimport_keeps_the_editors_publishing_choices_and_adds_new_sections_as_drafts(tmp_path):
    path = write(tmp_path, "consular.txt", LEGACY_TEXT)
    run_import(path)
    page = Section.objects.get(depth=1)
    page.status = Status.PUBLISHED
    page.save()
    extended = LEGACY_TEXT.replace(
        "\u00a0\n\nCopyright", "3. Lost Passports\n\nReport a lost passport at once.\n\n\u00a0\n\nCopyright"
    )
    run_import(write(tmp_path, "consular.txt", extended))
    page.refresh_from_db()
    assert page.status == Status.PUBLISHED
    assert section("Lost Passports", page).status == Status.DRAFT  # the page is public: nothing new goes live
    assert [title for title, _ in tree_of(page)] == ["Visas for Visitors", "Help for Residents", "Lost Passports"]


def test_reimport_puts_sections_in_the_documents_order(tmp_path):
    def document(*titles):
        return "# Order\n\n" + "".join(f"## {title}\n\nText of {title}.\n\n" for title in titles)

    run_import(write(tmp_path, "doc.md", document("First", "Second", "Third")))
    output = run_import(write(tmp_path, "doc.md", document("Third", "First", "Second")))
    page = Section.objects.get(depth=1)
    assert [title for title, _ in tree_of(page)] == ["Third", "First", "Second"]
    assert Section.objects.count() == 4 and Section.objects.find_problems() == ([], [], [], [], [])
    assert "put in the document's order" in output


def test_page_option_names_the_page(tmp_path):
    run_import(write(tmp_path, "consular.txt", LEGACY_TEXT), "--page", "consular")
    assert Section.objects.get(depth=1).slug == "consular"


def test_dry_run_prints_the_tree_and_counts_and_saves_nothing(tmp_path):
    output = run_import(write(tmp_path, "consular.txt", LEGACY_TEXT), "--dry-run")
    assert counts() == [0, 0, 0, 0, 0]
    assert "Consular Services Overview  [page /consular-services-overview/, created" in output
    assert "  1. Visas for Visitors  [new; 1 photo, 3 links]" in output
    assert "    (1) Short Stays  [new; 1 photo, 1 event]" in output
    assert "sections: 4 new" in output and "photos: 3 new" in output and "links: 3 new" in output
    assert "events: 1 new" in output and "Dry run: nothing was saved." in output


def test_markdown_document(tmp_path):
    run_import(write(tmp_path, "culture.md", LEGACY_MARKDOWN))
    page = Section.objects.get(depth=1)
    assert (page.title, page.publisher, page.dated.isoformat()) == (
        "Cultural Exchange Programs",
        "Embassy of Japan",
        "2011-04-01",
    )
    assert page.body == "This page lists the exchange programmes the embassy supports."
    assert tree_of(page) == [
        ("Student Exchanges", [("High School Programs", []), ("University Programs", [])]),
        ("Arts and Culture", []),
    ]
    students = section("Student Exchanges", page)
    # Markdown stays Markdown: the rendered text has the emphasis and the inline link.
    assert "<em>students</em>" in students.body_html and 'href="http://127.0.0.1:9/students/"' in students.body_html
    photo = Photo.objects.get()
    assert (photo.caption, photo.credit, photo.alt_text, photo.original_filename) == (
        "Welcome reception for exchange students",
        "Photo: Japan Foundation",
        "Students at a welcome reception",
        "students-2010.jpg",
    )
    assert list(students.related_links.values_list("title", "url")) == [
        ("Scholarships", "http://127.0.0.1:9/scholarships/")
    ]
    university = section("University Programs", page)
    assert list(university.related_links.values_list("url", flat=True)) == [
        "http://127.0.0.1:9/jf/",
        "http://127.0.0.1:9/jet/",
    ]
    assert Event.objects.get().starts_on.isoformat() == "2011-05-10"


def test_html_document(tmp_path):
    run_import(write(tmp_path, "science.html", LEGACY_HTML))
    page = Section.objects.get(depth=1)
    assert (page.title, page.publisher) == ("Science and Technology Cooperation", "Embassy of Japan")
    assert tree_of(page) == [
        ("Joint Research", [("Space", []), ("Energy", [])]),
        ("Science Diplomacy", []),
    ]
    research = section("Joint Research", page)
    assert research.body == "Researchers from both countries work together in **space**, energy and health."
    photo = Photo.objects.get()
    assert (photo.caption, photo.credit, photo.alt_text) == (
        "Researchers at a joint laboratory",
        "Photo: Ministry of Education",
        "Two researchers in a laboratory",
    )
    assert list(section("Space", page).related_links.values_list("title", "url")) == [
        ("Space agency", "http://127.0.0.1:9/space/")
    ]
    assert list(section("Science Diplomacy", page).related_links.values_list("title", "url")) == [
        ("Fellowships", "http://127.0.0.1:9/fellowships/")
    ]
    assert Event.objects.get().starts_on.isoformat() == "2012-06-03"
    everything = " ".join(Section.objects.values_list("body", flat=True))
    assert "tracking" not in everything and "Home" not in everything and "Copyright" not in everything


def test_html_with_bold_numbered_paragraphs_for_headings(tmp_path):
    run_import(write(tmp_path, "trade.htm", LEGACY_HTML_BOLD_HEADINGS))
    page = Section.objects.get(depth=1)
    assert page.title == "Trade Figures"
    assert tree_of(page) == [("Exports", [("Machinery", [])]), ("Imports", [])]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b" \n\n\t\n", "is empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG image"),
        ("data.bin", b"1. Title\x00\x00\x01\x02body", "binary file"),
        ("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "is a PDF file"),
        ("latin.txt", "1. Caf\u00e9 Services\n\nThe \u201cbest\u201d caf\u00e9.".encode("cp1252"), "not valid utf-8"),
        ("utf16.txt", "1. Title\n\nText.".encode("utf-16"), "UTF-16"),
        ("prose.txt", b"Just a paragraph of text.\n\nAnd another one, with no headings.", "No section headings"),
        ("broken.json", b'{"format": "embassy-site-export", "pages": [', "not valid JSON"),
        ("other.json", b'{"hello": "world"}', "not an export of this site"),
    ],
)
def test_malformed_input_is_refused_clearly_and_creates_nothing(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError) as error:
        run_import(path)
    assert message.lower() in str(error.value).lower()
    assert "Nothing was imported" in str(error.value)
    assert counts() == [0, 0, 0, 0, 0]


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="No file at"):
        run_import(tmp_path / "nowhere.txt")


def test_another_encoding_can_be_named(tmp_path):
    text = "1. Caf\u00e9 Services\n\nThe \u201cbest\u201d caf\u00e9 in town serves visitors every day of the week."
    run_import(write(tmp_path, "latin.txt", text, encoding="cp1252"), "--encoding", "cp1252")
    assert Section.objects.get(depth=2).title == "Caf\u00e9 Services"


def test_a_failure_part_way_leaves_nothing_behind(tmp_path):
    """A JSON export whose second page is damaged: the first page must not stay half-imported."""
    damaged = (
        '{"format": "embassy-site-export", "version": 1, "photos": [], "pages": ['
        '{"title": "Fine", "slug": "fine", "status": "draft", "children": [], "photos": [], "links": [], "events": []},'
        '{"title": "Damaged", "status": "draft", "children": []}]}'
    )
    with pytest.raises(CommandError, match="page 2: slug: This field cannot be blank"):
        run_import(write(tmp_path, "damaged.json", damaged))
    assert counts() == [0, 0, 0, 0, 0]


@pytest.mark.parametrize("bomb", ["- " * 500 + "x", "[" * 8000])
def test_markdown_that_cannot_be_shown_is_refused_on_one_line_naming_its_section(tmp_path, bomb):
    text = f"# Relations\n\n## Security\n\nAn ordinary paragraph.\n\n{bomb}\n"
    with pytest.raises(CommandError) as error:
        run_import(write(tmp_path, "bomb.md", text))
    # Checked with the section's other fields, as the admin checks it: one line among the file's problems.
    first, *problems = str(error.value).splitlines()
    assert first == "Nothing was imported. 1 problem in the file:"
    assert len(problems) == 1 and problems[0].startswith("  section “Security”: body: ")
    assert counts() == [0, 0, 0, 0, 0]
