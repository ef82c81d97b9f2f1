from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from embassy.chrome import get_site_chrome
from embassy.decorators import staff_required

from .models import ChangeNote, Section, ShareLink
from .tree import build_page_tree


def render_page(request, page, preview=None):
    """The page view. ``preview`` (a short description) shows drafts too, marked, and keeps search engines out."""
    tree = build_page_tree(page, include_drafts=preview is not None)
    context = {
        "page": page,
        "tree": tree,
        "change_notes": ChangeNote.objects.filter(page=page)[:20],
        "preview": preview,
    }
    response = render(request, "sections/page_detail.html", context)
    if preview is not None:
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
    return response


def home(request):
    home_page_id = get_site_chrome().home_page_id
    if home_page_id is None:
        raise Http404("No page has been published yet.")
    page = get_object_or_404(Section.objects.pages().public(), pk=home_page_id)
    return render_page(request, page)


def page_detail(request, slug):
    page = get_object_or_404(Section.objects.pages().public(), slug=slug)
    return render_page(request, page)


@staff_required("sections.view_section")
def preview_section(request, pk):
    """Staff see any page or section, drafts included, exactly as it will look."""
    section = get_object_or_404(Section.objects.select_related("page"), pk=pk)
    return render_page(request, section.page or section, preview="Preview: drafts are shown.")


def shared_page(request, token):
    """A draft page shown to whoever holds an unexpired, unrevoked share link."""
    share_link = get_object_or_404(ShareLink.objects.active().select_related("page"), token=token)
    expires = timezone.localtime(share_link.expires_at).strftime("%-d %B %Y, %H:%M")
    return render_page(
        request, share_link.page, preview=f"Shared preview, not public. This link works until {expires}."
    )
