"""The "Awaiting review" panel on the admin home page, for publishers."""

from django import template
from django.urls import reverse

from publishing.models import Status
from publishing.registry import publish_permission, publishable_models

register = template.Library()

PANEL_ROWS = 10


@register.inclusion_tag("admin/includes/awaiting_review.html", takes_context=True)
def awaiting_review(context):
    user = getattr(context.get("request"), "user", None)
    groups = []
    for model in publishable_models():
        if user is None or not user.has_perm(publish_permission(model)):
            continue
        waiting = model._default_manager.filter(status=Status.REVIEW).order_by("-updated_at")
        opts = model._meta
        groups.append(
            {
                "label": opts.verbose_name_plural.capitalize(),
                "items": [
                    (item, reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]))
                    for item in waiting[:PANEL_ROWS]
                ],
                "count": waiting.count(),
                "list_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?status__exact=review",
            }
        )
    return {"groups": groups}
