"""The "Needs attention" panel on the admin home page: reviews that are overdue and links that fail."""

from django import template
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from contentops.models import CheckedURL
from sections.models import Section

register = template.Library()

PANEL_ROWS = 10


@register.inclusion_tag("contentops/admin_attention.html", takes_context=True)
def content_attention(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    today = timezone.localdate()
    panel = {"today": today, "show_reviews": False, "show_links": False}
    if user is None:
        return panel
    if user.has_perm("sections.view_section"):
        overdue = Section.objects.filter(review_by__lt=today).select_related("page").order_by("review_by", "path")
        panel.update(
            show_reviews=True,
            overdue=list(overdue[:PANEL_ROWS]),
            overdue_count=overdue.count(),
            overdue_url=reverse("admin:sections_section_changelist") + "?review=overdue",
        )
    if user.has_perm("contentops.view_checkedurl"):
        broken = CheckedURL.objects.broken().order_by("url")
        panel.update(
            show_links=True,
            broken=list(broken[:PANEL_ROWS]),
            broken_count=broken.count(),
            redirected_count=CheckedURL.objects.redirected().count(),
            broken_url=reverse("admin:contentops_checkedurl_changelist") + "?result=broken",
            redirected_url=reverse("admin:contentops_checkedurl_changelist") + "?result=redirected",
            last_checked=CheckedURL.objects.aggregate(last=Max("checked_at"))["last"],
        )
    return panel
