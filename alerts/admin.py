"""Alerts in the admin: counts for staff, addresses for superusers alone.

Editors and publishers see each alert with how many messages were sent, failed and are pending; subscribers'
addresses are personal data, shown to nobody but superusers (who answer people's requests about their data).
"""

from django.contrib import admin
from django.db.models import Count, Q

from .models import Alert, MessageState, Subscriber

WAITING = [MessageState.PENDING, MessageState.SENDING]


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["subject_en", "kind", "created_at", "send_after", "sent", "failed", "pending"]
    list_filter = ["kind"]
    date_hierarchy = "created_at"
    fields = ["kind", "subject_en", "subject_ja", "text_en", "text_ja", "path", "created_at", "send_after",
              "created_by", "sent", "failed", "pending"]  # fmt: skip
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                sent_count=Count("messages", filter=Q(messages__state=MessageState.SENT), distinct=True),
                failed_count=Count("messages", filter=Q(messages__state=MessageState.FAILED), distinct=True),
                pending_count=Count(
                    "messages",
                    filter=Q(messages__state__in=[MessageState.PENDING, MessageState.SENDING]),
                    distinct=True,
                ),
                digest_count=Count("digest_entries", filter=Q(digest_entries__message__isnull=True), distinct=True),
            )
        )

    @admin.display(description="sent", ordering="sent_count")
    def sent(self, alert):
        return alert.sent_count

    @admin.display(description="failed", ordering="failed_count")
    def failed(self, alert):
        return alert.failed_count

    @admin.display(description="pending (incl. digests)")
    def pending(self, alert):
        return alert.pending_count + alert.digest_count

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Superusers only: to answer a person's request, or remove an address."""

    list_display = ["email", "language", "created_at", "confirmed_at", "unsubscribed_at"]
    search_fields = ["email"]
    readonly_fields = ["email", "created_at", "confirmed_at", "unsubscribed_at", "confirmation_sent_at"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
