"""The "Awaiting review" panel on the admin home page, for publishers."""

from django import template
from django.urls import reverse

from embassy.models import Status

register = template.Library()

PANEL_ROWS = 10


@register.inclusion_tag("admin/includes/awaiting_review.html", takes_context=True)
def awaiting_review(context):
    from events.models import Event
    from photos.models import Photo
    from sections.models import Section

    user = getattr(context.get("request"), "user", None)
    groups = []
    for model, permission in [(Section, "sections.publish_section"), (Event, "events.publish_event"),
                              (Photo, "photos.publish_photo")]:  # fmt: skip
        if user is None or not user.has_perm(permission):
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
