"""The "Awaiting review" panel on the admin home page, for publishers: new items submitted for review and
changes to published items (their drafts) submitted for review."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse

from publishing.models import Draft, DraftState, Status
from publishing.registry import edition_models, publish_permission

register = template.Library()

PANEL_ROWS = 10


@register.inclusion_tag("admin/includes/awaiting_review.html", takes_context=True)
def awaiting_review(context):
    user = getattr(context.get("request"), "user", None)
    groups = []
    for model in edition_models():
        if user is None or not user.has_perm(publish_permission(model)):
            continue
        submitted = Draft.objects.filter(item_type=ContentType.objects.get_for_model(model), state=DraftState.REVIEW)
        changed_at = dict(submitted.values_list("item_id", "updated_at"))
        waiting = Q(pk__in=submitted.values("item_id"))
        if any(field.name == "status" for field in model._meta.concrete_fields):
            waiting |= Q(status=Status.REVIEW)
        rows = model._default_manager.filter(waiting).order_by("-pk")
        opts = model._meta
        items = [
            {
                "item": item,
                "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]),
                "what": "changes" if item.pk in changed_at else "new",
                "at": changed_at.get(item.pk) or getattr(item, "updated_at", None),
            }
            for item in rows[:PANEL_ROWS]
        ]
        groups.append(
            {
                "label": opts.verbose_name_plural.capitalize(),
                "items": items,
                "count": rows.count(),
                "list_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?state=review",
            }
        )
    return {"groups": groups}
