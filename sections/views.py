from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from closures.models import Closure
from events.models import Event
from markup.dates import format_moment
from photos.models import Photo, PhotoPlacement
from publishing.models import ChangeNote
from publishing.pagecache import page_number, page_of, query_parameters
from publishing.roles import staff_required
from publishing.services import previewing
from sitewide.languages import UNTRANSLATED_PAGE, hides_untranslated, is_untranslated, language_codes
from sitewide.seo import PageMeta, describe, home_crumb

from . import structured_data
from .chrome import get_site_chrome
from .models import Section, ShareLink
from .tree import build_page_tree, public_page_tree


def is_home_page(page):
    return page.pk == get_site_chrome().home_page_id


def page_path(page):
    """Where a page lives: the home page's canonical address is the site's root."""
    return reverse("sections:home") if is_home_page(page) else page.get_absolute_url()


def trail_to(page):
    """The breadcrumbs down to ``page`` (linked): each step leads somewhere else. The home page is the site's
    root, so its own crumb is "Home" itself, named by its title, rather than a second link to the same address."""
    if is_home_page(page):
        return [(page.title, reverse("sections:home"))]
    return [home_crumb(), (page.title, page.get_absolute_url())]


def render_page(request, page, *, tree=None, at_home=False, preview=None):
    """The page view. ``preview`` (a short notice) shows drafts too, marked, and keeps search engines out."""
    tree = tree or build_page_tree(page, include_drafts=preview is not None)
    path = page_path(page)
    photo = tree.first_photo()
    site_name = get_site_chrome().embassy_name
    description = describe(page.summary, page.body_html)
    meta = PageMeta(
        title=page.title,
        description=description,
        path=path,
        og_type="article",
        image=photo,
        structured_data=[
            structured_data.article(
                request,
                page=page,
                title=page.title,
                description=description,
                url=request.build_absolute_uri(path),
                photo=photo,
                site_name=site_name,
            )
        ],
    )
    context = {
        "page": page,
        "tree": tree,
        "meta": meta,
        "breadcrumbs": [] if at_home or is_home_page(page) else [home_crumb(), (page.title, None)],
        "change_notes": ChangeNote.objects.public().filter(page=page)[:20],
        "preview": preview,
    }
    hidden_in = hidden_translations(page)
    hidden_here = translation.get_language() in hidden_in
    if hidden_in:
        meta.languages = tuple(code for code in language_codes() if code not in hidden_in)
    if hidden_here:  # nothing of the English in the page's head either
        meta.title = meta.description = str(UNTRANSLATED_PAGE)
        meta.image, meta.structured_data, meta.noindex = None, [], True
        context["breadcrumbs"] = []
    response = render(request, "sections/page_detail.html", context)
    if hidden_here:
        # Not translated, and the site leaves untranslated text out: the Japanese address has no page. The
        # reader is told so and given the English (includes/untranslated_page.html); search engines see a 404.
        response.status_code = 404
    if preview is not None:
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
    return response


def hidden_translations(page):
    """The languages whose site leaves ``page`` out: not translated into them, with the setting "hide"."""
    if not hides_untranslated(get_site_chrome().untranslated_content):
        return ()
    return tuple(code for code in language_codes() if is_untranslated(page, code))


@query_parameters()
def home(request):
    home_page_id = get_site_chrome().home_page_id
    if home_page_id is None:
        raise Http404("No page has been published yet.")
    tree = public_page_tree(pk=home_page_id)
    if tree is None:
        raise Http404("No page has been published yet.")
    return render_page(request, tree.page, tree=tree, at_home=True)


@query_parameters()
def page_detail(request, slug):
    tree = public_page_tree(slug=slug)
    if tree is None:
        return redirect(page_path(find_renamed_page(slug)), permanent=True)
    return render_page(request, tree.page, tree=tree)


def find_renamed_page(former_slug):
    """The public page once called ``former_slug``, so that links to its old address still arrive; else 404.

    Asked only when no page has the slug now (a current slug always wins). Pages are few and renames
    rarer, so their former slugs are compared here rather than by a JSON lookup that SQLite lacks.
    """
    renamed = (
        Section.objects.pages().public().exclude(former_slugs=[]).only("pk", "path", "depth", "slug", "former_slugs")
    )
    page = next((page for page in renamed if former_slug in page.former_slugs), None)
    if page is None:
        raise Http404("No such page, or it is not published.")
    return page


def render_draft_page(request, page, preview):
    """The page as it will look once its drafts are published: sections never published and the pending
    changes of published ones (with their photographs and events) shown, marked as a preview."""
    sections = Section.objects.get_tree(page)
    events = Event.objects.filter(section__in=sections)
    photos = Photo.objects.filter(Q(placements__section__in=sections) | Q(placements__event__in=events))
    with previewing(sections, events, photos):
        page = Section.objects.select_related("page").get(pk=page.pk)  # as drafted
        return render_page(request, page, preview=preview)


@staff_required("sections.view_section")
def preview_section(request, pk):
    """Staff see any page or section, drafts included, exactly as it will look."""
    section = get_object_or_404(Section.objects.select_related("page"), pk=pk)
    return render_draft_page(request, section.page or section, "Preview: drafts and unpublished changes are shown.")


def shared_page(request, token):
    """A draft page shown to whoever holds an unexpired, unrevoked share link."""
    share_link = get_object_or_404(ShareLink.objects.active().select_related("page"), token=token)
    expires = format_moment(share_link.expires_at)
    return render_draft_page(request, share_link.page, f"Shared preview, not public. This link works until {expires}.")


@query_parameters()
def section_detail(request, page_slug, slug):
    """One top-level section of a page, alone with its subsections, between links to its neighbours."""
    tree = public_page_tree(slug=page_slug)
    if tree is None:
        renamed = find_renamed_page(page_slug)
        return redirect("sections:section", page_slug=renamed.slug, slug=slug, permanent=True)
    page = tree.page
    previous, node, following = tree.find(slug)
    if node is None:
        renamed = tree.find_former(slug)
        if renamed is not None:
            return redirect(renamed.section.get_own_url(), permanent=True)
        raise Http404("No such section, or it is not published.")
    for shown in node.walk():
        shown.heading_shift = 1  # the section's own title is this page's h1
    section = node.section
    url = request.build_absolute_uri(section.get_own_url())
    photo = node.first_photo()
    description = describe(section.summary, section.body_html)
    meta = PageMeta(
        title=f"{node.number} {section.title} – {page.title}",
        description=description,
        og_type="article",
        image=photo,
        structured_data=[
            structured_data.article(
                request,
                page=page,
                title=section.title,
                description=description,
                url=url,
                photo=photo,
                part_of=(page.title, request.build_absolute_uri(page_path(page))),
                site_name=get_site_chrome().embassy_name,
            )
        ],
    )
    context = {
        "page": page,
        "node": node,
        "previous": previous,
        "next": following,
        "meta": meta,
        "page_url": page_path(page),
        "breadcrumbs": [*trail_to(page), (section.title, None)],
    }
    return render(request, "sections/section_detail.html", context)


CREDITS_PER_PAGE = 50


@query_parameters(page=page_number)
def photo_credits(request):
    """Every public photograph with its credit and licence, and the public places it appears."""
    placements = PhotoPlacement.objects.select_related("section__page", "event").order_by("position", "pk")
    photos = Photo.objects.public().order_by("caption", "pk").prefetch_related(Prefetch("placements", placements))
    page_obj = page_of(request, photos, CREDITS_PER_PAGE)
    entries = list(page_obj.object_list)
    all_placements = [placement for photo in entries for placement in photo.placements.all()]
    visible = set(
        Section.objects.visible()
        .filter(pk__in=[p.section_id for p in all_placements if p.section_id])
        .values_list("pk", flat=True)
    )
    for photo in entries:
        photo.public_places = [
            placement
            for placement in photo.placements.all()
            if (placement.section_id in visible) or (placement.event_id and placement.event.is_public())
        ]
    return render(request, "photos/photo_credits.html", {"page_obj": page_obj, "photos": entries})


@query_parameters()
def contact(request):
    """How to reach the embassy (address and telephone lines, from the site settings) and its coming closures.

    A closure leaves the list when its day is over: that moment is in the site's schedule (``schedule_fields``),
    so a cached copy of this page never lists a past closure.
    """
    closures = list(Closure.objects.upcoming())
    title = gettext("Contact and office closures")
    meta = PageMeta(
        title=title,
        description=gettext("The embassy's address and telephone numbers, and the days its offices are closed."),
        path=reverse("sections:contact"),
    )
    context = {"closures": closures, "meta": meta, "breadcrumbs": [home_crumb(), (title, None)]}
    return render(request, "sections/contact.html", context)
