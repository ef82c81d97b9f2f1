from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from embassy.chrome import get_site_chrome
from embassy.seo import PageMeta, describe, home_crumb

from . import structured_data
from .models import Section
from .tree import build_page_tree


def is_home_page(page):
    return page.pk == get_site_chrome().home_page_id


def page_path(page):
    """Where a page lives: the home page's canonical address is the site's root."""
    return reverse("sections:home") if is_home_page(page) else page.get_absolute_url()


def render_page(request, page, *, at_home=False):
    tree = build_page_tree(page)
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
        "breadcrumbs": [] if at_home else [home_crumb(), (page.title, None)],
    }
    return render(request, "sections/page_detail.html", context)


def home(request):
    home_page_id = get_site_chrome().home_page_id
    if home_page_id is None:
        raise Http404("No page has been published yet.")
    page = get_object_or_404(Section.objects.pages().public(), pk=home_page_id)
    return render_page(request, page, at_home=True)


def page_detail(request, slug):
    page = get_object_or_404(Section.objects.pages().public(), slug=slug)
    return render_page(request, page)


def section_detail(request, page_slug, slug):
    """One top-level section of a page, alone with its subsections, between links to its neighbours."""
    page = get_object_or_404(Section.objects.pages().public(), slug=page_slug)
    tree = build_page_tree(page)
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
        "breadcrumbs": [home_crumb(), (page.title, page_path(page)), (section.title, None)],
    }
    return render(request, "sections/section_detail.html", context)
